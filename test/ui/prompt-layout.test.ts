import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cells} from '../../source/terminal/width.js';
import {itemsWindow, layoutInput} from '../../source/ui/components/prompt-layout.js';
import {applyKey, matchingSuggestions, newField} from '../../source/ui/components/text-field.js';
import {key} from './helpers.js';

const text = (row: {text: string}[]) => row.map((s) => s.text).join('');

describe('layoutInput', () => {
	it('one row: label, value and the cursor cell', () => {
		const {rows, whole} = layoutInput('Note:', 'ok', 2, 40, 1);
		expect(whole).toBe(true);
		expect(rows).toEqual([
			[
				{text: 'Note: ', kind: 'label'},
				{text: 'ok', kind: 'value'},
				{text: ' ', kind: 'cursor'},
			],
		]);
	});

	it('a long value continues on the next rows; past them, the part around the cursor after …', () => {
		const value = 'x'.repeat(50);
		const two = layoutInput('Label:', value, 50, 30, 2);
		expect(two.rows.map(text)).toEqual([`Label: ${'x'.repeat(23)}`, `${'x'.repeat(27)} `]);
		expect(two.whole).toBe(true);
		const one = layoutInput('Label:', value, 50, 30, 1);
		expect(one.whole).toBe(false);
		expect(text(one.rows[0]!)).toMatch(/^Label: …x+ $/);
		const atStart = layoutInput('Label:', value, 0, 30, 1);
		expect(text(atStart.rows[0]!)).toBe(`Label: ${'x'.repeat(23)}`);
	});

	it('a label leaving under MIN_ROOM cells moves above (or is cut on a single row)', () => {
		const label = 'L'.repeat(25);
		expect(layoutInput(label, 'v', 1, 30, 2).rows.map(text)).toEqual([label, 'v ']);
		expect(text(layoutInput(label, 'v', 1, 30, 1).rows[0]!)).toBe(`${'L'.repeat(18)}… v `);
	});

	it('whatever the text, rows fit the width, the cursor shows once, and no more rows than asked', () => {
		const ch = fc.constantFrom('a', 'b', ' ', '界', '😀', 'é', '/', '-');
		fc.assert(
			fc.property(
				fc.array(ch, {maxLength: 120}),
				fc.nat(),
				fc.integer({min: 20, max: 90}),
				fc.integer({min: 1, max: 4}),
				fc.constantFrom('Evidence:', 'Évidence pour “界界界界界”:', 'N'.repeat(70)),
				(chars, at, width, maxRows, label) => {
					const value = chars.join('');
					// The cursor at a code point boundary, as the field keeps it.
					const cursor = chars.slice(0, at % (chars.length + 1)).join('').length;
					const {rows} = layoutInput(label, value, cursor, width, maxRows);
					expect(rows.length).toBeLessThanOrEqual(maxRows);
					for (const row of rows) expect(cells(text(row))).toBeLessThanOrEqual(width);
					const cursors = rows.flat().filter((s) => s.kind === 'cursor');
					expect(cursors).toHaveLength(1);
				},
			),
		);
	});
});

describe('itemsWindow', () => {
	it('from the first item, or late enough to show the current one', () => {
		const widths = [5, 5, 5, 5, 5];
		expect(itemsWindow(widths, -1, 12, 2)).toEqual({from: 0, to: 2});
		expect(itemsWindow(widths, 4, 12, 2)).toEqual({from: 3, to: 5});
		// one item at least, even one wider than the room
		expect(itemsWindow([30], 0, 12, 2)).toEqual({from: 0, to: 1});
	});
});

describe('the field', () => {
	it('matchingSuggestions: containing what was typed, any case, each once, sanitised', () => {
		const list = ['https://A.example/x', 'docs/a.md', 'https://a.example/x', 'evil\u001b[31m'];
		expect(matchingSuggestions(list, '')).toEqual([
			'https://A.example/x',
			'docs/a.md',
			'https://a.example/x',
			'evil',
		]);
		expect(matchingSuggestions(list, 'A.EX')).toEqual([
			'https://A.example/x',
			'https://a.example/x',
		]);
	});

	it('tab completes the text before the cursor and keeps what follows', () => {
		const field = newField('do/rest');
		field.cursor = 2;
		applyKey(field, '', key({tab: true}), {
			complete: (t) => ({text: `${t}cs`, candidates: [`${t}cs`]}),
		});
		expect(field.value).toBe('docs/rest');
		expect(field.cursor).toBe(4);
		expect(field.completion).toBeUndefined();
	});

	it('enter, esc and ctrl+c end the prompt; other keys edit', () => {
		const field = newField('a');
		expect(applyKey(field, '', key({return: true}))).toBe('submit');
		expect(applyKey(field, '', key({escape: true}))).toBe('cancel');
		expect(applyKey(field, 'c', key({ctrl: true}))).toBe('quit');
		expect(applyKey(field, 'b', key())).toBeUndefined();
		expect(field.value).toBe('ab');
	});
});
