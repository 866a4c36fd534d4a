// The large-database fast path against the full read, over the same files: the
// same review, or both refuse. The fast path's one leniency is a broken review
// it does not use; then it must give what the full read gives once that review
// is mended.
import fc from 'fast-check';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {isPreflightError} from '../../source/errors.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';
import {chooseReview} from '../../source/session.js';
import {
	readReviewFromLarge,
	readReviewFromWhole,
	type PickReview,
} from '../../source/store/large-database.js';
import {tempDir} from './private-cli.js';

const loaded = loadChecklist(defaultChecklistPath());
const at = new Date('2026-03-01T12:00:00Z');

/** A valid review as JSON, with one answer so that answers can be broken. */
function validReview(id: string, system: string, release: string | undefined): unknown {
	const review = recordAnswer(
		{...newReview(loaded.checklist, loaded.digest, system, release, at), id},
		'security.secrets',
		withStatus({status: 'pending', evidence: []}, 'fail', {note: 'n'}),
		{by: 'ada', at},
	);
	return JSON.parse(JSON.stringify(review)) as unknown;
}

/** Breakage inside a review, past its id, system and release. */
const deepDefects = ['status', 'unknown-member', 'time', 'audit'] as const;
/** Breakage of a review's header, or of the review as a whole. */
const headerDefects = ['empty-id', 'blank-system', 'numeric-system', 'null-release', 'not-object'];

type Spec = {
	id: string;
	system: string;
	release: string | undefined;
	deep: (typeof deepDefects)[number] | undefined;
	header: string | undefined;
};

function breakDeep(review: Record<string, unknown>, defect: Spec['deep']): void {
	const answers = review.answers as Record<string, Record<string, unknown>>;
	const answer = answers['security.secrets']!;
	if (defect === 'status') answer.status = 'bogus';
	if (defect === 'unknown-member') answer.colour = 'red';
	if (defect === 'time') review.createdAt = 'yesterday';
	if (defect === 'audit') review.audit = 'none';
}

function reviewJson(spec: Spec, mended: boolean): unknown {
	const review = validReview(spec.id, spec.system, spec.release) as Record<string, unknown>;
	if (!mended) breakDeep(review, spec.deep);
	switch (spec.header) {
		case 'empty-id':
			return {...review, id: ''};
		case 'blank-system':
			return {...review, system: '  '};
		case 'numeric-system':
			return {...review, system: 42};
		case 'null-release':
			return {...review, release: null};
		case 'not-object':
			return 7;
		default:
			return review;
	}
}

/** `value` in one case of `outOf`, else undefined. */
function sometimes<T>(value: fc.Arbitrary<T>, outOf: number): fc.Arbitrary<T | undefined> {
	return fc.oneof(
		{weight: 1, arbitrary: value},
		{weight: outOf - 1, arbitrary: fc.constant(undefined)},
	);
}

const spec: fc.Arbitrary<Spec> = fc.record({
	// Shared now and then; the rest are made unique by their place (see database).
	id: fc.oneof(
		{weight: 1, arbitrary: fc.constantFrom('r-1', 'r-2')},
		{weight: 5, arbitrary: fc.constant('')},
	),
	system: fc.constantFrom('a', 'b', 'café', 'cafe\u0301', 'd', 'e'),
	release: fc.constantFrom(undefined, undefined, '1', '2'),
	deep: sometimes(fc.constantFrom(...deepDefects), 3),
	header: sometimes(fc.constantFrom(...headerDefects), 8),
});

const database = fc.record({
	version: fc.constantFrom(1, 2),
	extra: fc.integer({min: 0, max: 9}).map((n) => n === 0),
	reviews: fc
		.array(spec, {maxLength: 5})
		.map((specs) => specs.map((s, i) => (s.id ? s : {...s, id: `r-u${i}`}))),
	system: fc.constantFrom(undefined, 'a', 'b', 'café', 'c'),
	release: fc.constantFrom(undefined, '1', '2'),
});

type Generated = typeof database extends fc.Arbitrary<infer T> ? T : never;

type Outcome = {review: Review} | {error: string};

async function outcome(read: () => Promise<Review>): Promise<Outcome> {
	try {
		return {review: await read()};
	} catch (error) {
		// Anything but a PreflightError is an internal error (exit 70): a failure here.
		if (!isPreflightError(error)) throw error;
		return {error: error.message};
	}
}

function write(path: string, db: Generated, mend: (i: number) => boolean): void {
	const text = JSON.stringify(
		{
			schemaVersion: db.version,
			reviews: db.reviews.map((s, i) => reviewJson(s, mend(i))),
			...(db.extra ? {extra: true} : {}),
		},
		null,
		2,
	);
	writeFileSync(path, text);
}

/** The review `pick` uses when every header is sound, else undefined. */
function chosenIndex(db: Generated, pick: PickReview): number | undefined {
	if (db.reviews.some((r) => r.header !== undefined)) return undefined;
	const headers = db.reviews.map((s) => {
		const {id, system, release} = reviewJson(s, true) as Review;
		return release === undefined ? {id, system} : {id, system, release};
	});
	try {
		return headers.indexOf(pick(headers));
	} catch {
		return undefined;
	}
}

describe('the large-database fast path and the full read', () => {
	it('answer alike on every generated database: as the full read would if the reviews not used were sound', async () => {
		const dir = tempDir();
		const path = join(dir, 'db.json');
		const mendedPath = join(dir, 'mended.json');
		let same = 0;
		let lenient = 0;
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(database, async (db) => {
				const flags = {
					...(db.system ? {system: db.system} : {}),
					...(db.release ? {release: db.release} : {}),
				};
				// Errors name the file they were asked about: both reads are asked about `path`.
				const pick: PickReview = (reviews) => chooseReview(reviews, flags, path);
				write(path, db, () => false);
				const full = await outcome(() => readReviewFromWhole(path, pick));
				const fast = await outcome(() => readReviewFromLarge(path, pick));
				if ('review' in full) {
					expect(fast).toEqual(full);
					same++;
					return;
				}
				// Deep defects mended in every review but the one the fast path uses.
				const chosen = chosenIndex(db, pick);
				write(mendedPath, db, (i) => i !== chosen);
				const mended = await outcome(() => readReviewFromWhole(mendedPath, pick));
				if ('review' in mended || 'review' in fast) {
					expect(fast).toEqual(mended);
					lenient++;
					return;
				}
				// Both refuse; with one defect left, they name it alike. (With several,
				// each names the first it meets: the fast path checks the file's
				// shell before the review it uses.)
				refused++;
				const ids = db.reviews.filter((r) => r.header === undefined).map((r) => r.id);
				const defects =
					db.reviews.filter((r, i) => r.header ?? (i === chosen ? r.deep : undefined)).length +
					(db.extra ? 1 : 0) +
					(new Set(ids).size < ids.length ? 1 : 0);
				if (defects <= 1) expect(fast.error).toBe(mended.error.replace(mendedPath, path));
			}),
			{numRuns: 400},
		);
		// The generator reaches every case.
		expect(same).toBeGreaterThan(0);
		expect(lenient).toBeGreaterThan(0);
		expect(refused).toBeGreaterThan(0);
	});
});
