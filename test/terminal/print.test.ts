import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {jsonText, safeLines} from '../../source/terminal/print.js';
import {hasUnsafeName, sanitize, sanitizeLine} from '../../source/terminal/sanitize.js';

const unsafe =
	// eslint-disable-next-line no-control-regex -- what must never reach a terminal
	/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2028\u2029]/;
const nasty = fc.oneof(
	fc.string({unit: 'binary', maxLength: 40}),
	fc
		.array(
			fc.constantFrom(
				'\u001b]52;c;x\u0007',
				'\u001b[2J',
				'\u009b31m',
				'\u0085',
				'\u2028',
				'\u2029',
				'\u202e',
				'\u200e',
				'\u200b',
				'\ufeff',
				'\u2066',
				'\u061c',
				'\n',
				'\t',
				'👨‍👩‍👧',
				'x',
			),
			{maxLength: 12},
		)
		.map((a) => a.join('')),
);

describe('printed lines', () => {
	it('carry no control, direction or invisible character, whatever the text', () => {
		fc.assert(
			fc.property(nasty, (text) => {
				expect(unsafe.test(safeLines(text).replace(/\n/g, ''))).toBe(false);
				expect(unsafe.test(sanitizeLine(text))).toBe(false);
			}),
			{numRuns: 500},
		);
	});

	it('keep joiners that emoji and scripts need, and show line separators as line breaks', () => {
		expect(sanitize('👨‍👩‍👧')).toBe('👨‍👩‍👧');
		expect(sanitize('a\u2028b\u2029c')).toBe('a\nb\nc');
		expect(sanitizeLine('a\u2028b')).toBe('a b');
		expect(sanitize('r\u200el\u200fm\u061c z\u200bw\u2060b\ufeff')).toBe('rlm zwb');
	});
});

describe('JSON output', () => {
	it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
		fc.assert(
			fc.property(nasty, nasty, (key, value) => {
				const text = jsonText({[key]: value, list: [value]});
				expect(
					/[\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(text),
				).toBe(false);
				expect(JSON.parse(text)).toEqual({[key]: value, list: [value]});
			}),
			{numRuns: 500},
		);
		expect(jsonText('\u0085\u2028\u202e')).toBe('"\\u0085\\u2028\\u202e"\n');
	});
});

describe('names', () => {
	it.each([
		'\u200b',
		'\u200c',
		'\u200d',
		'\u200e',
		'\u200f',
		'\u202a',
		'\u202e',
		'\u2060',
		'\u2064',
		'\u2066',
		'\u2069',
		'\ufeff',
		'\u00ad',
		'\u061c',
		'\u180e',
		'\u00a0',
		'\u2007',
		'\u3000',
		'\u2028',
		'\u2029',
		'\ufe0f',
		'\u{e0041}',
		'\u001b',
		'\u0085',
		'\n',
		'\t',
	])('with U+%s are refused', (mark) => {
		expect(hasUnsafeName(`pay${mark}ments`)).toBe(true);
	});

	it('plain names, spaces and letters of any script are accepted', () => {
		for (const name of ['payments api', 'café', 'Zürich-2', '部署', 'Ωmega 2.4.0', "O'Brien"])
			expect(hasUnsafeName(name), name).toBe(false);
	});
});
