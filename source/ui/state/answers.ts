import {
	conflictAnswerText,
	conflictIds,
	conflictOf,
	resolveConflict,
} from '../../model/conflicts.js';
import {answerFor} from '../../model/evaluate.js';
import {findItem, recordAnswer, replaceReview} from '../../model/review.js';
import {countOf} from '../../model/vocabulary.js';
import type {Actor} from '../../model/actor.js';
import type {Answer, Review} from '../../model/schemas.js';
import {currentReview, firstPending, listedItems, nextPending, titleOf} from './selectors.js';
import type {ActionOf, State} from './types.js';

/** Stores an answer for an item of the open review, with an undo entry; `changed` false when it was the same. */
export function applyRecord(
	state: State,
	itemId: string,
	answer: Answer,
	actor: Actor,
	detail?: string,
	options: {confirm?: boolean; restore?: boolean} = {},
): {state: State; changed: boolean} {
	const review = currentReview(state);
	if (!review) return {state, changed: false};
	const before = answerFor(review, itemId);
	const next = recordAnswer(review, itemId, answer, actor, detail, options);
	if (next === review) return {state, changed: false};
	return {state: withChange(state, review.id, itemId, next, before), changed: true};
}

/** The state with the review changed, and an undo entry that puts back the item as it was (its conflict too). */
function withChange(
	state: State,
	reviewId: string,
	itemId: string,
	next: Review,
	before: Answer,
): State {
	const was = currentReview(state);
	const conflict = was ? conflictOf(was, itemId) : undefined;
	return {
		...state,
		db: replaceReview(state.db, next),
		version: state.version + 1,
		undo: pushUndo(state, {reviewId, itemId, answer: before, ...(conflict ? {conflict} : {})}),
	};
}

/**
 * 1–9 on a conflicted item: the answer kept becomes the item's as it was
 * (sign-offs included: keeping is not signing), and the focus stays on it, so
 * that the reviewer sees what they kept (u undoes it).
 */
export function resolve(state: State, action: ActionOf<'resolve-conflict'>): State {
	const review = currentReview(state);
	const conflict = review ? conflictOf(review, action.itemId) : undefined;
	const kept = conflict?.answers[action.index];
	if (!review || !conflict || !kept) return state;
	const next = resolveConflict(review, action.itemId, action.index, action.actor);
	// The ones left to settle here: conflicts of items still in the checklist.
	const left = conflictIds(next).filter((id) => findItem(state.loaded.checklist, id)).length;
	const changed = withChange(
		{...state, prompt: undefined},
		review.id,
		action.itemId,
		next,
		answerFor(review, action.itemId),
	);
	return {
		...changed,
		message: {
			kind: 'info',
			text: `Kept answer ${action.index + 1} for “${titleOf(state, action.itemId)}”: ${conflictAnswerText(kept)} (u undoes)${left ? ` · ${countOf(left, 'conflict')} left` : ''}.`,
		},
	};
}

/**
 * Records an answer, then the guided flow: on to the next pending item, the
 * next section, and once every item is answered, the summary. A fail keeps
 * `c` for its note (also when it was the last answer: then the flow waits on
 * the review screen, so that the reason can still be given), and with a filter
 * on the flow stays in the filter's list.
 */
export function record(state: State, action: ActionOf<'record'>): State {
	const after = recordAndFlow(state, action);
	if (!after.filter || after.screen !== 'review') return after;
	// The answer may take the focused item out of the filter's list (a fail
	// passed under "fail"): focus goes to what took its place in the list.
	const listed = listedItems(after);
	if (listed.some((p) => p.item.id === after.itemId)) return after;
	const was = listedItems(state).findIndex((p) => p.item.id === state.itemId);
	const to = listed[Math.min(Math.max(0, was), listed.length - 1)];
	return to ? {...after, sectionIndex: to.sectionIndex, itemId: to.item.id} : after;
}

function recordAndFlow(state: State, action: ActionOf<'record'>): State {
	const {state: next, changed} = applyRecord(
		{...state, prompt: undefined, message: undefined},
		action.itemId,
		action.answer,
		action.actor,
		action.detail,
		{confirm: action.confirm},
	);
	if (!changed || !action.advance) return next;
	const review = currentReview(next)!;
	const failed = action.answer.status === 'fail';
	const title = titleOf(next, action.itemId);
	const target = nextPending(next, review, next.sectionIndex, action.itemId);
	if (target && failed)
		return {
			...next,
			...target,
			justFailed: action.itemId,
			message: {kind: 'info', text: `Failed “${title}” — c adds a note to it.`},
		};
	if (target) return {...next, ...target};
	const allAnswered = !firstPending(next, review);
	if (failed)
		return {
			...next,
			justFailed: action.itemId,
			message: {
				kind: 'info',
				text: `Failed “${title}” — c adds a note to it${allAnswered ? ' · every item is answered: s shows the summary' : ''}.`,
			},
		};
	// With a filter on, the user is working down its list: stay in it.
	if (next.filter)
		return {
			...next,
			message: {
				kind: 'info',
				text: allAnswered
					? 'Every item is answered: s shows the summary (esc clears the filter).'
					: 'No pending item matches the filter (esc clears it).',
			},
		};
	return {
		...next,
		screen: 'summary',
		summaryIndex: 0,
		written: undefined,
		message: {kind: 'info', text: 'Every item is answered: here is the summary.'},
	};
}

/** How many changes u can take back. */
const UNDO_LIMIT = 200;

/** The undo stack with `entry` on top, the oldest dropped past the limit. */
export function pushUndo(state: State, entry: State['undo'][number]): State['undo'] {
	return [...state.undo, entry].slice(-UNDO_LIMIT);
}
