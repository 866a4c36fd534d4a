import {afterEach, describe, expect, it} from 'vitest';
import {
	cleanupApps,
	blankReview,
	dbWith,
	defaultChecklist,
	focusedRow,
	keys,
	renderApp,
	renderReview,
	waitUntil,
	typeSystem,
} from './helpers.js';

afterEach(() => cleanupApps());

describe('home screen', () => {
	it('says there are no reviews yet and lists its keys', async () => {
		const app = await renderApp();
		const frame = app.frame();
		expect(frame).toContain('No reviews yet: press n to start one.');
		expect(frame).toContain('0 reviews');
		expect(frame).toContain('AI Infrastructure Checklist');
		expect(frame).toMatch(/n new/);
	});

	it('n opens the new-review form; a system, enter, enter creates and opens the review', async () => {
		const app = await renderApp();
		await typeSystem(app, 'checkout-api');
		await app.press(keys.enter);
		// The launch date is optional: enter for none.
		await app.waitForText('Launch date of checkout-api');
		await app.press(keys.enter);
		const frame = await app.waitForText('0/26 answered');
		expect(frame).toContain('checkout-api');
		expect(focusedRow(frame)).toContain('Define clear system boundaries');
		await waitUntil(() => app.persist.mock.calls.length > 0, 'persist');
		const db = app.persist.mock.calls.at(-1)![0];
		expect(db.reviews).toHaveLength(1);
		expect(db.reviews[0]).toMatchObject({system: 'checkout-api'});
		expect(db.reviews[0]!.release).toBeUndefined();
	});

	it('the new-review form refuses an empty system and esc goes back home', async () => {
		const app = await renderApp();
		await app.press('n');
		await app.waitForText('System under review:');
		await app.press(keys.enter);
		await app.waitForText('name the system');
		await app.press(keys.escape);
		await app.waitForText('No reviews yet');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('enter resumes an existing review, and ↑/↓ choose which', async () => {
		const loaded = defaultChecklist();
		const db = dbWith(
			blankReview(loaded, 'r-1', 'alpha-api'),
			blankReview(loaded, 'r-2', 'beta-api'),
		);
		const app = await renderApp({db});
		let frame = await app.waitForText('2 reviews');
		expect(focusedRow(frame)).toContain('alpha-api');
		expect(frame).toContain('✖ NOT READY · 26 blockers');
		await app.press(keys.down);
		frame = await app.waitFor((f) => focusedRow(f).includes('beta-api'), 'beta focused');
		await app.press(keys.down);
		await app.press(keys.up);
		frame = await app.waitFor((f) => focusedRow(f).includes('alpha-api'), 'alpha focused');
		await app.press('j');
		await app.waitFor((f) => focusedRow(f).includes('beta-api'), 'beta focused by j');
		await app.press(keys.enter);
		frame = await app.waitForText('answered');
		expect(frame).toContain('beta-api');
		expect(frame).not.toContain('alpha-api');
	});

	it('entering an existing system in the new-review form opens that review', async () => {
		const loaded = defaultChecklist();
		const app = await renderApp({db: dbWith(blankReview(loaded, 'r-1', 'alpha-api'))});
		await typeSystem(app, 'alpha-api');
		await app.press(keys.enter);
		await app.waitForText('answered');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('q quits', async () => {
		const app = await renderApp();
		await app.press('q');
		await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit on q');
	});

	it('esc on the home screen does not quit, and its footer promises no esc back', async () => {
		const app = await renderApp();
		let frame = app.frame();
		expect(frame).toContain('q/ctrl+c quit');
		expect(frame).not.toContain('esc back');
		await app.press(keys.escape);
		frame = await app.waitForText('Nothing to go back to');
		expect(frame).toContain('q quits');
		// the app is still there and takes keys
		await app.press('n');
		await app.waitForText('System under review:');
		expect(app.services.quit).not.toHaveBeenCalled();
		// the review screen still offers esc back (to this screen)
		const review = await renderReview();
		expect(review.frame()).toContain('esc back');
	});

	it('? shows the home keys and closes again', async () => {
		const app = await renderApp();
		await app.press('?');
		const frame = await app.waitForText('Keys — home screen');
		expect(frame).toContain('new review');
		expect(frame).toContain('open the review');
		expect(frame).not.toContain('waive (reason, owner, expiry)');
		await app.press(keys.escape);
		await app.waitForText('No reviews yet');
	});

	it('esc on the new-review release question goes back to the system question', async () => {
		const app = await renderApp();
		await typeSystem(app, 'api');
		await app.press(keys.escape);
		await app.waitForText('System under review:');
	});

	it('a release typed in the form is stored with the review', async () => {
		const app = await renderApp();
		await typeSystem(app, 'api');
		await app.press('2.1');
		await app.waitForText('2.1');
		await app.press(keys.enter);
		await app.waitForText('Launch date of api 2.1');
		await app.press(keys.enter);
		const frame = await app.waitForText('api 2.1 · 0/26 answered');
		expect(frame).toContain('▸ Architecture');
		await waitUntil(() => app.persist.mock.calls.length > 0, 'persist');
		expect(app.persist.mock.calls.at(-1)![0].reviews[0]).toMatchObject({
			system: 'api',
			release: '2.1',
		});
	});
});
