import {noItemSelected, selectedItemId} from './selectors.js';
import type {ActionOf, State} from './types.js';

export function openPrompt(state: State, action: ActionOf<'open-prompt'>): State {
	return {...state, prompt: action.prompt, help: false, message: undefined};
}

/** c: the note of the item just failed (the focus has moved on from it), else of the selected item. */
export function editNote(state: State): State {
	const itemId = state.justFailed ?? selectedItemId(state);
	if (!itemId) return {...state, message: noItemSelected(state)};
	return {...state, prompt: {kind: 'note', itemId}, help: false, message: undefined};
}

export function closePrompt(state: State): State {
	return {...state, prompt: undefined};
}

export function toggleHelp(state: State): State {
	return {...state, help: !state.help};
}

export function message(state: State, action: ActionOf<'message'>): State {
	return {...state, message: action.message};
}
