// Synchronous on purpose: node:fs is loaded anyway, node:fs/promises costs every
// command milliseconds to load, and the lock cleans up in an 'exit' handler.
import {lstatSync, readlinkSync, realpathSync, rmdirSync, statSync, type Stats} from 'node:fs';
import {dirname, resolve, sep} from 'node:path';
import {fileError, PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/** As the kernel allows (Linux MAXSYMLINKS). */
const MAX_LINKS = 40;

function isSymlink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

function realFolder(path: string): string {
	try {
		return realpathSync.native(path);
	} catch {
		return path; // does not exist yet: the write creates it
	}
}

/**
 * The file a write to `path` really changes. A symbolic link is written through:
 * renaming a temp file over the link would turn it into a regular file and
 * leave the file it points to as it was. A dangling link leads to the file it
 * names (created by the write); any other path is only made absolute, so that
 * messages keep the name the user gave.
 */
export function realTarget(path: string): string {
	const absolute = resolve(path);
	if (!isSymlink(absolute)) return absolute;
	try {
		return realpathSync.native(absolute);
	} catch {
		// dangling: follow it by hand, each step relative to the real folder of the link
	}
	let current = absolute;
	try {
		for (let hops = 0; hops < MAX_LINKS && isSymlink(current); hops++)
			current = resolve(realFolder(dirname(current)), readlinkSync(current));
	} catch (error) {
		throw fileError(error, `${sanitizeLine(path)}: cannot follow the link`);
	}
	if (isSymlink(current))
		throw new PreflightError(`${sanitizeLine(path)}: too many levels of symbolic links`);
	return current;
}

/** Why a file must not be written over. */
export type TargetProblem = {kind: 'folder' | 'special' | 'read-only'; text: string};

/** Whether the mode bits that apply to this process allow writing (root: any write bit). */
function writableByMode(stats: Stats): boolean {
	const uid = process.getuid?.();
	// Windows has no uids; a read-only file there shows no write bits.
	if (uid === undefined) return (stats.mode & 0o200) !== 0;
	if (uid === 0) return (stats.mode & 0o222) !== 0;
	if (stats.uid === uid) return (stats.mode & 0o200) !== 0;
	if (stats.gid === process.getegid?.() || process.getgroups?.().includes(stats.gid))
		return (stats.mode & 0o020) !== 0;
	return (stats.mode & 0o002) !== 0;
}

/**
 * What stands in the way of replacing `path` (already resolved with realTarget):
 * a folder, something that is not a regular file (a device such as /dev/null, a
 * FIFO, a socket: renaming over it would replace it, and a FIFO would block a
 * reader), or a file its mode makes read-only for us. The mode bits are read
 * rather than asking access(W_OK), which says yes to root: a rename ignores the
 * file's mode, so a read-only file would be replaced silently.
 * Undefined when the path is free to write or does not exist yet.
 */
export function targetProblem(path: string): TargetProblem | undefined {
	let stats: Stats | undefined;
	try {
		stats = statSync(path, {throwIfNoEntry: false});
	} catch {
		return undefined; // the write itself says what is wrong (ENOTDIR, EACCES…)
	}
	if (!stats) return undefined;
	if (stats.isDirectory()) return {kind: 'folder', text: 'is a folder'};
	if (!stats.isFile()) return {kind: 'special', text: 'is not a regular file'};
	if (!writableByMode(stats))
		return {
			kind: 'read-only',
			text: `is read-only (mode ${(stats.mode & 0o777).toString(8).padStart(3, '0')})`,
		};
	return undefined;
}

/**
 * Removes `from` and its parents up to `upTo` (the first folder a recursive
 * mkdir created, as it returns it) while they are empty, so that a command
 * that fails leaves no folder of its own behind. A folder that holds anything
 * (a database written meanwhile, another writer's lock) stays.
 */
export function removeEmptyFolders(from: string, upTo: string | undefined): void {
	if (upTo === undefined) return;
	const stop = resolve(upTo);
	const start = resolve(from);
	if (start !== stop && !start.startsWith(`${stop}${sep}`)) return;
	for (let dir = start; ; dir = dirname(dir)) {
		try {
			rmdirSync(dir);
		} catch {
			return;
		}
		if (dir === stop) return;
	}
}
