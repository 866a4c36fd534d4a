// The trust prompt: yes trusts every command of the checklist, so every one
// can be read first (the list scrolls with the detail scroll keys while the
// prompt is open), and the question says how many there are.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {
	blankReview,
	cleanupApps,
	dbWith,
	fakeServices,
	keys,
	renderReview,
	resize,
} from './helpers.js';

const many = checklistFromData(
	{
		id: 'many',
		title: 'Many checks',
		version: '1',
		sections: [
			{
				id: 'ops',
				title: 'Ops',
				items: Array.from({length: 40}, (_, i) => ({
					id: `ops.c${i + 1}`,
					title: `Check ${i + 1}`,
					check: {run: `echo command-${i + 1}`},
				})),
			},
		],
	},
	'many.json',
);

beforeEach(() => {
	vi.stubEnv('XDG_CONFIG_HOME', mkdtempSync(join(tmpdir(), 'preflight-trust-')));
	vi.stubEnv('PREFLIGHT_TRUST_CHECKS', '');
});
afterEach(() => {
	cleanupApps();
	vi.unstubAllEnvs();
});

describe('the trust prompt', () => {
	it('counts the commands and scrolls through all of them before yes', async () => {
		const review = blankReview(many);
		const app = await renderReview({
			loaded: many,
			review,
			db: dbWith(review),
			services: fakeServices(),
		});
		resize(app.stdout, 100, 30);
		await app.waitForText('check: echo command-1');
		await app.press('x');
		const asked = await app.waitForText('Trust all 40 commands of this checklist');
		expect(asked).toContain('ops.c1: echo command-1');
		expect(asked).not.toContain('ops.c40: echo command-40');
		// The scroll line names the keys that move the list.
		expect(asked).toMatch(/pgdn\/\]/);
		// pgdn and ] page down; shift+↓ a line; every command comes into view.
		const seen = new Set<string>();
		const collect = (frame: string) => {
			for (const m of frame.matchAll(/ops\.c(\d+): echo command-\d+/g)) seen.add(m[1]!);
		};
		collect(asked);
		await app.press(keys.pageDown);
		collect(await app.waitFor((f) => !f.includes('ops.c1: echo command-1')));
		for (let i = 0; i < 10 && !seen.has('40'); i++) {
			const before = app.frame();
			await app.press(']');
			collect(await app.waitFor((f) => f !== before || f.includes('the end')));
		}
		expect(seen.has('40')).toBe(true);
		expect(seen.size).toBe(40);
		// ] was not typed into the answer, and shift+↑ / pgup / [ scroll back.
		await app.press(keys.shiftUp);
		await app.press('[');
		await app.press(keys.pageUp);
		await app.press(keys.pageUp);
		await app.press(keys.pageUp);
		await app.press(keys.pageUp);
		await app.waitForText('ops.c1: echo command-1');
		expect(app.frame()).not.toMatch(/yes\/no:\s*[\][]/);
		await app.press('no');
		await app.press(keys.enter);
		await app.waitFor((f) => !f.includes('Trust all 40'));
	}, 60_000);
});
