import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {ownFormat} from '../../source/checklist/own-format.js';
import {looksOwn} from '../../source/checklist/own-shape.js';
import {launchLines, launchOutlook} from '../../source/model/launch.js';
import {evaluate} from '../../source/model/evaluate.js';
import {newReview} from '../../source/model/review.js';
import {
	dueDay,
	reviewDue,
	reviewDueJson,
	reviewDueLine,
	reviewDueShort,
} from '../../source/model/review-due.js';
import type {Decision, Review} from '../../source/model/schemas.js';
import {checklistSchema} from '../../source/model/schemas.js';
import {parseAsOf} from '../../source/model/time.js';
import {decisionSummary} from '../../source/report/decision.js';
import {buildSnapshot} from '../../source/report/snapshot.js';
import {ruleProblems} from '../../source/report/verify-rules.js';
import * as z from '../../source/model/zod.js';

const start = new Date('2025-01-10T10:00:00.000Z');

function loaded(reviewEvery?: string) {
	return checklistFromData(
		{
			id: 'mini',
			title: 'Mini',
			version: '1',
			...(reviewEvery ? {reviewEvery} : {}),
			sections: [{id: 's', title: 'S', items: [{id: 's.a', title: 'A', evidenceRequired: false}]}],
		},
		'mini.json',
	);
}

function review(reviewEvery?: string, decisions: string[] = []): Review {
	const l = loaded(reviewEvery);
	const r = {...newReview(l.checklist, l.digest, 'api', undefined, start), id: 'r-1'};
	const recorded: Decision[] = decisions.map((at) => ({
		decision: 'go',
		by: 'Dana',
		at,
		verdict: 'ready',
		digest: `sha256:${'0'.repeat(64)}`,
	}));
	return recorded.length ? {...r, decisions: recorded} : r;
}

const asOf = (text: string) => {
	const p = parseAsOf(text);
	if (!p.ok) throw new Error(p.problem);
	return p.date;
};

describe('when the whole review is due again', () => {
	it('is never due without reviewEvery at the checklist top', () => {
		expect(reviewDue(loaded().checklist, review(), asOf('2040-01-01'))).toBeUndefined();
	});

	it('counts from the start with no decision: due in the future, soon, past due', () => {
		const c = loaded('P1Y').checklist;
		const later = reviewDue(c, review('P1Y'), asOf('2025-06-01'))!;
		expect(later).toMatchObject({from: 'start', overdue: false, soon: false, every: 'P1Y'});
		expect(later.due.toISOString()).toBe('2026-01-10T10:00:00.000Z');
		expect(reviewDueShort(later)).toBe('due again 2026-01-10');
		const soon = reviewDue(c, review('P1Y'), asOf('2025-12-20'))!;
		expect(soon).toMatchObject({overdue: false, soon: true});
		const past = reviewDue(c, review('P1Y'), asOf('2026-02-01'))!;
		expect(past).toMatchObject({overdue: true, soon: false});
		expect(reviewDueLine(past)).toBe(
			'review due again since 2026-01-10 (every 1 year, from its start, 2025-01-10)',
		);
	});

	it('on the due day: --as-of that day (its end) is past due; the moment itself is not, a millisecond after is', () => {
		const c = loaded('P1Y').checklist;
		expect(reviewDue(c, review('P1Y'), asOf('2026-01-10'))!.overdue).toBe(true);
		expect(reviewDue(c, review('P1Y'), asOf('2026-01-09'))!.overdue).toBe(false);
		expect(reviewDue(c, review('P1Y'), new Date('2026-01-10T10:00:00.000Z'))!.overdue).toBe(false);
		expect(reviewDue(c, review('P1Y'), new Date('2026-01-10T10:00:00.001Z'))!.overdue).toBe(true);
	});

	it('counts from the latest decision, so a decision after the due date clears it', () => {
		const c = loaded('P1Y').checklist;
		const r = review('P1Y', ['2026-02-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z']);
		const d = reviewDue(c, r, asOf('2026-03-01'))!;
		expect(d).toMatchObject({from: 'decision', since: '2026-02-01T00:00:00.000Z', overdue: false});
		expect(dueDay(d)).toBe('2027-02-01');
		expect(reviewDueLine(d)).toContain('from the last decision, 2026-02-01');
	});

	it('ignores decisions after the moment judged (--as-of before them)', () => {
		const c = loaded('P6M').checklist;
		const r = review('P6M', ['2025-12-01T00:00:00.000Z']);
		const before = reviewDue(c, r, asOf('2025-08-01'))!;
		expect(before).toMatchObject({from: 'start', overdue: true});
		expect(dueDay(before)).toBe('2025-07-10');
		expect(reviewDue(c, r, asOf('2025-12-02'))).toMatchObject({from: 'decision', overdue: false});
	});

	it('uses calendar arithmetic: P1M from 31 January ends on the last day of February', () => {
		const l = loaded('P1M');
		const r = {
			...newReview(l.checklist, l.digest, 'api', undefined, new Date('2026-01-31T00:00:00Z')),
			id: 'r',
		};
		expect(dueDay(reviewDue(l.checklist, r, asOf('2026-02-01'))!)).toBe('2026-02-28');
	});

	it('is written for JSON with the due moment as an ISO time', () => {
		const d = reviewDue(loaded('P1Y').checklist, review('P1Y'), asOf('2026-02-01'))!;
		expect(reviewDueJson(d)).toEqual({
			every: 'P1Y',
			from: 'start',
			since: '2025-01-10T10:00:00.000Z',
			due: '2026-01-10T10:00:00.000Z',
			overdue: true,
		});
	});

	it('says when the review falls due before launch day, and not when it is past due already', () => {
		const l = loaded('P1Y');
		const r = {...review('P1Y'), launchDate: '2026-02-01'};
		const now = asOf('2025-12-01');
		const outlook = launchOutlook(l.checklist, r, evaluate(l.checklist, r, now), now)!;
		expect(outlook.reviewDueBy && dueDay(outlook.reviewDueBy)).toBe('2026-01-10');
		expect(launchLines(outlook)).toContain('review due again by launch: 2026-01-10');
		const late = asOf('2026-01-20');
		const already = launchOutlook(l.checklist, r, evaluate(l.checklist, r, late), late)!;
		expect(already.reviewDueBy).toBeUndefined();
		const plain = {...review(), launchDate: '2026-02-01'};
		const none = launchOutlook(
			loaded().checklist,
			plain,
			evaluate(loaded().checklist, plain, now),
			now,
		)!;
		expect(none.reviewDueBy).toBeUndefined();
	});

	it('is written back by checklist show, and counts as a field of preflight’s own format', () => {
		const own = ownFormat(loaded('P1Y').checklist);
		expect(Object.keys(own)).toEqual(['id', 'title', 'version', 'reviewEvery', 'sections']);
		expect('reviewEvery' in ownFormat(loaded().checklist)).toBe(false);
		expect(looksOwn({id: 'x', title: 'X', version: '1', reviewEvery: 'P1Y'})).toBe(true);
	});

	it('reviewEvery at the top must be a duration, with the item error', () => {
		const bad = z.safeParse(checklistSchema, {
			id: 'x',
			title: 'X',
			version: '1',
			reviewEvery: 'yearly',
			sections: [{id: 's', title: 'S', items: [{id: 'a', title: 'A'}]}],
		});
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0]).toMatchObject({
			path: ['reviewEvery'],
			message: 'must be an ISO 8601 duration such as P90D',
		});
	});

	it('reviewEvery under one day is refused at the top and on an item, one day or more taken', () => {
		const parse = (top: string | undefined, item: string | undefined) =>
			z.safeParse(checklistSchema, {
				id: 'x',
				title: 'X',
				version: '1',
				...(top ? {reviewEvery: top} : {}),
				sections: [
					{
						id: 's',
						title: 'S',
						items: [{id: 'a', title: 'A', ...(item ? {reviewEvery: item} : {})}],
					},
				],
			});
		const message = 'must be at least one day (P1D, PT24H), such as P90D';
		for (const short of ['P0D', 'PT0S', 'PT1H', 'PT23H59M59S', 'P0Y0M0W0DT1H']) {
			expect(parse(short, undefined).error?.issues[0], short).toMatchObject({
				path: ['reviewEvery'],
				message,
			});
			expect(parse(undefined, short).error?.issues[0], short).toMatchObject({
				path: ['sections', 0, 'items', 0, 'reviewEvery'],
				message,
			});
		}
		for (const fine of ['P1D', 'PT24H', 'PT1440M', 'P1W', 'P1M', 'P1Y', 'P0DT86400S'])
			expect(parse(fine, fine).success, fine).toBe(true);
	});
});

describe('a snapshot’s reviewDue under verify', () => {
	function snapshotAt(reviewEvery: string | undefined, at: string) {
		const l = loaded(reviewEvery);
		const r = review(reviewEvery);
		const when = new Date(at);
		return {l, s: buildSnapshot(evaluate(l.checklist, r, when), r, l, when)};
	}

	it('carries it when the checklist has reviewEvery, and keeps the rules', () => {
		const {l, s} = snapshotAt('P1Y', '2026-02-01T00:00:00.000Z');
		expect(s.reviewDue).toMatchObject({overdue: true, due: '2026-01-10T10:00:00.000Z'});
		expect(ruleProblems(s, l)).toEqual([]);
		const none = snapshotAt(undefined, '2026-02-01T00:00:00.000Z');
		expect(none.s.reviewDue).toBeUndefined();
		expect(ruleProblems(none.s, none.l)).toEqual([]);
	});

	it('finds a reviewDue edited to read not past due, or moved, or dropped', () => {
		const {l, s} = snapshotAt('P1Y', '2026-02-01T00:00:00.000Z');
		const hidden = structuredClone(s);
		hidden.reviewDue!.overdue = false;
		expect(ruleProblems(hidden, l)).toContain(
			'reviewDue says not past due, but it was past due when judged',
		);
		const moved = structuredClone(s);
		moved.reviewDue!.due = '2027-01-10T10:00:00.000Z';
		moved.reviewDue!.overdue = false;
		expect(ruleProblems(moved, l).join('\n')).toMatch(/is not P1Y after/);
		const dropped = structuredClone(s);
		delete dropped.reviewDue;
		expect(ruleProblems(dropped, l).join('\n')).toMatch(/has no reviewDue/);
		const other = structuredClone(s);
		other.reviewDue!.every = 'P2Y';
		expect(ruleProblems(other, l).join('\n')).toMatch(/says every P2Y, the checklist P1Y/);
	});

	it('finds since and from that contradict the snapshot’s own decisions', () => {
		const l = loaded('P1Y');
		const decided = review('P1Y', ['2025-06-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z']);
		const when = new Date('2026-02-01T00:00:00.000Z');
		// The decision of March is after the moment judged: June's counts.
		// As preflight writes it: with the summary of where the last decision stands.
		const s = buildSnapshot(evaluate(l.checklist, decided, when), decided, l, when, {
			decision: decisionSummary(decided, l),
		});
		expect(s.reviewDue).toMatchObject({from: 'decision', since: '2025-06-01T09:00:00.000Z'});
		expect(ruleProblems(s, l)).toEqual([]);
		// Moved to a day with no decision, due and overdue made to agree (re-digested).
		const moved = structuredClone(s);
		moved.reviewDue!.since = '2025-12-01T09:00:00.000Z';
		moved.reviewDue!.due = '2026-12-01T09:00:00.000Z';
		moved.reviewDue!.overdue = false;
		expect(ruleProblems(moved, l)).toEqual([
			"reviewDue counts from a decision at 2025-12-01T09:00:00.000Z, but the snapshot's latest decision at or before 2026-02-01T00:00:00.000Z was at 2025-06-01T09:00:00.000Z",
		]);
		// Said to count from the start when a decision was taken.
		const start = structuredClone(s);
		start.reviewDue!.from = 'start';
		expect(ruleProblems(start, l).join('\n')).toMatch(/counts from the start, .* latest decision/);
		// From a decision when the snapshot has none.
		const none = snapshotAt('P1Y', '2026-02-01T00:00:00.000Z');
		expect(none.s.reviewDue?.from).toBe('start');
		const claimed = structuredClone(none.s);
		claimed.reviewDue!.from = 'decision';
		expect(ruleProblems(claimed, none.l)).toEqual([
			'reviewDue counts from a decision at 2025-01-10T10:00:00.000Z, but the snapshot has no decision at or before 2026-02-01T00:00:00.000Z',
		]);
		// The start after the moment judged.
		const later = structuredClone(none.s);
		later.reviewDue!.since = '2026-03-01T00:00:00.000Z';
		later.reviewDue!.due = '2027-03-01T00:00:00.000Z';
		later.reviewDue!.overdue = false;
		expect(ruleProblems(later, none.l)).toEqual([
			'reviewDue counts from the start, 2026-03-01T00:00:00.000Z, after the moment judged, 2026-02-01T00:00:00.000Z',
		]);
	});
});
