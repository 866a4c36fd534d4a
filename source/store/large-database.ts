// How a read-only command gets the one review it reports on. A database over
// LARGE_INPUT takes a fast path: the file is parsed and its shell checked, and
// only the chosen review is validated in full. Validating 26,000 answers to
// report on 26 of them was most of the time of `status` on such a file. Both
// paths give the same answer (the same review, or the same refusal); the one
// difference, kept on purpose, is that a broken review the command does not
// use stops only the full read.
import {statSync} from 'node:fs';
import {withinLimitsAsync} from '../errors.js';
import {LARGE_INPUT, LARGE_REVIEW, loadCompiledSchemas} from '../model/large.js';
import {reviewSchema, SCHEMA_VERSION, type Review} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {Store} from './database.js';
import {reviewFromStored, storedReviewSchema} from './layout.js';
import {readDatabaseBytes} from './text-file.js';
import {decodeDatabase, failOn, refuseSharedIds} from './validated-file.js';

/** What picks a review: its id, system and release. */
export type ReviewHeader = {id: string; system: string; release?: string};

/** Chooses the review a command acts on, or throws saying why none can be chosen. */
export type PickReview = <R extends ReviewHeader>(reviews: readonly R[]) => R;

// The review schema's own rules for these fields: whatever the full read
// refuses in a header, the fast path refuses too, whichever review it uses.
const reviewHeaderSchema = z.strictObject({
	id: reviewSchema.shape.id,
	system: reviewSchema.shape.system,
	release: reviewSchema.shape.release,
});
const databaseShellSchema = z.strictObject({
	schemaVersion: z.literal(SCHEMA_VERSION),
	reviews: z.array(reviewHeaderSchema),
});

/** A review's header fields, as they are (for zod to check); anything but an object as it is. */
function headerOf(review: unknown): unknown {
	if (review === null || typeof review !== 'object' || Array.isArray(review)) return review;
	const r = review as Record<string, unknown>;
	return Object.hasOwn(r, 'release')
		? {id: r.id, system: r.system, release: r.release}
		: {id: r.id, system: r.system};
}

/**
 * The file parsed and its shell checked with zod: the version, and each
 * review's id, system and release (copied out of each review first, so zod
 * checks three fields rather than copying every review's members), ids unique.
 * The reviews themselves are not validated yet.
 */
export function parseDatabaseShell(
	text: string,
	path: string,
): {reviews: unknown[]; headers: ReviewHeader[]; migratedFrom?: number} {
	const {migrated, version} = decodeDatabase(text, path);
	const migratedFrom = version < SCHEMA_VERSION ? version : undefined;
	const raw = migrated as {reviews?: unknown};
	const reviews = Array.isArray(raw.reviews) ? (raw.reviews as unknown[]) : undefined;
	const shell = {...raw, ...(reviews ? {reviews: reviews.map(headerOf)} : {})};
	// Checked without building a copy (less garbage while the whole file is in
	// memory); the parse that names the first problem runs only on a failure.
	if (!z.validate(databaseShellSchema, shell)) {
		const failed = z.safeParse(databaseShellSchema, shell);
		if (!failed.success) failOn(path, failed.error, [], migratedFrom);
	}
	const headers = (shell as {reviews: ReviewHeader[]}).reviews;
	refuseSharedIds(path, headers);
	return {reviews: reviews ?? [], headers, ...(migratedFrom === undefined ? {} : {migratedFrom})};
}

/**
 * The review `pick` chooses, validated in full, from the text of a large
 * database. `schema` may depend on the average size of a review in the file (a
 * compiled schema pays only for large ones).
 */
export async function parseOneReview(
	text: string,
	path: string,
	pick: PickReview,
	schema: (
		averageChars: number,
	) => typeof storedReviewSchema | Promise<typeof storedReviewSchema> = () => storedReviewSchema,
): Promise<Review> {
	const {reviews, headers, migratedFrom} = parseDatabaseShell(text, path);
	const index = headers.indexOf(pick(headers));
	const chosen = await schema(text.length / Math.max(1, headers.length));
	const result = z.safeParse(chosen, reviews[index]);
	if (!result.success) failOn(path, result.error, ['reviews', index], migratedFrom);
	return reviewFromStored(result.data);
}

/** The fast path: only the chosen review is validated (see parseOneReview). */
export async function readReviewFromLarge(dbPath: string, pick: PickReview): Promise<Review> {
	return withinLimitsAsync(`database ${sanitizeLine(dbPath)}`, async () => {
		// Only the text is kept: the bytes are garbage before the parse begins.
		const text = readDatabaseBytes(dbPath)?.bytes.toString('utf8');
		// As the store says of a database that is not there: no reviews in it.
		if (text === undefined) return pick<Review>([]);
		// The compiled schema pays for loading and compiling only on large reviews:
		// a database of many small reviews (1,000 × 26) is validated without it.
		return parseOneReview(text, dbPath, pick, async (averageChars) =>
			averageChars >= LARGE_REVIEW
				? (await loadCompiledSchemas()).compiledSchema(storedReviewSchema)
				: storedReviewSchema,
		);
	});
}

/** The full read: the whole database validated, as a writer reads it. */
export async function readReviewFromWhole(dbPath: string, pick: PickReview): Promise<Review> {
	const store = await Store.open(dbPath);
	try {
		return pick(store.data.reviews);
	} finally {
		await store.close();
	}
}

function isLarge(path: string): boolean {
	try {
		return statSync(path).size >= LARGE_INPUT;
	} catch {
		return false; // the full read will say what is wrong with it
	}
}

/**
 * The review a read-only command reports on, from the database at `dbPath`
 * (the real file: see realTarget), by the fast path when the file is large.
 */
export function readOneReview(dbPath: string, pick: PickReview): Promise<Review> {
	return isLarge(dbPath) ? readReviewFromLarge(dbPath, pick) : readReviewFromWhole(dbPath, pick);
}
