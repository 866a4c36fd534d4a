import {conflictOf} from '../../model/conflicts.js';
import {itemsWithChecks} from '../../model/checks.js';
import {openActionNumbers, withActionDone} from '../../model/actions.js';
import {answerFor} from '../../model/evaluate.js';
import {findItem, withoutEvidence, withStatus} from '../../model/review.js';
import type {Actor} from '../../model/actor.js';
import {LATER_CLEARED, LATER_MARKED, withLater} from '../../model/later.js';
import type {Answer, ChecklistItem, Evidence, Proposal} from '../../model/schemas.js';
import {orphanCount} from '../../model/upgrade.js';
import type {ActionId} from '../keys.js';
import {scrolled, type ScrollMove} from '../scroll.js';
import {currentReview, noItemSelected, selectedItemId} from '../state/selectors.js';
import type {Action, State} from '../state/types.js';
import {recordOrRefuse} from './record.js';

/** Work a key asks for that is not a change of state: the screen's hook carries it out. */
export type Effect =
	| {type: 'write-snapshot'}
	| {type: 'open-decision'}
	| {type: 'view-log'; ref: string}
	| {type: 'open-link'; url: string};

/** What a key press comes to: an action for the reducer, an effect, or nothing. */
export type Intent = Action | Effect | undefined;

/**
 * What deciding needs from outside the state: the moment, who acts, and the
 * character typed (for a key that stands for several: 1–9 keep answer N).
 */
export type IntentEnv = {now: Date; actor: () => Actor; typed?: string};

/**
 * The focused item's details as the screen lays them out: how many lines
 * they take at the terminal's width, how many rows show them, and the first
 * line shown. The scroll keys move within these.
 */
export type DetailView = {offset: number; total: number; rows: number};

export const detailMoves: Partial<Record<ActionId, ScrollMove>> = {
	'detail-line-up': 'line-up',
	'detail-line-down': 'line-down',
	'detail-page-up': 'page-up',
	'detail-page-down': 'page-down',
};

/** A key that does nothing on this screen says so, briefly. */
export function nothingHere(keyName: string): Action {
	return {
		type: 'message',
		message: {kind: 'info', text: `${keyName} does nothing here (? lists the keys).`},
	};
}

const info = (text: string): Action => ({type: 'message', message: {kind: 'info', text}});

/** Keys that act on the selected item (c is the reducer's: see edit-note). */
const answerKeys: ReadonlySet<ActionId> = new Set<ActionId>([
	'pass',
	'fail',
	'na',
	'waive',
	'add-action',
	'action-done',
	'reset',
	'keep-answer',
	'add-evidence',
	'remove-evidence',
]);

/** The keys that keep an answer of a conflict of `n` answers, as said to the user. */
export function keepKeys(n: number): string {
	return n === 2 ? '1 or 2' : `1–${Math.min(9, n)}`;
}

/** What each key that needs one answer would do, as said when the item is a conflict. */
const beforeSettled = {
	'add-evidence': 'adding evidence',
	'remove-evidence': 'removing evidence',
	'edit-note': 'editing its note',
	'add-action': 'adding an action item',
	'action-done': 'marking an action item done',
	'discuss-later': 'marking it to discuss later (a mark belongs to one answer)',
} as const;

/** Said when a key would edit an answer of a conflicted item: there is none to edit yet. */
function conflictFirst(title: string, n: number, action: keyof typeof beforeSettled): Action {
	return info(
		`“${title}” is a conflict: settle it before ${beforeSettled[action]}. ${keepKeys(n)} keeps an answer, p, f, n or w answers afresh.`,
	);
}

/** Records the answer when the rules allow it, else says why not. */
function recordIntent(
	item: ChecklistItem,
	next: Answer,
	env: IntentEnv,
	advance: boolean,
	confirm = false,
): Action {
	const outcome = recordOrRefuse(item, next, {now: env.now, actor: env.actor(), advance, confirm});
	return 'error' in outcome
		? {type: 'message', message: {kind: 'error', text: outcome.error}}
		: outcome.action;
}

/** A scroll key: the details' next first line, or why they do not move. */
export function scrollDetail(state: State, move: ScrollMove, view: DetailView | undefined): Action {
	const itemId = selectedItemId(state);
	if (!itemId || !view || view.total <= view.rows)
		return info('The details fit: there is nothing to scroll.');
	const offset = scrolled(view.offset, move, view.total, view.rows);
	if (offset !== view.offset) return {type: 'scroll-detail', itemId, offset};
	return info(
		move === 'line-up' || move === 'page-up'
			? 'Already at the top of the details.'
			: 'Already at the end of the details.',
	);
}

/**
 * What a key means on the review screen: the rules of answering, without Ink.
 * `detail`: the focused item's details as shown (for the scroll keys).
 */
export function reviewIntent(
	state: State,
	action: ActionId,
	env: IntentEnv,
	detail?: DetailView,
): Intent {
	const review = currentReview(state);
	if (!review) return undefined;
	const move = detailMoves[action];
	if (move) return scrollDetail(state, move, detail);
	// While checks run, esc and ctrl+c (and q) stop them first: nothing is left running.
	if ((action === 'back' || action === 'quit') && state.checks?.running.length)
		return {type: 'cancel-checks'};
	switch (action) {
		case 'prev-item':
			return {type: 'move-item', delta: -1};
		case 'next-item':
			return {type: 'move-item', delta: 1};
		case 'prev-section':
			return {type: 'move-section', delta: -1};
		case 'next-section':
			return {type: 'move-section', delta: 1};
		case 'summary':
			return {type: 'go', screen: 'summary'};
		case 'help':
			return {type: 'toggle-help'};
		case 'quit':
			return {type: 'quit'};
		case 'undo':
			return {type: 'undo', actor: env.actor()};
		case 'filter':
			return {
				type: 'open-prompt',
				prompt: {
					kind: 'filter',
					previous: state.filter,
					from: {sectionIndex: state.sectionIndex, itemId: state.itemId},
				},
			};
		case 'back':
			return {type: 'back-from-review'};
		case 'edit-note': {
			// c right after a fail is that item's note (see edit-note), never a conflict's.
			const id = state.justFailed ? undefined : selectedItemId(state);
			const conflict = id ? conflictOf(review, id) : undefined;
			if (id && conflict)
				return conflictFirst(
					findItem(state.loaded.checklist, id)?.title ?? id,
					conflict.answers.length,
					'edit-note',
				);
			return {type: 'edit-note'};
		}
		case 'run-check':
		case 'view-log':
			return checkIntent(state, action);
		case 'discuss-later':
		case 'open-link':
			return meetingIntent(state, action, env);
		case 'orphans':
			return orphanCount(review)
				? {type: 'go', screen: 'orphans'}
				: info('No orphaned answers in this review: every answer has its item.');
		default:
			break;
	}
	if (!answerKeys.has(action)) return undefined;
	const itemId = selectedItemId(state);
	const item = itemId ? findItem(state.loaded.checklist, itemId) : undefined;
	if (!item) return {type: 'message', message: noItemSelected(state)};
	const answer = answerFor(review, item.id);
	const conflict = conflictOf(review, item.id);
	switch (action) {
		case 'keep-answer': {
			if (!conflict)
				return info(
					`${env.typed ?? '1–9'} keeps an answer of a conflict: “${item.title}” is not one.`,
				);
			const index = Number(env.typed) - 1;
			if (!(index >= 0 && index < conflict.answers.length))
				return info(
					`This conflict has ${conflict.answers.length} answers: ${keepKeys(conflict.answers.length)} keeps one.`,
				);
			return {type: 'resolve-conflict', itemId: item.id, index, actor: env.actor()};
		}
		case 'add-evidence':
		case 'remove-evidence':
		case 'add-action':
		case 'action-done':
			if (conflict) return conflictFirst(item.title, conflict.answers.length, action);
			break;
		case 'reset':
			// r on a conflict keeps neither answer: the item starts again, pending.
			if (conflict) return recordIntent(item, {status: 'pending', evidence: []}, env, false);
			break;
		default:
			break;
	}
	switch (action) {
		case 'pass':
			if (item.evidenceRequired && answer.evidence.length === 0)
				return {type: 'open-prompt', prompt: {kind: 'evidence', itemId: item.id, thenPass: true}};
			return recordIntent(item, withStatus(answer, 'pass'), env, true, true);
		case 'fail':
			return recordIntent(item, withStatus(answer, 'fail'), env, true, true);
		case 'na':
			return {type: 'open-prompt', prompt: {kind: 'justification', itemId: item.id}};
		case 'waive':
			return {type: 'open-prompt', prompt: {kind: 'waiver', itemId: item.id, step: 'reason'}};
		case 'add-action':
			return {type: 'open-prompt', prompt: {kind: 'action', itemId: item.id, step: 'what'}};
		case 'action-done': {
			// Numbered as the detail pane and `preflight actions` number them, done ones included.
			const open = openActionNumbers(answer);
			if (open.length === 0)
				return info(
					answer.actions?.length
						? 'Every action item of this item is done.'
						: 'This item has no action items (a adds one).',
				);
			if (open.length > 1)
				return {type: 'open-prompt', prompt: {kind: 'action-done', itemId: item.id}};
			const done = withActionDone(answer, open[0]!, env.actor().by, env.now);
			return 'error' in done ? info(done.error) : recordIntent(item, done.answer, env, false);
		}
		case 'reset':
			if (answer.status === 'pending') return info('Already pending.');
			return recordIntent(item, withStatus(answer, 'pending'), env, false);
		case 'add-evidence':
			return {type: 'open-prompt', prompt: {kind: 'evidence', itemId: item.id, thenPass: false}};
		case 'remove-evidence':
			if (answer.evidence.length === 0) return info('This item has no evidence to remove.');
			if (answer.evidence.length === 1)
				return recordIntent(item, withoutEvidence(answer, 0), env, false);
			return {type: 'open-prompt', prompt: {kind: 'remove-evidence', itemId: item.id}};
		default:
			return undefined;
	}
}

/**
 * m marks the focused item to discuss later, or clears its mark (recorded and
 * undone like any change, never a sign-off); o opens its first http(s)
 * evidence link. A conflict is settled first: a mark is part of one answer.
 */
function meetingIntent(
	state: State,
	action: 'discuss-later' | 'open-link',
	env: IntentEnv,
): Intent {
	const review = currentReview(state);
	const itemId = selectedItemId(state);
	const item = itemId ? findItem(state.loaded.checklist, itemId) : undefined;
	if (!review || !item) return {type: 'message', message: noItemSelected(state)};
	const conflict = conflictOf(review, item.id);
	const answer = answerFor(review, item.id);
	if (action === 'open-link') {
		const answers = conflict ? conflict.answers : [answer];
		const url = answers.flatMap((a) => a.evidence).find((e) => isWebLink(e))?.ref;
		return url
			? {type: 'open-link', url}
			: info(`“${item.title}” has no http(s) evidence link to open.`);
	}
	if (conflict) return conflictFirst(item.title, conflict.answers.length, action);
	const marked = !answer.later;
	const actor = env.actor();
	return {
		type: 'record',
		itemId: item.id,
		answer: withLater(answer, marked, actor),
		actor,
		advance: false,
		detail: marked ? LATER_MARKED : LATER_CLEARED,
	};
}

/** Evidence a browser can open: an http(s) URL (files and check logs are not links). */
function isWebLink(e: Evidence): boolean {
	return e.kind === 'url' && /^https?:\/\//i.test(e.ref);
}

/** x runs the focused item's check; v opens its last log. */
function checkIntent(state: State, action: 'run-check' | 'view-log'): Intent {
	const review = currentReview(state);
	const itemId = selectedItemId(state);
	const item = itemId ? findItem(state.loaded.checklist, itemId) : undefined;
	if (!review || !item) return {type: 'message', message: noItemSelected(state)};
	if (!item.check) return info('This item has no check (the checklist gives it no command).');
	if (action === 'run-check') return {type: 'run-checks', itemIds: [item.id]};
	const log = answerFor(review, item.id).evidence.find((e) => e.kind === 'check');
	return log ? {type: 'view-log', ref: log.ref} : info('No run of this check yet: x runs it.');
}

/** ↑/↓, enter, help and quit on a list screen (home's reviews, the summary's blockers, renames, orphans). */
function listIntent(
	action: ActionId,
	move: (delta: number) => Action,
	choose: () => Action | undefined,
): Intent | 'other' {
	switch (action) {
		case 'prev-item':
			return move(-1);
		case 'next-item':
			return move(1);
		case 'open':
		case 'jump':
		case 'attach':
			return choose();
		case 'help':
			return {type: 'toggle-help'};
		case 'quit':
			return {type: 'quit'};
		default:
			return 'other';
	}
}

/** What a key means on the home screen. */
export function homeIntent(state: State, action: ActionId, env: IntentEnv): Intent {
	const reviews = state.db.reviews;
	const listed = listIntent(
		action,
		(delta) => ({type: 'home-move', delta, count: reviews.length}),
		() => {
			const r = reviews[state.homeIndex];
			return r ? {type: 'open-review', reviewId: r.id, actor: env.actor()} : undefined;
		},
	);
	if (listed !== 'other') return listed;
	switch (action) {
		case 'new-review':
			return {type: 'go', screen: 'new-review'};
		case 'back':
			// The first screen: esc has nothing to go back to and must not quit
			// (q and ctrl+c do); say so rather than ignore the key.
			return info('Nothing to go back to (q quits).');
		default:
			return undefined;
	}
}

/** What a key means on the summary. `blockers`: the ids of the blockers, in the order shown. */
export function summaryIntent(state: State, action: ActionId, blockers: readonly string[]): Intent {
	const listed = listIntent(
		action,
		(delta) => ({type: 'summary-move', delta, count: blockers.length}),
		() => {
			const id = blockers[state.summaryIndex];
			return id ? {type: 'focus-item', itemId: id} : undefined;
		},
	);
	if (state.checks?.running.length && (action === 'back' || action === 'quit'))
		return {type: 'cancel-checks'};
	if (listed !== 'other') return listed;
	switch (action) {
		case 'write-snapshot':
			return {type: 'write-snapshot'};
		case 'decide':
			return {type: 'open-decision'};
		case 'run-check': {
			const itemIds = itemsWithChecks(state.loaded.checklist).map((it) => it.id);
			return itemIds.length
				? {type: 'run-checks', itemIds}
				: info('This checklist gives no item a check.');
		}
		case 'back':
			return {type: 'go', screen: 'review'};
		default:
			return undefined;
	}
}

/** What a key means on the renames screen. `proposals`: the renames waiting, in the order shown. */
export function renamesIntent(
	state: State,
	action: ActionId,
	env: IntentEnv,
	proposals: readonly Proposal[],
): Intent {
	const focused = proposals[Math.min(state.renameIndex, proposals.length - 1)];
	const listed = listIntent(
		action,
		(delta) => ({type: 'rename-move', delta, count: proposals.length}),
		() => undefined,
	);
	if (listed !== 'other') return listed;
	switch (action) {
		case 'accept-rename':
			return focused
				? {type: 'accept-renames', proposals: [focused], actor: env.actor()}
				: undefined;
		case 'keep-orphan':
			return focused
				? {type: 'decline-renames', proposals: [focused], actor: env.actor()}
				: undefined;
		case 'accept-all-renames':
			return {type: 'accept-renames', proposals: [...proposals], actor: env.actor()};
		case 'keep-all-orphans':
			return {type: 'decline-renames', proposals: [...proposals], actor: env.actor()};
		case 'back':
			return {type: 'renames-later'};
		default:
			return undefined;
	}
}

/**
 * What a key means on the orphans screen. `orphans`: their old ids, in the
 * order shown; enter attaches the focused one to the item focused on the
 * review screen.
 */
export function orphansIntent(
	state: State,
	action: ActionId,
	env: IntentEnv,
	orphans: readonly string[],
): Intent {
	const listed = listIntent(
		action,
		(delta) => ({type: 'orphan-move', delta, count: orphans.length}),
		() => {
			const from = orphans[Math.min(state.orphanIndex, orphans.length - 1)];
			const to = selectedItemId(state);
			if (!from) return undefined;
			if (!to) return {type: 'message', message: noItemSelected(state)};
			return {type: 'attach-orphan', from, to, actor: env.actor()};
		},
	);
	if (listed !== 'other') return listed;
	return action === 'back' ? {type: 'go', screen: 'review'} : undefined;
}
