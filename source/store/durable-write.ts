import {randomHex} from '../system/random.js';
import {constants} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/**
 * Writes a file so that a crash leaves either the old or the new content:
 * a unique temp file in the same folder, fsync, rename over the target, fsync
 * the folder. New files are created 0600; an existing file keeps its mode.
 */
export async function writeFileDurably(path: string, content: string): Promise<void> {
	// Loaded here, not at the top: read-only commands never pay for node:fs/promises.
	const {mkdir, open, rename, stat, unlink} = await import('node:fs/promises');
	const dir = dirname(path);
	await mkdir(dir, {recursive: true, mode: 0o700});
	let mode = 0o600;
	try {
		mode = (await stat(path)).mode & 0o777;
	} catch {
		// new file: keep 0600
	}
	const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomHex(6)}.tmp`);
	const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
	try {
		await fh.writeFile(content, 'utf8');
		await fh.chmod(mode);
		await fh.sync();
	} catch (error) {
		await fh.close();
		await unlink(tmp).catch(() => undefined);
		throw error;
	}
	await fh.close();
	try {
		await rename(tmp, path);
	} catch (error) {
		await unlink(tmp).catch(() => undefined);
		throw error;
	}
	const dh = await open(dir, 'r');
	try {
		await dh.sync();
	} finally {
		await dh.close();
	}
}
