import {describe, expect, it} from 'vitest';
import {clipLines, columns} from '../../source/ui/components/wrap.js';

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
