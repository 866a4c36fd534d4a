import {replaceReview} from '../../model/review.js';
import {sessionOnOpen} from './session.js';
import type {Actor} from '../../model/actor.js';
import {
	describeUpgrade,
	orphanCount,
	pendingProposals,
	upgradeReview,
} from '../../model/upgrade.js';
import {
	currentReview,
	firstConflict,
	firstPending,
	focusSection,
	listedItems,
	locate,
	visibleItems,
} from './selectors.js';
import type {ActionOf, State} from './types.js';

function clamp(n: number, lo: number, hi: number): number {
	return Math.max(lo, Math.min(hi, n));
}

/** The lists a screen moves through by index (home, summary, renames, orphans). */
type ListIndex = 'homeIndex' | 'summaryIndex' | 'renameIndex' | 'orphanIndex';

/** The state with the list at `key` moved by `delta`, kept within its `count` entries. */
export function moveIndex(state: State, key: ListIndex, delta: number, count: number): State {
	return {...state, [key]: clamp(state[key] + delta, 0, Math.max(0, count - 1))};
}

/**
 * Brings the review onto the loaded checklist (see model/upgrade.ts) before it
 * is shown; the change is saved like any other.
 */
function takeChecklist(
	state: State,
	reviewId: string,
	actor: Actor,
): {state: State; message?: string} | {error: string} {
	const review = state.db.reviews.find((r) => r.id === reviewId);
	if (!review) return {state};
	try {
		const {review: next, report} = upgradeReview(
			review,
			state.loaded.checklist,
			state.loaded.digest,
			actor,
		);
		if (next === review) return {state};
		const orphans = orphanCount(next);
		// Short: a save puts the milestone's file before this line (ui/state/saving.ts)
		// and the message has two rows. Changed items say `↻ recheck` on their rows.
		const message = report
			? `${describeUpgrade(report)}${orphans ? ' · O lists them' : ''}`
			: undefined;
		return {
			state: {...state, db: replaceReview(state.db, next), version: state.version + 1},
			...(message ? {message} : {}),
		};
	} catch (error) {
		return {error: error instanceof Error ? error.message : String(error)};
	}
}

export function openReview(state: State, action: ActionOf<'open-review'>): State {
	const upgraded = takeChecklist(state, action.reviewId, action.actor);
	if ('error' in upgraded) return {...state, message: {kind: 'error', text: upgraded.error}};
	const next: State = {
		...upgraded.state,
		screen: 'review',
		reviewId: action.reviewId,
		reviewer: {
			by: action.actor.by,
			...(action.actor.email ? {email: action.actor.email} : {}),
		},
		filter: '',
		prompt: undefined,
		help: false,
		message: undefined,
		written: undefined,
		renameIndex: 0,
		orphanIndex: 0,
	};
	const said = [action.notice, upgraded.message].filter(Boolean).join(' · ');
	if (said) next.message = {kind: 'info', text: said};
	const review = currentReview(next);
	if (!review) return upgraded.state;
	const opened = focusOpened(next, action.itemId);
	// Renames proposed are asked about before the review is shown.
	return sessionOnOpen(
		pendingProposals(review, next.loaded.checklist).length
			? {...opened, screen: 'renames'}
			: opened,
		action.actor,
	);
}

/**
 * Where an opened review shows first: the item asked for, else its first
 * conflict (it blocks until someone settles it), else its first pending item,
 * else (everything answered) the summary.
 */
export function focusOpened(next: State, itemId?: string): State {
	const review = currentReview(next);
	if (!review) return next;
	if (itemId) {
		const s = locate(next, itemId);
		if (s >= 0) return {...next, screen: 'review', sectionIndex: s, itemId};
	}
	const pending = firstConflict(next, review) ?? firstPending(next, review);
	if (pending) return {...next, screen: 'review', ...pending};
	return {...focusSection(next, 0), screen: 'summary', summaryIndex: 0};
}

export function addReview(state: State, action: ActionOf<'add-review'>): State {
	return openReview(
		{
			...state,
			db: {...state.db, reviews: [...state.db.reviews, action.review]},
			version: state.version + 1,
		},
		{type: 'open-review', reviewId: action.review.id, actor: action.actor},
	);
}

export function go(state: State, action: ActionOf<'go'>): State {
	return {
		...state,
		screen: action.screen,
		prompt: undefined,
		help: false,
		message: undefined,
		written: action.screen === 'summary' ? undefined : state.written,
		summaryIndex: action.screen === 'summary' ? 0 : state.summaryIndex,
	};
}

/** ↑/↓: through the section's items, or with a filter on, through every match. */
export function moveItem(state: State, action: ActionOf<'move-item'>): State {
	const items = listedItems(state);
	if (items.length === 0) return state;
	const at = items.findIndex((p) => p.item.id === state.itemId);
	// From an item the filter hides, the first listed one is the way back in.
	const to = items[at < 0 ? 0 : clamp(at + action.delta, 0, items.length - 1)]!;
	return {...state, sectionIndex: to.sectionIndex, itemId: to.item.id, message: undefined};
}

/** The scroll keys: the focused item's details from line `offset` (see State.detailScroll). */
export function scrollDetail(state: State, action: ActionOf<'scroll-detail'>): State {
	return {
		...state,
		detailScroll: {itemId: action.itemId, offset: action.offset},
		message: undefined,
	};
}

export function moveSection(state: State, action: ActionOf<'move-section'>): State {
	const n = state.loaded.checklist.sections.length;
	// With a filter on, skip sections that have no matching items.
	for (let k = 1; k <= n; k++) {
		const s = (state.sectionIndex + action.delta * k + n * k) % n;
		if (!state.filter || visibleItems(state, s).length > 0)
			return {...focusSection(state, s), message: undefined};
	}
	return state;
}

export function focusItem(state: State, action: ActionOf<'focus-item'>): State {
	const s = locate(state, action.itemId);
	if (s < 0) return state;
	return {
		...state,
		screen: 'review',
		filter: '',
		sectionIndex: s,
		itemId: action.itemId,
		message: undefined,
	};
}

export function homeMove(state: State, action: ActionOf<'home-move'>): State {
	return {...moveIndex(state, 'homeIndex', action.delta, action.count), message: undefined};
}

export function summaryMove(state: State, action: ActionOf<'summary-move'>): State {
	return moveIndex(state, 'summaryIndex', action.delta, action.count);
}

/** Sets the filter; the focus stays when the item still matches, else goes to the first match. */
export function setFilter(state: State, action: ActionOf<'set-filter'>): State {
	const next: State = {
		...state,
		filter: action.text,
		prompt: action.keepPrompt ? state.prompt : undefined,
		message: undefined,
	};
	const back = action.focus;
	if (back && visibleItems(next, back.sectionIndex).some((it) => it.id === back.itemId))
		return {...next, ...back};
	if (!action.text) return next;
	const items = listedItems(next);
	if (items.some((p) => p.item.id === state.itemId)) return next;
	const first = items[0];
	if (first) return {...next, sectionIndex: first.sectionIndex, itemId: first.item.id};
	return {...next, message: {kind: 'info', text: 'No item matches the filter.'}};
}

export function backFromReview(state: State): State {
	if (state.filter) return setFilter(state, {type: 'set-filter', text: ''});
	if (state.backArmed) return go(state, {type: 'go', screen: 'home'});
	return {
		...state,
		backArmed: true,
		message: {kind: 'info', text: 'esc again goes back to the list of reviews.'},
	};
}
