import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	createKeyDecoder,
	isTextPress,
	SEQUENCE_TIMEOUT_MS,
	type Press,
} from '../../source/ui/input/key-decoder.js';
import {key} from './helpers.js';

const decode = (data: string) => createKeyDecoder().decode(data, 0);
const esc = {input: '', key: key({escape: true, meta: true})};
const named = (flags: Parameters<typeof key>[0]): Press => ({input: '', key: key(flags)});
const ch = (c: string): Press => ({input: c, key: key({shift: c !== c.toLowerCase()})});

describe('the key decoder', () => {
	it('splits a read of typed characters into one press each, in order', () => {
		expect(decode('cfine')).toEqual(['c', 'f', 'i', 'n', 'e'].map(ch));
		expect(decode('aB')[1]).toEqual({input: 'B', key: key({shift: true})});
		expect(decode('é😀')).toEqual([ch('é'), ch('😀')]);
	});

	it('reads enter, tab, backspace and ctrl+letters inside a read', () => {
		expect(decode('j\rk\t\n')).toEqual([
			ch('j'),
			named({return: true}),
			ch('k'),
			named({tab: true}),
			named({return: true}),
		]);
		expect(decode('\u007f\b')).toEqual([named({delete: true}), named({backspace: true})]);
		expect(decode('\u0003\u0015')).toEqual([
			{input: 'c', key: key({ctrl: true})},
			{input: 'u', key: key({ctrl: true})},
		]);
		expect(decode('\u0000\u001c\u001f')).toEqual([]);
	});

	it('reads arrows, home/end, delete, page keys and shift+tab, with modifiers, in both cursor modes', () => {
		expect(decode('\u001b[A\u001b[B\u001b[C\u001b[D')).toEqual([
			named({upArrow: true}),
			named({downArrow: true}),
			named({rightArrow: true}),
			named({leftArrow: true}),
		]);
		expect(decode('\u001bOA\u001bOD\u001bOM')).toEqual([
			named({upArrow: true}),
			named({leftArrow: true}),
			named({return: true}),
		]);
		expect(decode('\u001b[H\u001b[F\u001b[1~\u001b[4~\u001bOH')).toEqual([
			named({home: true}),
			named({end: true}),
			named({home: true}),
			named({end: true}),
			named({home: true}),
		]);
		expect(decode('\u001b[3~\u001b[5~\u001b[6~\u001b[Z')).toEqual([
			named({delete: true}),
			named({pageUp: true}),
			named({pageDown: true}),
			named({tab: true, shift: true}),
		]);
		expect(decode('\u001b[1;2A\u001b[1;5C\u001b[1;3D')).toEqual([
			named({upArrow: true, shift: true}),
			named({rightArrow: true, ctrl: true}),
			named({leftArrow: true, meta: true}),
		]);
	});

	it('esc alone, twice, or followed at once by a key', () => {
		expect(decode('\u001b')).toEqual([esc]);
		expect(decode('\u001b\u001b')).toEqual([esc, esc]);
		expect(decode('\u001bq')).toEqual([esc, ch('q')]);
		expect(decode('\u001b\u001b[A')).toEqual([esc, named({upArrow: true})]);
		// alt+backspace and alt+enter are those keys, with meta
		expect(decode('\u001b\u007f\u001b\r')).toEqual([
			named({delete: true, meta: true}),
			named({return: true, meta: true}),
		]);
	});

	// The sequences that crashed Ink 6.8's useInput (ctrl+F1, pasted colours) and
	// others no key of preflight means: dropped whole, never read as text.
	it.each([
		['ctrl+F1', '\u001b[1;5P'],
		['ctrl+shift+F1', '\u001b[1;6P'],
		['F1 (SS3)', '\u001bOP'],
		['F5', '\u001b[15~'],
		['ctrl+F5', '\u001b[15;5~'],
		['F1 (Linux console)', '\u001b[[A'],
		['insert', '\u001b[2~'],
		['red', '\u001b[31m'],
		['reset', '\u001b[0m'],
		['true colour', '\u001b[38;2;255;0;0m'],
		['tput sgr0', '\u001b(B\u001b[m'],
		['cursor hide', '\u001b[?25l'],
		['clear screen', '\u001b[2J'],
		['SGR mouse', '\u001b[<0;12;5M'],
		['focus in', '\u001b[I'],
		['kitty key', '\u001b[99;5u'],
		['cursor up 5 (not a key)', '\u001b[5A'],
		['8-bit CSI', '\u009b31m'],
		['OSC title (BEL)', '\u001b]0;pwned\u0007'],
		['OSC hyperlink (ST)', '\u001b]8;;https://evil.example\u001b\\'],
		['8-bit OSC', '\u009d8;;x\u009c'],
		['DCS', '\u001bPq#0;2;0;0;0\u001b\\'],
		['APC', '\u001b_Gpwned\u001b\\'],
		['stray ST', '\u001b\\'],
	])('drops %s', (_name, sequence) => {
		expect(decode(sequence)).toEqual([]);
		expect(decode(`a${sequence}b`)).toEqual([ch('a'), ch('b')]);
	});

	// Ink holds back an unfinished sequence until the rest arrives, but hands it
	// over alone when nothing follows at once; a pty read may also end inside one.
	it('a sequence cut short is finished by the next data, or given up when none comes soon', () => {
		const cuts: Array<[string, string]> = [
			['\u001b[1;', '5P'],
			['\u001b[3', '1m'],
			['\u001b(', 'B'],
			['\u001bO', 'P'],
			['\u009b', '0m'],
		];
		for (const [head, tail] of cuts) {
			const d = createKeyDecoder();
			expect(d.decode(`a${head}`, 0), head).toEqual([ch('a')]);
			expect(d.decode(`${tail}b`, 1), head).toEqual([ch('b')]);
			const later = createKeyDecoder();
			later.decode(head, 0);
			expect(later.decode('j', SEQUENCE_TIMEOUT_MS + 1), head).toEqual([ch('j')]);
		}
		const arrow = createKeyDecoder();
		expect(arrow.decode('\u001b[', 0)).toEqual([]);
		expect(arrow.decode('A', 1)).toEqual([named({upArrow: true})]);
	});

	it('a malformed CSI drops its start and reads the rest', () => {
		expect(decode('\u001b[1\rj')).toEqual([named({return: true}), ch('j')]);
	});

	it('an OSC string continues into the next read until its terminator', () => {
		const d = createKeyDecoder();
		expect(d.decode('x\u001b]0;pw', 0)).toEqual([ch('x')]);
		expect(d.decode('ned', 1)).toEqual([]);
		expect(d.decode('\u0007y', 2)).toEqual([ch('y')]);
	});

	describe('pasted text holding the end-of-paste bracket never runs as keys', () => {
		const pasted = (input: string): Press => ({input, key: key(), paste: true});
		const hostile = '\u001b[200~abc\u001b[201~fpfq\u001b[201~';

		it('in one read', () => {
			expect(createKeyDecoder().decode(hostile, 0)).toEqual([pasted('abcfpfq')]);
		});

		it('cut by reads anywhere', () => {
			// (from after the start bracket: a read that ends on a lone ESC is the esc key)
			for (let cut = 6; cut < hostile.length; cut++) {
				const d = createKeyDecoder();
				const presses = [...d.decode(hostile.slice(0, cut), 0), ...d.decode(hostile.slice(cut), 1)];
				expect(
					presses.every((p) => p.paste),
					`cut at ${cut}: ${JSON.stringify(presses)}`,
				).toBe(true);
				expect(presses.map((p) => p.input).join('')).toBe('abcfpfq');
			}
		});

		it('several brackets inside, and the paste after it is a paste of its own', () => {
			const d = createKeyDecoder();
			expect(
				d.decode('\u001b[200~a\u001b[201~b\u001b[201~c\u001b[201~\u001b[200~d\u001b[201~', 0),
			).toEqual([pasted('abc'), pasted('d')]);
		});

		it('keys typed right after a paste, in its read, come out as its text once all is quiet', () => {
			const d = createKeyDecoder();
			expect(d.decode('\u001b[200~abc\u001b[201~x', 0)).toEqual([]);
			expect(d.decode('y', SEQUENCE_TIMEOUT_MS + 1)).toEqual([pasted('abcx'), ch('y')]);
		});

		it('an empty paste is nothing', () => {
			expect(decode('\u001b[200~\u001b[201~')).toEqual([]);
		});

		it('a stray end bracket long after a paste is nothing', () => {
			const d = createKeyDecoder();
			expect(d.decode('\u001b[200~abc\u001b[201~', 0)).toEqual([pasted('abc')]);
			expect(d.decode('q\u001b[201~', SEQUENCE_TIMEOUT_MS + 1)).toEqual([ch('q')]);
		});
	});

	it('an unterminated string is given up when nothing follows at once (alt+] typed alone)', () => {
		const d = createKeyDecoder();
		expect(d.decode('\u001b]', 0)).toEqual([]);
		expect(d.decode('j', SEQUENCE_TIMEOUT_MS + 1)).toEqual([ch('j')]);
	});

	it('a bracketed paste is one press of its text, escapes removed and line breaks kept, even cut by reads', () => {
		const pasted = (input: string): Press => ({input, key: key(), paste: true});
		expect(decode('a\u001b[200~x\ny\u001b[31mz\u001b[201~')).toEqual([ch('a'), pasted('x\nyz')]);
		const d = createKeyDecoder();
		expect(d.decode('\u001b[200~one\n', 0)).toEqual([]);
		// long after the start: a paste has no timeout, its end bracket comes from the terminal
		expect(d.decode('two\u001b[20', 5_000)).toEqual([]);
		expect(d.decode('1~', 5_001)).toEqual([pasted('one\ntwo')]);
		expect(d.decode('j', 5_300)).toEqual([ch('j')]);
		expect(isTextPress(pasted('x'))).toBe(false);
		// CR and CRLF line breaks (tmux pastes lines with CR) are line breaks too
		expect(decode('\u001b[200~a\rb\r\nc\u001b[201~')).toEqual([pasted('a\nb\nc')]);
	});

	it('the timeout counts from where the string began, not from the last read', () => {
		const d = createKeyDecoder();
		expect(d.decode('\u001b]', 0)).toEqual([]);
		expect(d.decode('abc', 50)).toEqual([]);
		expect(d.decode('def', 120)).toEqual([ch('d'), ch('e'), ch('f')]);
		// and a new string later starts its own clock
		expect(d.decode('\u001b]', 500)).toEqual([]);
		expect(d.decode('g', 550)).toEqual([]);
		expect(d.decode('h', 601)).toEqual([ch('h')]);
	});

	it('esc, CAN or SUB inside a string ends it; esc is then read as usual', () => {
		expect(decode('\u001b]0;x\u001b')).toEqual([esc]);
		expect(decode('\u001b]0;x\u001b[Aq')).toEqual([named({upArrow: true}), ch('q')]);
		expect(decode('\u001b]0;x\u0018q')).toEqual([ch('q')]);
	});

	// Sequences a paste may carry that mean no key.
	const noise = fc.constantFrom(
		'\u001b[31m',
		'\u001b[0m',
		'\u001b[1;5P',
		'\u001b[38;5;200m',
		'\u001b(B',
		'\u001b]0;t\u0007',
		'\u001b]8;;u\u001b\\',
		'\u009b1m',
		'\u001b[?2004h',
	);
	const printable = fc.string({
		unit: fc.constantFrom('a', 'Z', ' ', 'é', '😀', '-', '/', ':', '?'),
	});

	it('never throws, and text presses never hold an escape or a control character', () => {
		const anyText = fc.string({
			unit: fc.oneof(
				fc.constantFrom(
					'\u001b',
					'[',
					'O',
					']',
					';',
					'1',
					'5',
					'~',
					'P',
					'\u0007',
					'\u009b',
					'\u009c',
					'\\',
				),
				fc.integer({min: 0, max: 0x10ffff}).map((c) => String.fromCodePoint(c)),
			),
		});
		fc.assert(
			fc.property(fc.array(anyText, {maxLength: 4}), (reads) => {
				const d = createKeyDecoder();
				for (const read of reads)
					for (const press of d.decode(read, 0))
						if (isTextPress(press))
							// eslint-disable-next-line no-control-regex -- looking for control characters is the point
							expect(press.input).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
			}),
		);
	});

	it('typed text mixed with sequences that are no keys reads as the text alone', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(printable, noise)), (parts) => {
				const text = parts.filter((p) => !p.includes('\u001b') && !p.includes('\u009b')).join('');
				const presses = decode(parts.join(''));
				expect(presses.every(isTextPress)).toBe(true);
				expect(presses.map((p) => p.input).join('')).toBe(text);
			}),
		);
	});
});
