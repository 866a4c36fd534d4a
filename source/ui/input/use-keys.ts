import {useInputHandler} from './input-router.js';
import {actionFor, type ActionId, type Scope} from '../keys.js';

/**
 * Turns key presses into actions through the key table. `isActive` is false
 * while a prompt or overlay owns the keyboard, so single-letter keys are off.
 * The router hands over one key at a time, so a key that opens a prompt is
 * followed by keys that reach the prompt.
 */
export function useKeys(
	scope: Exclude<Scope, 'global'>,
	onAction: (action: ActionId) => void,
	isActive = true,
): void {
	useInputHandler((input, key) => {
		const action = actionFor(scope, input, key);
		if (action) onAction(action);
	}, isActive);
}
