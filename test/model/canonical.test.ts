import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {canonicalJson, digestOf, sortKeys} from '../../source/model/canonical.js';

describe('canonicalJson', () => {
	it('sorts keys by UTF-16 code units, drops undefined, writes no whitespace', () => {
		const value = {
			b: 1,
			a: [3, {z: true, y: null}],
			é: 'x',
			Z: undefined,
			'😀': 1,
			ﬀ: 2,
			A: 'q "u"',
		};
		// "A" < "a" < "b" < "é" (U+00E9) < "😀" (D83D…) < "ﬀ" (U+FB00): code units, not code points.
		expect(canonicalJson(value)).toBe(
			'{"A":"q \\"u\\"","a":[3,{"y":null,"z":true}],"b":1,"é":"x","😀":1,"ﬀ":2}',
		);
	});

	it('is independent of key insertion order', () => {
		expect(canonicalJson({a: 1, b: {c: 2, d: 3}})).toBe(canonicalJson({b: {d: 3, c: 2}, a: 1}));
	});

	it('digests as sha256 over the canonical text', () => {
		const text = '{"a":1,"b":"\\u001b"}';
		expect(canonicalJson({b: '\u001b', a: 1})).toBe(text);
		expect(digestOf({b: '\u001b', a: 1})).toBe(
			`sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`,
		);
	});

	it('sortKeys gives the same order for pretty files', () => {
		expect(Object.keys(sortKeys({b: 1, a: 2}))).toEqual(['a', 'b']);
	});
});

describe('canonicalJson fast and slow paths agree', () => {
	it('sorts integer-like keys by UTF-16 code units, not numerically', () => {
		expect(canonicalJson({10: 'a', 9: 'b', x: {2: 1, 10: 2}})).toBe(
			'{"10":"a","9":"b","x":{"10":2,"2":1}}',
		);
	});

	it('drops undefined members and writes undefined array entries as null', () => {
		expect(canonicalJson({b: undefined, a: [undefined, 1]})).toBe('{"a":[null,1]}');
		expect(canonicalJson({7: undefined, a: [undefined]})).toBe('{"a":[null]}');
	});
});

describe('canonicalJson with a property list and without', () => {
	/** The plain definition: keys sorted at every level, written by hand. */
	function reference(value: unknown): string {
		if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
		if (Array.isArray(value)) return `[${value.map((v) => reference(v ?? null)).join(',')}]`;
		const record = value as Record<string, unknown>;
		const members = Object.keys(record)
			.sort()
			.filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
			.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`);
		return `{${members.join(',')}}`;
	}

	it('gives the same text for keys objects inherit, many keys, and non-plain objects', () => {
		const inherited = JSON.parse('{"__proto__": {"b": 1, "a": 2}, "toString": "x", "z": [1]}');
		const many = Object.fromEntries(
			Array.from({length: 100}, (_, i) => [`k${(i * 37) % 100}`, {b: i, a: [i]}]),
		);
		const withDate = {b: new Date(0), a: {d: 1, c: 2}};
		for (const value of [inherited, many, withDate, {b: 1, a: {y: 2, x: [{q: 1, p: 2}]}}])
			expect(canonicalJson(value)).toBe(reference(JSON.parse(JSON.stringify(value))));
	});

	it('keeps a key that only some objects have', () => {
		expect(canonicalJson([{b: 1}, {a: 2, c: {b: 3, a: 4}}])).toBe(
			'[{"b":1},{"a":2,"c":{"a":4,"b":3}}]',
		);
	});
});
