import {describe, expect, it} from 'vitest';
import {firstThatFits, listThatFits} from '../../source/ui/components/fit-line.js';
import {windowByHeights} from '../../source/ui/components/window.js';
import {cells} from '../../source/terminal/width.js';

describe('firstThatFits', () => {
	it('takes the fullest variant that fits, and cuts the last when none does', () => {
		expect(firstThatFits(['a long way', 'short'], 9)).toBe('short');
		expect(firstThatFits(['a long way', 'short'], 10)).toBe('a long way');
		expect(firstThatFits(['a long way', 'shorter one'], 6)).toBe('short…');
	});
});

describe('listThatFits', () => {
	const names = ['alpha', 'beta', 'gamma', 'delta'];
	it('names all when they fit', () => {
		expect(listThatFits('x (4): ', names, 80)).toBe('x (4): alpha, beta, gamma, delta');
	});
	it('names as many as fit, then how many more, never wider than asked', () => {
		for (let w = 10; w < 34; w++) {
			const text = listThatFits('x (4): ', names, w);
			expect(cells(text)).toBeLessThanOrEqual(w);
			expect(text).not.toContain('…');
		}
		expect(listThatFits('x (4): ', names, 30)).toBe('x (4): alpha, beta, and 2 more');
		expect(listThatFits('x (4): ', names, 12)).toBe('x (4):');
	});
});

describe('windowByHeights', () => {
	it('keeps the focus in view with rows of one and two lines, never over the height', () => {
		const heights = [1, 2, 2, 1, 2, 1, 1, 2, 2, 2, 1, 2];
		for (let focus = 0; focus < heights.length; focus++)
			for (let height = 2; height < 12; height++) {
				const {start, end} = windowByHeights(focus, heights, height);
				expect(start).toBeLessThanOrEqual(focus);
				expect(end).toBeGreaterThan(focus);
				const used = heights.slice(start, end).reduce((a, b) => a + b, 0);
				expect(used).toBeLessThanOrEqual(height);
			}
		expect(windowByHeights(0, [], 5)).toEqual({start: 0, end: 0});
		expect(windowByHeights(0, [1, 1, 1], 10)).toEqual({start: 0, end: 3});
	});
});
