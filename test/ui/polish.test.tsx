import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {newReview} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';
import {fitReviewName} from '../../source/ui/components/wrap.js';
import {bindingsFor} from '../../source/ui/keys.js';
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
} from './helpers.js';

afterEach(() => cleanupApps());

const first = 'Define clear system boundaries';

function release(id: string, system: string, rel: string): Review {
	const loaded = defaultChecklist();
	return {...newReview(loaded.checklist, loaded.digest, system, rel, NOW), id};
}

const lines = (frame: string) => frame.split('\n');

describe('help overlay', () => {
	it('at 60×16 says how many keys it left out instead of dropping them silently', async () => {
		const app = await renderReview();
		resize(app.stdout, 60, 16);
		await app.waitForText('esc back');
		await app.press('?');
		const frame = await app.waitForText('Keys — review screen');
		expect(lines(frame).length).toBeLessThan(16);
		const shown = bindingsFor('review').filter((b) =>
			lines(frame).some((l) => l.startsWith(`│ ${b.keys} `) && l.includes(b.label)),
		).length;
		const more = /… (\d+) more — enlarge the terminal/.exec(frame);
		expect(more, frame).not.toBeNull();
		expect(shown + Number(more![1])).toBe(bindingsFor('review').length);
		for (const l of lines(frame)) expect(stringWidth(l)).toBeLessThanOrEqual(60);
	});

	it('at 80×24 lists every key in two columns with whole labels', async () => {
		const app = await renderReview();
		resize(app.stdout, 80, 24);
		await app.press('?');
		const frame = await app.waitForText('Keys — review screen');
		expect(frame).not.toContain('more — enlarge');
		for (const b of bindingsFor('review')) expect(frame).toContain(b.label);
		for (const g of ['Move', 'Answer', 'Evidence and notes', 'Screens']) expect(frame).toContain(g);
		// Two columns: a row holds keys of both.
		expect(frame).toMatch(/previous item\s+e\s+add evidence/);
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
