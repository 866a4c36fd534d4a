import {afterEach, describe, expect, it} from 'vitest';
import type {Review} from '../../source/model/schemas.js';
import {
	blankReview,
	cleanupApps,
	dbWith,
	defaultChecklist,
	keys,
	actor,
	renderApp,
	renderReview,
	typeSystem,
	waitUntil,
	passedAnswer,
	reviewWith,
} from './helpers.js';

afterEach(() => cleanupApps());

describe('D on the summary: the go/no-go decision', () => {
	it('refuses a go while NOT READY, and records a no-go with its note', async () => {
		const app = await renderReview();
		await app.press('s');
		await app.waitForText('NOT READY');
		expect(app.frame()).toContain('D decide');
		await app.press('D');
		await app.waitForText('Decision (go or no-go):');
		await app.press('go');
		await app.waitForText('go');
		await app.press(keys.enter);
		await app.waitForText('a go is refused while the verdict is NOT READY');
		for (let i = 0; i < 2; i++) await app.press(keys.backspace);
		await app.press('no-go');
		await app.press(keys.enter);
		await app.waitForText('Note for the no-go (optional):');
		await app.press('QA not done');
		await app.press(keys.enter);
		const frame = await app.waitForText('decision: no-go by Ada');
		expect(frame).toContain('QA not done');
		await waitUntil(
			() => app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.decisions?.length === 1,
			'the decision saved',
		);
		const saved = app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.decisions?.[0];
		expect(saved).toMatchObject({decision: 'no-go', by: 'Ada', verdict: 'not-ready'});
		expect(saved?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
	});

	it('refuses a note over 2,000 characters, as decide --note does, recording nothing', async () => {
		const app = await renderReview();
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press('D');
		await app.waitForText('Decision (go or no-go):');
		await app.press('no-go');
		await app.press(keys.enter);
		await app.waitForText('Note for the no-go (optional):');
		await app.press('n'.repeat(2001));
		await app.press(keys.enter);
		await app.waitForText('the note is 2001 characters long: at most 2000 are allowed');
		expect(app.persist.mock.calls.some((c) => c[0]?.reviews[0]?.decisions?.length)).toBe(false);
	});

	it('records a go on a READY review; esc cancels the question', async () => {
		const app = await renderReview({review: reviewWith()});
		await app.waitForText('✔ READY');
		await app.press('D');
		await app.waitForText('Decision (go or no-go):');
		await app.press(keys.escape);
		await app.waitForGone('Decision (go or no-go):');
		await app.press('D');
		await app.waitForText('Decision (go or no-go):');
		await app.press('go');
		await app.press(keys.enter);
		await app.waitForText('Note for the go');
		await app.press(keys.enter);
		await app.waitForText('decision: go by Ada at 2026-11-28T12:00:00.000Z');
	});
});

describe('u right after D', () => {
	it('undoes nothing and says so: the older note edit stays, and the go stands', async () => {
		const review = reviewWith();
		const app = await renderApp({
			loaded: defaultChecklist(),
			db: dbWith(review),
			startup: [
				{type: 'open-review', reviewId: review.id, itemId: 'architecture.boundaries', actor},
			],
		});
		await app.waitForText('Architecture');
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press('checked twice');
		await app.press(keys.enter);
		await app.waitForGone('Note for “');
		await app.press('s');
		await app.waitForText('✔ READY');
		await app.press('D');
		await app.waitForText('Decision (go or no-go):');
		await app.press('go');
		await app.press(keys.enter);
		await app.waitForText('Note for the go');
		await app.press(keys.enter);
		await app.waitForText('decision: go by Ada');
		// Back on the review screen, where u undoes.
		await app.press(keys.escape);
		await app.waitForGone('decision: go by Ada');
		await app.press('u');
		await app.waitForText('Nothing undone: the last change is the GO just recorded');
		await app.press('s');
		const frame = await app.waitForText('decision: go by Ada');
		expect(frame).not.toContain('is void');
		const saved = app.persist.mock.calls.at(-1)?.[0]?.reviews[0];
		expect(saved?.answers['architecture.boundaries']?.note).toBe('checked twice');
		expect(saved?.decisions).toHaveLength(1);
	});
});

describe('the launch date', () => {
	it('is asked in the new-review form (a bad date refused), and the summary judges the review on that day too', async () => {
		const app = await renderApp();
		await typeSystem(app, 'checkout-api');
		await app.press(keys.enter);
		await app.waitForText('Launch date of checkout-api (optional, YYYY-MM-DD):');
		await app.press('2027-02-30');
		await app.press(keys.enter);
		await app.waitForText('is not a date as YYYY-MM-DD');
		for (let i = 0; i < 10; i++) await app.press(keys.backspace);
		await app.press('2027-01-15');
		await app.press(keys.enter);
		await app.waitForText('0/26 answered');
		await app.press('s');
		const frame = await app.waitForText('on launch day 2027-01-15: ✖ NOT READY · 26 blockers');
		expect(frame).toContain('NOT READY');
	});
});

describe('home with a launch date', () => {
	it('shows the verdict now and on launch day', async () => {
		const loaded = defaultChecklist();
		const review = {...blankReview(loaded, 'r-1', 'checkout-api'), launchDate: '2027-01-15'};
		const app = await renderApp({db: dbWith(review)});
		const frame = await app.waitForText('launch 2027-01-15:');
		// The verdict now on the review's row, on launch day on the row below it.
		expect(frame).toMatch(
			/checkout-api.*✖ NOT READY · 26 blockers\n {4}by launch 2027-01-15: ✖ NOT READY · 26 blockers/,
		);
	});
});

describe('the summary trend', () => {
	it('draws the blockers over the last days from the audit log', async () => {
		const loaded = defaultChecklist();
		const review: Review = {
			...blankReview(loaded),
			answers: {'security.secrets': passedAnswer},
			audit: [
				{
					at: '2026-11-20T10:00:00.000Z',
					by: 'Ada',
					item: 'security.secrets',
					from: 'pending',
					to: 'fail',
				},
				{
					at: '2026-11-25T10:00:00.000Z',
					by: 'Ada',
					item: 'security.secrets',
					from: 'fail',
					to: 'pass',
				},
			],
		};
		const app = await renderReview({review});
		await app.press('s');
		const frame = await app.waitForText('blockers over 9 days:');
		expect(frame).toMatch(/blockers over 9 days: [▁-█]{9} 26→25/);
	});
});
