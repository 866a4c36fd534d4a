import type {Key} from 'ink';
import {actionFor} from '../keys.js';
import {sanitizeLine} from '../../terminal/sanitize.js';

/** What `tab` offers for the text before the cursor. */
export type Completion = {
	/** The text with what all candidates share filled in. */
	text: string;
	/** Every whole text it could become, in the order to show and cycle through. */
	candidates: string[];
	/** Matches left out of `candidates` (a completer shows a bounded number). */
	more?: number;
};

/** Completes the text before the cursor (a path, for evidence). */
export type Completer = (text: string) => Completion;

/** After a `tab` with several candidates: the list, and which one fills the field. */
export type CompletionState = {
	/** The field with the common part filled in (what index -1 shows). */
	base: string;
	/** Text after the cursor when tab was pressed; kept after every candidate. */
	after: string;
	candidates: string[];
	more: number;
	/** The candidate in the field; -1 while it holds the common part. */
	index: number;
};

/**
 * Everything a text prompt edits. It outlives the prompt's component (see
 * prompt-drafts.tsx), so it holds only plain data.
 */
export type Field = {
	value: string;
	/** In UTF-16 units, always at a code point boundary. */
	cursor: number;
	/** Why the last enter was refused; cleared by the next edit. */
	error?: string;
	/**
	 * Why the last enter was not taken yet although the value may stand (a
	 * launch date in the past), and what to do: enter again keeps it. Cleared
	 * by the next edit, as the error is.
	 */
	warning?: SubmitWarning;
	/** A word about the last key when it changed nothing visible (tab with no match). */
	notice?: string;
	/** What the user typed: it filters the suggestions while `value` may hold a picked one. */
	typed: string;
	/** The picked suggestion's place among those `typed` matches; -1 for none. */
	pick: number;
	completion?: CompletionState;
};

/** What a prompt says of a value it may take on a second enter: the doubt, then what to do. */
export type SubmitWarning = {warning: string; then: string};

/** The prompt's optional helpers: path completion on tab, earlier answers on ↑/↓. */
export type FieldOptions = {
	complete?: Completer;
	suggestions?: readonly string[];
};

/** How a key press ends the prompt, if it does. */
export type Outcome = 'submit' | 'cancel' | 'quit' | undefined;

/** A field holding `initial`, the cursor at its end. */
export function newField(initial: string): Field {
	// A stored note or reason may hold anything (set --note, a hand-edited file):
	// it is shown, and edited, only as sanitised text.
	const value = sanitizeLine(initial);
	return {value, cursor: value.length, typed: value, pick: -1};
}

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

/**
 * The suggestions that what was typed picks out: those containing it, in any
 * case, in their given order, each once. Nothing typed: all of them.
 */
export function matchingSuggestions(suggestions: readonly string[], typed: string): string[] {
	const needle = typed.trim().toLowerCase();
	const seen = new Set<string>();
	const out: string[] = [];
	for (const s of suggestions) {
		const shown = sanitizeLine(s);
		if (!shown || seen.has(shown)) continue;
		seen.add(shown);
		if (shown.toLowerCase().includes(needle)) out.push(shown);
	}
	return out;
}

function fill(field: Field, value: string, cursor = value.length): void {
	field.value = value;
	field.cursor = cursor;
}

/** Tab (forward) or shift+tab while a list of candidates is open: the next one in the field. */
function cycle(field: Field, c: CompletionState, step: 1 | -1): void {
	const n = c.candidates.length;
	// -1 (the common part) is one stop of the cycle, as in shells.
	c.index = ((c.index + 1 + step + n + 1) % (n + 1)) - 1;
	const text = c.index < 0 ? c.base : c.candidates[c.index]!;
	fill(field, text + c.after, text.length);
}

function tab(field: Field, complete: Completer): void {
	const before = field.value.slice(0, field.cursor);
	const after = field.value.slice(field.cursor);
	const result = complete(before);
	const text = sanitizeLine(result.text);
	const candidates = result.candidates.map(sanitizeLine);
	fill(field, text + after, text.length);
	field.typed = field.value;
	field.pick = -1;
	if (candidates.length === 0) field.notice = 'nothing to complete';
	else if (candidates.length > 1 || candidates[0] !== text)
		field.completion = {base: text, after, candidates, more: result.more ?? 0, index: -1};
}

/**
 * Applies one key press to the field; says so when the press ends the prompt.
 * Pure but for the completer (which may read a folder): testable without Ink.
 */
export function applyKey(
	field: Field,
	input: string,
	key: Key,
	options: FieldOptions = {},
): Outcome {
	// What enter, esc, tab, ↑↓ and ctrl+u do comes from the key table, as the footer shows it.
	const action = actionFor('prompt', input, key);
	if (action === 'prompt-cancel') return 'cancel';
	if (key.ctrl && input === 'c') return 'quit';
	if (action === 'prompt-confirm') return 'submit';
	const {value, cursor} = field;
	const open = field.completion;
	field.notice = undefined;
	if (action === 'prompt-complete' && options.complete) {
		if (open) cycle(field, open, key.shift ? -1 : 1);
		else if (!key.shift) tab(field, options.complete);
		field.error = field.warning = undefined;
		return undefined;
	}
	// Any other key closes the list of candidates, keeping the one in the field.
	field.completion = undefined;
	if (action === 'prompt-pick' && options.suggestions) {
		const list = matchingSuggestions(options.suggestions, field.typed);
		if (list.length === 0) return undefined;
		// -1 (what was typed) is one stop of the cycle, so ↓ from the first comes back to it.
		const n = list.length;
		// ↑ goes back in time, as a shell's history does: the newest first.
		field.pick = ((field.pick + 1 + (key.upArrow ? 1 : -1) + n + 1) % (n + 1)) - 1;
		fill(field, field.pick < 0 ? field.typed : list[field.pick]!);
		field.error = field.warning = undefined;
		return undefined;
	}
	if (key.leftArrow) field.cursor = stepBack(value, cursor);
	else if (key.rightArrow) field.cursor = stepForward(value, cursor);
	else if (key.home || (key.ctrl && input === 'a')) field.cursor = 0;
	else if (key.end || (key.ctrl && input === 'e')) field.cursor = value.length;
	else if (action === 'prompt-clear') fill(field, '', 0);
	else if (key.backspace || key.delete) {
		if (cursor > 0) {
			const back = stepBack(value, cursor);
			fill(field, value.slice(0, back) + value.slice(cursor), back);
		}
	} else if (key.ctrl || key.meta || !input) {
		return undefined;
	} else {
		// The router has already dropped escape sequences and control characters;
		// sanitising again keeps this field safe whatever calls it.
		const text = sanitizeLine(input);
		fill(field, value.slice(0, cursor) + text + value.slice(cursor), cursor + text.length);
	}
	// An edit makes the field what the user typed: the suggestions filter on it.
	if (field.value !== value) {
		field.typed = field.value;
		field.pick = -1;
	}
	field.error = field.warning = undefined;
	return undefined;
}
