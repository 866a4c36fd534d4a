// The database file as lowdb sees it (its DataFile): the codec's JSON held to
// the zod schema on every read and before every write, older versions migrated.
import {existsSync} from 'node:fs';
import type {Adapter} from 'lowdb';
import {PreflightError} from '../errors.js';
import {formatPath} from '../model/issue-path.js';
import {LARGE_INPUT, loadCompiledSchemas} from '../model/large.js';
import {reviewName} from '../model/review.js';
import {reviewSchema, SCHEMA_VERSION, type Database, type Review} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {databaseError, decodeJson, encodeDatabase, encodedText, encodeReview} from './codec.js';
import {writeFileDurably} from './durable-write.js';
import {reviewFromStored, storedDatabaseSchema} from './layout.js';
import {migrate} from './migrations.js';
import {TextFile} from './text-file.js';

/** Reviews known to be valid: read from disk, or checked before an earlier save. */
const validReviews = new WeakSet<Review>();

/** JSON of a database of this schemaVersion or older, migrated to the current one; not yet validated. */
export function decodeDatabase(text: string, path: string): {migrated: unknown; version: number} {
	const raw = decodeJson(text, path);
	const version = (raw as {schemaVersion?: unknown} | null)?.schemaVersion;
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof version !== 'number')
		databaseError(path, 'not a preflight database (no schemaVersion)', 'check the --db path');
	if (version > SCHEMA_VERSION)
		databaseError(
			path,
			`written by a newer preflight (schemaVersion ${version}, this one reads up to ${SCHEMA_VERSION})`,
			'upgrade preflight',
		);
	return {migrated: version < SCHEMA_VERSION ? migrate(raw, version) : raw, version};
}

/**
 * zod's first issue as the database's one line. The place is named as the file
 * holds it; in a file of an older version, as the migrated file would hold it,
 * and said so.
 */
export function failOn(
	path: string,
	error: z.core.$ZodError,
	prefix: PropertyKey[] = [],
	migratedFrom?: number,
): never {
	const issue = error.issues[0];
	const place = issue ? formatPath([...prefix, ...issue.path]) : '';
	const where =
		place && migratedFrom !== undefined
			? `${place} (as migrated from schemaVersion ${migratedFrom} to ${SCHEMA_VERSION})`
			: place;
	databaseError(
		path,
		`${where ? `${where}: ` : ''}${sanitizeLine(issue?.message ?? 'invalid')}`,
		'fix the field or restore the file from a backup or git',
	);
}

/**
 * The first two reviews that share an id, named, or undefined when every id is
 * its own. A review is replaced by id: two with one id would be written over
 * each other, and a command asked for one could judge the other.
 */
export function sharedIdProblem(
	reviews: ReadonlyArray<{id: string; system: string; release?: string}>,
): string | undefined {
	// A set and a plain loop: this runs on every read of a large database, where
	// the parsed file fills memory and every allocation brings the next GC closer.
	const seen = new Set<string>();
	for (let index = 0; index < reviews.length; index++) {
		const review = reviews[index]!;
		if (!seen.has(review.id)) {
			seen.add(review.id);
			continue;
		}
		const earlier = reviews.findIndex((r) => r.id === review.id);
		const name = (i: number, r: {system: string; release?: string}) =>
			`reviews[${i}] (${sanitizeLine(reviewName(r))})`;
		return `${name(earlier, reviews[earlier]!)} and ${name(index, review)} have the same id "${sanitizeLine(review.id)}"`;
	}
	return undefined;
}

/** Refuses a database whose reviews share an id (see sharedIdProblem). */
export function refuseSharedIds(
	path: string,
	reviews: ReadonlyArray<{id: string; system: string; release?: string}>,
): void {
	const problem = sharedIdProblem(reviews);
	if (problem)
		databaseError(
			path,
			problem,
			'give one of them another id, or restore the file from a backup or git',
		);
}

/** Parses and validates database text, migrating older versions; throws one clear line. */
export function parseDatabase(
	text: string,
	path: string,
	schema: typeof storedDatabaseSchema = storedDatabaseSchema,
): {data: Database; migratedFrom?: number} {
	const {migrated, version} = decodeDatabase(text, path);
	const migratedFrom = version < SCHEMA_VERSION ? version : undefined;
	const result = z.safeParse(schema, migrated);
	if (!result.success) failOn(path, result.error, [], migratedFrom);
	refuseSharedIds(path, result.data.reviews);
	const reviews = result.data.reviews.map(reviewFromStored);
	for (const review of reviews) validReviews.add(review);
	return {
		data: {schemaVersion: SCHEMA_VERSION, reviews},
		...(migratedFrom === undefined ? {} : {migratedFrom}),
	};
}

/**
 * parseDatabase as the store reads a file: a large text (LARGE_INPUT) with the
 * compiled schema. For any text of a database (a merge's three versions).
 */
export async function parseDatabaseText(
	text: string,
	path: string,
): Promise<{data: Database; migratedFrom?: number}> {
	const schema =
		text.length >= LARGE_INPUT
			? (await loadCompiledSchemas()).compiledSchema(storedDatabaseSchema)
			: storedDatabaseSchema;
	return parseDatabase(text, path, schema);
}

function refuseToSave(problem: string): never {
	throw new PreflightError(`refusing to save an invalid database (${problem})`);
}

/**
 * The on-disk form (see encodeDatabase). Every review is validated before it is
 * written; reviews validated or written before are not checked or encoded
 * again, so a save in a large database costs what changed.
 */
export function serializeDatabase(data: Database): string {
	if (data.schemaVersion !== SCHEMA_VERSION || !Array.isArray(data.reviews))
		refuseToSave('schemaVersion or reviews');
	const parts = data.reviews.map((review, index) => {
		const written = encodedText(review);
		if (written !== undefined) return written;
		if (validReviews.has(review)) return encodeReview(review);
		const result = z.safeParse(reviewSchema, review);
		if (!result.success) {
			const issue = result.error.issues[0];
			refuseToSave(
				`${formatPath(['reviews', index, ...(issue?.path ?? [])])}: ${sanitizeLine(issue?.message ?? '')}`,
			);
		}
		validReviews.add(review);
		return encodeReview(result.data, review);
	});
	const shared = sharedIdProblem(data.reviews);
	if (shared) refuseToSave(shared);
	return encodeDatabase(data.schemaVersion, parts);
}

/** `db.json.v1.bak`, then `db.json.v1.2.bak`, `db.json.v1.3.bak`…: no backup is ever replaced. */
function backupPath(path: string, version: number, n: number): string {
	return `${path}.v${version}${n === 1 ? '' : `.${n}`}.bak`;
}

/** How many numbered backups of one version are tried before giving up. */
const MAX_BACKUPS = 10_000;

/** lowdb adapter: validates with zod on read and before every write; durable writes. */
export class ValidatedJsonFile implements Adapter<Database> {
	private readonly file: TextFile;
	/** The schemaVersion the file was migrated from when read, if it was. */
	private migratedFrom: number | undefined;
	/** The original bytes of a migrated file, until a write has backed them up. */
	private unsavedOriginal: Buffer | undefined;

	/** `writable`: opened by a writer (see TextFile). */
	constructor(path: string, options: {writable: boolean}) {
		this.file = new TextFile(path, options);
	}

	get path(): string {
		return this.file.path;
	}

	async read(): Promise<Database | null> {
		const read = this.file.read();
		if (!read) return null;
		const {data, migratedFrom} = await parseDatabaseText(read.text, this.path);
		this.migratedFrom = migratedFrom;
		this.unsavedOriginal = migratedFrom === undefined ? undefined : read.bytes;
		return data;
	}

	/**
	 * A migrated file is saved with the first write, never at open, so that a
	 * command that fails or changes nothing leaves the file as it was; the copy of
	 * the original (`db.json.v1.bak`, numbered when one exists) is written first,
	 * so a crash between the two leaves both the backup and the unmigrated file.
	 * When the write itself fails, the backup goes again: nothing changed.
	 */
	async write(data: Database): Promise<void> {
		const text = serializeDatabase(data);
		const original = this.unsavedOriginal;
		const backup =
			original && this.migratedFrom !== undefined
				? await this.backUp(original, this.migratedFrom)
				: undefined;
		try {
			await this.file.write(text);
		} catch (error) {
			if (backup) await this.dropBackup(backup, original);
			throw error;
		}
		this.unsavedOriginal = undefined;
	}

	private async backUp(original: Buffer, version: number): Promise<string> {
		for (let n = 1; n <= MAX_BACKUPS; n++) {
			const path = backupPath(this.path, version, n);
			// Skipped cheaply when taken; the exclusive write still never replaces one.
			if (existsSync(path)) continue;
			try {
				await writeFileDurably(path, original, {exclusive: true});
				return path;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
		}
		throw new PreflightError(
			`database ${sanitizeLine(this.path)}: ${MAX_BACKUPS} backups of version ${version} already; move some away`,
		);
	}

	/** Removes the backup just written, unless the database no longer holds the original (then it is needed). */
	private async dropBackup(backup: string, original: Buffer | undefined): Promise<void> {
		const {readFile, unlink} = await import('node:fs/promises');
		const now = await readFile(this.path).catch(() => undefined);
		if (original && now?.equals(original)) await unlink(backup).catch(() => undefined);
	}
}
