import {describe, expect, it} from 'vitest';
import {conflictOf} from '../../source/model/conflicts.js';
import {evaluate} from '../../source/model/evaluate.js';
import {detailLines} from '../../source/ui/components/item-detail.js';
import {exitSummary} from '../../source/ui/exit-summary.js';
import {reviewIntent} from '../../source/ui/intents/intents.js';
import {initialState, reducer} from '../../source/ui/state/reducer.js';
import {currentReview, listedItems} from '../../source/ui/state/selectors.js';
import type {Action, State} from '../../source/ui/state/types.js';
import {sideAnswer, withConflict} from '../model/conflict-fixture.js';
import {actor, blankReview, dbWith, NOW, smallChecklist} from './helpers.js';

const loaded = smallChecklist();

/** The small checklist's review with b1 (second section) in conflict, opened. */
function opened(): State {
	const review = withConflict(blankReview(loaded), 'b1', [
		sideAnswer(loaded, 'b1', 'pass', 'Ana', '2026-11-01T09:00:00.000Z', {evidence: 'https://a'}),
		sideAnswer(loaded, 'b1', 'fail', 'Bo', '2026-11-02T09:00:00.000Z'),
	]);
	return reducer(initialState(loaded, dbWith(review)), {
		type: 'open-review',
		reviewId: review.id,
		actor,
	});
}

const env = (typed?: string) => ({now: NOW, actor: () => actor, ...(typed ? {typed} : {})});

function run(state: State, ...actions: Action[]): State {
	return actions.reduce(reducer, state);
}

describe('conflicts in the review state', () => {
	it('a review opens on its first conflict, before its first pending item', () => {
		const state = opened();
		expect(state.sectionIndex).toBe(1);
		expect(state.itemId).toBe('b1');
	});

	it('1–9 keep answer N; a number past the answers and an item without a conflict say so', () => {
		const state = opened();
		expect(reviewIntent(state, 'keep-answer', env('2'))).toEqual({
			type: 'resolve-conflict',
			itemId: 'b1',
			index: 1,
			actor,
		});
		expect(reviewIntent(state, 'keep-answer', env('3'))).toMatchObject({
			type: 'message',
			message: {text: 'This conflict has 2 answers: 1 or 2 keeps one.'},
		});
		const other = run(state, {type: 'move-item', delta: 1});
		expect(reviewIntent(other, 'keep-answer', env('1'))).toMatchObject({
			type: 'message',
			message: {text: '1 keeps an answer of a conflict: “Beta two” is not one.'},
		});
	});

	it('resolve-conflict keeps the answer and undo brings the conflict back, focused', () => {
		const state = opened();
		const conflict = conflictOf(currentReview(state)!, 'b1')!;
		const resolved = run(state, {type: 'resolve-conflict', itemId: 'b1', index: 1, actor});
		expect(currentReview(resolved)!.answers.b1).toEqual(conflict.answers[1]);
		expect(conflictOf(currentReview(resolved)!, 'b1')).toBeUndefined();
		expect(resolved.version).toBe(state.version + 1);
		const moved = run(resolved, {type: 'move-section', delta: 1});
		const back = run(moved, {type: 'undo', actor});
		expect(conflictOf(currentReview(back)!, 'b1')).toEqual(conflict);
		expect(Object.hasOwn(currentReview(back)!.answers, 'b1')).toBe(false);
		expect(back.itemId).toBe('b1');
		expect(back.message?.text).toBe(
			'Undone: “Beta one” is a conflict again (fail by Bo · pass by Ana).',
		);
		expect(back.undo).toEqual(state.undo);
	});

	it('says what was kept and how many conflicts are left', () => {
		const state = opened();
		const two = withConflict(currentReview(state)!, 'c1', [
			sideAnswer(loaded, 'c1', 'pass', 'Ana', '2026-11-01T09:00:00.000Z', {evidence: 'https://a'}),
			sideAnswer(loaded, 'c1', 'fail', 'Bo', '2026-11-02T09:00:00.000Z'),
		]);
		const both = {...state, db: dbWith(two)};
		const kept = run(both, {type: 'resolve-conflict', itemId: 'b1', index: 0, actor});
		expect(kept.message?.text).toBe(
			'Kept answer 1 for “Beta one”: fail by Bo (u undoes) · 1 conflict left.',
		);
	});

	it('an answer given afresh is undone back to the conflict too', () => {
		const state = opened();
		const conflict = conflictOf(currentReview(state)!, 'b1')!;
		const failed = run(state, {
			type: 'record',
			itemId: 'b1',
			answer: {status: 'fail', evidence: []},
			actor,
			advance: true,
		});
		expect(conflictOf(currentReview(failed)!, 'b1')).toBeUndefined();
		const back = run(failed, {type: 'undo', actor});
		expect(conflictOf(currentReview(back)!, 'b1')).toEqual(conflict);
	});

	it('the filter word conflict lists the conflicts', () => {
		const state = run(opened(), {type: 'set-filter', text: 'conflict'});
		expect(listedItems(state).map((p) => p.item.id)).toEqual(['b1']);
	});

	it('the exit line counts the conflicts left', () => {
		expect(exitSummary(opened(), {dbPath: '/w/.preflight/db.json', cwd: '/w', now: NOW})).toBe(
			'preflight: checkout-api · 0/6 answered · ✖ NOT READY · 6 blockers · ⚠ 1 conflict · saved to .preflight/db.json',
		);
	});
});

describe("a conflict's lines in the detail pane", () => {
	it('every answer numbered, a cleared side, waiver, justification, approvals and the base; text sanitised', () => {
		const review = withConflict(
			blankReview(loaded),
			'a3',
			[
				{
					...sideAnswer(loaded, 'a3', 'waived', 'Ana', '2026-11-01T09:00:00.000Z'),
					waiver: {reason: 'vendor\u001b[2J fix', owner: 'Ops', expires: '2027-01-01'},
				},
				sideAnswer(loaded, 'a3', 'na', 'Bo', '2026-11-02T09:00:00.000Z', {justification: 'no db'}),
				{
					...sideAnswer(loaded, 'a3', 'pass', 'Cy', '2026-11-03T09:00:00.000Z'),
					approvals: [
						{by: 'Cy', at: '2026-11-03T09:00:00.000Z'},
						{by: 'Di\u0007', at: '2026-11-04T09:00:00.000Z'},
					],
				},
				{status: 'pending', evidence: []},
			],
			sideAnswer(loaded, 'a3', 'fail', 'Eve', '2026-10-01T09:00:00.000Z'),
		);
		const state = reducer(initialState(loaded, dbWith(review)), {
			type: 'open-review',
			reviewId: review.id,
			actor,
		});
		const result = evaluate(loaded.checklist, currentReview(state)!, NOW)
			.sections.flatMap((s) => s.items)
			.find((r) => r.item.id === 'a3');
		const text = detailLines(result, [], 100).map((l) => `${l.lead?.text ?? ''}${l.text}`);
		const conflict = currentReview(state)!.conflicts!.a3!;
		expect(text).toContain('⚠ conflict  the merged branches answered it in 4 ways');
		expect(text).toContain(
			'1–4 keeps that answer as it was · p, f, n or w answers afresh · r clears them all',
		);
		const at = (status: string) => conflict.answers.findIndex((a) => a.status === status) + 1;
		expect(text).toContain(`answer ${at('pending')}: ○ pending (cleared)`);
		expect(text).toContain(
			`answer ${at('waived')}: ⚑ waived  signed off by Ana at 2026-11-01 09:00 UTC`,
		);
		expect(text).toContain('    waived until 2027-01-01 · owner Ops · vendor fix');
		expect(text).toContain('    justification: no db');
		expect(text).toContain('    approved by Cy (2026-11-03), Di (2026-11-04)');
		expect(text).toContain('before both: ✖ fail  signed off by Eve at 2026-10-01 09:00 UTC');
		// eslint-disable-next-line no-control-regex -- matching control characters is the point
		for (const line of text) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});
});
