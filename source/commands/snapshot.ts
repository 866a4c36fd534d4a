import {existsSync} from 'node:fs';
import {PreflightError} from '../errors.js';
import {dirname, join, resolve} from 'node:path';
import type {Invocation} from '../cli/args.js';
import {renderJunit} from '../report/junit.js';
import {renderMarkdown} from '../report/markdown.js';
import {buildSnapshot, checkSnapshot} from '../report/snapshot.js';
import {fileSlug, fileTimestamp, snapshotJson, writeSnapshotPair} from '../report/write.js';
import {snapshotsDir} from '../store/database.js';
import {writeFileDurably} from '../store/durable-write.js';
import {realTarget, targetProblem, type TargetProblem} from '../store/files.js';
import {now} from '../system/clock.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {judgeReview, print} from './common.js';

const extensions = {json: 'json', md: 'md', junit: 'xml'} as const;

const outAdvice: Record<TargetProblem['kind'], string> = {
	folder: 'name a file',
	special: 'name a regular file',
	'read-only': 'make it writable or name another file',
};

/**
 * Refuses an `--out` that cannot be written, before anything is: a missing
 * folder (a typo must not create a tree of folders), a folder, a device, FIFO
 * or socket (`/dev/null` would be replaced by a file), a read-only file. A
 * symbolic link is judged by the file it leads to, which is what gets written.
 */
function checkOut(given: string, out: string): void {
	const target = realTarget(out);
	if (!existsSync(dirname(target)))
		throw new PreflightError(
			`--out ${sanitizeLine(given)}: no such folder ${sanitizeLine(dirname(target))}`,
		);
	const problem = targetProblem(target);
	if (problem)
		throw new PreflightError(
			`--out ${sanitizeLine(given)} ${problem.text}; ${outAdvice[problem.kind]}`,
		);
}

/**
 * `preflight snapshot`: json (default) writes the .json and .md pair into the
 * snapshots folder beside the database; md and junit write one file; `--out FILE`
 * writes exactly that file. Prints the path(s).
 */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const format = flags.format ?? 'json';
	const generatedAt = now();
	const {review, loaded, dbPath, evaluation, asOf} = await judgeReview(flags, generatedAt);
	const snapshot = buildSnapshot(evaluation, review, loaded, generatedAt);
	// The JSON format (formatVersion 1) has no field for it; Markdown and JUnit say it.
	const judgedAt = flags['as-of'] === undefined ? undefined : asOf;
	const render = {
		json: snapshotJson,
		md: (s: typeof snapshot) => renderMarkdown(s, judgedAt),
		junit: (s: typeof snapshot) => renderJunit(s, judgedAt),
	}[format];
	if (flags.out) {
		const out = resolve(flags.out);
		checkOut(flags.out, out);
		await checkSnapshot(snapshot);
		await writeFileDurably(out, render(snapshot));
		print(sanitizeLine(out));
		return 0;
	}
	const dir = snapshotsDir(dbPath);
	if (format === 'json') {
		const paths = await writeSnapshotPair(snapshot, dir, judgedAt);
		print(sanitizeLine(paths.json));
		print(sanitizeLine(paths.markdown));
		return 0;
	}
	const stem = `${fileSlug(snapshot.review.system)}-${fileTimestamp(generatedAt)}`;
	const ext = extensions[format];
	let path = join(dir, `${stem}.${ext}`);
	for (let n = 2; existsSync(path); n++) path = join(dir, `${stem}-${n}.${ext}`);
	await checkSnapshot(snapshot);
	await writeFileDurably(path, render(snapshot));
	print(sanitizeLine(path));
	return 0;
}
