import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {newReview} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';
import {fitReviewName} from '../../source/ui/components/wrap.js';
import {bindingsFor} from '../../source/ui/keys.js';
import {wrapHelpLabel} from '../../source/ui/screens/help.js';
import {
	NOW,
	blankReview,
	cleanupApps,
	dbWith,
	defaultChecklist,
	keys,
	renderApp,
	renderReview,
	resize,
	waitUntil,
	typeSystem,
} from './helpers.js';

afterEach(() => cleanupApps());

const first = 'Define clear system boundaries';

function release(id: string, system: string, rel: string): Review {
	const loaded = defaultChecklist();
	return {...newReview(loaded.checklist, loaded.digest, system, rel, NOW), id};
}

const lines = (frame: string) => frame.split('\n');

describe('home: review names', () => {
	const db = dbWith(
		release('r-1', 'checkout-payments-gateway', '2.0.1'),
		release('r-2', 'checkout-payments-gateway', '2.0.2'),
	);

	it('at 120 columns the name column takes the room it needs: both names whole', async () => {
		const app = await renderApp({db});
		resize(app.stdout, 120, 40);
		const frame = await app.waitForText('checkout-payments-gateway 2.0.2');
		expect(frame).toContain('checkout-payments-gateway 2.0.1');
		// 100 columns (ink-testing-library's default) are enough as well.
		resize(app.stdout, 100, 24);
		await app.waitForText('checkout-payments-gateway 2.0.1');
	});

	it('at 60 columns the system is cut and the release stays, so the rows differ', async () => {
		const app = await renderApp({db});
		resize(app.stdout, 60, 16);
		const frame = await app.waitFor(
			(f) => f.includes('… 2.0.1') && f.includes('… 2.0.2'),
			'both releases shown',
		);
		for (const l of lines(frame)) expect(stringWidth(l)).toBeLessThanOrEqual(60);
		// The bar makes room for the name; the verdict stays whole, the count beside it.
		expect(frame).toMatch(/checkout-pay\S*… 2\.0\.1 +0\/26 ✖ NOT READY · 26 blockers/);
	});

	it('fitReviewName keeps the release and cuts the system; a huge release keeps its end', () => {
		expect(fitReviewName('checkout-payments-gateway', '2.0.1', 40)).toBe(
			'checkout-payments-gateway 2.0.1',
		);
		expect(fitReviewName('checkout-payments-gateway', '2.0.1', 20)).toBe('checkout-paym… 2.0.1');
		expect(fitReviewName('checkout', undefined, 5)).toBe('chec…');
		const long = fitReviewName('api', `build-${'x'.repeat(40)}-rc.7`, 20);
		expect(stringWidth(long)).toBeLessThanOrEqual(20);
		expect(long).toMatch(/^api …x*-rc\.7$/);
		// The release is cut only once the system is down to its least (four columns).
		const both = fitReviewName('payments-gateway', `build-${'x'.repeat(40)}-rc.7`, 33);
		expect(both).toMatch(/^pay… …x*-rc\.7$/);
		expect(stringWidth(both)).toBe(33);
	});
});

describe('help overlay', () => {
	it('at 60×16 scrolls: says how many keys are below, and ↓ brings each of them into view', async () => {
		const app = await renderReview();
		resize(app.stdout, 60, 16);
		await app.waitForText('esc back');
		await app.press('?');
		let frame = await app.waitForText('Keys — review screen');
		expect(lines(frame).length).toBeLessThan(16);
		expect(frame).toMatch(/↓ \d+ keys below/);
		expect(frame).not.toContain('above');
		const isShown = (f: string, b: {keys: string; label: string}) =>
			lines(f).some((l) => l.startsWith(`│ ${b.keys} `) && l.includes(b.label));
		const seen = new Set<string>();
		for (let i = 0; i < 30 && /keys? below/.test(frame); i++) {
			for (const b of bindingsFor('review')) if (isShown(frame, b)) seen.add(b.action);
			const before = frame;
			await app.press(keys.down);
			frame = await app.waitFor((f) => f !== before, 'the overlay scrolled');
			for (const l of lines(frame)) expect(stringWidth(l)).toBeLessThanOrEqual(60);
		}
		for (const b of bindingsFor('review')) if (isShown(frame, b)) seen.add(b.action);
		expect(seen.size).toBe(bindingsFor('review').length);
		expect(frame).toMatch(/↑ \d+ keys above/);
		expect(frame).not.toContain('below');
	});

	it('at 80×24 lists every key in two columns with whole labels', async () => {
		const app = await renderReview();
		resize(app.stdout, 80, 24);
		await app.press('?');
		const frame = await app.waitForText('Keys — review screen');
		expect(frame).not.toMatch(/keys? (above|below)/);
		// Whole labels; the filter's words go on on the row under it.
		for (const b of bindingsFor('review'))
			for (const row of wrapHelpLabel(b.label, 24)) expect(frame).toContain(row);
		expect(frame).toMatch(/\/\s+filter: status\/mine\/\s/);
		expect(frame).toMatch(/\s{3}later\/conflict\/@role\s/);
		for (const g of ['Move', 'Answer', 'Evidence and notes', 'Screens']) expect(frame).toContain(g);
		// Two columns: a row holds keys of both.
		expect(frame).toMatch(/previous item\s+1–9\s+keep answer N/);
		expect(lines(frame).length).toBeLessThan(24);
	});

	it('on home it lists only what works there: no esc back', async () => {
		const app = await renderApp();
		await app.press('?');
		const frame = await app.waitForText('Keys — home screen');
		expect(frame).not.toContain('cancel / back');
		expect(frame).toContain('new review');
		// esc still closes the overlay
		await app.press(keys.escape);
		await app.waitForText('No reviews yet');
	});
});

describe('waiver prompts', () => {
	it('esc steps back through owner and expiry with the earlier answers kept; esc first cancels', async () => {
		const app = await renderReview();
		await app.press('w');
		await app.waitForText(`Waive “${first}” because:`);
		await app.press('vendor fix due');
		await app.waitForText('vendor fix due');
		await app.press(keys.enter);
		let frame = await app.waitForText(`Waive “${first}” — owner:`);
		expect(frame).toContain('esc goes back a step');
		await app.press('carol');
		await app.waitForText('carol');
		await app.press(keys.enter);
		await app.waitForText('until (YYYY-MM-DD):');
		await app.press(keys.escape);
		frame = await app.waitForText(`Waive “${first}” — owner: carol`);
		await app.press(keys.escape);
		frame = await app.waitForText(`Waive “${first}” because: vendor fix due`);
		await app.press(keys.enter);
		await app.waitForText(`Waive “${first}” — owner: carol`);
		await app.press(keys.enter);
		await app.waitForText('until (YYYY-MM-DD):');
		await app.press(keys.enter);
		await waitUntil(() => app.persist.mock.calls.length > 0, 'persist');
		const saved = app.persist.mock.calls.at(-1)![0].reviews[0]!;
		expect(saved.answers['architecture.boundaries']).toMatchObject({
			status: 'waived',
			waiver: {reason: 'vendor fix due', owner: 'carol', expires: '2026-12-28'},
		});
	});

	it('esc at the first step drops the waiver', async () => {
		const app = await renderReview();
		await app.press('w');
		await app.waitForText(`Waive “${first}” because:`);
		await app.press(keys.escape);
		await app.waitForGone('Waive “');
		expect(app.persist).not.toHaveBeenCalled();
	});
});

describe('new-review form', () => {
	it('esc on the release step goes back with the system name kept', async () => {
		const app = await renderApp();
		await typeSystem(app, 'payments');
		await app.press(keys.escape);
		await app.waitForText('System under review: payments');
		await app.press(keys.enter);
		await app.waitForText('Release of payments');
	});

	it('a system that already has a review opens it and says so', async () => {
		const loaded = defaultChecklist();
		const app = await renderApp({
			db: dbWith(blankReview(loaded, 'r-1', 'payments'), release('r-2', 'api', '2.1')),
		});
		await typeSystem(app, 'payments');
		await app.press(keys.enter);
		await app.waitForText('payments already has a review — opened it');
		expect(app.persist).not.toHaveBeenCalled();
		// A new system says nothing of the kind. (esc twice: the first only asks.)
		await app.press(keys.escape);
		await app.waitForText('esc again goes back to the list of reviews');
		await app.press(keys.escape);
		await app.waitForText('Choose a review to resume');
		await typeSystem(app, 'api');
		await app.press('2.1');
		await app.waitForText('2.1');
		await app.press(keys.enter);
		await app.waitForText('api 2.1 already has a review — opened it');
	});
});
