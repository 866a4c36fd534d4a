// The summary on every terminal the app opens in (60×16 and larger), with all
// it can show at once: a launch date, a decision, a review due again, this
// session's attendees, action items, items to discuss later. It never draws
// more rows than the terminal has, and the verdict always shows whole.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import type {Answer, Review} from '../../source/model/schemas.js';
import {initialState} from '../../source/ui/state/reducer.js';
import {cells} from '../../source/terminal/width.js';
import {actor, cleanupApps, dbWith, fakeServices, NOW, renderApp, resize} from './helpers.js';

afterEach(() => cleanupApps());

function checklistOf(sections: number): LoadedChecklist {
	return checklistFromData(
		{
			id: 'fit',
			title: 'Fit checklist',
			version: '1',
			reviewEvery: 'P1Y',
			sections: Array.from({length: sections}, (_, s) => ({
				id: `s${s}`,
				title: `Section ${s}`,
				items: Array.from({length: 5}, (_, i) => ({
					id: `s${s}.i${i}`,
					title: `Item ${s}.${i} with a fairly long title`,
				})),
			})),
		},
		'fit.json',
	);
}

/** Every third item failed with an action item (half of them overdue), the rest passed; `later` marked. */
function fullReview(loaded: LoadedChecklist, later: number, decided: boolean): Review {
	const base = newReview(
		loaded.checklist,
		loaded.digest,
		'payments-gateway-settlement',
		'2.4',
		new Date('2025-10-15T00:00:00Z'),
	);
	const answers: Record<string, Answer> = {};
	let k = 0;
	for (const s of loaded.checklist.sections)
		for (const item of s.items) {
			k++;
			const mark = k <= later ? {later: {by: 'Ada', at: NOW.toISOString()}} : {};
			answers[item.id] =
				k % 3 === 0
					? {
							status: 'fail',
							evidence: [],
							...mark,
							actions: [
								{
									what: `fix ${k}`,
									owner: `Owner${k}`,
									due: k % 2 ? '2026-11-01' : '2027-03-15',
									addedAt: '2026-11-20T00:00:00Z',
									addedBy: 'Ada',
								},
							],
						}
					: {
							status: 'pass',
							evidence: [
								{kind: 'url', ref: 'https://ci.example/ok', addedAt: '2026-10-01T00:00:00Z'},
							],
							signedOff: {by: 'Ada', at: '2026-10-01T00:00:00Z'},
							...mark,
						};
		}
	const decisions = decided
		? [
				{
					decision: 'no-go' as const,
					by: 'Ada',
					at: '2026-11-27T00:00:00.000Z',
					verdict: 'not-ready' as const,
					digest: `sha256:${'0'.repeat(64)}`,
				},
			]
		: undefined;
	return {...base, id: 'r-1', answers, launchDate: '2027-03-01', ...(decisions ? {decisions} : {})};
}

describe('the summary fits the terminal', () => {
	for (const [sections, later, decided, writtenAsking] of [
		[3, 0, false, false],
		[3, 2, true, false],
		[8, 12, true, false],
		// Snapshot files written and signed (three lines), and D asking for a decision.
		[8, 2, true, true],
		// Written, not asking.
		[8, 2, true, 'written'],
	] as const)
		it(`${sections} sections, ${later} to discuss later, ${decided ? 'a decision' : 'no decision'}${writtenAsking === true ? ', files written, D asking' : writtenAsking ? ', files written' : ''}: from 60×16 up`, async () => {
			const loaded = checklistOf(sections);
			const review = fullReview(loaded, later, decided);
			const stem = '/work/.preflight/snapshots/payments-gateway-settlement-2.4-20261128T120000Z';
			const app = await renderApp({
				loaded,
				initial: initialState(loaded, dbWith(review), ['Ann', 'Bo Li']),
				startup: [{type: 'open-review', reviewId: review.id, actor}],
				services: fakeServices({
					writeSnapshot: vi.fn(async () => ({
						json: `${stem}.json`,
						markdown: `${stem}.md`,
						signature: `${stem}.json.sig`,
						fingerprint: 'SHA256:abc',
					})),
				}),
				ready: 'preflight',
			});
			await app.press('s');
			await app.waitForText('Summary');
			if (writtenAsking) {
				await app.press('w');
				await app.waitForText('✔ wrote');
				if (writtenAsking === true) {
					await app.press('D');
					await app.waitForText('Decision (go or no-go):');
				}
			}
			// Each step changes the width: the header, which fills it, tells the new frame.
			for (const rows of [16, 17, 18, 20, 24, 30])
				for (const columns of [60, 80, 120]) {
					resize(app.stdout, columns, rows);
					const frame = await app.waitFor((f) => {
						const top = f.split('\n')[0] ?? '';
						return top.includes('Summary') && cells(top) > columns - 3 && cells(top) <= columns;
					}, `the summary at ${columns}×${rows}`);
					const lines = frame.split('\n');
					const at = `${columns}×${rows}`;
					expect(lines.length, `${at}:\n${frame}`).toBeLessThanOrEqual(rows);
					expect(lines[0], at).toContain('Summary');
					expect(frame, at).toMatch(/✖ NOT READY · \d+ blockers/);
					expect(frame, at).toMatch(/Blockers \(\d+\)/);
					if (decided) expect(frame, at).toContain('decision: no-go');
					if (writtenAsking === true) expect(frame, at).toContain('Decision (go or no-go):');
					// What w wrote gives way only on a terminal too short for it, and what it
					// frees beyond the need brings back what gave way before it.
					if (writtenAsking && rows >= 24) expect(frame, at).toContain('✔ wrote');
					if (writtenAsking === 'written' && rows === 16)
						expect(frame, `${at}:\n${frame}`).toMatch(/launch (day )?2027-03-01/);
					// The count to discuss later, whole: after the totals, or after the verdict.
					if (later) expect(frame, `${at}:\n${frame}`).toContain(`◷ ${later} to discuss later`);
				}
		});
});
