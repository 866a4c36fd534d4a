import {closeSync, fstatSync, openSync, readFileSync, statSync, type Stats} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {Low, type Adapter} from 'lowdb';
import {fileError, fileErrorCause, PreflightError, withinLimitsAsync} from '../errors.js';
import {sortKeys} from '../model/canonical.js';
import {LARGE_INPUT, loadCompiledSchemas} from '../model/large.js';
import {
	databaseSchema,
	reviewSchema,
	SCHEMA_VERSION,
	type Database,
	type Review,
} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {formatPath} from '../model/issue-path.js';
import {writeFileDurably} from './durable-write.js';
import {realTarget, targetProblem} from './files.js';
import {acquireLock, alive, type Lock} from './lock.js';
import {migrate} from './migrations.js';

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

function fail(path: string, problem: string, todo: string): never {
	throw new PreflightError(`database ${sanitizeLine(path)}: ${problem}; ${todo}`);
}

/** Reviews known to be valid: read from disk, or checked before an earlier save. */
const validReviews = new WeakSet<Review>();
/** Each review's serialised text. Reviews are never changed in place (every change makes a new object), so the object is the key. */
const reviewTexts = new WeakMap<Review, string>();

/** JSON of a database of this schemaVersion or older, migrated to the current one; not yet validated. */
function parseMigrated(text: string, path: string): {migrated: unknown; version: number} {
	if (text.trim() === '')
		fail(path, 'file is empty', 'restore it from a backup or git, or delete it to start afresh');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		fail(path, 'not valid JSON (truncated or edited by hand?)', 'restore it from a backup or git');
	}
	const version = (raw as {schemaVersion?: unknown} | null)?.schemaVersion;
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof version !== 'number')
		fail(path, 'not a preflight database (no schemaVersion)', 'check the --db path');
	if (version > SCHEMA_VERSION)
		fail(
			path,
			`written by a newer preflight (schemaVersion ${version}, this one reads up to ${SCHEMA_VERSION})`,
			'upgrade preflight',
		);
	return {migrated: version < SCHEMA_VERSION ? migrate(raw, version) : raw, version};
}

function failOn(path: string, error: z.core.$ZodError, prefix: PropertyKey[] = []): never {
	const issue = error.issues[0];
	const where = issue ? formatPath([...prefix, ...issue.path]) : '';
	fail(
		path,
		`${where ? `${where}: ` : ''}${sanitizeLine(issue?.message ?? 'invalid')}`,
		'fix the field or restore the file from a backup or git',
	);
}

/** What picks a review: its id, system and release. */
export type ReviewHeader = {id: string; system: string; release?: string};

const reviewHeaderSchema = z.strictObject({
	id: z.string(),
	system: z.string(),
	release: z.optional(z.string()),
});
const databaseShellSchema = z.strictObject({
	schemaVersion: z.literal(SCHEMA_VERSION),
	reviews: z.array(reviewHeaderSchema),
});

/**
 * The file parsed and its shell checked with zod: the version, and each
 * review's id, system and release (copied out of each review first, so zod
 * checks three fields rather than copying every review's members). The
 * reviews themselves are not validated yet.
 */
export function parseDatabaseShell(
	text: string,
	path: string,
): {reviews: unknown[]; headers: ReviewHeader[]} {
	const {migrated} = parseMigrated(text, path);
	const raw = migrated as {reviews?: unknown};
	const reviews = Array.isArray(raw.reviews) ? (raw.reviews as unknown[]) : undefined;
	const shell = z.safeParse(databaseShellSchema, {
		...raw,
		...(reviews ? {reviews: reviews.map(headerOf)} : {}),
	});
	if (!shell.success) failOn(path, shell.error);
	return {reviews: reviews ?? [], headers: shell.data.reviews};
}

/** A review's header fields, as they are (for zod to check); anything but an object as it is. */
function headerOf(review: unknown): unknown {
	if (review === null || typeof review !== 'object' || Array.isArray(review)) return review;
	const r = review as Record<string, unknown>;
	return 'release' in r
		? {id: r.id, system: r.system, release: r.release}
		: {id: r.id, system: r.system};
}

/**
 * For read-only commands on a large database: the file is parsed and its shell
 * checked (see parseDatabaseShell), and only the review `pick` chooses is
 * validated in full. Validating 26,000 answers to report on 26 of them was most
 * of the time of `status` on such a file. `schema` may depend on the average
 * size of a review in the file (a compiled schema pays only for large ones).
 */
export async function parseOneReview(
	text: string,
	path: string,
	pick: (headers: ReadonlyArray<ReviewHeader>) => string | undefined,
	schema: (averageChars: number) => typeof reviewSchema | Promise<typeof reviewSchema> = () =>
		reviewSchema,
): Promise<{review: Review | undefined; count: number}> {
	const {reviews, headers} = parseDatabaseShell(text, path);
	const id = pick(headers);
	const index = headers.findIndex((r) => r.id === id);
	if (index < 0) return {review: undefined, count: headers.length};
	const chosen = await schema(text.length / Math.max(1, headers.length));
	const result = z.safeParse(chosen, reviews[index]);
	if (!result.success) failOn(path, result.error, ['reviews', index]);
	return {review: result.data, count: headers.length};
}

/** Parses and validates database text, migrating older versions; throws one clear line. */
export function parseDatabase(
	text: string,
	path: string,
	schema: typeof databaseSchema = databaseSchema,
): {data: Database; migratedFrom?: number} {
	const {migrated, version} = parseMigrated(text, path);
	const result = z.safeParse(schema, migrated);
	if (!result.success) failOn(path, result.error);
	for (const review of result.data.reviews) validReviews.add(review);
	return {data: result.data, ...(version < SCHEMA_VERSION ? {migratedFrom: version} : {})};
}

/**
 * The on-disk form: pretty-printed, keys sorted, so it diffs cleanly in git —
 * exactly `JSON.stringify(sortKeys(data), null, 2)`. Every review is validated
 * before it is written; reviews validated or written before are not checked or
 * serialised again, so a save in a large database costs what changed.
 */
export function serializeDatabase(data: Database): string {
	if (data.schemaVersion !== SCHEMA_VERSION || !Array.isArray(data.reviews))
		throw new PreflightError('refusing to save an invalid database (schemaVersion or reviews)');
	const parts = data.reviews.map((review, index) => {
		const cached = reviewTexts.get(review);
		if (cached !== undefined) return cached;
		let valid: Review = review;
		if (!validReviews.has(review)) {
			const result = z.safeParse(reviewSchema, review);
			if (!result.success) {
				const issue = result.error.issues[0];
				throw new PreflightError(
					`refusing to save an invalid database (${formatPath(['reviews', index, ...(issue?.path ?? [])])}: ${sanitizeLine(issue?.message ?? '')})`,
				);
			}
			valid = result.data;
		}
		const text = JSON.stringify(sortKeys(valid), null, 2).replace(/\n/g, '\n    ');
		reviewTexts.set(review, text);
		return text;
	});
	const reviews = parts.length === 0 ? '[]' : `[\n    ${parts.join(',\n    ')}\n  ]`;
	return `{\n  "reviews": ${reviews},\n  "schemaVersion": ${data.schemaVersion}\n}\n`;
}

/** lowdb adapter: validates with zod on read and before every write; durable writes. */
export class ValidatedJsonFile implements Adapter<Database> {
	readonly path: string;
	/** The schemaVersion the file was migrated from when read, if it was. */
	private migratedFrom: number | undefined;
	/** The original text of a migrated file, until the first write has backed it up. */
	private unsavedOriginal: string | undefined;
	/**
	 * The file as this process last read or wrote it: its text and a stamp of its
	 * inode, size and times (or `missing`), so that a save can tell whether
	 * something else changed the file meanwhile. The lock keeps other preflights
	 * out, but an editor, `git checkout` or `git pull` does not take it.
	 */
	private known: {text: string; stamp: string} | 'missing' | undefined;
	constructor(path: string) {
		this.path = path;
	}

	async read(): Promise<Database | null> {
		// A FIFO would block the read and a device might never end: only a regular file is read.
		const problem = targetProblem(this.path);
		if (problem?.kind === 'folder' || problem?.kind === 'special')
			fail(this.path, problem.text, 'check the --db path and its permissions');
		let text: string;
		let stamp: string;
		try {
			// Decoded in one native call: readFile with an encoding goes through a
			// stream decoder, measurably slower on a 10 MB database. Synchronous:
			// node:fs/promises costs every command milliseconds to load. The stamp
			// comes from the same descriptor, so it is the stamp of this text.
			const fd = openSync(this.path, 'r');
			try {
				stamp = stampOf(fstatSync(fd));
				text = readFileSync(fd).toString('utf8');
			} finally {
				closeSync(fd);
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') {
				this.known = 'missing';
				return null;
			}
			fail(
				this.path,
				`cannot be read (${fileErrorCause(error) ?? code})`,
				'check the --db path and its permissions',
			);
		}
		const schema =
			text.length >= LARGE_INPUT
				? (await loadCompiledSchemas()).compiledDatabaseSchema()
				: databaseSchema;
		const {data, migratedFrom} = parseDatabase(text, this.path, schema);
		this.migratedFrom = migratedFrom;
		this.unsavedOriginal = migratedFrom === undefined ? undefined : text;
		this.known = {text, stamp};
		return data;
	}

	/**
	 * Refuses to save over a file that something else changed, created or
	 * deleted since this process read or wrote it: the database is never
	 * overwritten with a state its writer did not see. A new stamp with the same
	 * text (a `touch`, a checkout of the same content) is no change.
	 */
	private refuseIfChangedOnDisk(): void {
		if (this.known === undefined) return;
		let now: string | undefined;
		try {
			now = currentStamp(this.path);
		} catch (error) {
			throw fileError(error, `database ${sanitizeLine(this.path)}: cannot check it before saving`);
		}
		const changed = (how: string): never =>
			fail(
				this.path,
				`${how} since preflight read it (edited by hand, or by git?); this change is not saved`,
				'quit and open it again to see what is there now',
			);
		if (this.known === 'missing') {
			if (now !== undefined) changed('was created by something else');
			return;
		}
		if (now === undefined) return changed('was deleted');
		if (now === this.known.stamp) return;
		let text: string | undefined;
		try {
			text = readFileSync(this.path).toString('utf8');
		} catch {
			text = undefined;
		}
		if (text !== this.known.text) changed('was changed by something else');
		this.known = {text: this.known.text, stamp: now};
	}

	/**
	 * A migrated file is saved with the first write, never at open, so that a
	 * command that fails or changes nothing leaves the file as it was; the copy of
	 * the original (`db.json.v1.bak`) is written first, so a crash between the two
	 * leaves both the backup and the unmigrated file.
	 */
	async write(data: Database): Promise<void> {
		const text = serializeDatabase(data);
		this.refuseIfChangedOnDisk();
		if (this.unsavedOriginal !== undefined && this.migratedFrom !== undefined) {
			await writeFileDurably(`${this.path}.v${this.migratedFrom}.bak`, this.unsavedOriginal);
			this.unsavedOriginal = undefined;
		}
		await writeFileDurably(this.path, text);
		// An empty stamp matches no file: the next save then compares the text.
		let stamp = '';
		try {
			stamp = currentStamp(this.path) ?? '';
		} catch {
			// as above
		}
		this.known = {text, stamp};
	}
}

/** What changes when a file is written or replaced: inode, size, modification and change times. */
function stampOf(st: Stats): string {
	return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The file's stamp now, or undefined when it does not exist. */
function currentStamp(path: string): string | undefined {
	try {
		return stampOf(statSync(path));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/**
 * Removes temp files that a killed writer left beside the database
 * (`.<name>.<pid>.<random>.tmp`, see writeFileDurably), only those of dead processes.
 */
async function removeOrphanTemps(dbPath: string): Promise<void> {
	const {readdir, unlink} = await import('node:fs/promises');
	const prefix = `.${basename(dbPath)}.`;
	let names: string[];
	try {
		names = await readdir(dirname(dbPath));
	} catch {
		return;
	}
	for (const name of names) {
		if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
		const m = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
		if (!m || alive(Number(m[1]))) continue;
		await unlink(join(dirname(dbPath), name)).catch(() => undefined);
	}
}

/** A writer refuses a database it may not write, before taking the lock or reading. */
function refuseUnwritable(path: string): void {
	const problem = targetProblem(path);
	if (!problem) return;
	if (problem.kind === 'read-only')
		throw new PreflightError(
			`database ${sanitizeLine(path)} ${problem.text}; make it writable to record answers, or use another --db`,
		);
	fail(path, problem.text, 'check the --db path and its permissions');
}

/** An open database: data in memory, coalesced durable saves, optional lock. */
export class Store {
	readonly db: Low<Database>;
	readonly adapter: ValidatedJsonFile;
	private lock: Lock | undefined;
	private writing: Promise<void> | undefined;
	private dirty = false;
	private waiters: Array<{resolve: () => void; reject: (e: unknown) => void}> = [];

	constructor(path: string) {
		this.adapter = new ValidatedJsonFile(path);
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
		const store = new Store(real);
		if (options.lock) store.lock = await acquireLock(real, options.lock.what, options.lock.waitMs);
		try {
			await withinLimitsAsync(`database ${sanitizeLine(real)}`, () => store.db.read());
		} catch (error) {
			store.lock?.release();
			throw error;
		}
		if (store.lock) await removeOrphanTemps(real);
		return store;
	}
}
