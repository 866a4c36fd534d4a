import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {
	conflictCount,
	conflictOf,
	conflictReason,
	resolveConflict,
	restoreConflict,
} from '../../source/model/conflicts.js';
import {answerFor, evaluate} from '../../source/model/evaluate.js';
import {cannotAttach, pendingProposals} from '../../source/model/orphans.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {reviewSchema} from '../../source/model/schemas.js';
import * as z from '../../source/model/zod.js';
import {sideAnswer, withConflict} from './conflict-fixture.js';

const loaded = checklistFromData(
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
					{id: 'b', title: 'B', evidenceRequired: false},
					{id: 'r', title: 'R', level: 'recommended', evidenceRequired: false},
					{id: 'constructor', title: 'Ctor', evidenceRequired: false},
				],
			},
		],
	},
	'c.json',
);
const {checklist} = loaded;
const NOW = new Date('2026-03-01T00:00:00.000Z');
const carol = {by: 'Carol', at: NOW};

const ana = sideAnswer(loaded, 'b', 'pass', 'Ana', '2026-02-01T10:00:00.000Z', {note: 'fine'});
const bo = sideAnswer(loaded, 'b', 'fail', 'Bo', '2026-02-02T10:00:00.000Z', {note: 'broken'});

function conflicted() {
	let review = newReview(checklist, loaded.digest, 'api', undefined, NOW);
	review = {...review, id: 'r-1'};
	return withConflict(review, 'b', [bo, ana]);
}

describe('a conflict in the verdict', () => {
	it('blocks, with both answers and who gave them, and counts as unsettled', () => {
		const review = conflicted();
		// Everything else settled, so the conflict is what keeps it from ready.
		let settled = review;
		for (const id of ['a', 'constructor'])
			settled = recordAnswer(
				settled,
				id,
				withStatus(
					id === 'a'
						? {status: 'pending', evidence: [{kind: 'url', ref: 'https://x'}]}
						: answerFor(settled, id),
					'pass',
				),
				carol,
			);
		const e = evaluate(checklist, settled, NOW);
		expect(e.verdict).toBe('not-ready');
		expect(e.blockers.map((b) => b.item.id)).toEqual(['b']);
		// In the merge's order: canonical JSON, ascending (Bo's note sorts first).
		expect(e.blockers[0]!.blocker).toBe(
			'conflict: fail by Bo · pass by Ana — pick one or answer afresh',
		);
		expect(e.blockers[0]!.conflict?.answers).toHaveLength(2);
		// Neither answer counts: the item is pending in the totals.
		expect(e.totals.pass).toBe(2);
		expect(e.totals.fail).toBe(0);
		expect(e.totals.pending).toBe(2);
	});

	it('blocks a recommended item too, and reads an item named constructor safely', () => {
		let review = conflicted();
		review = withConflict(review, 'r', [
			sideAnswer(loaded, 'r', 'pass', 'Ana', '2026-02-01T10:00:00.000Z'),
			sideAnswer(loaded, 'r', 'pending', 'Bo', '2026-02-01T10:00:00.000Z'),
		]);
		const e = evaluate(checklist, review, NOW);
		const r = e.blockers.find((b) => b.item.id === 'r');
		expect(r?.blocker).toBe(
			'conflict: pass by Ana · pending (cleared) — pick one or answer afresh',
		);
		expect(conflictOf(review, 'constructor')).toBeUndefined();
		expect(conflictCount(review)).toBe(2);
	});

	it('sanitises names in the reason', () => {
		const hostile = {
			...ana,
			signedOff: {by: 'Ana\u001b]0;pwned\u0007\u001b[31m', at: ana.signedOff!.at},
		};
		const reason = conflictReason({answers: [hostile, bo]});
		// eslint-disable-next-line no-control-regex -- matching control characters is the point
		expect(reason).not.toMatch(/[\u0000-\u001f]/);
		expect(reason).toContain('pass by Ana');
	});
});

describe('resolveConflict', () => {
	it('keeps the chosen answer exactly as it was, drops the conflict and audits who resolved it', () => {
		const review = conflicted();
		// Sorted canonically: Bo's fail first.
		expect(review.conflicts!.b!.answers[0]!.status).toBe('fail');
		const next = resolveConflict(review, 'b', 0, carol);
		expect(next.answers.b).toEqual(bo);
		expect(next.answers.b!.signedOff!.by).toBe('Bo');
		expect(next.conflicts).toBeUndefined();
		const last = next.audit.at(-1)!;
		expect(last).toMatchObject({by: 'Carol', item: 'b', from: 'pending', to: 'fail'});
		expect(last.detail).toBe(
			'conflict resolved: kept answer 1 of 2 (fail by Bo); set aside: pass by Ana',
		);
		expect(z.safeParse(reviewSchema, next).success).toBe(true);
		expect(evaluate(checklist, next, NOW).blockers.find((b) => b.item.id === 'b')?.blocker).toBe(
			'failed: broken',
		);
	});

	it('keeps the other conflicts, and refuses what is not there', () => {
		let review = conflicted();
		review = withConflict(review, 'a', [
			sideAnswer(loaded, 'a', 'fail', 'Ana', '2026-02-01T10:00:00.000Z'),
			sideAnswer(loaded, 'a', 'pending', 'Bo', '2026-02-01T10:00:00.000Z'),
		]);
		const next = resolveConflict(review, 'a', 1, carol);
		expect(Object.keys(next.conflicts!)).toEqual(['b']);
		expect(conflictOf(next, 'a')).toBeUndefined();
		expect(() => resolveConflict(next, 'a', 0, carol)).toThrow(/no conflict/);
		expect(() => resolveConflict(next, 'b', 2, carol)).toThrow(/no answer 3/);
	});

	it('a kept pending answer leaves the item unanswered', () => {
		let review = conflicted();
		review = withConflict(review, 'a', [
			sideAnswer(loaded, 'a', 'fail', 'Ana', '2026-02-01T10:00:00.000Z'),
			sideAnswer(loaded, 'a', 'pending', 'Bo', '2026-02-01T10:00:00.000Z'),
		]);
		const pendingAt = review.conflicts!.a!.answers.findIndex((a) => a.status === 'pending');
		const next = resolveConflict(review, 'a', pendingAt, carol);
		expect(Object.hasOwn(next.answers, 'a')).toBe(false);
		expect(next.audit.at(-1)!.detail).toContain('pending (cleared)');
	});
});

describe('answering a conflicted item afresh', () => {
	it('recordAnswer clears the conflict and says so in the audit', () => {
		const review = conflicted();
		const next = recordAnswer(
			review,
			'b',
			withStatus(answerFor(review, 'b'), 'na', {justification: 'gone'}),
			carol,
		);
		expect(next.conflicts).toBeUndefined();
		expect(next.answers.b).toMatchObject({status: 'na', signedOff: {by: 'Carol'}});
		expect(next.audit.at(-1)!.detail).toMatch(
			/^conflict answered afresh; set aside: fail by Bo · pass by Ana/,
		);
	});

	it('a reset to pending settles it too (neither answer kept)', () => {
		const review = conflicted();
		const next = recordAnswer(review, 'b', {status: 'pending', evidence: []}, carol);
		expect(next).not.toBe(review);
		expect(next.conflicts).toBeUndefined();
		expect(Object.hasOwn(next.answers, 'b')).toBe(false);
	});

	it('restoreConflict puts the conflict back as it was (undo)', () => {
		const review = conflicted();
		const conflict = review.conflicts!.b!;
		const resolved = resolveConflict(review, 'b', 0, carol);
		const back = restoreConflict(resolved, 'b', conflict, carol);
		expect(back.conflicts!.b).toEqual(conflict);
		expect(Object.hasOwn(back.answers, 'b')).toBe(false);
		expect(back.audit.at(-1)).toMatchObject({from: 'fail', to: 'pending'});
		expect(back.audit.at(-1)!.detail).toMatch(/^undo: the conflict is back/);
		expect(z.safeParse(reviewSchema, back).success).toBe(true);
	});

	it('an orphan is not attached to a conflicted item, nor proposed for it', () => {
		const review = {
			...conflicted(),
			orphans: {
				old: {
					answer: {status: 'pass' as const, evidence: []},
					removedIn: '0',
					removedAt: NOW.toISOString(),
				},
			},
			proposals: [{from: 'old', to: 'b', score: 0.9}],
		};
		expect(cannotAttach(review, checklist, 'old', 'b')).toBe(
			'“B” is a conflict: keep one of its answers or answer it afresh first',
		);
		expect(pendingProposals(review, checklist)).toEqual([]);
	});
});

describe('keeping an answer that holds only action items', () => {
	it('keeps it: a pending answer with an action item is an answer (isEmptyAnswer)', () => {
		const planned = {
			status: 'pending' as const,
			evidence: [],
			actions: [
				{
					what: 'Write the runbook',
					owner: 'Ana',
					due: '2026-03-10',
					addedAt: '2026-02-01T10:00:00.000Z',
					addedBy: 'Ana',
				},
			],
		};
		let review = {...newReview(checklist, loaded.digest, 'api', undefined, NOW), id: 'r-1'};
		review = withConflict(review, 'b', [bo, planned]);
		const index = review.conflicts!['b']!.answers.findIndex((a) => a.status === 'pending');
		const kept = resolveConflict(review, 'b', index, carol);
		expect(kept.answers['b']).toEqual(planned);
		expect(kept.conflicts).toBeUndefined();
	});
});
