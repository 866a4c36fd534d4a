import {realpathSync} from 'node:fs';
import {basename, dirname, isAbsolute, join, relative, sep} from 'node:path';
import type {Invocation} from '../cli/args.js';
import {PreflightError, withinLimitsAsync} from '../errors.js';
import {mergeDatabases, type MergeResult} from '../model/merge.js';
import type {Answer, Database} from '../model/schemas.js';
import {conflictAnswerText} from '../model/conflicts.js';
import {reviewName} from '../model/review.js';
import {statusLooks} from '../model/vocabulary.js';
import {resolveDbPath} from '../store/database.js';
import {writeFileDurably} from '../store/durable-write.js';
import {realTarget} from '../store/files.js';
import {parseDatabaseText, serializeDatabase} from '../store/validated-file.js';
import {repositoryRoot, runGit} from '../system/git-command.js';
import {readUserFile} from '../system/read-text.js';
import {print} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/**
 * A database's text as read from a file or from git, parsed and validated (a
 * large one with the compiled schemas, as the store reads it); empty text is
 * none (no common base).
 */
async function databaseOf(
	text: string,
	name: string,
	emptyIsNone: boolean,
): Promise<Database | undefined> {
	if (emptyIsNone && text.trim() === '') return undefined;
	return withinLimitsAsync(
		`database ${sanitizeLine(name)}`,
		async () => (await parseDatabaseText(text, name)).data,
	);
}

function readDatabase(path: string, emptyIsNone: boolean): Promise<Database | undefined> {
	return databaseOf(readUserFile(path, 'database'), path, emptyIsNone);
}

/** The three versions, read and checked before anything is written. */
async function mergeFiles(basePath: string, oursPath: string, theirsPath: string) {
	const base = await readDatabase(basePath, true);
	const ours = await readDatabase(oursPath, false);
	const theirs = await readDatabase(theirsPath, false);
	return mergeDatabases(base, ours!, theirs!);
}

/**
 * "✔ pass by Ann", "○ pending (cleared)": an answer of a conflict, with whoever
 * signed it, in the words the conflict's blocker uses.
 */
function answerText(answer: Answer): string {
	return `${statusLooks[answer.status].glyph} ${conflictAnswerText(answer)}`;
}

/** One line per item that became a conflict, then the merge's notes. */
function report(result: MergeResult): void {
	for (const c of result.conflicts) {
		print(`conflict: ${reviewName(c)} · ${c.item}: ${c.answers.map(answerText).join(' · ')}`);
	}
	for (const note of result.notes) print(`note: ${note}`);
}

function conflictCount(result: MergeResult): string {
	const n = result.conflicts.length;
	return n === 0 ? 'no conflicts' : `${n} item${n === 1 ? '' : 's'} in conflict`;
}

/**
 * `preflight merge BASE OURS THEIRS --out FILE`, or `preflight merge --git`:
 * two versions of the database merged item by item against their base.
 */
export async function run(inv: Invocation): Promise<number> {
	const {flags, positionals} = inv;
	if (flags.git) {
		if (positionals.length > 0)
			throw new PreflightError(
				"merge --git takes no files: it reads the three versions from git's index; see preflight merge --help",
			);
		if (flags.out !== undefined)
			throw new PreflightError('--out does not go with --git: the database is resolved in place');
		return mergeInGit(flags.db);
	}
	const [basePath, oursPath, theirsPath] = positionals;
	if (!basePath || !oursPath || !theirsPath)
		throw new PreflightError(
			'usage: preflight merge BASE OURS THEIRS --out FILE, or preflight merge --git; see preflight merge --help',
		);
	const out = flags.out;
	if (out === undefined)
		throw new PreflightError('merge needs --out FILE: where to write the merged database');
	const result = await mergeFiles(basePath, oursPath, theirsPath);
	await writeFileDurably(out, serializeDatabase(result.database));
	print(`merged into ${out}: ${conflictCount(result)}`);
	report(result);
	return 0;
}

/**
 * `preflight merge-driver %O %A %B`, as git runs it: the merged database
 * written into %A. Items in conflict are data, not a failed merge (exit 0);
 * a version that cannot be read or is not a valid database stops it before
 * anything is written (exit 2), and git shows its own conflict.
 */
export async function driver(inv: Invocation): Promise<number> {
	const [basePath = '', oursPath = '', theirsPath = ''] = inv.positionals;
	const result = await mergeFiles(basePath, oursPath, theirsPath);
	await writeFileDurably(oursPath, serializeDatabase(result.database));
	if (result.conflicts.length) print(`preflight: merged the database: ${conflictCount(result)}`);
	report(result);
	return 0;
}

/**
 * The database's path inside the repository at `root`, with `/` between its
 * parts as git names it; links resolved on both sides (the database may not
 * exist yet: its nearest existing folder is resolved).
 */
function pathInRepository(root: string, path: string): string | undefined {
	let existing = path;
	const rest: string[] = [];
	for (;;) {
		try {
			existing = realpathSync(existing);
			break;
		} catch {
			const parent = dirname(existing);
			if (parent === existing) return undefined;
			rest.unshift(basename(existing));
			existing = parent;
		}
	}
	const rel = relative(realpathSync(root), join(existing, ...rest));
	if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
	return rel.split(sep).join('/');
}

/** The repository's root and the database's path in it; one line when there is none. */
export async function databaseInRepository(
	db: string | undefined,
	what: string,
): Promise<{root: string; dbPath: string; inRepo: string}> {
	const root = await repositoryRoot(process.cwd());
	if (!root)
		throw new PreflightError(
			`not inside a git repository: run preflight ${what} in the repository that holds the database`,
		);
	const dbPath = realTarget(resolveDbPath(db));
	const inRepo = pathInRepository(root, dbPath);
	if (!inRepo)
		throw new PreflightError(
			`database ${sanitizeLine(dbPath)} is not inside the repository at ${sanitizeLine(root)}`,
		);
	return {root, dbPath, inRepo};
}

/** The stages git's index holds for `path` while it is unmerged (1 base, 2 ours, 3 theirs). */
async function unmergedStages(root: string, path: string): Promise<Set<number>> {
	const r = await runGit(['ls-files', '--unmerged', '-z', '--', path], root);
	if (r.code !== 0)
		throw new PreflightError(`git ls-files failed: ${sanitizeLine(r.stderr.split('\n')[0] ?? '')}`);
	const stages = new Set<number>();
	for (const entry of r.stdout.split('\0')) {
		const m = /^\d+ [0-9a-f]+ ([123])\t/.exec(entry);
		if (m) stages.add(Number(m[1]));
	}
	return stages;
}

/** The unmerged files of git's index that `.gitattributes` gives to preflight's merge driver. */
async function unmergedDatabases(root: string): Promise<string[]> {
	const listed = await runGit(['ls-files', '--unmerged', '-z'], root);
	if (listed.code !== 0) return [];
	const paths = [
		...new Set(
			listed.stdout
				.split('\0')
				.map((entry) => /^\d+ [0-9a-f]+ [123]\t(.*)$/s.exec(entry)?.[1])
				.filter((path): path is string => path !== undefined),
		),
	];
	if (paths.length === 0) return [];
	const attrs = await runGit(['check-attr', '-z', 'merge', '--', ...paths], root);
	if (attrs.code !== 0) return [];
	// -z: path, attribute, value, each ended by NUL.
	const fields = attrs.stdout.split('\0');
	const out: string[] = [];
	for (let i = 0; i + 2 < fields.length; i += 3)
		if (fields[i + 2] === 'preflight') out.push(fields[i]!);
	return out;
}

async function stageText(root: string, path: string, stage: number): Promise<string> {
	const r = await runGit(['show', `:${stage}:${path}`], root);
	if (r.code !== 0)
		throw new PreflightError(
			`git show :${stage}:${sanitizeLine(path)} failed: ${sanitizeLine(r.stderr.split('\n')[0] ?? '')}`,
		);
	return r.stdout;
}

/**
 * Where git stopped on the database (the same lines changed on both sides),
 * merges its three versions from the index as the driver would have, writes
 * the result in place and stages it.
 */
async function mergeInGit(db: string | undefined): Promise<number> {
	const found = await databaseInRepository(db, 'merge --git');
	const {root} = found;
	let {dbPath, inRepo} = found;
	let stages = await unmergedStages(root, inRepo);
	// Not named, and not where this folder's default puts it (run from a
	// subfolder of the repository): the one unmerged file git merges with preflight.
	if (stages.size === 0 && db === undefined && !process.env.PREFLIGHT_DB) {
		const marked = await unmergedDatabases(root);
		if (marked.length > 1)
			throw new PreflightError(
				`git is stopped on ${marked.length} databases (${marked.map(sanitizeLine).join(', ')}); name one with --db`,
			);
		if (marked[0] !== undefined) {
			inRepo = marked[0];
			dbPath = join(root, ...inRepo.split('/'));
			stages = await unmergedStages(root, inRepo);
		}
	}
	if (stages.size === 0)
		throw new PreflightError(
			`${sanitizeLine(inRepo)} is not unmerged in git's index: git is not stopped on it in a merge or rebase, so there is nothing to resolve`,
		);
	if (!stages.has(2) || !stages.has(3))
		throw new PreflightError(
			`${sanitizeLine(inRepo)}: git's index lacks ${stages.has(2) ? 'their' : 'our'} version (the database was deleted on one side); keep one with git checkout --ours or --theirs`,
		);
	const base = stages.has(1) ? await stageText(root, inRepo, 1) : '';
	const ours = await stageText(root, inRepo, 2);
	const theirs = await stageText(root, inRepo, 3);
	const result = mergeDatabases(
		await databaseOf(base, `${inRepo} (base, :1:)`, true),
		(await databaseOf(ours, `${inRepo} (ours, :2:)`, false))!,
		(await databaseOf(theirs, `${inRepo} (theirs, :3:)`, false))!,
	);
	await writeFileDurably(dbPath, serializeDatabase(result.database));
	const added = await runGit(['add', '--', inRepo], root);
	if (added.code !== 0)
		throw new PreflightError(
			`merged ${sanitizeLine(inRepo)}, but git add failed: ${sanitizeLine(added.stderr.split('\n')[0] ?? '')}`,
		);
	print(`resolved ${inRepo} and staged it: ${conflictCount(result)}`);
	report(result);
	if (result.conflicts.length)
		print('each conflict blocks the verdict until a reviewer picks an answer or answers afresh');
	return 0;
}
