import {findItem, replaceReview} from '../../model/review.js';
import {passHeldBack, recordRun} from '../../model/check-runs.js';
import {answerFor} from '../../model/evaluate.js';
import {failureText} from '../../model/checks.js';
import {countOf} from '../../model/vocabulary.js';
import type {ActionOf, ChecksState, State} from './types.js';

const none: ChecksState = {running: [], cancelSeq: 0};

function checksOf(state: State): ChecksState {
	return state.checks ?? none;
}

/** How many checks are running or waiting for a slot. */
function activeChecks(state: State): number {
	const checks = checksOf(state);
	return checks.running.length + (checks.queued?.length ?? 0);
}

/** The status line while checks run: "3 checks running…". */
export function checksStatus(state: State): string | undefined {
	const n = activeChecks(state);
	if (n === 0) return undefined;
	return `${countOf(n, 'check')} running… (esc stops ${n === 1 ? 'it' : 'them'})`;
}

export function runChecks(state: State, action: ActionOf<'run-checks'>): State {
	const checks = checksOf(state);
	const busy = new Set([...checks.running.map((r) => r.itemId), ...(checks.queued ?? [])]);
	const itemIds = action.itemIds.filter((id) => !busy.has(id));
	if (itemIds.length === 0)
		return {
			...state,
			prompt: undefined,
			message: {kind: 'info', text: 'That check is already running (esc cancels).'},
		};
	return {
		...state,
		prompt: undefined,
		message: {
			kind: 'info',
			text: `Running ${itemIds.length === 1 ? 'the check' : `${itemIds.length} checks`}… (esc stops ${itemIds.length === 1 ? 'it' : 'them'})`,
		},
		checks: {
			...checks,
			// Waiting until the runner starts them (at most --jobs at once).
			queued: [
				...(checks.queued ?? []),
				...itemIds.filter((id) => findItem(state.loaded.checklist, id)?.check),
			],
			request: {seq: (checks.request?.seq ?? 0) + 1, itemIds, trust: action.trust === true},
		},
	};
}

export function checkStarted(state: State, action: ActionOf<'check-started'>): State {
	const checks = checksOf(state);
	if (checks.running.some((r) => r.itemId === action.itemId)) return state;
	return {
		...state,
		checks: {
			...checks,
			queued: (checks.queued ?? []).filter((id) => id !== action.itemId),
			running: [...checks.running, {itemId: action.itemId, startedAt: action.startedAt, lines: []}],
		},
	};
}

export function checksUnqueued(state: State, action: ActionOf<'checks-unqueued'>): State {
	const checks = checksOf(state);
	const gone = new Set(action.itemIds);
	return {
		...state,
		checks: {...checks, queued: (checks.queued ?? []).filter((id) => !gone.has(id))},
	};
}

export function checkOutput(state: State, action: ActionOf<'check-output'>): State {
	const checks = checksOf(state);
	return {
		...state,
		checks: {
			...checks,
			running: checks.running.map((r) =>
				r.itemId === action.itemId ? {...r, lines: action.lines} : r,
			),
		},
	};
}

/** The run is recorded in its review the moment it ends, and saved like any answer. */
export function checkFinished(state: State, action: ActionOf<'check-finished'>): State {
	const checks = checksOf(state);
	const after: State = {
		...state,
		checks: {...checks, running: checks.running.filter((r) => r.itemId !== action.itemId)},
	};
	const review = state.db.reviews.find((r) => r.id === action.reviewId);
	const item = findItem(state.loaded.checklist, action.itemId);
	if (!review || !item) return after;
	const actor = {
		by: action.run.by,
		...(action.run.email ? {email: action.run.email} : {}),
		at: new Date(action.run.at),
		...(action.run.commit ? {commit: action.run.commit} : {}),
	};
	const held = passHeldBack(item, answerFor(review, item.id), action.run);
	const next = recordRun(review, item, action.run, action.logRef, actor);
	const why = item.check ? failureText(item.check, action.run) : undefined;
	// The others still running are said too: the message is the last thing shown.
	const left = activeChecks(after);
	const still = left ? ` ${countOf(left, 'check')} still running.` : '';
	return {
		...after,
		db: replaceReview(state.db, next),
		version: state.version + 1,
		message: why
			? {kind: 'error', text: `Check of “${item.title}” failed: ${why}.${still}`}
			: {
					kind: 'info',
					text: `Check of “${item.title}” met its expectation${held ? `; ${held}` : ''}.${still}`,
				},
	};
}

export function cancelChecks(state: State): State {
	const checks = checksOf(state);
	return {
		...state,
		checks: {...checks, queued: [], cancelSeq: checks.cancelSeq + 1},
		message: {kind: 'info', text: 'Cancelling the running checks…'},
	};
}
