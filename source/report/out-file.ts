// Where `snapshot --out` may write. A snapshot replaces the file it is written
// to: `--out .preflight/db.json` once replaced the database (while the app had
// it open). The database's own files are never replaced, whatever the flags;
// any other file that is not empty and not a snapshot preflight wrote needs
// --force. Links are resolved first, and hard links are caught by inode.
import {existsSync, readdirSync, realpathSync, statSync, type Stats} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {PreflightError} from '../errors.js';
import {realTarget, targetProblem, type TargetProblem} from '../store/files.js';
import {readStart} from '../system/regular-file.js';
import {sanitizeLine} from '../terminal/sanitize.js';

const advice: Record<TargetProblem['kind'], string> = {
	folder: 'name a file',
	special: 'name a regular file',
	'read-only': 'make it writable or name another file',
};

function realFolder(path: string): string {
	try {
		return realpathSync.native(path);
	} catch {
		return path;
	}
}

/**
 * The names the database at `dbName` uses beside itself: the file, its lock
 * (and the lock's temp files), its backups however numbered, and the temp
 * files of its durable writes.
 */
export function isDatabaseFileName(name: string, dbName: string): boolean {
	if (name === dbName || name.startsWith(`.${dbName}.`)) return true;
	if (!name.startsWith(`${dbName}.`)) return false;
	const rest = name.slice(dbName.length + 1);
	return rest.startsWith('lock') || /^v\d/.test(rest);
}

/** The database's own files that exist now, for an inode comparison. */
function databaseFiles(dbPath: string): Stats[] {
	const dir = dirname(dbPath);
	const name = basename(dbPath);
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		names = [name];
	}
	return names.flatMap((n) => {
		if (!isDatabaseFileName(n, name)) return [];
		const stats = statSync(join(dir, n), {throwIfNoEntry: false});
		return stats ? [stats] : [];
	});
}

/** What preflight writes as a snapshot starts like one of these (JSON, Markdown, JUnit). */
const snapshotStarts = [
	/^\{\s*"format"\s*:\s*"preflight-snapshot"/,
	/^# Readiness review: /,
	/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<testsuites name="preflight: /,
	// an in-toto Statement or DSSE envelope preflight wrote
	/^\{\s*"(_type"\s*:\s*"https:\/\/in-toto\.io\/Statement\/v1"|payloadType"\s*:\s*"application\/vnd\.in-toto\+json")/,
	// the signature written beside a signed snapshot
	/^-----BEGIN SSH SIGNATURE-----\n/,
];

function looksLikeSnapshot(path: string): boolean {
	const start = readStart(path, 256);
	return start !== undefined && snapshotStarts.some((re) => re.test(start));
}

function looksLikeDatabase(path: string): boolean {
	const start = readStart(path, 4096);
	return start !== undefined && /^\s*\{\s*"(reviews|schemaVersion)"\s*:/.test(start);
}

/**
 * Refuses an `--out` before anything is written: a missing folder (a typo must
 * not create a tree of folders), a folder, device, FIFO or socket, a read-only
 * file; the database at `dbPath` (a real path), its lock, backups and temp
 * files, under any name that leads to them (symbolic or hard links), and any
 * preflight database; and, without `force`, any other file that is not empty
 * and not a snapshot preflight wrote.
 */
export function checkOutFile(given: string, out: string, dbPath: string, force: boolean): void {
	const shown = `--out ${sanitizeLine(given)}`;
	const target = realTarget(out);
	if (!existsSync(dirname(target)))
		throw new PreflightError(`${shown}: no such folder ${sanitizeLine(dirname(target))}`);
	const own = (why: string) =>
		new PreflightError(
			`${shown} ${why}; a snapshot never replaces it (not even with --force): name another file`,
		);
	const sameFolder = realFolder(dirname(target)) === realFolder(dirname(dbPath));
	if (sameFolder && isDatabaseFileName(basename(target), basename(dbPath)))
		throw own(`is the database's own file (the database, its lock, a backup or a temp file)`);
	const stats = statSync(target, {throwIfNoEntry: false});
	if (stats && databaseFiles(dbPath).some((d) => d.dev === stats.dev && d.ino === stats.ino))
		throw own(`is another name (a hard link) for the database or one of its files`);
	const problem = targetProblem(target);
	if (problem) throw new PreflightError(`${shown} ${problem.text}; ${advice[problem.kind]}`);
	if (!stats || stats.size === 0) return;
	if (looksLikeDatabase(target)) throw own('is a preflight database');
	if (!force && !looksLikeSnapshot(target))
		throw new PreflightError(
			`${shown} already exists and is not a snapshot preflight wrote; give --force to replace it, or name another file`,
		);
}
