import stringWidth from 'fast-string-width';
import {describe, expect, it} from 'vitest';
import {clipLines, columns, fitColumns} from '../../source/ui/components/wrap.js';

describe('clipLines', () => {
	it('word-wraps to the width and keeps short text whole', () => {
		expect(clipLines('one two three four', 9, 5)).toEqual(['one two', 'three', 'four']);
	});

	it('marks cut text with an ellipsis on the last line kept', () => {
		expect(clipLines('a\nb\nc\nd', 10, 2)).toEqual(['a', 'b…']);
	});

	it('cuts words longer than the line and counts wide characters as two columns', () => {
		expect(clipLines('abcdefghij', 4, 5)).toEqual(['abcd', 'efgh', 'ij']);
		expect(columns('設計')).toBe(4);
		expect(clipLines('設計設計設計', 4, 5)).toEqual(['設計', '設計', '設計']);
	});

	it('returns nothing when there is no room', () => {
		expect(clipLines('text', 10, 0)).toEqual([]);
	});
});

describe('fitColumns', () => {
	it('leaves text that fits alone and cuts the rest with …, never past the width', () => {
		expect(fitColumns('short', 10)).toBe('short');
		expect(fitColumns('exactly10c', 10)).toBe('exactly10c');
		expect(fitColumns('a longer text', 6)).toBe('a lon…');
		// a wide character that would straddle the last column is left out
		expect(fitColumns('設計レビュー', 6)).toBe('設計…');
		expect(columns(fitColumns('設計レビュー', 6))).toBeLessThanOrEqual(6);
	});

	it('never passes the width as Ink measures it, also at an emoji columns counts as one', () => {
		expect(columns('done ✅ ok')).toBe(9);
		expect(stringWidth('done ✅ ok')).toBe(10);
		expect(fitColumns('done ✅ ok', 9)).toBe('done ✅ …');
		expect(stringWidth(fitColumns('done ✅ ok', 9))).toBeLessThanOrEqual(9);
		expect(fitColumns('done ✅ ok', 10)).toBe('done ✅ ok');
	});
});
