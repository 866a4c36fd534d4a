// What the app says when opening a review upgrades its checklist: the keys it
// names are the keys that work (O lists the orphans; o opens links), and the
// milestone file a save wrote stays in sight at 80 and 100 columns.
import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Database, Review} from '../../source/model/schemas.js';
import {emptyDatabase} from '../../source/store/database.js';
import {actor, cleanupApps, NOW, renderApp, resize, waitUntil} from './helpers.js';

afterEach(() => cleanupApps());

const item = (id: string, title: string) => ({id, title, guidance: '', evidenceRequired: false});
const sections = (items: Array<ReturnType<typeof item>>) => [{id: 's', title: 'Operations', items}];

const v1 = checklistFromData(
	{
		id: 'launch',
		title: 'Launch',
		version: '1.0.0',
		sections: sections([
			item('s.pager', 'Pager configured'),
			item('s.backups', 'Backups restored in a drill'),
			item('s.fax', 'Fax machine tested every quarter'),
			item('s.telex', 'Telex line answered on weekends'),
		]),
	},
	'v1.json',
);
const v2 = checklistFromData(
	{
		id: 'launch',
		title: 'Launch',
		version: '1.1.0',
		sections: sections([
			item('s.pager', 'Pager configured and tested'),
			item('s.backups', 'Backups restored in a drill'),
			item('s.canary', 'Canary deploys in place'),
		]),
	},
	'v2.json',
);

/** Two answers on items v2 removes (orphans), one on an item it changes. */
function answeredOnV1(): Review {
	let review: Review = {
		...newReview(v1.checklist, v1.digest, 'payments-platform', '2026.03', NOW),
		id: 'r-test',
	};
	for (const id of ['s.pager', 's.fax', 's.telex'])
		review = recordAnswer(review, id, withStatus({status: 'pending', evidence: []}, 'fail'), actor);
	return review;
}

const milestone =
	'milestone snapshots/payments-platform-2026.03-20260301T120000Z-before-1.1.0.json';

async function openOnV2(columns: number) {
	const review = answeredOnV1();
	const db: Database = {...emptyDatabase(), reviews: [review]};
	let first = true;
	const app = await renderApp({
		loaded: v2,
		db,
		// The first save is the one that wrote the milestone (ui/run.tsx says so).
		persist: async () => {
			if (!first) return undefined;
			first = false;
			return milestone;
		},
		startup: [{type: 'open-review', reviewId: review.id, actor}],
		ready: 'orphaned answers',
	});
	resize(app.stdout, columns, 24);
	await waitUntil(() => app.persist.mock.calls.length > 0, 'the upgrade saved');
	return app;
}

describe('the upgrade message on opening a review', () => {
	it.each([80, 100])(
		'at %i columns names O for the orphans and shows the milestone file whole',
		async (columns) => {
			const app = await openOnV2(columns);
			const frame = await app.waitForText('before-1.1.0.json');
			// The message rows: above the two footer rows.
			const rows = frame.split('\n').slice(-4, -2);
			expect(rows[0]).toContain(milestone);
			const message = rows.map((r) => r.trim()).join(' ');
			expect(message).toContain('checklist updated 1.0.0 → 1.1.0');
			if (columns >= 100) expect(message).toContain('2 answers kept as orphans · O lists them');
			expect(frame).not.toMatch(/\bo on the review screen/);
			expect(frame).not.toContain('lists the orphaned answers');
		},
	);
});

describe('O in the footer', () => {
	it('is offered while the review has orphans', async () => {
		const app = await openOnV2(200);
		const frame = await app.waitFor(
			(f) => f.split('\n').slice(-2).join('\n').includes('O orphans'),
			'O in the footer',
		);
		expect(frame).toContain('a action');
	});
});
