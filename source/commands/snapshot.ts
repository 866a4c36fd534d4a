import {resolve} from 'node:path';
import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {renderJunit} from '../report/junit.js';
import {renderMarkdown} from '../report/markdown.js';
import {checkOutFile} from '../report/out-file.js';
import {buildSnapshot, checkSnapshot} from '../report/snapshot.js';
import {
	snapshotJson,
	snapshotStem,
	writeSnapshotFiles,
	writeSnapshotPair,
} from '../report/write.js';
import {snapshotsDir} from '../store/database.js';
import {writeFileDurably} from '../store/durable-write.js';
import {now} from '../system/clock.js';
import {print, printError} from '../terminal/print.js';
import {judgeReview, renameNotes} from './common.js';

const extensions = {json: 'json', md: 'md', junit: 'xml'} as const;

/**
 * `preflight snapshot`: json (default) writes the .json and .md pair into the
 * snapshots folder beside the database; md and junit write one file; names are
 * `<system>-<release>-<UTC timestamp>` and never taken twice (see
 * writeSnapshotFiles). `--out FILE` writes exactly that file, within the limits
 * of checkOutFile (`--force` for an existing file that is not a snapshot).
 * Prints the path(s).
 */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const format = flags.format ?? 'json';
	// The parser already refuses it (this command's row names its formats); this tells the compiler.
	if (format === 'yaml') throw new PreflightError('--format must be one of json, md, junit');
	if (flags.force && !flags.out)
		throw new PreflightError('--force goes with --out (new snapshot files never replace anything)');
	const generatedAt = now();
	const {review, loaded, dbPath, evaluation, asOf, proposals} = await judgeReview(
		flags,
		generatedAt,
	);
	// stdout is the paths written; answers waiting to be re-attached (not in the
	// snapshot: they are not judged) are said on stderr once it is written.
	const written = (...paths: string[]) => {
		print(...paths);
		for (const line of renameNotes(review, proposals)) printError(line);
		return 0;
	};
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
		checkOutFile(flags.out, out, dbPath, flags.force === true);
		await checkSnapshot(snapshot);
		await writeFileDurably(out, render(snapshot));
		return written(out);
	}
	const dir = snapshotsDir(dbPath);
	if (format === 'json') {
		const paths = await writeSnapshotPair(snapshot, dir, judgedAt);
		return written(paths.json, paths.markdown);
	}
	await checkSnapshot(snapshot);
	const [path] = await writeSnapshotFiles(dir, snapshotStem(snapshot), [
		{ext: extensions[format], content: render(snapshot)},
	]);
	return written(path ?? '');
}
