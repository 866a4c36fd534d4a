// Every map keyed by outside text must answer for every string: an item id
// named like a member of Object.prototype once counted as answered.
import {describe, expect, it} from 'vitest';
import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import {isPreflightError} from '../../source/errors.js';
import {canonicalJson, sortKeys} from '../../source/model/canonical.js';
import {compiledReviewSchema} from '../../source/model/compiled.js';
import {answerFor, evaluate} from '../../source/model/evaluate.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {reviewSchema, SCHEMA_VERSION, type Review} from '../../source/model/schemas.js';
import {storedItems} from '../../source/model/renames.js';
import {upgradeReview} from '../../source/model/upgrade.js';
import * as z from '../../source/model/zod.js';
import {buildSnapshot} from '../../source/report/snapshot.js';
import {ruleProblems} from '../../source/report/verify-rules.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const actor = {by: 'Ada', at: NOW};
/** Every name an object inherits, and __proto__. */
const inherited = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
/** Those a checklist id may be (an id starts with a letter or digit). */
const asIds = inherited.filter((n) => /^[A-Za-z0-9]/.test(n));

function checklistOf(ids: readonly string[], renamed?: Record<string, string>): LoadedChecklist {
	return checklistFromData(
		{
			id: 'proto',
			title: 'Prototype names',
			version: renamed ? '2' : '1',
			sections: [{id: 's', title: 'S', items: ids.map((id) => ({id, title: `Item ${id}`}))}],
			...(renamed ? {renamed} : {}),
		},
		'proto.json',
	);
}

/** Reads a review as the database does: JSON text, then zod. */
function reread(review: Review, compiled = false): Review {
	const raw = JSON.parse(JSON.stringify(review)) as unknown;
	const result = z.safeParse(compiled ? compiledReviewSchema() : reviewSchema, raw);
	if (!result.success) throw new Error(result.error.message);
	return result.data;
}

describe('item ids named like members of Object.prototype', () => {
	it('are ids a checklist may hold (those starting with a letter), the others are refused', () => {
		expect(asIds.length).toBeGreaterThanOrEqual(7);
		expect(checklistOf(asIds).checklist.sections[0]!.items).toHaveLength(asIds.length);
		for (const name of inherited.filter((n) => !asIds.includes(n))) {
			let error: unknown;
			try {
				checklistOf([name]);
			} catch (e) {
				error = e;
			}
			expect(isPreflightError(error), name).toBe(true);
		}
	});

	it.each([false, true])(
		'count as pending until answered, in a new review and one read back (compiled schema: %s)',
		(compiled) => {
			const loaded = checklistOf(asIds);
			const fresh = newReview(loaded.checklist, loaded.digest, 'sys', undefined, NOW);
			for (const review of [fresh, reread(fresh, compiled)]) {
				for (const id of inherited) expect(answerFor(review, id).status, id).toBe('pending');
				const e = evaluate(loaded.checklist, review, NOW);
				expect(e.verdict).toBe('not-ready');
				expect(e.totals).toMatchObject({items: asIds.length, pending: asIds.length});
				expect(e.blockers).toHaveLength(asIds.length);
				expect(Object.keys(e.totals).sort()).toEqual(
					['blockers', 'fail', 'items', 'na', 'pass', 'pending', 'stale', 'waived'].sort(),
				);
			}
		},
	);

	it('are answered, stored and read back like any id, and a snapshot of them verifies', () => {
		const loaded = checklistOf(asIds);
		let review = newReview(loaded.checklist, loaded.digest, 'sys', undefined, NOW);
		for (const id of asIds)
			review = recordAnswer(review, id, withStatus(answerFor(review, id), 'fail'), actor);
		const text = serializeDatabase({schemaVersion: SCHEMA_VERSION, reviews: [review]});
		const back = parseDatabase(text, 'db.json').data.reviews[0]!;
		for (const id of asIds) expect(answerFor(back, id).status, id).toBe('fail');
		expect(Object.getPrototypeOf(back.answers)).toBeNull();
		expect(Object.getPrototypeOf(back.checklist.items)).toBeNull();
		const e = evaluate(loaded.checklist, back, NOW);
		expect(e.totals).toMatchObject({fail: asIds.length, pending: 0});
		const snapshot = buildSnapshot(e, back, loaded, NOW);
		expect(ruleProblems(snapshot, loaded)).toEqual([]);
	});

	it('a database whose answers hold a key __proto__ is refused, not silently dropped', () => {
		const loaded = checklistOf(['a']);
		const review = newReview(loaded.checklist, loaded.digest, 'sys', undefined, NOW);
		const text = serializeDatabase({schemaVersion: SCHEMA_VERSION, reviews: [review]}).replace(
			'"items": {',
			'"items": {"__proto__": {"answer": {"status": "pass", "evidence": []}}, ',
		);
		expect(text).toContain('__proto__');
		expect(() => parseDatabase(text, 'db.json')).toThrow(/__proto__" cannot be an item id/);
		const fingerprints = serializeDatabase({
			schemaVersion: SCHEMA_VERSION,
			reviews: [review],
		}).replace('"items": {', '"items": {"__proto__": {"print": "x"}, ');
		expect(() => parseDatabase(fingerprints, 'db.json')).toThrow(/__proto__/);
	});

	it('renames to and from such ids carry answers, and removed ones are reported', () => {
		const before = checklistOf(['a', 'toString']);
		let review = newReview(before.checklist, before.digest, 'sys', undefined, NOW);
		review = recordAnswer(review, 'a', withStatus(answerFor(review, 'a'), 'fail'), actor);
		const after = checklistOf(['constructor', 'valueOf'], {a: 'constructor', x: 'hasOwnProperty'});
		const {review: moved, report} = upgradeReview(review, after.checklist, after.digest, actor);
		expect(answerFor(moved, 'constructor').status).toBe('fail');
		expect(answerFor(moved, 'valueOf').status).toBe('pending');
		expect(report?.renamed).toEqual([['a', 'constructor']]);
		expect(report?.removed).toEqual(['toString']);
		expect(report?.added).toEqual(['valueOf']);
		expect(Object.getPrototypeOf(moved.answers)).toBeNull();
	});

	it('fingerprints and canonical JSON keep every key, __proto__ included', () => {
		const prints = storedItems(checklistOf(asIds).checklist);
		expect(Object.keys(prints).sort()).toEqual([...asIds].sort());
		const raw = JSON.parse('{"b": 1, "__proto__": {"x": 1}, "constructor": 2}') as unknown;
		expect(canonicalJson(raw)).toBe('{"__proto__":{"x":1},"b":1,"constructor":2}');
		expect(JSON.stringify(sortKeys(raw))).toBe('{"__proto__":{"x":1},"b":1,"constructor":2}');
	});
});
