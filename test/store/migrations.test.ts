import {describe, expect, it} from 'vitest';
import {SCHEMA_VERSION} from '../../source/model/schemas.js';
import {migrate} from '../../source/store/migrations.js';
import {parseDatabase} from '../../source/store/validated-file.js';

const at = '2026-03-01T12:00:00.000Z';
const passed = {
	status: 'pass',
	evidence: [{kind: 'url', ref: 'https://example.com/a'}],
	signedOff: {at, by: 'Alice'},
};

/** A review as schema 2 stored it: fingerprints as strings, dropped answers only in the audit log. */
function schema2Review(audit: unknown[]) {
	return {
		id: 'r-1',
		system: 'payments',
		checklist: {id: 'demo', version: '2', digest: 'sha256:b', items: {kept: 'aaaa', back: 'bbbb'}},
		createdAt: at,
		updatedAt: at,
		answers: {kept: passed},
		audit,
	};
}

const removal = (item: string, answer: unknown, version = '2') => ({
	at,
	by: 'preflight',
	item,
	from: 'fail',
	to: 'pending',
	detail: `removed from checklist ${version}; last answer: ${answer === undefined ? 'none' : JSON.stringify(answer)}`,
});

function migrated(audit: unknown[]) {
	const text = JSON.stringify({schemaVersion: 2, reviews: [schema2Review(audit)]});
	const {data, migratedFrom} = parseDatabase(text, 'db.json');
	expect(migratedFrom).toBe(2);
	expect(data.schemaVersion).toBe(SCHEMA_VERSION);
	return data.reviews[0]!;
}

describe('migrating a schema 2 database to 3', () => {
	it("turns each item's fingerprint into {print}", () => {
		const review = migrated([]);
		expect(review.checklist.items).toEqual({kept: {print: 'aaaa'}, back: {print: 'bbbb'}});
		expect(review.orphans).toBeUndefined();
	});

	it('recovers the answers version 2 kept only in the audit log, as orphans', () => {
		const dropped = {status: 'fail', evidence: [], note: 'no drill yet'};
		const review = migrated([removal('drill', dropped, '1.4.0')]);
		expect(review.orphans?.drill).toEqual({
			answer: dropped,
			removedIn: '1.4.0',
			removedAt: at,
		});
	});

	it('leaves out what it cannot trust: no answer, a bad answer, an item back or answered since', () => {
		const review = migrated([
			removal('none', undefined),
			removal('bad', {status: 'maybe', evidence: []}),
			removal('back', passed), // in the checklist the review last took
			removal('kept', passed), // has an answer now
			removal('later', passed),
			{at, by: 'Alice', item: 'later', from: 'pending', to: 'pass', detail: 'renamed from x'},
			{...removal('garbled', passed), detail: 'removed from checklist 2; last answer: {not json'},
		]);
		expect(review.orphans).toBeUndefined();
	});

	it('is one step of migrate, after 1 -> 2', () => {
		const v1 = {schemaVersion: 1, reviews: [schema2Review([removal('drill', passed)])]};
		const out = migrate(v1, 1) as {schemaVersion: number; reviews: Array<{orphans?: object}>};
		expect(out.schemaVersion).toBe(SCHEMA_VERSION);
		expect(Object.keys(out.reviews[0]!.orphans ?? {})).toEqual(['drill']);
	});

	it('never takes __proto__ for an orphan', () => {
		const review = migrated([removal('__proto__', passed)]);
		expect(review.orphans).toBeUndefined();
	});
});
