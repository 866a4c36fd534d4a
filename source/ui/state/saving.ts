import type {ActionOf, State} from './types.js';

export function saved(state: State, action: ActionOf<'saved'>): State {
	const next = {
		...state,
		savedVersion: Math.max(state.savedVersion, action.version),
		saveError: undefined,
	};
	if (!action.notice) return next;
	// Said beside what is shown already (an upgrade's own line), not instead of
	// it, and first: the message has two rows, and a long upgrade line must not
	// push the file a save wrote (a milestone) out of sight.
	const shown = state.message?.kind === 'info' ? state.message.text : '';
	return {
		...next,
		message: {kind: 'info', text: [action.notice, shown].filter(Boolean).join(' · ')},
	};
}

export function saveFailed(state: State, action: ActionOf<'save-failed'>): State {
	return {...state, saveError: action.error};
}

export function written(state: State, action: ActionOf<'written'>): State {
	return {...state, written: action.files, message: undefined};
}

/** q: ends once saved; after a failed save only when asked twice. */
export function quit(state: State): State {
	if (!state.saveError) return {...state, quitting: 'when-saved'};
	if (state.quitting === 'confirm') return {...state, quitting: 'anyway'};
	return {
		...state,
		quitting: 'confirm',
		message: {kind: 'error', text: 'Changes are NOT saved. Press q again to quit anyway.'},
	};
}
