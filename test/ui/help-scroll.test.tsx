import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {actionFor, bindingsFor} from '../../source/ui/keys.js';
import {maxScroll, scrolled} from '../../source/ui/scroll.js';
import {helpLayout, outOfView} from '../../source/ui/screens/help.js';
import {cleanupApps, key, keys, renderReview, resize} from './helpers.js';

afterEach(() => cleanupApps());

const lines = (frame: string) => frame.split('\n');
const pgUp = '\u001b[5~';
const pgDn = '\u001b[6~';
const home = '\u001b[H';
const end = '\u001b[F';

describe('scrolled', () => {
	it('moves by a line, by a page less one line, or to either end, and never past them', () => {
		expect(scrolled(0, 'line-down', 22, 11)).toBe(1);
		expect(scrolled(0, 'line-up', 22, 11)).toBe(0);
		expect(scrolled(0, 'page-down', 22, 11)).toBe(10);
		expect(scrolled(10, 'page-down', 22, 11)).toBe(11);
		expect(scrolled(11, 'page-up', 22, 11)).toBe(1);
		expect(scrolled(5, 'top', 22, 11)).toBe(0);
		expect(scrolled(0, 'bottom', 22, 11)).toBe(11);
		// all of it fits: nowhere to go
		expect(scrolled(0, 'line-down', 5, 11)).toBe(0);
		expect(maxScroll(22, 0)).toBe(21);
	});

	it('the key table’s help scope: ↑↓, pgup, pgdn, home, end scroll; esc, ? and q work', () => {
		expect(actionFor('help', '', key({pageUp: true}))).toBe('page-up');
		expect(actionFor('help', '', key({pageDown: true}))).toBe('page-down');
		expect(actionFor('help', '', key({home: true}))).toBe('scroll-top');
		expect(actionFor('help', '', key({end: true}))).toBe('scroll-bottom');
		expect(actionFor('help', 'k', key())).toBe('prev-item');
		expect(actionFor('help', '', key({downArrow: true}))).toBe('next-item');
		expect(actionFor('help', '', key({pageDown: true, ctrl: true}))).toBeUndefined();
		expect(actionFor('help', '', key({escape: true}))).toBe('back');
		expect(actionFor('help', 'q', key())).toBe('quit');
		// answer keys do nothing over the overlay
		expect(actionFor('help', 'p', key())).toBeUndefined();
	});
});

describe('helpLayout and outOfView', () => {
	it('at 60×16 gives one column taller than the room, with every key in it', () => {
		const cols = helpLayout('review', 56, 11);
		expect(cols).toHaveLength(1);
		expect(cols[0]!.lines.length).toBeGreaterThan(11);
		expect(cols[0]!.lines.filter((l) => l.kind === 'key')).toHaveLength(
			bindingsFor('review').length,
		);
	});

	it('counts the keys out of view, in words', () => {
		const {lines: col} = helpLayout('review', 56, 11)[0]!;
		expect(outOfView(col, 0, 11)).toEqual({
			above: undefined,
			below: expect.stringMatching(/^↓ \d+ keys below$/),
		});
		// only the first heading above: no key, still said
		expect(outOfView(col, 1, 11).above).toBe('↑ more above');
		const last = outOfView(col, col.length - 11, 11);
		expect(last.below).toBeUndefined();
		expect(last.above).toMatch(/^↑ \d+ keys above$/);
	});
});

describe('the help overlay at 60×16', () => {
	it('pgdn, pgup, end and home scroll it; the frame stays within 60×16', async () => {
		const app = await renderReview();
		resize(app.stdout, 60, 16);
		await app.waitForText('esc back');
		await app.press('?');
		let frame = await app.waitForText('keys below');
		expect(frame).toContain('previous item');
		await app.press(pgDn);
		frame = await app.waitForText('keys above');
		await app.press(end);
		frame = await app.waitFor((f) => !/keys? below/.test(f), 'the end');
		expect(frame).toContain('quit (all is saved)');
		for (const l of lines(frame)) expect(stringWidth(l)).toBeLessThanOrEqual(60);
		expect(lines(frame).length).toBeLessThan(16);
		await app.press(home);
		frame = await app.waitFor((f) => !f.includes('above'), 'the top');
		expect(frame).toContain('previous item');
		await app.press(pgDn);
		await app.waitForText('keys above');
		await app.press(pgUp);
		await app.waitFor((f) => !f.includes('above'), 'the top again');
		// esc still closes it, and the screen's keys work again
		await app.press(keys.escape);
		await app.waitForGone('Keys — review screen');
	});

	it('a terminal grown while scrolled shows everything, with no indicator', async () => {
		const review = await renderReview();
		resize(review.stdout, 60, 16);
		await review.waitForText('esc back');
		await review.press('?');
		await review.waitForText('keys below');
		await review.press(end);
		await review.waitForText('keys above');
		resize(review.stdout, 100, 40);
		const frame = await review.waitFor((f) => !f.includes('above'), 'all shown');
		expect(frame).not.toContain('below');
		expect(frame).toContain('previous item');
		expect(frame).toContain('quit (all is saved)');
	});
});
