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
