import type {LoadedChecklist} from '../../checklist/load.js';
import type {Database} from '../../model/schemas.js';
import {replaceReview} from '../../model/review.js';
import {attendedBy, withDecision} from '../../report/decision.js';
import {pushUndo, record, resolve} from './answers.js';
import {
	cancelChecks,
	checkFinished,
	checkOutput,
	checkStarted,
	checksUnqueued,
	runChecks,
} from './checks.js';
import {
	addReview,
	backFromReview,
	focusItem,
	go,
	homeMove,
	moveItem,
	moveSection,
	openReview,
	scrollDetail,
	setFilter,
	summaryMove,
} from './navigation.js';
import {closePrompt, editNote, message, openPrompt, toggleHelp} from './prompts.js';
import {quit, saved, saveFailed, written} from './saving.js';
import type {Action, ActionOf, State} from './types.js';
import {undo} from './undo.js';
import {attend} from './session.js';
import {
	acceptRenames,
	attachOrphanHere,
	declineRenames,
	orphanMove,
	renameMove,
	renamesLater,
} from './renames.js';

export function initialState(
	loaded: LoadedChecklist,
	db: Database,
	attendees?: readonly string[],
): State {
	return {
		loaded,
		db,
		...(attendees?.length ? {attendees: [...attendees]} : {}),
		screen: 'home',
		sectionIndex: 0,
		homeIndex: 0,
		summaryIndex: 0,
		renameIndex: 0,
		orphanIndex: 0,
		filter: '',
		help: false,
		undo: [],
		version: 0,
		savedVersion: 0,
	};
}

/**
 * Every action's operation, by type: an action without a row does not compile.
 * The operations live in slices (navigation, answers, prompts, saving, undo).
 */
const operations: {[T in Action['type']]: (state: State, action: ActionOf<T>) => State} = {
	'open-review': openReview,
	'add-review': addReview,
	go,
	'move-item': moveItem,
	'move-section': moveSection,
	'scroll-detail': scrollDetail,
	'focus-item': focusItem,
	'home-move': homeMove,
	'summary-move': summaryMove,
	'rename-move': renameMove,
	'orphan-move': orphanMove,
	'accept-renames': acceptRenames,
	'decline-renames': declineRenames,
	'renames-later': renamesLater,
	'attach-orphan': attachOrphanHere,
	'set-filter': setFilter,
	'back-from-review': backFromReview,
	record,
	'resolve-conflict': resolve,
	undo,
	'open-prompt': openPrompt,
	'edit-note': editNote,
	'close-prompt': closePrompt,
	'toggle-help': toggleHelp,
	message,
	saved,
	'save-failed': saveFailed,
	written,
	quit,
	decide,
	attend,
	'run-checks': runChecks,
	'check-started': checkStarted,
	'checks-unqueued': checksUnqueued,
	'check-output': checkOutput,
	'check-finished': checkFinished,
	'cancel-checks': cancelChecks,
};

/** Actions that do not come from a key: they leave one-key state (justFailed, backArmed) alone. */
const notKeys: ReadonlySet<Action['type']> = new Set([
	'saved',
	'save-failed',
	'written',
	'check-started',
	'checks-unqueued',
	'check-output',
	'check-finished',
]);

export function reducer(state: State, action: Action): State {
	const operation = operations[action.type] as (state: State, action: Action) => State;
	let next = operation(state, action);
	// A new focus opens at the top of its details, whatever moved it (a key, the
	// guided flow, a filter, undo, a jump from the summary), and so does a review
	// opened again from the list of reviews. (The help overlay and the summary
	// leave it: back from them, the details are where they were.)
	const scroll = next.detailScroll;
	if (
		scroll &&
		(scroll.itemId !== next.itemId || next.screen === 'home' || next.reviewId !== state.reviewId)
	)
		next = {...next, detailScroll: undefined};
	if (notKeys.has(action.type)) return next;
	let out = next;
	// backArmed and justFailed last for one key.
	if (state.backArmed && next.backArmed)
		out = {
			...out,
			backArmed: undefined,
			message: next.message === state.message ? undefined : next.message,
		};
	if (state.justFailed && next.justFailed === state.justFailed)
		// The message still shown is the hint set with it ("c adds a note to …").
		out = {
			...out,
			justFailed: undefined,
			message: next.message === state.message ? undefined : next.message,
		};
	return out;
}

/** Records a go/no-go on the open review; a go while NOT READY is refused with the reason. */
function decide(state: State, action: ActionOf<'decide'>): State {
	const review = state.db.reviews.find((r) => r.id === state.reviewId);
	if (!review) return state;
	const result = withDecision(
		review,
		state.loaded,
		action.decision,
		action.actor,
		action.note,
		state.attendees,
	);
	if ('error' in result) return {...state, message: {kind: 'error', text: result.error}};
	return {
		...state,
		db: replaceReview(state.db, result.review),
		version: state.version + 1,
		undo: pushUndo(state, {reviewId: review.id, itemId: '*', decided: action.decision}),
		message: {
			kind: 'info',
			text: `${action.decision === 'go' ? 'GO' : 'NO-GO'} recorded by ${result.decision.by} on ${result.decision.digest.slice(0, 19)}…${attendedBy(result.decision)}`,
		},
	};
}
