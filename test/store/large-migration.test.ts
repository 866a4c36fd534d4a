// A large database (the read-only commands' fast path) written by schema 2:
// migrated on read like any other, the answers it kept only in the audit log
// back as orphans, and the one review judged.
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadChecklist} from '../../source/checklist/load.js';
import {LARGE_INPUT, LARGE_REVIEW} from '../../source/model/large.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {emptyDatabase} from '../../source/store/database.js';
import {ensureBuilt, workspace} from '../commands/cli.js';

beforeAll(() => ensureBuilt());

const at = new Date('2026-03-01T12:00:00Z');

describe('a large schema 2 database', () => {
	it('status reads the one review it reports on, migrated, with its recovered orphan', () => {
		const ws = workspace();
		const items = Array.from({length: 800}, (_, i) => ({id: `s.item-${i}`, title: `Check ${i}`}));
		const checklistPath = join(ws.dir, 'big.json');
		writeFileSync(
			checklistPath,
			JSON.stringify({
				id: 'big',
				title: 'Big',
				version: '2',
				sections: [{id: 's', title: 'S', items}],
			}),
		);
		const big = loadChecklist(checklistPath);
		const db = emptyDatabase();
		for (const system of ['one', 'two']) {
			let review = newReview(big.checklist, big.digest, system, undefined, at);
			for (const it of items)
				review = recordAnswer(
					review,
					it.id,
					withStatus({status: 'pending', evidence: []}, 'fail'),
					{
						by: 'ada',
						at,
					},
				);
			db.reviews.push(review);
		}
		// The in-memory form is the layout of schema 3 (store/layout.ts).
		const raw = JSON.parse(JSON.stringify(db)) as {
			schemaVersion: number;
			reviews: Array<{checklist: {items: Record<string, unknown>}; audit: unknown[]}>;
		};
		// As schema 2 wrote it: fingerprints as strings, a dropped answer in the audit log.
		raw.schemaVersion = 2;
		for (const review of raw.reviews) {
			for (const [id, stored] of Object.entries(review.checklist.items))
				review.checklist.items[id] = (stored as {print: string}).print;
			review.audit.push({
				at: at.toISOString(),
				by: 'preflight',
				item: 's.gone',
				from: 'pass',
				to: 'pending',
				detail: `removed from checklist 2; last answer: ${JSON.stringify({status: 'pass', evidence: []})}`,
			});
		}
		const text = JSON.stringify(raw, null, 2);
		expect(text.length).toBeGreaterThan(LARGE_INPUT);
		expect(text.length / 2).toBeGreaterThan(LARGE_REVIEW);
		mkdirSync(dirname(ws.db), {recursive: true});
		writeFileSync(ws.db, text);
		const r = ws.run(['status', '--system', 'two', '--checklist', checklistPath]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('800/800 answered');
		expect(r.stdout).toContain('orphans (1): answers of items no longer in the checklist');
		expect(r.stdout).toContain('  ✔ pass  s.gone  removed in 2');
	});
});
