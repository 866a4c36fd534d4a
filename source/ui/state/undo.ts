import {answerFor} from '../../model/evaluate.js';
import {statusLabel} from '../../model/vocabulary.js';
import {applyRecord} from './answers.js';
import {currentReview, locate, selectedItemId, titleOf} from './selectors.js';
import type {ActionOf, State} from './types.js';

/** u: puts back the answer before the last change, and says what it undid. */
export function undo(state: State, action: ActionOf<'undo'>): State {
	const entry = state.undo.at(-1);
	const review = currentReview(state);
	if (!entry || !review || entry.reviewId !== review.id)
		return {...state, message: {kind: 'info', text: 'Nothing to undo.'}};
	const now = answerFor(review, entry.itemId);
	// The earlier answer comes back exactly, sign-off included: undoing signs nothing off.
	const {state: next} = applyRecord(state, entry.itemId, entry.answer, action.actor, 'undo', {
		restore: true,
	});
	const s = locate(next, entry.itemId);
	const title = titleOf(next, entry.itemId);
	const what =
		now.status === entry.answer.status
			? `the last edit of “${title}” (still ${statusLabel(now.status)})`
			: `“${title}” ${statusLabel(now.status)} → ${statusLabel(entry.answer.status)}`;
	const focused: State = {
		...next,
		undo: state.undo.slice(0, -1),
		sectionIndex: s >= 0 ? s : next.sectionIndex,
		itemId: entry.itemId,
		message: {kind: 'info', text: `Undone: ${what}.`},
	};
	// The filter stays unless it would hide the item undone; then it goes, and
	// the message says why.
	if (!focused.filter || selectedItemId(focused)) return focused;
	return {
		...focused,
		filter: '',
		message: {kind: 'info', text: `Undone: ${what} (filter cleared to show it).`},
	};
}
