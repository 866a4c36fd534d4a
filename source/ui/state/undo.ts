import {conflictAnswerText, restoreConflict} from '../../model/conflicts.js';
import {canonicalJson} from '../../model/canonical.js';
import {answerFor} from '../../model/evaluate.js';
import {LATER_CLEARED, LATER_MARKED} from '../../model/later.js';
import {replaceReview} from '../../model/review.js';
import {statusLabel} from '../../model/vocabulary.js';
import type {Answer} from '../../model/schemas.js';
import {applyRecord} from './answers.js';
import {currentReview, locate, selectedItemId, titleOf} from './selectors.js';
import type {ActionOf, State} from './types.js';

/** u: puts back the answer before the last change, and says what it undid. */
export function undo(state: State, action: ActionOf<'undo'>): State {
	const entry = state.undo.at(-1);
	const review = currentReview(state);
	if (!entry || !review || entry.reviewId !== review.id)
		return {...state, message: {kind: 'info', text: 'Nothing to undo.'}};
	// The last change is a decision: nothing older is undone past it (that would
	// void it unseen), and the decision itself stays on record.
	if ('decided' in entry)
		return {
			...state,
			message: {
				kind: 'error',
				text: `Nothing undone: the last change is the ${entry.decided === 'go' ? 'GO' : 'NO-GO'} just recorded, and a decision stays on record. D records another; a change to the review voids it.`,
			},
		};
	const now = answerFor(review, entry.itemId);
	const title = titleOf(state, entry.itemId);
	let next: State;
	let what: string;
	if (entry.conflict) {
		// The change settled a conflict (an answer kept, or given afresh): the conflict comes back.
		next = {
			...state,
			db: replaceReview(
				state.db,
				restoreConflict(review, entry.itemId, entry.conflict, action.actor),
			),
			version: state.version + 1,
		};
		what = `“${title}” is a conflict again (${entry.conflict.answers.map(conflictAnswerText).join(' · ')})`;
	} else {
		// The earlier answer comes back exactly, sign-off included: undoing signs nothing off.
		next = applyRecord(
			state,
			entry.itemId,
			entry.answer,
			action.actor,
			undoDetail(now, entry.answer),
			{
				restore: true,
			},
		).state;
		what =
			now.status === entry.answer.status
				? `${editUndone(now, entry.answer)} “${title}” (still ${statusLabel(now.status)})`
				: `“${title}” ${statusLabel(now.status)} → ${statusLabel(entry.answer.status)}`;
	}
	const s = locate(next, entry.itemId);
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

/**
 * The audit detail of an undo: a discuss-later mark's own words when the mark
 * is all it puts back (a mark is never judged, and voids no decision), else `undo`.
 */
function undoDetail(now: Answer, before: Answer): string {
	const {later: _now, ...restNow} = now;
	const {later: _before, ...restBefore} = before;
	if (
		Boolean(now.later) === Boolean(before.later) ||
		canonicalJson(restNow) !== canonicalJson(restBefore)
	)
		return 'undo';
	return `${before.later ? LATER_MARKED : LATER_CLEARED} (undo)`;
}

/** What an edit that kept the status changed, as undoing it puts it back. */
function editUndone(now: Answer, before: Answer): string {
	if (Boolean(now.later) !== Boolean(before.later))
		return before.later ? 'the discuss-later mark cleared on' : 'the discuss-later mark set on';
	if (now.evidence.length > before.evidence.length) return 'the evidence added to';
	if (now.evidence.length < before.evidence.length) return 'the evidence removed from';
	if ((now.note ?? '') !== (before.note ?? ''))
		return before.note ? 'the note edited on' : 'the note added to';
	return 'the last edit of';
}
