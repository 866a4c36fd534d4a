// The renames screen (renames proposed when the checklist changed) and the
// orphans screen (answers whose items left it): each decision is saved like
// any other change.
import {ownValue} from '../../model/records.js';
import {replaceReview} from '../../model/review.js';
import type {Proposal, Review} from '../../model/schemas.js';
import {
	acceptProposals,
	attachOrphan,
	cannotAttach,
	declineProposals,
	pendingProposals,
} from '../../model/upgrade.js';
import {focusOpened} from './navigation.js';
import {currentReview, locate, titleOf} from './selectors.js';
import type {ActionOf, State} from './types.js';

function clamp(n: number, lo: number, hi: number): number {
	return Math.max(lo, Math.min(hi, n));
}

export function renameMove(state: State, action: ActionOf<'rename-move'>): State {
	return {
		...state,
		renameIndex: clamp(state.renameIndex + action.delta, 0, Math.max(0, action.count - 1)),
		message: undefined,
	};
}

export function orphanMove(state: State, action: ActionOf<'orphan-move'>): State {
	return {
		...state,
		orphanIndex: clamp(state.orphanIndex + action.delta, 0, Math.max(0, action.count - 1)),
		message: undefined,
	};
}

/**
 * The state with `review` saved. `u` must never take back an answer moved from
 * an orphan (the orphan is gone: the answer would be lost), so the undo
 * entries of the items it reached are dropped; the history keeps the change.
 */
function withReview(state: State, review: Review, reached: readonly string[]): State {
	const items = new Set(reached);
	return {
		...state,
		db: replaceReview(state.db, review),
		version: state.version + 1,
		undo: state.undo.filter((e) => e.reviewId !== review.id || !items.has(e.itemId)),
	};
}

/** The orphan's title as the review remembers it, else its old id. */
function orphanTitle(review: Review, id: string): string {
	return ownValue(review.orphans, id)?.item?.title ?? id;
}

/** After a decision: the next proposal, or once none is left, the review. */
function afterDecision(state: State, text: string): State {
	const review = currentReview(state);
	const left = review ? pendingProposals(review, state.loaded.checklist).length : 0;
	if (left)
		return {
			...state,
			renameIndex: Math.min(state.renameIndex, left - 1),
			message: {kind: 'info', text},
		};
	return {...focusOpened({...state, renameIndex: 0}), message: {kind: 'info', text}};
}

function pairText(state: State, review: Review, p: Proposal): string {
	return `“${orphanTitle(review, p.from)}” → “${titleOf(state, p.to)}”`;
}

export function acceptRenames(state: State, action: ActionOf<'accept-renames'>): State {
	const review = currentReview(state);
	if (!review) return state;
	const {review: next, accepted} = acceptProposals(
		review,
		state.loaded.checklist,
		action.proposals,
		action.actor,
	);
	if (accepted.length === 0) return {...state, message: {kind: 'info', text: 'Nothing to rename.'}};
	const text =
		accepted.length === 1
			? `Renamed ${pairText(state, review, accepted[0]!)}: the answer is marked ↻ recheck until confirmed.`
			: `${accepted.length} renames taken: each answer is marked ↻ recheck until confirmed.`;
	return afterDecision(
		withReview(
			state,
			next,
			accepted.map((p) => p.to),
		),
		text,
	);
}

export function declineRenames(state: State, action: ActionOf<'decline-renames'>): State {
	const review = currentReview(state);
	if (!review || action.proposals.length === 0) return state;
	const next = declineProposals(review, action.proposals, action.actor);
	const first = action.proposals[0]!;
	const text =
		action.proposals.length === 1
			? `Kept “${orphanTitle(review, first.from)}” as an orphan: o on the review screen re-attaches it.`
			: `${action.proposals.length} answers kept as orphans: o on the review screen re-attaches them.`;
	return afterDecision(withReview(state, next, []), text);
}

export function renamesLater(state: State): State {
	const review = currentReview(state);
	const left = review ? pendingProposals(review, state.loaded.checklist).length : 0;
	return {
		...focusOpened({...state, renameIndex: 0}),
		message: {
			kind: 'info',
			text: `${left === 1 ? 'The rename is' : `${left} renames are`} left for later: asked again when the review is next opened (or preflight upgrade decides).`,
		},
	};
}

export function attachOrphanHere(state: State, action: ActionOf<'attach-orphan'>): State {
	const review = currentReview(state);
	if (!review) return state;
	const {checklist} = state.loaded;
	const problem = cannotAttach(review, checklist, action.from, action.to);
	if (problem) return {...state, message: {kind: 'error', text: problem}};
	const next = attachOrphan(
		review,
		checklist,
		action.from,
		action.to,
		action.actor,
		'by hand in the app',
	);
	const recheck = ownValue(next.answers, action.to)?.reReview === true;
	const s = locate(state, action.to);
	return {
		...withReview(state, next, [action.to]),
		screen: 'review',
		orphanIndex: 0,
		...(s >= 0 ? {sectionIndex: s, itemId: action.to} : {}),
		message: {
			kind: 'info',
			text: `Attached the answer of “${orphanTitle(review, action.from)}” to “${titleOf(state, action.to)}”${recheck ? ': ↻ recheck until confirmed (p, f, n or w)' : ''}.`,
		},
	};
}
