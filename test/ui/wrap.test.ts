import stringWidth from 'fast-string-width';
import {describe, expect, it} from 'vitest';
import {cells, columns, fitColumns, wrapLines} from '../../source/ui/components/wrap.js';

describe('wrapLines', () => {
	it('word-wraps to the width and keeps the whole text', () => {
		expect(wrapLines('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		const text = 'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(40).trim();
		const lines = wrapLines(text, 11);
		expect(lines.length).toBeGreaterThan(90);
		expect(lines.join(' ')).toBe(text);
		for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(11);
	});

	it('keeps line breaks and blank lines between paragraphs, and never ends with a blank line', () => {
		expect(wrapLines('a\n\nb\n\n', 10)).toEqual(['a', '', 'b']);
	});

	it('cuts a word longer than the line where the line is, not on a line of its own', () => {
		expect(wrapLines('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapLines('id: logging.centralised-structured', 12)).toEqual([
			'id: logging.',
			'centralised-',
			'structured',
		]);
	});

	it('counts wide characters as two columns and breaks CJK text between any two characters', () => {
		expect(columns('設計')).toBe(4);
		expect(wrapLines('設計設計設計', 4)).toEqual(['設計', '設計', '設計']);
		// CJK text after a word fills the line it starts on
		expect(wrapLines('Review 設計レビュー記録', 12)).toEqual(['Review 設計', 'レビュー記録']);
		const text =
			'本番環境への移行前に、すべてのサービスについて障害復旧手順書が作成されていること。';
		const lines = wrapLines(text, 21);
		expect(lines.join('')).toBe(text);
		for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(21);
	});

	it('never starts a line with a closing mark: the character before it goes down too', () => {
		// 移行前に、 at 8 columns: "、" would start the second line
		expect(wrapLines('移行前に、完了', 8)).toEqual(['移行前', 'に、完了']);
		// at 8 columns "ュ" (a small kana) would start the second line
		expect(wrapLines('設計レビュー', 8)).toEqual(['設計レ', 'ビュー']);
	});

	it('measures as Ink does too: an emoji our count takes as one column never passes the width', () => {
		expect(columns('✅')).toBe(1);
		const lines = wrapLines('done ✅ ✅ ✅ ✅ ✅ ok', 7);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(7);
		expect(lines.join(' ')).toBe('done ✅ ✅ ✅ ✅ ✅ ok');
	});

	it("hangs a list item's later lines under its text", () => {
		expect(wrapLines('Choices:\n- Automate recovery of every part\n2. Test it', 16)).toEqual([
			'Choices:',
			'- Automate',
			'  recovery of',
			'  every part',
			'2. Test it',
		]);
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
