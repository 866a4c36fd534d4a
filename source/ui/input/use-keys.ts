import type {Key} from 'ink';
import {useInputHandler} from './input-router.js';
import {actionFor, type ActionId, type Scope} from '../keys.js';

/** How a key is named to the user, for "… does nothing here"; undefined for keys without a name. */
export function keyName(input: string, key: Key): string | undefined {
	if (key.return) return 'enter';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow)
		return key.shift || key.ctrl || key.meta ? 'that arrow key' : undefined;
	if (key.pageUp) return 'page up';
	if (key.pageDown) return 'page down';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.escape) return 'esc';
	if (!input) return undefined;
	if (key.ctrl) return `ctrl+${input}`;
	if (key.meta) return `alt+${input}`;
	if (input === ' ') return 'space';
	// One character as typed; anything longer is not one key.
	if ([...input].length === 1 && input >= ' ') return `“${input}”`;
	return undefined;
}

/**
 * Turns key presses into actions through the key table. `isActive` is false
 * while a prompt or overlay owns the keyboard, so single-letter keys are off.
 * The router hands over one key at a time, so a key that opens a prompt is
 * followed by keys that reach the prompt. `onOther` hears keys the screen has
 * no action for, by name, so that none is silently ignored.
 */
export function useKeys(
	scope: Exclude<Scope, 'global'>,
	/** `input`: the character typed, for a key that stands for several (1–9). */
	onAction: (action: ActionId, input: string) => void,
	isActive = true,
	onOther?: (keyName: string) => void,
): void {
	useInputHandler((input, key, paste) => {
		if (paste) return void onOther?.('a paste');
		const action = actionFor(scope, input, key);
		if (action) return onAction(action, input);
		const name = keyName(input, key);
		if (name) onOther?.(name);
	}, isActive);
}
