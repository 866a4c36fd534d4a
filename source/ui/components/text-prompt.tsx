import {Box, Text, type Key} from 'ink';
import React, {useReducer, useRef} from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {useInputHandler} from '../input/input-router.js';
import {actionFor} from '../keys.js';
import {cells} from '../../terminal/width.js';

/** Props of a one-line text prompt that captures every key until enter or esc. */
export type TextPromptProps = {
	label: string;
	initial?: string;
	hint?: string;
	/** Returns an error to show (the input is kept), or undefined to accept. */
	onSubmit: (value: string) => string | undefined | Promise<string | undefined>;
	onCancel: () => void;
	/** Hears every change of the text (a live filter). */
	onChange?: (value: string) => void;
	width: number;
};

type Field = {value: string; cursor: number; error?: string};

// The cursor moves by whole code points: an emoji or a rarer CJK character is
// two UTF-16 units, and stopping between them would save half a character.
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;

function stepBack(value: string, cursor: number): number {
	if (cursor <= 0) return 0;
	const back = cursor - 1;
	return back > 0 && isLow(value.charCodeAt(back)) && isHigh(value.charCodeAt(back - 1))
		? back - 1
		: back;
}

function stepForward(value: string, cursor: number): number {
	if (cursor >= value.length) return value.length;
	return isHigh(value.charCodeAt(cursor)) && isLow(value.charCodeAt(cursor + 1))
		? cursor + 2
		: cursor + 1;
}

/** Applies one key press to the field; says so when the press ends the prompt. */
function apply(field: Field, input: string, key: Key): 'submit' | 'cancel' | 'quit' | undefined {
	// What enter, esc and ctrl+u do comes from the key table (as the footer shows it).
	const action = actionFor('prompt', input, key);
	if (action === 'prompt-cancel') return 'cancel';
	if (key.ctrl && input === 'c') return 'quit';
	if (action === 'prompt-confirm') return 'submit';
	const {value, cursor} = field;
	if (key.leftArrow) field.cursor = stepBack(value, cursor);
	else if (key.rightArrow) field.cursor = stepForward(value, cursor);
	else if (key.home || (key.ctrl && input === 'a')) field.cursor = 0;
	else if (key.end || (key.ctrl && input === 'e')) field.cursor = value.length;
	else if (action === 'prompt-clear') {
		field.value = '';
		field.cursor = 0;
	} else if (key.backspace || key.delete) {
		if (cursor > 0) {
			const before = stepBack(value, cursor);
			field.value = value.slice(0, before) + value.slice(cursor);
			field.cursor = before;
		}
	} else if (key.ctrl || key.meta || !input) {
		return undefined;
	} else {
		// The router has already dropped escape sequences and control characters;
		// sanitising again keeps this field safe whatever calls it.
		const text = sanitizeLine(input);
		field.value = value.slice(0, cursor) + text + value.slice(cursor);
		field.cursor = cursor + text.length;
	}
	field.error = undefined;
	return undefined;
}

/**
 * Hand-written rather than @inkjs/ui's TextInput: it must take its keys from the
 * input router (which decodes them safely and in order), pasted text must be
 * sanitised as it arrives, ctrl+c must still quit, and a rejected value must
 * stay in the field with the reason beside it. The field lives in a ref so that
 * each key sees the one before it even before React has re-rendered.
 */
export function TextPrompt({
	label,
	initial = '',
	hint,
	onSubmit,
	onCancel,
	onChange,
	width,
}: TextPromptProps) {
	// A stored note or reason may hold anything (set --note, a hand-edited file):
	// it is shown, and edited, only as sanitised text.
	const safeInitial = sanitizeLine(initial);
	const field = useRef<Field>({value: safeInitial, cursor: safeInitial.length});
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	useInputHandler(
		(input, key) => {
			const f = field.current;
			const before = f.value;
			const outcome = apply(f, input, key);
			if (f.value !== before) onChange?.(f.value);
			if (outcome === 'cancel') return onCancel();
			// ctrl+c quits from anywhere: the unsubmitted text is dropped as esc drops
			// it, and the key goes on to what has the keyboard now (the screen), which
			// quits as it does outside a prompt (asking first after a failed save).
			if (outcome === 'quit') {
				onCancel();
				return 'pass';
			}
			if (outcome === 'submit') {
				const submitted = f.value;
				void Promise.resolve(onSubmit(submitted)).then((error) => {
					f.error = error;
					redraw();
				});
			}
			redraw();
		},
		true,
		{text: true},
	);
	const {value, cursor, error} = field.current;
	// Keep the cursor in view for long values.
	// The label's screen width: an item title in CJK or with emoji takes two columns a character.
	const room = Math.max(10, width - cells(label) - 4);
	let start = Math.max(0, cursor - room + 1);
	if (start > 0 && isLow(value.charCodeAt(start))) start++; // not inside a character
	let shown = value.slice(start, start + room);
	if (isHigh(shown.charCodeAt(shown.length - 1))) shown = shown.slice(0, -1);
	const at = cursor - start;
	const under = at < shown.length ? String.fromCodePoint(shown.codePointAt(at)!) : ' ';
	return (
		<Box flexDirection="column" height={2}>
			<Text wrap="truncate-end">
				<Text bold color="cyan">
					{label}{' '}
				</Text>
				{shown.slice(0, at)}
				<Text inverse>{under}</Text>
				{shown.slice(at + under.length)}
			</Text>
			<Text wrap="truncate-end" color={error ? 'red' : undefined} dimColor={!error}>
				{error ? `✖ ${error}` : (hint ?? 'enter to confirm · esc to cancel')}
			</Text>
		</Box>
	);
}
