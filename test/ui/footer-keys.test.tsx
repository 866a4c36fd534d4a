// The review screen's footer offers the action-item keys (a, A) and O while
// the review has orphans; the ? overlay names every filter word.
import {afterEach, describe, expect, it} from 'vitest';
import {parseFilter, filterWordsText} from '../../source/ui/state/filter.js';
import {cleanupApps, renderReview, resize} from './helpers.js';

afterEach(() => cleanupApps());

const footer = (frame: string) => frame.split('\n').slice(-2).join('\n');

describe('the review footer and help', () => {
	it('at 200 columns lists a, A and every answer key; O only with orphans', async () => {
		const app = await renderReview();
		resize(app.stdout, 200, 30);
		const frame = await app.waitFor((f) => footer(f).includes('A done'), 'A in the footer');
		expect(footer(frame)).toContain('a action');
		expect(footer(frame)).not.toContain('O orphans');
	});

	it('at 80 columns a is offered on a pending item beside s; A and esc give way first', async () => {
		const app = await renderReview();
		resize(app.stdout, 80, 24);
		const frame = await app.waitFor(
			(f) => f.split('\n').every((l) => l.length <= 80),
			'an 80-column frame',
		);
		for (const hint of ['? help', 'quit', 'p pass', 'w waive', 'u undo', 's summary', 'a action'])
			expect(footer(frame)).toContain(hint);
		// On a pending item r has nothing to reset: left out, so that a fits.
		expect(footer(frame)).not.toContain('r reset');
		expect(footer(frame)).not.toContain('A done');
		resize(app.stdout, 100, 24);
		const wide = await app.waitFor((f) => footer(f).includes('A done'), 'A at 100 columns');
		expect(footer(wide)).toContain('esc back');
	});

	it('the ? row of / names the filter words: later and conflict included', async () => {
		const app = await renderReview();
		resize(app.stdout, 120, 40);
		await app.press('?');
		const frame = await app.waitForText('filter: status/mine/later/conflict/@role');
		expect(frame).toContain('add an action item');
	});

	it('every word the help names is one the filter reads as a word, not text', () => {
		const words = filterWordsText.split('/');
		expect(words).toEqual(['status', 'mine', 'later', 'conflict', '@role']);
		for (const w of words.filter((x) => x !== 'status' && x !== '@role'))
			expect(parseFilter(w).kind).not.toBe('text');
		expect(parseFilter('@sre').kind).toBe('role');
	});
});
