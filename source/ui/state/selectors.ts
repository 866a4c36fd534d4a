import {answerFor} from '../../model/evaluate.js';
import {findItem} from '../../model/review.js';
import type {ChecklistItem, Review} from '../../model/schemas.js';
import {identityKey, judgeSignOffs, ruleOf} from '../../model/team.js';
import {isMine, isOwnedByMe, matchesFilter, type FilterContext} from './filter.js';
import type {Message, State} from './types.js';

/** An item where it stands in the checklist. */
export type Placed = {sectionIndex: number; item: ChecklistItem};

export function currentReview(state: State): Review | undefined {
	return state.db.reviews.find((r) => r.id === state.reviewId);
}

/** Items of a section that pass the filter, in checklist order. */
export function visibleItems(
	state: State,
	sectionIndex: number,
	review = currentReview(state),
): ChecklistItem[] {
	const section = state.loaded.checklist.sections[sectionIndex];
	if (!section) return [];
	if (!state.filter || !review) return section.items;
	return section.items.filter((it) =>
		matchesFilter(state.filter, it, answerFor(review, it.id), {
			...signContext(state, sectionIndex, it),
			conflict: review.conflicts !== undefined && Object.hasOwn(review.conflicts, it.id),
		}),
	);
}

/** Who may sign the item and who is looking: what the `mine` and `role:` filters judge. */
export function signContext(
	state: State,
	sectionIndex: number,
	item: ChecklistItem,
): FilterContext {
	const section = state.loaded.checklist.sections[sectionIndex];
	return {
		rule: section ? ruleOf(section, item) : {owners: [], approvals: 1},
		...(state.loaded.team ? {team: state.loaded.team} : {}),
		...(state.reviewer ? {me: state.reviewer} : {}),
	};
}

/**
 * The list the review screen shows and moves through: the current section's
 * items, or with a filter on, the matches of every section in checklist order
 * (the filter is a search of the whole review, not of one section).
 */
export function listedItems(state: State, review = currentReview(state)): Placed[] {
	if (!state.filter)
		return visibleItems(state, state.sectionIndex, review).map((item) => ({
			sectionIndex: state.sectionIndex,
			item,
		}));
	return state.loaded.checklist.sections.flatMap((_, sectionIndex) =>
		visibleItems(state, sectionIndex, review).map((item) => ({sectionIndex, item})),
	);
}

/** How many of the listed items each section holds (the filter's matches per section). */
export function matchCounts(state: State, listed: readonly Placed[]): number[] {
	const counts = state.loaded.checklist.sections.map(() => 0);
	for (const p of listed) counts[p.sectionIndex]!++;
	return counts;
}

/**
 * The focused item when the user can see it: undefined when the filter hides
 * it (or every item), so keys that answer or annotate have nothing to act on
 * rather than acting on an item out of sight. `listed`: the listed items when
 * the caller has them already.
 */
export function selectedItemId(state: State, listed?: readonly Placed[]): string | undefined {
	const {itemId} = state;
	if (!itemId || !state.filter) return itemId;
	return (listed ?? listedItems(state)).some((p) => p.item.id === itemId) ? itemId : undefined;
}

/** Said when a key needs an item and none is selected. */
export function noItemSelected(state: State): Message {
	const text = !state.filter
		? 'No item selected.'
		: listedItems(state).length === 0
			? 'No item selected: nothing matches the filter (esc clears it).'
			: 'No item selected: the filter hides it (↑↓ picks one, esc clears the filter).';
	return {kind: 'info', text};
}

/** The item's title, for messages (the message line sanitises it). */
export function titleOf(state: State, itemId: string): string {
	return findItem(state.loaded.checklist, itemId)?.title ?? itemId;
}

function isPending(review: Review, itemId: string): boolean {
	return answerFor(review, itemId).status === 'pending';
}

/**
 * Whether an answered item still waits on this reviewer: it is not settled
 * (someone outside its owners signed it, or approvals are missing) and the
 * reviewer's own approval is not among those that count.
 */
function waitsOnMe(review: Review, itemId: string, context: FilterContext): boolean {
	const {me} = context;
	if (!me) return false;
	const judged = judgeSignOffs(context.team, context.rule, answerFor(review, itemId));
	if (judged.problem === undefined) return false;
	const key = identityKey(me);
	return !judged.counted.some((s) => identityKey(s) === key);
}

/**
 * Where a review resumes: the first item, in checklist order, that one of the
 * reviewer's roles owns and that waits on them (pending, or signed by someone
 * else without settling it) (docs/team.md); else the first pending one they
 * may settle (open to anyone); else the first pending one. Without a team file
 * that is simply the first pending item.
 */
export function firstPending(
	state: State,
	review: Review,
): {sectionIndex: number; itemId: string} | undefined {
	const sections = state.loaded.checklist.sections;
	const byTeam = Boolean(state.loaded.team && state.reviewer);
	let open: {sectionIndex: number; itemId: string} | undefined;
	let first: {sectionIndex: number; itemId: string} | undefined;
	for (let s = 0; s < sections.length; s++)
		for (const it of sections[s]!.items) {
			const pending = isPending(review, it.id);
			if (!byTeam && !pending) continue;
			const at = {sectionIndex: s, itemId: it.id};
			if (!byTeam) return at;
			const context = signContext(state, s, it);
			if (isOwnedByMe(context) && (pending || waitsOnMe(review, it.id, context))) return at;
			if (!pending) continue;
			if (isMine(context)) open ??= at;
			first ??= at;
		}
	return open ?? first;
}

/** The first conflicted item in checklist order (model/conflicts.ts): the most urgent to settle. */
export function firstConflict(
	state: State,
	review: Review,
): {sectionIndex: number; itemId: string} | undefined {
	if (!review.conflicts) return undefined;
	const sections = state.loaded.checklist.sections;
	for (let s = 0; s < sections.length; s++)
		for (const it of sections[s]!.items)
			if (Object.hasOwn(review.conflicts, it.id)) return {sectionIndex: s, itemId: it.id};
	return undefined;
}

/** The index of the section holding the item, or -1. */
export function locate(state: State, itemId: string): number {
	return state.loaded.checklist.sections.findIndex((s) => s.items.some((it) => it.id === itemId));
}

/**
 * Guided flow: the next pending item after `itemId` in its section (wrapping),
 * then the first pending item of the following sections; undefined when none
 * is left. With a filter on, only items it shows count.
 */
export function nextPending(
	state: State,
	review: Review,
	sectionIndex: number,
	itemId: string,
): {sectionIndex: number; itemId: string} | undefined {
	const sections = state.loaded.checklist.sections;
	const items = visibleItems(state, sectionIndex, review);
	const at = items.findIndex((it) => it.id === itemId);
	for (let k = 1; k <= items.length; k++) {
		const it = items[(at + k) % items.length]!;
		if (it.id !== itemId && isPending(review, it.id)) return {sectionIndex, itemId: it.id};
	}
	for (let k = 1; k < sections.length; k++) {
		const s = (sectionIndex + k) % sections.length;
		const found = visibleItems(state, s, review).find((it) => isPending(review, it.id));
		if (found) return {sectionIndex: s, itemId: found.id};
	}
	return undefined;
}

/** Focus on a section: its first pending visible item, else its first visible one. */
export function focusSection(state: State, sectionIndex: number): State {
	const items = visibleItems(state, sectionIndex);
	const review = currentReview(state);
	const pending = review ? items.find((it) => isPending(review, it.id)) : undefined;
	return {...state, sectionIndex, itemId: (pending ?? items[0])?.id};
}
