import {Box, Text, useInput} from 'ink';
import React, {useState} from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';

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

/**
 * Hand-written rather than @inkjs/ui's TextInput: pasted text must be sanitised
 * as it arrives (a paste can carry escape sequences), and a rejected value must
 * stay in the field with the reason beside it.
 */
export function TextPrompt({
	label,
	initial = '',
	hint,
	onSubmit,
	onCancel,
	width,
}: TextPromptProps) {
	const [value, setValue] = useState(initial);
	const [cursor, setCursor] = useState(initial.length);
	const [error, setError] = useState<string>();
	useInput((input, key) => {
		if (key.escape) return onCancel();
		if (key.return) {
			void Promise.resolve(onSubmit(value)).then((e) => setError(e));
			return;
		}
		if (key.leftArrow) return setCursor((c) => Math.max(0, c - 1));
		if (key.rightArrow) return setCursor((c) => Math.min(value.length, c + 1));
		if (key.home || (key.ctrl && input === 'a')) return setCursor(0);
		if (key.end || (key.ctrl && input === 'e')) return setCursor(value.length);
		if (key.ctrl && input === 'u') {
			setValue('');
			return setCursor(0);
		}
		if (key.backspace || key.delete) {
			if (cursor === 0) return;
			setValue(value.slice(0, cursor - 1) + value.slice(cursor));
			return setCursor(cursor - 1);
		}
		if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab) return;
		// A paste, or keys typed faster than they are read, arrive as one chunk:
		// apply it character by character so an embedded enter still submits.
		let v = value;
		let c = cursor;
		// eslint-disable-next-line no-control-regex -- enter, ctrl+u and backspace inside a chunk
		for (const part of input.split(/([\r\n\u0015\u007f\b])/)) {
			if (part === '\r' || part === '\n') {
				setValue(v);
				setCursor(c);
				void Promise.resolve(onSubmit(v)).then((e) => setError(e));
				return;
			}
			if (part === '\u0015') {
				v = '';
				c = 0;
			} else if (part === '\u007f' || part === '\b') {
				if (c > 0) {
					v = v.slice(0, c - 1) + v.slice(c);
					c--;
				}
			} else {
				const text = sanitizeLine(part);
				v = v.slice(0, c) + text + v.slice(c);
				c += text.length;
			}
		}
		setValue(v);
		setCursor(c);
		setError(undefined);
	});
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
