import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {asOfDate} from '../../source/cli/args.js';
import {addDuration, parseDuration} from '../../source/model/duration.js';
import {isStale} from '../../source/model/evaluate.js';
import type {Answer, ChecklistItem} from '../../source/model/schemas.js';
import {parseAsOf, parseInstant} from '../../source/model/time.js';
import {now} from '../../source/system/clock.js';

const iso = (d: Date) => d.toISOString();

/** The last day of a month (month 1-12), counted without Date's arithmetic. */
function lastDay(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

describe('calendar durations', () => {
	it.each([
		['2026-01-31T10:00:00.000Z', 'P1M', '2026-02-28T10:00:00.000Z'],
		['2028-01-31T10:00:00.000Z', 'P1M', '2028-02-29T10:00:00.000Z'],
		['2026-03-31T00:00:00.000Z', 'P1M', '2026-04-30T00:00:00.000Z'],
		['2026-12-31T00:00:00.000Z', 'P2M', '2027-02-28T00:00:00.000Z'],
		['2026-08-31T00:00:00.000Z', 'P6M', '2027-02-28T00:00:00.000Z'],
		['2028-02-29T00:00:00.000Z', 'P1Y', '2029-02-28T00:00:00.000Z'],
		['2028-02-29T00:00:00.000Z', 'P4Y', '2032-02-29T00:00:00.000Z'],
		['2026-01-31T00:00:00.000Z', 'P1Y1M', '2027-02-28T00:00:00.000Z'],
		['2026-01-31T00:00:00.000Z', 'P1M1D', '2026-03-01T00:00:00.000Z'],
		['2026-01-31T23:30:00.000Z', 'P1MT1H', '2026-03-01T00:30:00.000Z'],
		['2026-01-15T00:00:00.000Z', 'P1M', '2026-02-15T00:00:00.000Z'],
		['2026-01-31T00:00:00.000Z', 'P30D', '2026-03-02T00:00:00.000Z'],
		['2026-01-31T00:00:00.000Z', 'P2W', '2026-02-14T00:00:00.000Z'],
		['2026-11-30T00:00:00.000Z', 'P15M', '2028-02-29T00:00:00.000Z'],
	])('%s + %s = %s', (from, duration, to) => {
		expect(iso(addDuration(new Date(from), parseDuration(duration)!))).toBe(to);
	});

	it('every day of every month, plus any months and years: the day is kept, or clamped to the month end', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 1990, max: 2100}),
				fc.integer({min: 1, max: 12}),
				fc.integer({min: 1, max: 31}),
				fc.integer({min: 0, max: 30}),
				fc.integer({min: 0, max: 40}),
				(year, month, day, months, years) => {
					const d = Math.min(day, lastDay(year, month));
					const from = new Date(Date.UTC(year, month - 1, d, 9, 30));
					const total = month - 1 + months + years * 12;
					const y = year + Math.floor(total / 12);
					const m = (total % 12) + 1;
					const expected = new Date(Date.UTC(y, m - 1, Math.min(d, lastDay(y, m)), 9, 30));
					const got = addDuration(from, parseDuration(`P${years}Y${months}M`)!);
					expect(iso(got)).toBe(iso(expected));
				},
			),
			{numRuns: 300},
		);
	});

	it('staleness follows: a pass of 31 January with P1M is stale after the last day of February', () => {
		const item = {id: 'i', title: 'I', reviewEvery: 'P1M'} as ChecklistItem;
		const answer: Answer = {
			status: 'pass',
			evidence: [],
			signedOff: {by: 'Ada', at: '2026-01-31T12:00:00.000Z'},
		};
		expect(isStale(item, answer, new Date('2026-02-28T12:00:00.000Z'))).toBe(false);
		expect(isStale(item, answer, new Date('2026-02-28T12:00:00.001Z'))).toBe(true);
		expect(isStale(item, answer, new Date('2026-03-02T00:00:00.000Z'))).toBe(true);
	});
});

describe('times people give', () => {
	it.each([
		['2027-03-01T22:00Z', '2027-03-01T22:00:00.000Z'],
		['2027-03-01T22:00:00Z', '2027-03-01T22:00:00.000Z'],
		['2027-03-01T22:00:00.5Z', '2027-03-01T22:00:00.500Z'],
		['2027-03-01T22:00+01:00', '2027-03-01T21:00:00.000Z'],
		['2027-03-01T22:00:00-05:30', '2027-03-02T03:30:00.000Z'],
		['2027-03-01t22:00:00z', '2027-03-01T22:00:00.000Z'],
		['0050-06-01T00:00Z', '0050-06-01T00:00:00.000Z'],
	])('%s is %s', (text, expected) => {
		const parsed = parseInstant(text);
		expect(parsed.ok && iso(parsed.date)).toBe(expected);
	});

	it.each([
		['2027-03-01T22:00', /no time zone/],
		['2027-03-01T22:00:00', /no time zone/],
		['2027-03-01T22:00:00.000', /no time zone/],
		['2027-02-31T00:00Z', /does not exist/],
		['2027-02-29T00:00Z', /does not exist/],
		['2027-13-01T00:00Z', /does not exist/],
		['2027-03-01T24:00Z', /out of range/],
		['2027-03-01T22:60Z', /out of range/],
		['2027-03-01T22:00+25:00', /offset out of range/],
		['March 1, 2027 22:00 Z', /not an ISO 8601 time/],
		['yesterday', /not an ISO 8601 time/],
		['1772402400000', /not an ISO 8601 time/],
	])('%s is refused', (text, problem) => {
		const parsed = parseInstant(text);
		expect(parsed.ok ? 'accepted' : parsed.problem).toMatch(problem);
	});

	it('--as-of: a date is the end of that UTC day, a time needs a zone', () => {
		const at = new Date('2026-01-01T00:00:00Z');
		expect(iso(asOfDate('2027-03-01', at))).toBe('2027-03-01T23:59:59.999Z');
		expect(iso(asOfDate('2027-03-01T22:00Z', at))).toBe('2027-03-01T22:00:00.000Z');
		expect(() => asOfDate('2027-03-01T22:00', at)).toThrow(/has no time zone/);
		expect(() => asOfDate('2027-02-30', at)).toThrow(/does not exist/);
		expect(asOfDate(undefined, at)).toBe(at);
		const both = parseAsOf('2028-02-29');
		expect(both.ok && iso(both.date)).toBe('2028-02-29T23:59:59.999Z');
	});

	it('PREFLIGHT_NOW: read the same way, and said on stderr whenever it is ahead of the real clock', () => {
		const lines: string[] = [];
		const warn = (line: string) => lines.push(line);
		expect(() => now({PREFLIGHT_NOW: '2026-03-01T12:00'}, warn)).toThrow(/has no time zone/);
		expect(() => now({PREFLIGHT_NOW: 'yesterday'}, warn)).toThrow(
			/is not an ISO time such as 2026-03-01T12:00:00Z/,
		);
		expect(iso(now({PREFLIGHT_NOW: '2020-01-01T00:00Z'}, warn))).toBe('2020-01-01T00:00:00.000Z');
		expect(lines).toEqual([]);
		const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
		expect(iso(now({PREFLIGHT_NOW: future}, warn))).toBe(future);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^preflight: warning: PREFLIGHT_NOW is .* \d days ahead of the real clock/,
		);
		expect(now({}, warn).getTime()).toBeLessThanOrEqual(Date.now());
	});
});
