import type {Flags} from './cli/args.js';
import {defaultChecklistPath, loadChecklistAsync, type LoadedChecklist} from './checklist/load.js';
import {loadTeam} from './checklist/team-file.js';
import {PreflightError} from './errors.js';
import {findReview, newReview, replaceReview, reviewName, sameName} from './model/review.js';
import type {Review} from './model/schemas.js';
import {loadChecklistCached} from './store/checklist-cache.js';
import {resolveDbPath, Store} from './store/database.js';
import {sanitizeLine} from './terminal/sanitize.js';

/**
 * Loads the checklist named by `--checklist` (format from `--checklist-format`,
 * else detected), else the bundled default.
 */
export async function checklistFor(
	flags: Pick<Flags, 'checklist' | 'checklist-format' | 'db'>,
): Promise<LoadedChecklist> {
	const format = flags['checklist-format'];
	// A checklist of the user's own may be large: see checklist-cache.ts.
	const loaded = await (flags.checklist === undefined
		? loadChecklistAsync(defaultChecklistPath(), format)
		: loadChecklistCached(flags.checklist, format));
	// Beside the database as named, not as its link resolves: the team file
	// belongs to the folder the team keeps in its repository.
	const team = await loadTeam(resolveDbPath(flags.db), loaded.checklist);
	return team ? {...loaded, team} : loaded;
}

/** How long `set` waits for another writer before giving up (ms). */
export function lockWaitMs(env = process.env): number {
	const n = Number(env.PREFLIGHT_LOCK_WAIT_MS);
	return Number.isFinite(n) && n >= 0 ? n : 5000;
}

export async function openStore(
	flags: Pick<Flags, 'db'>,
	lock?: {what: string; waitMs: number},
): Promise<Store> {
	return Store.open(resolveDbPath(flags.db), lock ? {lock} : {});
}

function label(system: string, release?: string): string {
	return sanitizeLine(reviewName({system, ...(release ? {release} : {})}));
}

/**
 * The review named on the command line. With `--release`, that exact review;
 * without, the system's review without a release, else its only review. When
 * the system has several releases, asking without one is an error naming them.
 */
export function lookupReview<R extends {system: string; release?: string}>(
	reviews: readonly R[],
	system: string,
	release: string | undefined,
): R | undefined {
	const exact = findReview(reviews, system, release);
	if (exact || release) return exact;
	const ofSystem = reviews.filter((r) => sameName(r.system, system));
	if (ofSystem.length === 1) return ofSystem[0];
	if (ofSystem.length > 1)
		throw new PreflightError(
			`${sanitizeLine(system)} has ${ofSystem.length} reviews; choose one with --release (${ofSystem
				.map((r) => sanitizeLine(r.release ?? '(none)'))
				.join(', ')})`,
		);
	return undefined;
}

/**
 * The review a command acts on: `--system [--release]`, or the only review in
 * the database. Throws a clear error otherwise.
 */
export function selectReview(store: Store, flags: Pick<Flags, 'system' | 'release'>): Review {
	return chooseReview(store.data.reviews, flags, store.path);
}

/** selectReview's rule over any list of reviews (or their headers). */
export function chooseReview<R extends {system: string; release?: string}>(
	reviews: readonly R[],
	flags: Pick<Flags, 'system' | 'release'>,
	dbPath: string,
): R {
	if (flags.system) {
		const found = lookupReview(reviews, flags.system, flags.release);
		if (!found)
			throw new PreflightError(
				`no review for ${label(flags.system, flags.release)} in ${sanitizeLine(dbPath)}; start one with preflight --system NAME, or record an answer with preflight set ITEM STATUS --system NAME`,
			);
		return found;
	}
	if (reviews.length === 1 && reviews[0]) return reviews[0];
	if (reviews.length === 0)
		throw new PreflightError(
			`no reviews in ${sanitizeLine(dbPath)}; start one with preflight --system NAME, or record an answer with preflight set ITEM STATUS --system NAME`,
		);
	throw new PreflightError(
		`${reviews.length} reviews in the database; choose one with --system (${reviews
			.slice(0, 5)
			.map((r) => label(r.system, r.release))
			.join(', ')}${reviews.length > 5 ? ', …' : ''})`,
	);
}

/** Finds the review for system/release, creating it (unsaved) when absent. */
export function findOrCreateReview(
	store: Store,
	loaded: LoadedChecklist,
	system: string,
	release: string | undefined,
	now: Date,
): {review: Review; created: boolean} {
	const found = lookupReview(store.data.reviews, system, release);
	if (found) return {review: found, created: false};
	const review = newReview(loaded.checklist, loaded.digest, system, release, now);
	store.data = {...store.data, reviews: [...store.data.reviews, review]};
	return {review, created: true};
}

/** Replaces a review (by id) in the store's data. */
export function putReview(store: Store, review: Review): void {
	store.data = replaceReview(store.data, review);
}
