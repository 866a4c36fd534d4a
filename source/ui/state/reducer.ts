import type {LoadedChecklist} from '../../checklist/load.js';
import {answerFor} from '../../model/evaluate.js';
import type {Actor} from '../../model/actor.js';
import {findItem, recordAnswer, replaceReview} from '../../model/review.js';
import {describeUpgrade, upgradeReview} from '../../model/upgrade.js';
import type {Answer, ChecklistItem, Database, Review} from '../../model/schemas.js';
import {matchesFilter} from './filter.js';

export type Screen = 'home' | 'new-review' | 'review' | 'summary';

/** A text prompt open over the review screen; it captures all keys until enter or esc. */
export type Prompt =
	| {kind: 'evidence'; itemId: string; thenPass: boolean}
	| {kind: 'note'; itemId: string}
	| {kind: 'justification'; itemId: string}
	| {
			kind: 'waiver';
			itemId: string;
			step: 'reason' | 'owner' | 'expires';
			reason?: string;
			owner?: string;
	  }
	| {kind: 'remove-evidence'; itemId: string}
	| {kind: 'filter'};

export type Message = {kind: 'error' | 'info'; text: string};

type UndoEntry = {reviewId: string; itemId: string; answer: Answer};

/** Everything the app shows; the database itself is part of it, the store mirrors it. */
export type State = {
	loaded: LoadedChecklist;
	db: Database;
	screen: Screen;
	reviewId?: string;
	sectionIndex: number;
	/** Focused item id in the current section. */
	itemId?: string;
	homeIndex: number;
	summaryIndex: number;
	prompt?: Prompt;
	filter: string;
	help: boolean;
	message?: Message;
	undo: UndoEntry[];
	/** Bumped on every database change; the store reports back which version is on disk. */
	version: number;
	savedVersion: number;
	saveError?: string;
	/**
	 * Set by q. 'when-saved': the app ends once every change is on disk (App
	 * watches this). After a failed save, 'confirm' asks for a second q, and
	 * 'anyway' ends the app with a non-zero exit code.
	 */
	quitting?: 'when-saved' | 'confirm' | 'anyway';
	/** Snapshot files written from the summary. */
	written?: {json: string; markdown: string};
	/**
	 * The item failed by the last key when the guided flow moved on from it:
	 * `c` as the very next key edits its note (PRODUCT.md: "f fail (at once;
	 * c adds a note)"), not the note of the item the focus moved to.
	 */
	justFailed?: string;
};

export type Action =
	| {
			type: 'open-review';
			reviewId: string;
			itemId?: string;
			actor: Actor;
			/** Shown once the review is open (before any checklist-upgrade message). */
			notice?: string;
	  }
	| {type: 'add-review'; review: Review; actor: Actor}
	| {type: 'go'; screen: Screen}
	| {type: 'move-item'; delta: number}
	| {type: 'move-section'; delta: number}
	| {type: 'focus-item'; itemId: string}
	| {type: 'home-move'; delta: number; count: number}
	| {type: 'summary-move'; delta: number; count: number}
	| {
			type: 'record';
			itemId: string;
			answer: Answer;
			actor: Actor;
			advance: boolean;
			detail?: string;
			/** A status chosen again renews the sign-off (see recordAnswer). */
			confirm?: boolean;
	  }
	| {type: 'undo'; actor: Actor}
	| {type: 'open-prompt'; prompt: Prompt}
	/** c: the note of the item just failed, else of the selected item. */
	| {type: 'edit-note'}
	| {type: 'close-prompt'}
	| {type: 'set-filter'; text: string}
	| {type: 'toggle-help'}
	| {type: 'message'; message?: Message}
	| {type: 'saved'; version: number}
	| {type: 'save-failed'; error: string}
	| {type: 'written'; files: {json: string; markdown: string}}
	| {type: 'quit'};

export function initialState(loaded: LoadedChecklist, db: Database): State {
	return {
		loaded,
		db,
		screen: 'home',
		sectionIndex: 0,
		homeIndex: 0,
		summaryIndex: 0,
		filter: '',
		help: false,
		undo: [],
		version: 0,
		savedVersion: 0,
	};
}

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
	return section.items.filter((it) => matchesFilter(state.filter, it, answerFor(review, it.id)));
}

/**
 * The focused item when the user can see it: undefined when the filter hides
 * it (or every item of the section), so keys that answer or annotate have
 * nothing to act on rather than acting on an item out of sight. `visible`: the
 * section's visible items when the caller has them already.
 */
export function selectedItemId(
	state: State,
	visible?: ReadonlyArray<{id: string}>,
): string | undefined {
	const {itemId} = state;
	if (!itemId || !state.filter) return itemId;
	return (visible ?? visibleItems(state, state.sectionIndex)).some((it) => it.id === itemId)
		? itemId
		: undefined;
}

/** Said when a key needs an item and none is selected. */
export function noItemSelected(state: State): Message {
	const text = !state.filter
		? 'No item selected.'
		: visibleItems(state, state.sectionIndex).length === 0
			? 'No item selected: none here matches the filter (esc clears it).'
			: 'No item selected: the filter hides it (↑↓ picks one, esc clears the filter).';
	return {kind: 'info', text};
}

/** The item's title, for messages (the message line sanitises it). */
function titleOf(state: State, itemId: string): string {
	return findItem(state.loaded.checklist, itemId)?.title ?? itemId;
}

function isPending(review: Review, itemId: string): boolean {
	return answerFor(review, itemId).status === 'pending';
}

/** First pending item in checklist order: where a review resumes. */
export function firstPending(
	state: State,
	review: Review,
): {sectionIndex: number; itemId: string} | undefined {
	const sections = state.loaded.checklist.sections;
	for (let s = 0; s < sections.length; s++)
		for (const it of sections[s]!.items)
			if (isPending(review, it.id)) return {sectionIndex: s, itemId: it.id};
	return undefined;
}

function locate(state: State, itemId: string): number {
	return state.loaded.checklist.sections.findIndex((s) => s.items.some((it) => it.id === itemId));
}

/**
 * Guided flow: the next pending item after `itemId` in its section (wrapping),
 * then the first pending item of the following sections; undefined when none is left.
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
		return {
			state: {...state, db: replaceReview(state.db, next), version: state.version + 1},
			...(report
				? {
						message: [
							describeUpgrade(report),
							report.changed.length ? 'changed ones marked ↻' : '',
							report.removed.length
								? `removed: ${report.removed.slice(0, 3).join(', ')}${report.removed.length > 3 ? ', …' : ''} (in the audit log)`
								: '',
						]
							.filter(Boolean)
							.join(' — '),
					}
				: {}),
		};
	} catch (error) {
		return {error: error instanceof Error ? error.message : String(error)};
	}
}

function focusSection(state: State, sectionIndex: number): State {
	const items = visibleItems(state, sectionIndex);
	const review = currentReview(state);
	const pending = review ? items.find((it) => isPending(review, it.id)) : undefined;
	return {...state, sectionIndex, itemId: (pending ?? items[0])?.id};
}

function clamp(n: number, lo: number, hi: number): number {
	return Math.max(lo, Math.min(hi, n));
}

function applyRecord(
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
	return {
		state: {
			...state,
			db: replaceReview(state.db, next),
			version: state.version + 1,
			undo: [...state.undo, {reviewId: review.id, itemId, answer: before}].slice(-200),
		},
		changed: true,
	};
}

export function reducer(state: State, action: Action): State {
	const next = step(state, action);
	// justFailed lasts for one key. Saves are acknowledged on their own, not by
	// a key, so they leave it (and its hint) in place.
	if (
		!state.justFailed ||
		next.justFailed !== state.justFailed ||
		action.type === 'saved' ||
		action.type === 'save-failed'
	)
		return next;
	// The message still shown is the hint set with it ("c adds a note to …").
	return {
		...next,
		justFailed: undefined,
		message: next.message === state.message ? undefined : next.message,
	};
}

function step(state: State, action: Action): State {
	switch (action.type) {
		case 'open-review': {
			const upgraded = takeChecklist(state, action.reviewId, action.actor);
			if ('error' in upgraded) return {...state, message: {kind: 'error', text: upgraded.error}};
			state = upgraded.state;
			const next: State = {
				...state,
				screen: 'review',
				reviewId: action.reviewId,
				filter: '',
				prompt: undefined,
				help: false,
				message: undefined,
				written: undefined,
			};
			const said = [action.notice, upgraded.message].filter(Boolean).join(' · ');
			if (said) next.message = {kind: 'info', text: said};
			const review = currentReview(next);
			if (!review) return state;
			if (action.itemId) {
				const s = locate(next, action.itemId);
				if (s >= 0) return {...next, sectionIndex: s, itemId: action.itemId};
			}
			const pending = firstPending(next, review);
			if (pending) return {...next, ...pending};
			return {...focusSection(next, 0), screen: 'summary', summaryIndex: 0};
		}
		case 'add-review':
			return reducer(
				{
					...state,
					db: {...state.db, reviews: [...state.db.reviews, action.review]},
					version: state.version + 1,
				},
				{type: 'open-review', reviewId: action.review.id, actor: action.actor},
			);
		case 'go':
			return {
				...state,
				screen: action.screen,
				prompt: undefined,
				help: false,
				message: undefined,
				written: action.screen === 'summary' ? undefined : state.written,
				summaryIndex: action.screen === 'summary' ? 0 : state.summaryIndex,
			};
		case 'move-item': {
			const items = visibleItems(state, state.sectionIndex);
			if (items.length === 0) return state;
			const at = items.findIndex((it) => it.id === state.itemId);
			return {
				...state,
				// From an item the filter hides, the first visible one is the way back in.
				itemId: items[at < 0 ? 0 : clamp(at + action.delta, 0, items.length - 1)]!.id,
				message: undefined,
			};
		}
		case 'move-section': {
			const n = state.loaded.checklist.sections.length;
			// With a filter on, skip sections that have no matching items.
			for (let k = 1; k <= n; k++) {
				const s = (state.sectionIndex + action.delta * k + n * k) % n;
				if (!state.filter || visibleItems(state, s).length > 0)
					return {...focusSection(state, s), message: undefined};
			}
			return state;
		}
		case 'focus-item': {
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
		case 'home-move':
			return {
				...state,
				homeIndex: clamp(state.homeIndex + action.delta, 0, Math.max(0, action.count - 1)),
				message: undefined,
			};
		case 'summary-move':
			return {
				...state,
				summaryIndex: clamp(state.summaryIndex + action.delta, 0, Math.max(0, action.count - 1)),
			};
		case 'record': {
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
			const target = nextPending(next, review, next.sectionIndex, action.itemId);
			if (target && action.answer.status === 'fail')
				return {
					...next,
					...target,
					justFailed: action.itemId,
					message: {
						kind: 'info',
						text: `Failed “${titleOf(next, action.itemId)}” — c adds a note to it.`,
					},
				};
			if (target) return {...next, ...target};
			// With a filter on, pending items may remain outside it.
			if (next.filter && firstPending(next, review))
				return {
					...next,
					message: {kind: 'info', text: 'No pending item matches the filter (esc clears it).'},
				};
			return {
				...next,
				screen: 'summary',
				summaryIndex: 0,
				written: undefined,
				message: {kind: 'info', text: 'Every item is answered: here is the summary.'},
			};
		}
		case 'undo': {
			const entry = state.undo.at(-1);
			if (!entry || entry.reviewId !== state.reviewId)
				return {...state, message: {kind: 'info', text: 'Nothing to undo.'}};
			// The earlier answer comes back exactly, sign-off included: undoing signs nothing off.
			const {state: next} = applyRecord(state, entry.itemId, entry.answer, action.actor, 'undo', {
				restore: true,
			});
			const s = locate(next, entry.itemId);
			const focused: State = {
				...next,
				undo: state.undo.slice(0, -1),
				sectionIndex: s >= 0 ? s : next.sectionIndex,
				itemId: entry.itemId,
				message: {kind: 'info', text: 'Undone.'},
			};
			// The filter stays unless it would hide the item undone; then it goes,
			// and the message says why.
			if (!focused.filter || selectedItemId(focused)) return focused;
			return {
				...focused,
				filter: '',
				message: {
					kind: 'info',
					text: `Undone (filter cleared to show “${titleOf(next, entry.itemId)}”).`,
				},
			};
		}
		case 'open-prompt':
			return {...state, prompt: action.prompt, help: false, message: undefined};
		case 'edit-note': {
			const itemId = state.justFailed ?? selectedItemId(state);
			if (!itemId) return {...state, message: noItemSelected(state)};
			return {...state, prompt: {kind: 'note', itemId}, help: false, message: undefined};
		}
		case 'close-prompt':
			return {...state, prompt: undefined};
		case 'set-filter': {
			const next = {...state, filter: action.text, prompt: undefined};
			if (visibleItems(next, next.sectionIndex).some((it) => it.id === state.itemId)) return next;
			const n = next.loaded.checklist.sections.length;
			for (let k = 0; k < n; k++) {
				const s = (next.sectionIndex + k) % n;
				const first = visibleItems(next, s)[0];
				if (first) return {...next, sectionIndex: s, itemId: first.id};
			}
			return {...next, message: {kind: 'info', text: 'No item matches the filter.'}};
		}
		case 'toggle-help':
			return {...state, help: !state.help};
		case 'message':
			return {...state, message: action.message};
		case 'saved':
			return {
				...state,
				savedVersion: Math.max(state.savedVersion, action.version),
				saveError: undefined,
			};
		case 'save-failed':
			return {...state, saveError: action.error};
		case 'written':
			return {...state, written: action.files, message: undefined};
		case 'quit':
			if (!state.saveError) return {...state, quitting: 'when-saved'};
			if (state.quitting === 'confirm') return {...state, quitting: 'anyway'};
			return {
				...state,
				quitting: 'confirm',
				message: {kind: 'error', text: 'Changes are NOT saved. Press q again to quit anyway.'},
			};
	}
}
