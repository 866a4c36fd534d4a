import {uniqueHex} from '../random.js';
import {constants, existsSync, statSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {fileError, PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {realTarget, removeEmptyFolders, targetProblem} from './files.js';
import {removeTempsOfDead} from './lock.js';

/**
 * Creates `dir` and its missing parents (0700). Resolves with the first folder
 * it created, for removeEmptyFolders when the write that needed it fails.
 */
export async function makeFolder(dir: string): Promise<string | undefined> {
	const {mkdir} = await import('node:fs/promises');
	try {
		return await mkdir(dir, {recursive: true, mode: 0o700});
	} catch (error) {
		const what = `cannot create folder ${sanitizeLine(dir)}`;
		// mkdir -p over a file of that name
		if ((error as NodeJS.ErrnoException).code === 'EEXIST')
			throw new PreflightError(`${what}: a file of that name is in the way`);
		throw fileError(error, what);
	}
}

/**
 * Writes a file so that a crash leaves either the old or the new content:
 * a unique temp file in the same folder, fsync, rename over the target, fsync
 * the folder. New files are created 0600; an existing file keeps its mode.
 * A symbolic link is written through (the file it points to is replaced, in
 * its own folder). Refuses, before writing anything, to replace what is not a
 * regular file or is read-only; a failure the user can fix (rights, a full or
 * read-only disk) is a PreflightError naming `path`, and leaves no temp file
 * and no folder this call created. With `exclusive`, a file that exists is not
 * replaced: the call fails with the EEXIST error, for the caller to pick
 * another name.
 */
export async function writeFileDurably(
	path: string,
	content: string | Uint8Array,
	options: {exclusive?: boolean} = {},
): Promise<void> {
	// Loaded here, not at the top: read-only commands never pay for node:fs/promises.
	const {open, rename, unlink} = await import('node:fs/promises');
	const target = realTarget(path);
	const problem = targetProblem(target);
	if (problem) throw new PreflightError(`${sanitizeLine(path)} ${problem.text}`);
	const dir = dirname(target);
	const created = await makeFolder(dir);
	let mode = 0o600;
	try {
		mode = statSync(target).mode & 0o777;
	} catch {
		// new file: keep 0600
	}
	const tmp = join(dir, `.${basename(target)}.${process.pid}.${uniqueHex(6)}.tmp`);
	try {
		const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
		try {
			await fh.writeFile(content);
			await fh.chmod(mode);
			await fh.sync();
		} finally {
			await fh.close();
		}
		if (options.exclusive) await placeExclusively(tmp, target);
		else await rename(tmp, target);
	} catch (error) {
		await unlink(tmp).catch(() => undefined);
		removeEmptyFolders(dir, created);
		throw fileError(error, `cannot write ${sanitizeLine(path)}`);
	}
	if (options.exclusive) await unlink(tmp).catch(() => undefined);
	// The file is in place; a folder that cannot be opened to be synced is still
	// a problem to name (the rename may not survive a crash), not an internal error.
	try {
		const dh = await open(dir, 'r');
		try {
			await dh.sync();
		} finally {
			await dh.close();
		}
	} catch (error) {
		throw fileError(error, `cannot sync folder ${sanitizeLine(dir)}`);
	}
}

/**
 * Puts `tmp` in place as `target` unless `target` exists (EEXIST): a hard link
 * fails where a rename would replace. The caller removes `tmp` afterwards.
 */
async function placeExclusively(tmp: string, target: string): Promise<void> {
	const {link, rename} = await import('node:fs/promises');
	try {
		await link(tmp, target);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
		// A file system without hard links: check, then rename (the database's
		// lock keeps other preflights out between the two).
		if (existsSync(target))
			throw Object.assign(new Error(`EEXIST: ${target} exists`), {code: 'EEXIST'});
		await rename(tmp, target);
	}
}

/**
 * Removes temp files that a killed writer left beside `path`
 * (`.<name>.<pid>.<random>.tmp`, see writeFileDurably), only those of dead
 * processes. For the holder of the database's lock.
 */
export function removeOrphanTemps(path: string): void {
	removeTempsOfDead(dirname(path), `.${basename(path)}.`);
}
