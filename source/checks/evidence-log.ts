// A check's output, kept content-addressed beside the database:
// evidence/<sha256>.log, 0600 (output may hold what the command printed about
// the system). The same output twice is one file.
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, renameSync, writeFileSync} from 'node:fs';
import {dirname, isAbsolute, join, relative} from 'node:path';

/** The folder of check logs for a database. */
function evidenceDir(dbPath: string): string {
	return join(dirname(dbPath), 'evidence');
}

/** Writes the log (when not there yet) and returns its sha256 and path. */
export function writeLog(dbPath: string, bytes: Buffer): {sha256: string; path: string} {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const dir = evidenceDir(dbPath);
	const path = join(dir, `${sha256}.log`);
	if (!existsSync(path)) {
		mkdirSync(dir, {recursive: true, mode: 0o700});
		const tmp = join(dir, `.${sha256}.${process.pid}.tmp`);
		writeFileSync(tmp, bytes, {mode: 0o600});
		renameSync(tmp, path);
	}
	return {sha256, path};
}

/** The log as an evidence ref: relative to the evidence base (the repository), else absolute. */
export function logRef(base: string, path: string): string {
	const rel = relative(base, path);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
