import {afterEach, describe, expect, it, vi} from 'vitest';
import {recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import type {Services} from '../../source/ui/state/context.js';
import {sideAnswer, withConflict} from '../model/conflict-fixture.js';
import {
	actor,
	blankReview,
	cleanupApps,
	defaultChecklist,
	fakeServices,
	keys,
	renderReview,
	smallChecklist,
	lastSaved,
} from './helpers.js';

afterEach(() => cleanupApps());

const row = (frame: string, title: string) =>
	frame.split('\n').find((l) => l.includes(title)) ?? '';

describe('m: discuss later', () => {
	it('marks the focused item (◷ in the list, who and when in the details), saves it, u takes it back', async () => {
		const loaded = smallChecklist();
		const app = await renderReview({loaded, ready: 'Alpha one'});
		await app.press('m');
		let frame = await app.waitForText('to discuss later · marked by Ada');
		expect(row(frame, 'Alpha one')).toContain('◷ Alpha one');
		expect(frame).toContain('2026-11-28 12:00 UTC');
		const saved = await lastSaved(app);
		expect(saved.answers['a1']).toMatchObject({
			status: 'pending',
			later: {by: 'Ada', at: '2026-11-28T12:00:00.000Z'},
		});
		expect(saved.audit.at(-1)).toMatchObject({
			item: 'a1',
			by: 'Ada',
			detail: 'marked to discuss later',
		});
		await app.press('u');
		frame = await app.waitForText('Undone: the discuss-later mark set on “Alpha one”');
		expect(row(frame, 'Alpha one')).not.toContain('◷');
		const after = await lastSaved(app, 2);
		expect(after.answers['a1']).toBeUndefined();
	});

	it('m again clears the mark; the status and sign-off stay as they were', async () => {
		const loaded = smallChecklist();
		let review = blankReview(loaded);
		review = recordAnswer(
			review,
			'a3',
			withStatus({status: 'pending', evidence: []}, 'pass'),
			actor,
		);
		const app = await renderReview({loaded, review, ready: 'Alpha one'});
		await app.press('j');
		await app.press('j');
		await app.press('m');
		await app.waitForText('to discuss later');
		await app.press('m');
		await app.waitForGone('to discuss later · marked');
		const saved = await lastSaved(app, 2);
		expect(saved.answers['a3']?.later).toBeUndefined();
		expect(saved.answers['a3']?.status).toBe('pass');
		expect(saved.answers['a3']?.signedOff).toEqual(review.answers['a3']?.signedOff);
		expect(saved.audit.at(-1)?.detail).toBe('discuss-later mark cleared');
	});

	it('the filter word later lists only the marked items; the summary counts them', async () => {
		const loaded = smallChecklist();
		const app = await renderReview({loaded, ready: 'Alpha one'});
		await app.press('m');
		await app.waitForText('◷ Alpha one');
		await app.press(keys.right);
		await app.waitForText('Beta one');
		await app.press('j');
		await app.press('m');
		await app.waitForText('◷ Beta two');
		await app.press('/');
		await app.press('later');
		await app.press(keys.enter);
		const frame = await app.waitForText('(to discuss later) · 2 matches');
		expect(frame).toContain('Alpha one');
		expect(frame).toContain('Beta two');
		expect(frame).not.toContain('Alpha two');
		expect(frame).not.toContain('Gamma one');
		await app.press('s');
		await app.waitForText('◷ 2 to discuss later');
	});
});

describe('o: open the evidence link', () => {
	const withLink = (url: string) => {
		const loaded = smallChecklist();
		let review = blankReview(loaded);
		review = recordAnswer(
			review,
			'a1',
			withEvidence({status: 'pending', evidence: []}, {kind: 'url', ref: url}),
			actor,
		);
		return {loaded, review};
	};

	it('hands the first URL to the opener and says with what', async () => {
		const url = 'https://example.com/runbook?a=1&b=$(x)';
		const openLink = vi.fn<NonNullable<Services['openLink']>>(async () => ({
			opened: true as const,
			by: 'xdg-open',
		}));
		const app = await renderReview({
			...withLink(url),
			services: fakeServices({openLink}),
			ready: 'Alpha one',
		});
		await app.press('o');
		await app.waitForText('Opened with xdg-open:');
		expect(openLink).toHaveBeenCalledWith(url);
		expect(app.frame()).toContain(url);
	});

	it('shows the link (an OSC 8 hyperlink) and why when it cannot be opened', async () => {
		const url = 'https://example.com/dash';
		const openLink = vi.fn<NonNullable<Services['openLink']>>(async () => ({
			opened: false as const,
			reason: 'no display',
		}));
		const app = await renderReview({
			...withLink(url),
			services: fakeServices({openLink}),
			ready: 'Alpha one',
		});
		await app.press('o');
		const frame = await app.waitForText('Not opened (no display):');
		expect(frame).toContain(url);
		expect(app.lastFrame()).toContain(`\u001B]8;;${url}\u0007${url}\u001B]8;;\u0007`);
	});

	it('says so when the item has no http(s) evidence, and opens nothing', async () => {
		const openLink = vi.fn<NonNullable<Services['openLink']>>();
		const app = await renderReview({
			loaded: smallChecklist(),
			services: fakeServices({openLink}),
			ready: 'Alpha one',
		});
		await app.press('o');
		await app.waitForText('“Alpha one” has no http(s) evidence link to open.');
		expect(openLink).not.toHaveBeenCalled();
	});

	it('without an opener (no browser here) shows the link', async () => {
		const app = await renderReview({
			...withLink('https://example.com/x'),
			ready: 'Alpha one',
		});
		await app.press('o');
		await app.waitForText('Not opened (no browser here):');
	});
});

describe('m and o on a conflict', () => {
	it('m asks to settle the conflict first and saves nothing; o opens a link one of its answers gives', async () => {
		const loaded = defaultChecklist();
		const item = 'security.secrets';
		const review = withConflict(blankReview(loaded), item, [
			sideAnswer(loaded, item, 'pass', 'Ana', '2026-11-01T09:30:00.000Z', {
				evidence: 'https://vault.example/policy',
			}),
			sideAnswer(loaded, item, 'fail', 'Bo', '2026-11-02T14:00:00.000Z', {note: 'keys'}),
		]);
		const openLink = vi.fn<NonNullable<Services['openLink']>>(async () => ({
			opened: true as const,
			by: 'open',
		}));
		const app = await renderReview({
			loaded,
			review,
			services: fakeServices({openLink}),
			ready: 'Manage secrets properly',
		});
		await app.press('m');
		// It asks to settle the conflict first, saying why (docs/app.md).
		const flat = (f: string) => f.replace(/\s+/g, ' ');
		await app.waitFor(
			(f) =>
				flat(f).includes(
					'is a conflict: settle it before marking it to discuss later (a mark belongs to one answer). 1 or 2 keeps an answer',
				),
			'm asks to settle the conflict first',
		);
		expect(app.persist).not.toHaveBeenCalled();
		await app.press('o');
		await app.waitForText('Opened with open:');
		expect(openLink).toHaveBeenCalledWith('https://vault.example/policy');
	});
});
