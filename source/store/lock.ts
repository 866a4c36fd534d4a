import {
	closeSync,
	fstatSync,
	linkSync,
	mkdirSync,
	openSync,
	readdirSync,
	statSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import {hostname, userInfo} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {uniqueHex} from '../random.js';
import {fileError, PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {readRegularText} from '../system/regular-file.js';
import {removeEmptyFolders} from './files.js';

/** Who holds a database: written into the lock file so a second process can say. */
export type LockOwner = {pid: number; host: string; user: string; what: string; since: string};

export type Lock = {release(): void};

/**
 * Removes the files in `dir` named `<prefix><pid>.<hex>.tmp` whose process is
 * dead: temp files a killed preflight left (writes and lock files use this form).
 */
export function removeTempsOfDead(dir: string, prefix: string): void {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return;
	}
	for (const name of names) {
		if (!name.startsWith(prefix)) continue;
		const m = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
		if (!m || alive(Number(m[1]))) continue;
		try {
			unlinkSync(join(dir, name));
		} catch {
			// gone already
		}
	}
}

/** True when a process with this pid runs on this host (EPERM: it runs, as another user). */
export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readOwner(path: string): LockOwner | undefined {
	const text = readText(path);
	return text === undefined ? undefined : parseOwner(text);
}

function parseOwner(text: string): LockOwner | undefined {
	try {
		const o = JSON.parse(text) as Partial<LockOwner>;
		if (typeof o.pid !== 'number') return undefined;
		return {
			pid: o.pid,
			host: String(o.host ?? '?'),
			user: String(o.user ?? '?'),
			what: String(o.what ?? 'preflight'),
			since: String(o.since ?? '?'),
		};
	} catch {
		return undefined;
	}
}

function currentUser(): string {
	try {
		return userInfo().username;
	} catch {
		return 'unknown';
	}
}

/**
 * Creates `path` (it must not exist) holding `text`. When the write fails (a
 * full disk), the file it created goes again: a failed command leaves no
 * empty file behind.
 */
function writeNewFile(path: string, text: string): void {
	const fd = openSync(path, 'wx', 0o600);
	try {
		writeFileSync(fd, text);
	} catch (error) {
		// Ours only while it is the inode this call created.
		try {
			if (statSync(path).ino === fstatSync(fd).ino) unlinkSync(path);
		} catch {
			// gone already
		}
		throw error;
	} finally {
		closeSync(fd);
	}
}

/**
 * Creates the lock file with its content in one step: the owner is written to a
 * private temp file which is then hard-linked to the lock path (link fails if the
 * lock exists). A plain O_EXCL create would show other processes an empty lock
 * file for a moment, which they would take for a stale one and remove.
 */
function createLock(path: string, me: LockOwner): boolean {
	const text = JSON.stringify(me);
	const tmp = `${path}.${process.pid}.${uniqueHex(6)}.tmp`;
	writeNewFile(tmp, text);
	try {
		linkSync(tmp, path);
		return true;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') return false;
		if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
	} finally {
		try {
			unlinkSync(tmp);
		} catch {
			// already gone
		}
	}
	// Filesystems without hard links: fall back to an exclusive create.
	try {
		writeNewFile(path, text);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
}

/** A breaker lock this old was left by a process that died while breaking. */
const BREAKER_STALE_MS = 10_000;

/**
 * Removes a stale lock, but only the one that was judged stale: under a short
 * "breaker" lock, the lock file is read again and removed only if it still holds
 * the same text. Without this, two processes recovering the same stale lock can
 * each remove the other's fresh lock and both go on as writers.
 */
function breakStale(path: string, staleText: string): void {
	const breaker = `${path}.break`;
	try {
		writeNewFile(breaker, String(process.pid));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		try {
			if (Date.now() - statSync(breaker).mtimeMs > BREAKER_STALE_MS) unlinkSync(breaker);
		} catch {
			// gone already
		}
		return;
	}
	try {
		if (readText(path) === staleText) unlinkSync(path);
	} catch {
		// the lock went away meanwhile
	} finally {
		try {
			unlinkSync(breaker);
		} catch {
			// already gone
		}
	}
}

/** A lock file is a few hundred bytes; anything much larger is not one of ours. */
const MAX_LOCK_BYTES = 64 * 1024;

/**
 * The lock file's text; undefined when it is gone. Read as any file someone
 * else could have put there (a committed link to /dev/zero, a FIFO): only a
 * regular file, bounded; anything else reads as '', a lock nobody can own,
 * which is stale.
 */
function readText(path: string): string | undefined {
	const read = readRegularText(path, MAX_LOCK_BYTES);
	if (read.ok) return read.text;
	return read.kind === 'missing' ? undefined : '';
}

function tryAcquire(path: string, what: string): LockOwner | undefined {
	const me: LockOwner = {
		pid: process.pid,
		host: hostname(),
		user: currentUser(),
		what,
		since: new Date().toISOString(),
	};
	for (let attempt = 0; ; attempt++) {
		if (createLock(path, me)) return undefined;
		const text = readText(path);
		if (text === undefined) continue; // released meanwhile: try again
		const owner = parseOwner(text);
		// A lock left by a dead process on this host, or an unreadable one, is stale.
		const stale = !owner || (owner.host === me.host && !alive(owner.pid));
		if (!stale) return owner;
		if (attempt >= 5)
			return owner ?? {pid: 0, host: '?', user: '?', what: 'an unreadable lock file', since: '?'};
		breakStale(path, text);
	}
}

export function describeOwner(o: LockOwner): string {
	return sanitizeLine(`${o.user} (${o.what}, pid ${o.pid} on ${o.host}, since ${o.since})`);
}

/** How often a lock attempt may find its folder gone (removed by a writer that failed) before giving up. */
const FOLDER_RETRIES = 20;

/**
 * Takes the database's lock file, waiting up to `waitMs` for another holder.
 * `dbPath` is the real path (see realTarget), so that every name of the file
 * takes the same lock. Throws a PreflightError naming the holder when it
 * cannot, or naming the folder when the lock file cannot be created there.
 * A folder created for the lock is removed again on release if it is empty:
 * a command that fails leaves no folder behind.
 */
export async function acquireLock(dbPath: string, what: string, waitMs: number): Promise<Lock> {
	const path = `${dbPath}.lock`;
	const dir = dirname(path);
	const deadline = Date.now() + waitMs;
	let created: string | undefined;
	for (let retries = 0; ;) {
		let owner: LockOwner | undefined;
		try {
			// Again on every attempt: another writer that failed may have removed the
			// folder it created while this one waited.
			created ??= mkdirSync(dir, {recursive: true, mode: 0o700});
			owner = tryAcquire(path, what);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT' && ++retries < FOLDER_RETRIES)
				continue;
			// A command that fails leaves no folder of its own behind.
			removeEmptyFolders(dir, created);
			if ((error as NodeJS.ErrnoException).code === 'EEXIST')
				throw new PreflightError(
					`cannot lock database ${sanitizeLine(dbPath)}: ${sanitizeLine(dir)} is a file, not a folder`,
				);
			throw fileError(
				error,
				`cannot lock database ${sanitizeLine(dbPath)}: cannot create files in ${sanitizeLine(dir)}`,
			);
		}
		if (!owner) {
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				process.removeListener('exit', release);
				try {
					if (readOwner(path)?.pid === process.pid) unlinkSync(path);
				} catch {
					// already gone
				}
				removeEmptyFolders(dir, created);
			};
			process.once('exit', release);
			// The lock's own temp files (see createLock) of writers killed while taking it.
			removeTempsOfDead(dir, `${basename(path)}.`);
			return {release};
		}
		if (Date.now() >= deadline) {
			removeEmptyFolders(dir, created);
			throw new PreflightError(
				`database ${sanitizeLine(dbPath)} is in use by ${describeOwner(owner)}; try again when they are done`,
			);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}
