import {describe, expect, it} from 'vitest';
import {CappedOutput} from '../../source/checks/capped-output.js';

describe('CappedOutput', () => {
	it('keeps everything under the cap, in arrival order', () => {
		const out = new CappedOutput(8, 8);
		out.push(Buffer.from('abc'));
		out.push(Buffer.from('def'));
		expect(out.bytes().toString()).toBe('abcdef');
		expect(out.cut).toBe(false);
		expect(out.total).toBe(6);
	});

	it('keeps exactly head + tail without a mark', () => {
		const out = new CappedOutput(4, 4);
		out.push(Buffer.from('12345678'));
		expect(out.bytes().toString()).toBe('12345678');
		expect(out.cut).toBe(false);
	});

	it('keeps the head and a rolling tail, and marks the cut', () => {
		const out = new CappedOutput(4, 4);
		for (const c of ['abc', 'defg', 'hij', 'k', 'lmnopq', 'rs']) out.push(Buffer.from(c));
		expect(out.total).toBe(19);
		expect(out.cut).toBe(true);
		expect(out.bytes().toString()).toBe('abcd\n[… preflight cut 11 bytes of output here …]\npqrs');
	});

	it('holds no more than its caps while a flood streams in', () => {
		const out = new CappedOutput(1024, 1024);
		const chunk = Buffer.alloc(64 * 1024, 'x');
		for (let i = 0; i < 100; i++) out.push(chunk);
		out.push(Buffer.from('END'));
		const kept = out.bytes();
		expect(kept.length).toBeLessThan(2048 + 100);
		expect(kept.subarray(-3).toString()).toBe('END');
		expect(out.total).toBe(100 * 64 * 1024 + 3);
	});

	it('gives the last lines for a live view', () => {
		const out = new CappedOutput(8, 64);
		out.push(Buffer.from('one\ntwo\nthree\nfour\n'));
		expect(out.lastLines(2)).toEqual(['three', 'four']);
	});

	it('a carriage return overwrites the line, as on a terminal', () => {
		const out = new CappedOutput();
		out.push(Buffer.from('start\np1\rp2'));
		out.push(Buffer.from('\rp3\n10%\r20%\r'));
		expect(out.lastLines(3)).toEqual(['start', 'p3', '20%']);
		out.push(Buffer.from('done\r\n'));
		expect(out.lastLines(1)).toEqual(['done']);
	});
});
