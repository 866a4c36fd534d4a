import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {
	defaultChecklistPath,
	loadChecklist,
	type LoadedChecklist,
} from '../../source/checklist/load.js';
import type {Review} from '../../source/model/schemas.js';
import {join} from 'node:path';
import {LARGE_INPUT, LARGE_REVIEW} from '../../source/model/large.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {emptyDatabase} from '../../source/store/database.js';
import {serializeDatabase} from '../../source/store/validated-file.js';
import {ensureBuilt, workspace} from '../commands/cli.js';

beforeAll(() => ensureBuilt());

const loaded = loadChecklist(defaultChecklistPath());
const at = new Date('2026-03-01T12:00:00Z');

/** A review of `system` with every item of the checklist failed, with a note. */
function failedReview({checklist, digest}: LoadedChecklist, system: string): Review {
	let review = newReview(checklist, digest, system, undefined, at);
	for (const section of checklist.sections)
		for (const item of section.items)
			review = recordAnswer(
				review,
				item.id,
				withStatus({status: 'pending', evidence: []}, 'fail', {note: 'not yet'}),
				{by: 'ada', at},
			);
	return review;
}

/** A database over LARGE_INPUT: read-only commands validate only the review they use. */
function largeDatabase(): {text: string; count: number} {
	const db = emptyDatabase();
	let count = 0;
	while (serializeDatabase(db).length < LARGE_INPUT * 1.2) {
		db.reviews.push(failedReview(loaded, `system-${count}`));
		count++;
	}
	return {text: serializeDatabase(db), count};
}

describe('a large database', () => {
	it('status and gate read one review; a broken one elsewhere does not stop them, a broken chosen one does', () => {
		const ws = workspace();
		const {text, count} = largeDatabase();
		const raw = JSON.parse(text);
		raw.reviews[1].items['security.secrets'].answer.status = 'bogus';
		mkdirSync(dirname(ws.db), {recursive: true});
		writeFileSync(ws.db, JSON.stringify(raw, null, 2));
		const ok = ws.run(['status', '--system', 'system-0']);
		expect(ok.code, ok.stderr).toBe(0);
		expect(ok.stdout).toContain('26/26 answered');
		expect(ws.run(['gate', '--system', 'system-0']).code).toBe(1);
		const broken = ws.run(['status', '--system', 'system-1']);
		expect(broken.code).toBe(2);
		expect(broken.stderr).toContain('reviews[1].items.security.secrets.answer.status');
		// Writers still validate the whole file before touching it.
		expect(ws.run(['set', 'testing.unit-tests', 'fail', '--system', 'system-0']).code).toBe(2);
		expect(count).toBeGreaterThan(2);
	});

	it('a review over LARGE_REVIEW is read with the compiled schema: valid, it is reported on; broken, the path is named', () => {
		const ws = workspace();
		const items = Array.from({length: 600}, (_, i) => ({
			id: `item-${i}`,
			title: `Check ${i}`,
		}));
		const checklistPath = join(ws.dir, 'big.json');
		writeFileSync(
			checklistPath,
			JSON.stringify({
				id: 'big',
				title: 'Big',
				version: '1',
				sections: [{id: 's', title: 'S', items}],
			}),
		);
		const big = loadChecklist(checklistPath);
		const db = emptyDatabase();
		db.reviews.push(failedReview(big, 'one'), failedReview(big, 'two'));
		const text = serializeDatabase(db);
		expect(text.length / 2).toBeGreaterThan(LARGE_REVIEW);
		expect(text.length).toBeGreaterThan(LARGE_INPUT);
		const raw = JSON.parse(text);
		raw.reviews[1].items['item-599'].answer.signedOff.at = 'yesterday';
		mkdirSync(dirname(ws.db), {recursive: true});
		writeFileSync(ws.db, JSON.stringify(raw, null, 2));
		const ok = ws.run(['status', '--system', 'one', '--checklist', checklistPath]);
		expect(ok.code, ok.stderr).toBe(0);
		expect(ok.stdout).toContain('600/600 answered');
		const broken = ws.run(['status', '--system', 'two', '--checklist', checklistPath]);
		expect(broken.code).toBe(2);
		expect(broken.stderr).toContain('reviews[1].items.item-599.answer.signedOff.at');
	});
});
