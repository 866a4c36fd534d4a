import {Box, Text, type Key} from 'ink';
import React, {useReducer} from 'react';
import {cells} from '../../terminal/width.js';
import {useInputHandler} from '../input/input-router.js';
import {useDraft, useForgetDraft} from '../prompt-drafts.js';
import {itemsWindow, layoutInput, type Segment} from './prompt-layout.js';
import {
	applyKey,
	matchingSuggestions,
	newField,
	type Completer,
	type CompletionState,
	type Field,
	type SubmitWarning,
} from './text-field.js';
import {windowStart} from './window.js';

/** Props of a text prompt that captures every key until enter or esc. */
export type TextPromptProps = {
	label: string;
	initial?: string;
	/** The line under the input when there is nothing more pressing to say there. */
	hint?: string;
	/**
	 * Returns an error to show (the input is kept), a warning (a value that
	 * may stand but deserves a second look: the input is kept, shown in yellow
	 * with `⚠`, what to do on a row of its own when there is one), or undefined
	 * to accept.
	 */
	onSubmit: (value: string) => SubmitResult | Promise<SubmitResult>;
	onCancel: () => void;
	/** Hears every change of the text (a live filter). */
	onChange?: (value: string) => void;
	width: number;
	/**
	 * Rows the prompt takes, always all of them (default 2: the input and the
	 * line under it). A long value wraps onto more rows when it has them, or
	 * onto the hint's row while there is no error to show; spare rows list the
	 * candidates or suggestions.
	 */
	rows?: number;
	/**
	 * Completes the text before the cursor on `tab`: the first tab fills in what
	 * all candidates share and, when several remain, lists them; each further
	 * tab (shift+tab back) puts the next one in the field.
	 */
	complete?: Completer;
	/**
	 * Earlier answers to pick from: ↓/↑ put the next/previous one in the field
	 * (and back to what was typed); typing narrows the list to those containing it.
	 */
	suggestions?: readonly string[];
	/** What the suggestions are, shown before them (default "earlier answers"). */
	suggestionsTitle?: string;
	/**
	 * Keeps the draft across a remount under this key on the current screen.
	 * Without it, the draft is kept under the prompt the app's state has open
	 * (see prompt-drafts.tsx), or not at all when there is none.
	 */
	draftKey?: string;
	/** Sees each key first; true takes it (the field never gets it). */
	onKey?: (input: string, key: Key) => boolean;
};

/** What a prompt's onSubmit says: an error, a warning, or nothing (accepted). */
export type SubmitResult = string | SubmitWarning | undefined;

/** What the row(s) under the input list: completion candidates or suggestions. */
type Listing = {title: string; items: string[]; current: number; more: number};

function listing(
	field: Field,
	suggestions: readonly string[] | undefined,
	suggestionsTitle: string,
): Listing | undefined {
	const c: CompletionState | undefined = field.completion;
	if (c) {
		// Candidates share the folder being completed: show only their names.
		const cut = c.base.lastIndexOf('/') + 1;
		const items = c.candidates.map((x) => (x.startsWith(c.base.slice(0, cut)) ? x.slice(cut) : x));
		return {title: 'tab cycles', items, current: c.index, more: c.more};
	}
	if (!suggestions) return undefined;
	const items = matchingSuggestions(suggestions, field.typed);
	if (items.length === 0) return undefined;
	return {title: `↑↓ ${suggestionsTitle}`, items, current: field.pick, more: 0};
}

function Row({segments}: {segments: Segment[]}) {
	return (
		<Text wrap="truncate-end">
			{segments.map((s, i) =>
				s.kind === 'label' ? (
					<Text key={i} bold color="cyan">
						{s.text}
					</Text>
				) : s.kind === 'cursor' ? (
					<Text key={i} inverse>
						{s.text}
					</Text>
				) : (
					<Text key={i}>{s.text}</Text>
				),
			)}
		</Text>
	);
}

const GAP = 2;

/** The whole listing on one row, the current item kept in view and marked. */
function ListingLine({list, width}: {list: Listing; width: number}) {
	const title = `${list.title}:`;
	const shown = list.items.map((item, i) => (i === list.current ? `›${item}` : item));
	const room = Math.max(1, width - cells(title) - 1 - 8);
	const {from, to} = itemsWindow(
		shown.map((s) => cells(s)),
		list.current,
		room,
		GAP,
	);
	const left = list.items.length - to + list.more;
	return (
		<Text wrap="truncate-end">
			<Text dimColor>{title}</Text>
			{from > 0 ? ' …' : ''}
			{shown.slice(from, to).map((s, k) => (
				<Text key={from + k} inverse={from + k === list.current}>
					{k === 0 ? ' ' : ' '.repeat(GAP)}
					{s}
				</Text>
			))}
			{left > 0 ? <Text dimColor>{`  +${left} more`}</Text> : null}
		</Text>
	);
}

/** The listing as a heading and one row per item, around the current one. */
function ListingRows({list, rows}: {list: Listing; rows: number}) {
	const height = rows - 1;
	const start = windowStart(Math.max(0, list.current), list.items.length, height);
	const hidden = list.items.length - height + list.more;
	return (
		<>
			<Text dimColor wrap="truncate-end">
				{`${list.title}${hidden > 0 ? ` (${list.items.length + list.more}, ${hidden} not shown)` : ''}:`}
			</Text>
			{list.items.slice(start, start + height).map((item, k) => (
				<Text key={start + k} wrap="truncate-end" inverse={start + k === list.current}>
					{start + k === list.current ? `› ${item}` : `  ${item}`}
				</Text>
			))}
		</>
	);
}

/**
 * Hand-written rather than @inkjs/ui's TextInput: it must take its keys from the
 * input router (which decodes them safely and in order), pasted text must be
 * sanitised as it arrives, ctrl+c must still quit, and a rejected value must
 * stay in the field with the reason beside it. The field is a mutable object so
 * that each key sees the one before it even before React has re-rendered, and
 * it lives in the app's draft store so that it outlives a remount.
 */
export function TextPrompt({
	label,
	initial = '',
	hint,
	onSubmit,
	onCancel,
	onChange,
	width,
	rows = 2,
	complete,
	suggestions,
	suggestionsTitle = 'earlier answers',
	draftKey,
	onKey,
}: TextPromptProps) {
	const field = useDraft<Field>(draftKey, () => newField(initial));
	const forget = useForgetDraft(draftKey);
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	useInputHandler(
		(input, key) => {
			// Keys the screen takes while this prompt is open (the trust prompt's scroll keys).
			if (onKey?.(input, key)) return;
			const before = field.value;
			const outcome = applyKey(field, input, key, {complete, suggestions});
			if (field.value !== before) onChange?.(field.value);
			if (outcome === 'cancel') {
				forget();
				return onCancel();
			}
			// ctrl+c quits from anywhere: the unsubmitted text is dropped as esc drops
			// it, and the key goes on to what has the keyboard now (the screen), which
			// quits as it does outside a prompt (asking first after a failed save).
			if (outcome === 'quit') {
				forget();
				onCancel();
				return 'pass';
			}
			if (outcome === 'submit') {
				const submitted = field.value;
				void Promise.resolve(onSubmit(submitted)).then((said) => {
					field.error = typeof said === 'string' ? said : undefined;
					field.warning = typeof said === 'object' ? said : undefined;
					if (said === undefined) forget();
					redraw();
				});
			}
			redraw();
		},
		true,
		{text: true},
	);

	const total = Math.max(1, rows);
	const list = listing(field, suggestions, suggestionsTitle);
	// The line under the input stays when it says something about the last key
	// or offers something to pick.
	const pressing = Boolean(field.error || field.warning || field.notice || list);
	let input = layoutInput(label, field.value, field.cursor, width, Math.max(1, total - 1));
	if (!input.whole && !pressing && total >= 2) {
		// A long value may take the hint's row too: while typing it, the value matters more.
		const taller = layoutInput(label, field.value, field.cursor, width, total);
		if (taller.rows.length > input.rows.length) input = taller;
	}
	const statusShown = input.rows.length < total;
	const spare = total - input.rows.length - (statusShown ? 1 : 0);
	const listRows = list && spare >= 2 ? Math.min(spare, list.items.length + 1) : 0;
	return (
		<Box flexDirection="column" height={total} width={width} overflowY="hidden">
			{input.rows.map((segments, i) => (
				<Row key={i} segments={segments} />
			))}
			{list && listRows > 0 ? <ListingRows list={list} rows={listRows} /> : null}
			{!statusShown ? null : field.warning ? (
				<WarningRows warning={field.warning} rows={total - input.rows.length} />
			) : field.error ? (
				<Text wrap="truncate-end" color="red">
					{`✖ ${field.error}`}
				</Text>
			) : field.notice ? (
				<Text wrap="truncate-end" color="yellow">
					{`○ ${field.notice}`}
				</Text>
			) : list && listRows === 0 ? (
				<ListingLine list={list} width={width} />
			) : (
				<Text wrap="truncate-end" dimColor>
					{hint ?? 'enter to confirm · esc to cancel'}
				</Text>
			)}
		</Box>
	);
}

/** A warning and what to do: each on its own row when there are two, else one row. */
function WarningRows({warning, rows}: {warning: SubmitWarning; rows: number}) {
	const lines =
		rows >= 2
			? [`⚠ ${warning.warning}`, `  ${warning.then}`]
			: [`⚠ ${warning.warning}: ${warning.then}`];
	return (
		<>
			{lines.map((line) => (
				<Text key={line} wrap="truncate-end" color="yellow">
					{line}
				</Text>
			))}
		</>
	);
}
