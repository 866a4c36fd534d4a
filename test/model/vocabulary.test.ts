import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {evaluate} from '../../source/model/evaluate.js';
import type {Answer, Review} from '../../source/model/schemas.js';
import {
	barCells,
	barText,
	answeredLine,
	breakdown,
	countsText,
	progressText,
	reviewEveryText,
	shownStatus,
	statusLabel,
	statusLooks,
	totalsLine,
	verdictLabel,
	verdictLine,
	type ShownStatus,
} from '../../source/model/vocabulary.js';

const totals = {items: 26, pass: 5, fail: 1, na: 1, waived: 1, pending: 18, stale: 2, blockers: 21};

describe('statuses', () => {
	it('every status has a glyph and a word, all distinct, so nothing rests on colour', () => {
		const looks = Object.values(statusLooks);
		expect(new Set(looks.map((l) => l.glyph)).size).toBe(looks.length);
		expect(new Set(looks.map((l) => l.word)).size).toBe(looks.length);
		expect(statusLabel('pass')).toBe('✔ pass');
		expect(statusLabel('na')).toBe('– n/a');
		expect(statusLabel('stale')).toBe('⌛ stale');
		expect(statusLabel('recheck')).toBe('↻ recheck');
	});

	it('marks show instead of the status they qualify, but pending stays pending', () => {
		expect(shownStatus({status: 'pass'})).toBe('pass');
		expect(shownStatus({status: 'pass', stale: true})).toBe('stale');
		expect(shownStatus({status: 'pass', stale: true, recheck: true})).toBe('recheck');
		expect(shownStatus({status: 'fail', recheck: true})).toBe('recheck');
		expect(shownStatus({status: 'pending', recheck: true})).toBe('pending');
	});
});

describe('verdict', () => {
	it('says the verdict with glyph and word, and what its number counts', () => {
		expect(verdictLabel('ready')).toBe('✔ READY');
		expect(verdictLabel('not-ready')).toBe('✖ NOT READY');
		expect(verdictLine('ready', 0)).toBe('✔ READY');
		expect(verdictLine('not-ready', 26)).toBe('✖ NOT READY · 26 blockers');
		expect(verdictLine('not-ready', 1)).toBe('✖ NOT READY · 1 blocker');
	});
});

describe('counts', () => {
	const sum = (t: typeof totals) => breakdown(t).reduce((n, b) => n + b.count, 0);

	it('the breakdown adds up to the items: a stale pass is counted as stale, not also as pass', () => {
		expect(sum(totals)).toBe(totals.items);
		expect(breakdown(totals).find((b) => b.status === 'pass')?.count).toBe(3);
		expect(totalsLine(totals)).toBe(
			'26 items: 3 pass · 2 stale · 1 fail · 1 n/a · 1 waived · 18 pending',
		);
	});

	it('each count carries its word (the legend), zeros left out unless asked for', () => {
		expect(countsText({...totals, stale: 0, pending: 0, items: 8})).toBe(
			'5 pass · 1 fail · 1 n/a · 1 waived',
		);
		expect(countsText({items: 3, pass: 0, fail: 0, na: 0, waived: 0, pending: 3, stale: 0})).toBe(
			'3 pending',
		);
		expect(progressText(totals)).toBe('8/26 answered');
		expect(answeredLine(totals)).toBe(
			'8/26 answered · 3 pass · 2 stale · 1 fail · 1 n/a · 1 waived · 18 pending',
		);
		expect(answeredLine({items: 0, pass: 0, fail: 0, na: 0, waived: 0, pending: 0, stale: 0})).toBe(
			'0/0 answered',
		);
		expect(
			totalsLine({items: 1, pass: 1, fail: 0, na: 0, waived: 0, pending: 0, stale: 0}),
		).toMatch(/^1 item: 1 pass · 0 stale/);
	});

	it("adds up for evaluate's totals, per section and overall, with stale passes among them", () => {
		const {checklist} = checklistFromData(
			{
				id: 'c',
				title: 'C',
				version: '1',
				sections: [
					{
						id: 's',
						title: 'S',
						items: [
							{id: 'a', title: 'A', reviewEvery: 'P30D'},
							{id: 'b', title: 'B', reviewEvery: 'P30D'},
							{id: 'c', title: 'C'},
						],
					},
					{id: 't', title: 'T', items: [{id: 'd', title: 'D'}]},
				],
			},
			'c.json',
		);
		const pass: Answer = {
			status: 'pass',
			evidence: [{kind: 'url', ref: 'https://x.example'}],
			signedOff: {by: 'a', at: '2026-01-01T00:00:00.000Z'},
		};
		const review: Review = {
			id: 'r',
			system: 's',
			checklist: {id: 'c', version: '1', digest: 'x'},
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			answers: {a: pass, b: pass, c: pass, d: {status: 'fail', evidence: []}},
			audit: [],
		};
		const e = evaluate(checklist, review, new Date('2026-06-01T00:00:00.000Z'));
		// The JSON totals count a stale pass under both pass and stale (their format stays)...
		expect(e.totals).toMatchObject({items: 4, pass: 3, stale: 2, fail: 1});
		// ...the lines a person reads add up.
		for (const t of [e.totals, ...e.sections.map((s) => s.totals)]) expect(sum(t)).toBe(t.items);
		expect(answeredLine(e.totals)).toBe('4/4 answered · 1 pass · 2 stale · 1 fail');
	});

	it('every bucket is a status word that statusLabel knows', () => {
		const shown: ShownStatus[] = breakdown(totals).map((b) => b.status);
		for (const s of shown) expect(statusLabel(s)).toContain(statusLooks[s].word);
	});
});

describe('durations', () => {
	it('says a review interval in words', () => {
		expect(reviewEveryText('P90D')).toBe('review every 90 days');
		expect(reviewEveryText('P1Y')).toBe('review every 1 year');
	});
});

describe('progress bars', () => {
	it('show done, needing work and open apart, always adding up to the width', () => {
		expect(barText(3, 1, 5, 10)).toBe('██████▒▒░░');
		expect(barText(0, 0, 5, 6)).toBe('░░░░░░');
		expect(barText(5, 0, 5, 6)).toBe('██████');
		// one failed item of a thousand still shows
		expect(barText(0, 1, 1000, 10)).toBe('▒░░░░░░░░░');
		for (let settled = 0; settled <= 7; settled++)
			for (let blocking = 0; settled + blocking <= 7; blocking++) {
				const c = barCells(settled, blocking, 7, 9);
				expect(c.settled + c.blocking + c.open).toBe(9);
				expect(c.blocking > 0).toBe(blocking > 0);
			}
	});
});
