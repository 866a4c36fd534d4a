import {readFileSync, unlinkSync, writeFileSync, mkdirSync} from 'node:fs';
import {hostname, userInfo} from 'node:os';
import {dirname} from 'node:path';
import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/** Who holds a database: written into the lock file so a second process can say. */
export type LockOwner = {pid: number; host: string; user: string; what: string; since: string};

export type Lock = {release(): void};

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readOwner(path: string): LockOwner | undefined {
	try {
		const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
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

function tryAcquire(path: string, what: string): LockOwner | undefined {
	const me: LockOwner = {
		pid: process.pid,
		host: hostname(),
		user: currentUser(),
		what,
		since: new Date().toISOString(),
	};
	try {
		writeFileSync(path, JSON.stringify(me), {flag: 'wx', mode: 0o600});
		return undefined;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	const owner = readOwner(path);
	// A lock left by a dead process on this host, or an unreadable one, is stale.
	if (!owner || (owner.host === me.host && !alive(owner.pid))) {
		try {
			unlinkSync(path);
		} catch {
			// someone else recovered it first
		}
		return tryAcquire(path, what);
	}
	return owner;
}

export function describeOwner(o: LockOwner): string {
	return sanitizeLine(`${o.user} (${o.what}, pid ${o.pid} on ${o.host}, since ${o.since})`);
}

/**
 * Takes the database's lock file, waiting up to `waitMs` for another holder.
 * Throws a PreflightError naming the holder when it cannot.
 */
export async function acquireLock(dbPath: string, what: string, waitMs: number): Promise<Lock> {
	const path = `${dbPath}.lock`;
	mkdirSync(dirname(path), {recursive: true, mode: 0o700});
	const deadline = Date.now() + waitMs;
	for (;;) {
		const owner = tryAcquire(path, what);
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
			};
			process.once('exit', release);
			return {release};
		}
		if (Date.now() >= deadline)
			throw new PreflightError(
				`database ${sanitizeLine(dbPath)} is in use by ${describeOwner(owner)}; try again when they are done`,
			);
		await new Promise((r) => setTimeout(r, 50));
	}
}
