import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';
import {cleanupApps, dbWith, renderApp, renderReview, smallChecklist} from './helpers.js';

afterEach(() => cleanupApps());

// NOW (helpers.tsx) is 2026-11-28T12:00Z.
function yearly(reviewEvery = 'P1Y'): LoadedChecklist {
	const small = smallChecklist().checklist;
	const {$schema: _s, ...rest} = small;
	return checklistFromData({...rest, reviewEvery}, 'yearly.json');
}

function startedAt(loaded: LoadedChecklist, id: string, system: string, at: string): Review {
	return {...newReview(loaded.checklist, loaded.digest, system, undefined, new Date(at)), id};
}

/** A review's rows on home: its own and the one below it, which says what more there is to know. */
function rowsOf(frame: string, text: string): string {
	const lines = frame.split('\n');
	const i = lines.findIndex((l) => l.includes(text));
	return i < 0 ? '' : `${lines[i]}\n${lines[i + 1] ?? ''}`;
}

describe('re-review of the whole review in the app', () => {
	it('home marks a review past due and one soon due, and says nothing of one due later', async () => {
		const loaded = yearly();
		const db = dbWith(
			startedAt(loaded, 'r-1', 'old-api', '2025-10-01T00:00:00Z'),
			startedAt(loaded, 'r-2', 'soon-api', '2025-12-10T00:00:00Z'),
			startedAt(loaded, 'r-3', 'new-api', '2026-11-01T00:00:00Z'),
		);
		const app = await renderApp({loaded, db});
		const frame = await app.waitForText('3 reviews');
		expect(rowsOf(frame, 'old-api')).toMatch(
			/✖ NOT READY · 6 blockers\n {4}due again since 2026-10-01$/,
		);
		expect(rowsOf(frame, 'soon-api')).toMatch(
			/✖ NOT READY · 6 blockers\n {4}due again 2026-12-10$/,
		);
		expect(rowsOf(frame, 'new-api')).not.toContain('due again');
	});

	it('home shows nothing of the kind when the checklist has no reviewEvery', async () => {
		const loaded = smallChecklist();
		const app = await renderApp({
			loaded,
			db: dbWith(startedAt(loaded, 'r-1', 'old-api', '2020-01-01T00:00:00Z')),
		});
		const frame = await app.waitForText('1 review');
		expect(frame).not.toContain('due again');
	});

	it('the summary names the due date, and how to clear a past-due review', async () => {
		const loaded = yearly();
		const review = startedAt(loaded, 'r-1', 'old-api', '2025-10-01T00:00:00Z');
		const app = await renderReview({loaded, review});
		await app.waitForText('old-api');
		await app.press('s');
		const frame = await app.waitForText('review due again since 2026-10-01');
		expect(frame).toContain(
			'review due again since 2026-10-01 (every 1 year, from its start, 2025-10-01)',
		);
		expect(frame).toContain('D records a decision');
	});

	it('the summary of a review not yet due gives the date, without the call to act', async () => {
		const loaded = yearly('P2Y');
		const review = startedAt(loaded, 'r-1', 'fresh-api', '2026-11-01T00:00:00Z');
		const app = await renderReview({loaded, review});
		await app.waitForText('fresh-api');
		await app.press('s');
		const frame = await app.waitForText('review due again 2028-11-01');
		expect(frame).not.toContain('D records a decision');
	});
});
