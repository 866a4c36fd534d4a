import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {evaluate, isStale, waiverExpired} from '../../source/model/evaluate.js';
import type {Answer, Review} from '../../source/model/schemas.js';

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
					{id: 'a', title: 'A'},
					{id: 'b', title: 'B', reviewEvery: 'P90D'},
					{id: 'c', title: 'C', evidenceRequired: false},
					{id: 'r', title: 'R', level: 'recommended'},
				],
			},
		],
	},
	'c.json',
);

const url = {kind: 'url' as const, ref: 'https://x.example'};
const pass = (at = '2026-01-01T00:00:00.000Z'): Answer => ({
	status: 'pass',
	evidence: [url],
	signedOff: {by: 'a', at},
});

function review(answers: Record<string, Answer>): Review {
	return {
		id: 'r',
		system: 's',
		checklist: {id: 'c', version: '1', digest: 'x'},
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		answers,
		audit: [],
	};
}

const at = new Date('2026-02-01T00:00:00.000Z');
const ready = {a: pass(), b: pass(), c: {status: 'pass', evidence: []} as Answer};

describe('evaluate', () => {
	it('is ready when every required item passes with evidence; recommended never blocks', () => {
		const e = evaluate(checklist, review(ready), at);
		expect(e.verdict).toBe('ready');
		expect(e.blockers).toEqual([]);
		expect(e.totals).toMatchObject({items: 4, pass: 3, pending: 1, blockers: 0});
		expect(e.sections[0]?.items[3]?.concern).toBe('not answered yet');
	});

	it('blocks on pending, fail, and pass without required evidence', () => {
		const e = evaluate(
			checklist,
			review({a: {status: 'pass', evidence: []}, b: {status: 'fail', note: 'x\ny', evidence: []}}),
			at,
		);
		expect(e.verdict).toBe('not-ready');
		expect(e.blockers.map((b) => [b.item.id, b.blocker])).toEqual([
			['a', 'passed without the evidence it requires'],
			['b', 'failed: x'],
			['c', 'not answered yet'],
		]);
	});

	it('accepts n/a only with a justification', () => {
		const na = (justification?: string): Answer => ({
			status: 'na',
			evidence: [],
			...(justification ? {justification} : {}),
		});
		expect(evaluate(checklist, review({...ready, a: na('no UI')}), at).verdict).toBe('ready');
		expect(evaluate(checklist, review({...ready, a: na('  ')}), at).blockers[0]?.blocker).toBe(
			'not applicable without a justification',
		);
	});

	it('makes a pass stale once its review interval has passed', () => {
		const r = review({...ready, b: pass('2026-01-01T00:00:00.000Z')});
		// P90D from 2026-01-01 is 2026-04-01T00:00Z: stale once the sign-off is older than that.
		expect(evaluate(checklist, r, new Date('2026-04-01T00:00:00.000Z')).verdict).toBe('ready');
		const late = evaluate(checklist, r, new Date('2026-04-01T00:00:00.001Z'));
		expect(late.verdict).toBe('not-ready');
		expect(late.totals.stale).toBe(1);
		expect(late.blockers[0]?.blocker).toBe('stale: signed off 2026-01-01, review every 90 days');
		const item = checklist.sections[0]!.items[0]!;
		expect(isStale(item, pass('2000-01-01T00:00:00.000Z'), at)).toBe(false);
	});

	it('holds a waiver through its expiry day (UTC), then blocks', () => {
		const waived: Answer = {
			status: 'waived',
			evidence: [],
			waiver: {reason: 'later', owner: 'o', expires: '2026-03-10'},
		};
		const r = review({...ready, a: waived});
		expect(evaluate(checklist, r, new Date('2026-03-10T23:59:59.999Z')).verdict).toBe('ready');
		const e = evaluate(checklist, r, new Date('2026-03-11T00:00:00.000Z'));
		expect(e.blockers[0]?.blocker).toBe('waiver expired on 2026-03-10');
		expect(waiverExpired('2026-03-10', new Date('2026-03-11T00:00:00.000Z'))).toBe(true);
	});
});
