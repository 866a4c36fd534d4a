import {chmodSync, existsSync, realpathSync} from 'node:fs';
import {join} from 'node:path';
import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {writeFileDurably} from '../store/durable-write.js';
import {runGit} from '../system/git-command.js';
import {readUserFile} from '../system/read-text.js';
import {print} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {databaseInRepository} from './merge.js';

/** What git's configuration names the driver (merge.preflight.name). */
const driverName = 'preflight: reviews merged item by item';

/** A word for sh, as git runs a merge driver through the shell. */
function shellQuote(word: string): string {
	return /^[A-Za-z0-9_./:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The database's path as a .gitattributes pattern: as it is, or in double
 * quotes when it holds a space. Characters a pattern would read as a wildcard
 * or an escape are refused rather than guessed at.
 */
function attributePattern(path: string): string {
	if (/[*?[\]\\"\t\n\r!#]/.test(path) || /^\s|\s$/.test(path))
		throw new PreflightError(
			`the database's path in the repository, ${sanitizeLine(path)}, holds characters a .gitattributes line cannot name plainly; use another --db`,
		);
	return path.includes(' ') ? `"${path}"` : path;
}

/** The command git runs to merge the database: this very node and preflight, by absolute path. */
function driverCommand(): string {
	const script = process.argv[1];
	if (!script) throw new PreflightError('cannot tell where this preflight is installed');
	return `${shellQuote(process.execPath)} ${shellQuote(realpathSync(script))} merge-driver %O %A %B`;
}

async function gitConfig(root: string, key: string): Promise<string | undefined> {
	const r = await runGit(['config', '--local', '--get', key], root);
	return r.code === 0 ? r.stdout.replace(/\n$/, '') : undefined;
}

async function setGitConfig(root: string, key: string, value: string): Promise<boolean> {
	if ((await gitConfig(root, key)) === value) return false;
	const r = await runGit(['config', '--local', key, value], root);
	if (r.code !== 0)
		throw new PreflightError(
			`git config ${key} failed: ${sanitizeLine(r.stderr.split('\n')[0] ?? '')}`,
		);
	return true;
}

/**
 * `preflight init`: the repository set up to merge the database through
 * git's merge driver — a line in .gitattributes and the driver in the
 * repository's git config. Running it again changes nothing.
 */
export async function run(inv: Invocation): Promise<number> {
	const {root, inRepo} = await databaseInRepository(inv.flags.db, 'init');
	const line = `${attributePattern(inRepo)} merge=preflight`;
	const command = driverCommand();
	const attributesPath = join(root, '.gitattributes');
	const existed = existsSync(attributesPath);
	const text = existed ? readUserFile(attributesPath, '', 1024 * 1024) : '';
	const lines = text.split(/\r?\n/).map((l) => l.trim());
	if (lines.includes(line)) print(`.gitattributes already has: ${line}`);
	else {
		const separator = text === '' || text.endsWith('\n') ? '' : '\n';
		await writeFileDurably(attributesPath, `${text}${separator}${line}\n`);
		// A file for the repository, read by everyone who clones it: not private.
		if (!existed) chmodSync(attributesPath, 0o644);
		print(`${existed ? 'added to' : 'wrote'} .gitattributes: ${line} (commit it)`);
	}
	const named = await setGitConfig(root, 'merge.preflight.name', driverName);
	const set = await setGitConfig(root, 'merge.preflight.driver', command);
	print(
		named || set
			? `set merge.preflight.driver in this repository's git config: ${command}`
			: `merge.preflight.driver already set: ${command}`,
	);
	print('each clone runs preflight init once: git does not copy its config');
	return 0;
}
