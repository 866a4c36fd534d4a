// The open database (lowdb's Low over the validated file): data in memory,
// coalesced durable saves, the writer's lock.
import {dirname, join, resolve} from 'node:path';
import {Low} from 'lowdb';
import {PreflightError, withinLimitsAsync} from '../errors.js';
import {SCHEMA_VERSION, type Database} from '../model/schemas.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {databaseError} from './codec.js';
import {removeOrphanTemps} from './durable-write.js';
import {realTarget, targetProblem} from './files.js';
import {acquireLock, type Lock} from './lock.js';
import {ValidatedJsonFile} from './validated-file.js';

export function emptyDatabase(): Database {
	return {schemaVersion: SCHEMA_VERSION, reviews: []};
}

/** `--db`, else `PREFLIGHT_DB`, else `.preflight/db.json` under the current directory. */
export function resolveDbPath(flag: string | undefined, env = process.env): string {
	return resolve(flag ?? env.PREFLIGHT_DB ?? join('.preflight', 'db.json'));
}

export function snapshotsDir(dbPath: string): string {
	return join(dirname(dbPath), 'snapshots');
}

/** A writer refuses a database it may not write, before taking the lock or reading. */
function refuseUnwritable(path: string): void {
	const problem = targetProblem(path);
	if (!problem) return;
	if (problem.kind === 'read-only')
		throw new PreflightError(
			`database ${sanitizeLine(path)} ${problem.text}; make it writable to record answers, or use another --db`,
		);
	databaseError(path, problem.text, 'check the --db path and its permissions');
}

/** An open database: data in memory, coalesced durable saves, optional lock. */
export class Store {
	readonly db: Low<Database>;
	readonly adapter: ValidatedJsonFile;
	private lock: Lock | undefined;
	private writing: Promise<void> | undefined;
	private dirty = false;
	private waiters: Array<{resolve: () => void; reject: (e: unknown) => void}> = [];

	/** `writable`: opened by a writer, which holds the lock (see Store.open). */
	constructor(path: string, options: {writable: boolean}) {
		this.adapter = new ValidatedJsonFile(path, options);
		this.db = new Low(this.adapter, emptyDatabase());
	}

	get path(): string {
		return this.adapter.path;
	}

	get data(): Database {
		return this.db.data;
	}

	set data(next: Database) {
		this.db.data = next;
	}

	/**
	 * Asks for the current data to be written. Writes are coalesced: while one is
	 * in flight, later requests share the next write. Resolves once the state at
	 * call time is on disk (fsynced).
	 */
	save(): Promise<void> {
		this.dirty = true;
		const done = new Promise<void>((resolve, reject) => this.waiters.push({resolve, reject}));
		// Deferred a turn so the frame for the key that caused the change is drawn
		// before the database is serialised.
		if (!this.writing)
			this.writing = new Promise<void>((r) => setImmediate(r)).then(() => this.flushLoop());
		return done;
	}

	private async flushLoop(): Promise<void> {
		while (this.dirty) {
			this.dirty = false;
			const waiters = this.waiters;
			this.waiters = [];
			try {
				await this.db.write();
				for (const w of waiters) w.resolve();
			} catch (error) {
				for (const w of waiters) w.reject(error);
			}
		}
		this.writing = undefined;
	}

	/** Waits for pending writes, then releases the lock. */
	async close(): Promise<void> {
		while (this.writing) await this.writing;
		this.lock?.release();
		this.lock = undefined;
	}

	/**
	 * Opens the database at `path` (a symbolic link is followed once, here, so the
	 * lock, the read and the writes agree on the file). With `lock`, as a writer:
	 * a read-only database is refused before anything is touched. A database of
	 * an older schemaVersion is migrated in memory; only a writer's first save
	 * writes it (see ValidatedJsonFile.write), so a `status` never races a `set`
	 * for the file and a command that fails changes nothing.
	 */
	static async open(
		path: string,
		options: {lock?: {what: string; waitMs: number}} = {},
	): Promise<Store> {
		// A symbolic link is followed (see realTarget), so that the lock, the read
		// and every write act on the same file whichever name was given.
		const real = realTarget(path);
		if (options.lock) refuseUnwritable(real);
		const store = new Store(real, {writable: Boolean(options.lock)});
		if (options.lock) store.lock = await acquireLock(real, options.lock.what, options.lock.waitMs);
		try {
			await withinLimitsAsync(`database ${sanitizeLine(real)}`, () => store.db.read());
		} catch (error) {
			store.lock?.release();
			throw error;
		}
		if (store.lock) removeOrphanTemps(real);
		return store;
	}
}
