import {useInputHandler} from './input-router.js';
import {actionFor, splitPresses, type ActionId, type Scope} from './keys.js';

/**
 * Turns key presses into actions through the key table. `isActive` is false
 * while a prompt or overlay owns the keyboard, so single-letter keys are off.
 */
export function useKeys(
	scope: Exclude<Scope, 'global'>,
	onAction: (action: ActionId) => void,
	isActive = true,
): void {
	useInputHandler((input, key) => {
		for (const [ch, k] of splitPresses(input, key)) {
			const action = actionFor(scope, ch, k);
			if (action) onAction(action);
		}
	}, isActive);
}
