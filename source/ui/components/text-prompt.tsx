import {Box, Text, type Key} from 'ink';
import React, {useReducer, useRef} from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {useInputHandler} from '../input-router.js';

/** Props of a one-line text prompt that captures every key until enter or esc. */
export type TextPromptProps = {
	label: string;
	initial?: string;
	hint?: string;
	/** Returns an error to show (the input is kept), or undefined to accept. */
	onSubmit: (value: string) => string | undefined | Promise<string | undefined>;
	onCancel: () => void;
	width: number;
};

type Field = {value: string; cursor: number; error?: string; swallowing: boolean};

// Escape sequences that are not keys (a paste can carry them) never reach the
// value: CSI and other short sequences are dropped whole; OSC, DCS, SOS, PM and
// APC strings are dropped up to their terminator (BEL or ST), which may arrive
// in a later read.
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const stringIntroducer = /^\u001b[\]PX^_]$/;
const namedKey = (key: Key) =>
	key.escape ||
	key.return ||
	key.leftArrow ||
	key.rightArrow ||
	key.upArrow ||
	key.downArrow ||
	key.home ||
	key.end ||
	key.delete ||
	key.backspace ||
	key.tab;

/** Applies one key event to the field; returns 'submit' or 'cancel' when it ends the prompt. */
function apply(
	field: Field,
	input: string,
	key: Key,
	raw: string,
): 'submit' | 'cancel' | undefined {
	if (field.swallowing) {
		// eslint-disable-next-line no-control-regex -- BEL or ST ends the string
		const end = /\u0007|\u009c|\u001b\\/.exec(raw);
		if (!end) return undefined;
		field.swallowing = false;
		raw = raw.slice(end.index + end[0].length);
		if (!raw) return undefined;
		input = raw;
		key = {...key, return: false, escape: false};
	}
	if (stringIntroducer.test(raw)) {
		field.swallowing = true;
		return undefined;
	}
	if (raw.includes('\u001b') && !namedKey(key) && !key.ctrl) return undefined;
	if (key.escape) return 'cancel';
	if (key.return) return 'submit';
	const {value, cursor} = field;
	if (key.leftArrow) field.cursor = Math.max(0, cursor - 1);
	else if (key.rightArrow) field.cursor = Math.min(value.length, cursor + 1);
	else if (key.home || (key.ctrl && input === 'a')) field.cursor = 0;
	else if (key.end || (key.ctrl && input === 'e')) field.cursor = value.length;
	else if (key.ctrl && input === 'u') {
		field.value = '';
		field.cursor = 0;
	} else if (key.backspace || key.delete) {
		if (cursor > 0) {
			field.value = value.slice(0, cursor - 1) + value.slice(cursor);
			field.cursor = cursor - 1;
		}
	} else if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab) {
		return undefined;
	} else {
		// A paste, or keys typed faster than they are read, arrive as one chunk:
		// apply it piece by piece so an embedded enter still submits.
		// eslint-disable-next-line no-control-regex -- enter, ctrl+u and backspace inside a chunk
		for (const part of input.split(/([\r\n\u0015\u007f\b])/)) {
			if (part === '\r' || part === '\n') return 'submit';
			if (part === '\u0015') {
				field.value = '';
				field.cursor = 0;
			} else if (part === '\u007f' || part === '\b') {
				if (field.cursor > 0) {
					field.value = field.value.slice(0, field.cursor - 1) + field.value.slice(field.cursor);
					field.cursor--;
				}
			} else {
				const text = sanitizeLine(part);
				field.value = field.value.slice(0, field.cursor) + text + field.value.slice(field.cursor);
				field.cursor += text.length;
			}
		}
	}
	field.error = undefined;
	return undefined;
}

/**
 * Hand-written rather than @inkjs/ui's TextInput: pasted text must be sanitised
 * as it arrives (a paste can carry escape sequences), several keys can arrive in
 * one read, and a rejected value must stay in the field with the reason beside it.
 * The field lives in a ref so that events delivered in one batch see each other.
 */
export function TextPrompt({
	label,
	initial = '',
	hint,
	onSubmit,
	onCancel,
	width,
}: TextPromptProps) {
	// A stored note or reason may hold anything (set --note, a hand-edited file):
	// it is shown, and edited, only as sanitised text.
	const safeInitial = sanitizeLine(initial);
	const field = useRef<Field>({
		value: safeInitial,
		cursor: safeInitial.length,
		swallowing: false,
	});
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	useInputHandler((input, key, raw) => {
		const f = field.current;
		const outcome = apply(f, input, key, raw || input);
		if (outcome === 'cancel') return onCancel();
		if (outcome === 'submit') {
			const submitted = f.value;
			void Promise.resolve(onSubmit(submitted)).then((error) => {
				f.error = error;
				redraw();
			});
		}
		redraw();
	});
	const {value, cursor, error} = field.current;
	// Keep the cursor in view for long values.
	const room = Math.max(10, width - label.length - 4);
	const start = Math.max(0, cursor - room + 1);
	const shown = value.slice(start, start + room);
	const at = cursor - start;
	return (
		<Box flexDirection="column" height={2}>
			<Text wrap="truncate-end">
				<Text bold color="cyan">
					{label}{' '}
				</Text>
				{shown.slice(0, at)}
				<Text inverse>{shown[at] ?? ' '}</Text>
				{shown.slice(at + 1)}
			</Text>
			<Text wrap="truncate-end" color={error ? 'red' : undefined} dimColor={!error}>
				{error ? `✖ ${error}` : (hint ?? 'enter to confirm · esc to cancel')}
			</Text>
		</Box>
	);
}
