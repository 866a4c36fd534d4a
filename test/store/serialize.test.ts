import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {sortKeys} from '../../source/model/canonical.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Database} from '../../source/model/schemas.js';
import {emptyDatabase} from '../../source/store/database.js';
import {storedReview} from '../../source/store/layout.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const loaded = loadChecklist(defaultChecklistPath());
const at = new Date('2026-11-28T12:00:00Z');

function database(reviews: number): Database {
	const db = emptyDatabase();
	for (let i = 0; i < reviews; i++) {
		let review = newReview(
			loaded.checklist,
			loaded.digest,
			`system-${i}`,
			i % 2 ? '1.0' : undefined,
			at,
		);
		review = recordAnswer(
			review,
			'architecture.boundaries',
			withStatus({status: 'pending', evidence: []}, 'fail', {note: 'multi\nline "quoted"'}),
			{by: 'ada', at},
		);
		db.reviews.push(review);
	}
	return db;
}

/** The file's text: the database with each review laid out by item, keys sorted. */
function expected(db: Database): string {
	const stored = {...db, reviews: db.reviews.map(storedReview)};
	return `${JSON.stringify(sortKeys(stored), null, 2)}\n`;
}

describe('serializeDatabase', () => {
	it.each([0, 1, 3])('writes exactly the pretty-printed, key-sorted JSON (%i reviews)', (n) => {
		const db = database(n);
		expect(serializeDatabase(db)).toBe(expected(db));
	});

	it('reuses the text of unchanged reviews and re-checks changed ones', () => {
		const {data} = parseDatabase(serializeDatabase(database(2)), 'db.json');
		const first = serializeDatabase(data);
		const changed = {...data, reviews: [data.reviews[0]!, {...data.reviews[1]!, system: ''}]};
		expect(() => serializeDatabase(changed)).toThrow(
			/refusing to save an invalid database \(reviews\[1\]\.system/,
		);
		const renamed = {
			...data,
			reviews: [data.reviews[0]!, {...data.reviews[1]!, system: 'renamed'}],
		};
		const text = serializeDatabase(renamed);
		expect(text).not.toBe(first);
		expect(text).toBe(expected(renamed));
	});
});
