// How long text people type may be. A checklist title is cut at 200
// characters (checklist/markdown-text.ts); a name is no longer than a title,
// and a note or an action item's text is a short paragraph. Longer text is
// refused at the edge, in one line, before anything is written.

import {hasUnsafeText} from '../terminal/sanitize.js';

/** The longest name: an attendee, an action item's owner. */
export const MAX_NAME = 200;
/** The longest note or action item text: a short paragraph. */
export const MAX_NOTE = 2000;
/** The longest email address (RFC 5321's limit). */
export const MAX_EMAIL = 254;
/** The longest tracker URL, or evidence (a URL or a file path). */
export const MAX_URL = 2000;

/** How many characters `text` has: Unicode code points (an emoji is one, as a letter is). */
export function characters(text: string): number {
	// Code units are never fewer: most text needs no count of its own.
	let n = 0;
	for (const _ of text) n++;
	return n;
}

/** Why `what` (e.g. `--note`) is longer than `max` characters, as a line; undefined when it is not. */
export function tooLong(text: string, max: number, what: string): string | undefined {
	if (text.length <= max) return undefined;
	const n = characters(text);
	return n > max ? `${what} is ${n} characters long: at most ${max} are allowed` : undefined;
}

/**
 * Why `--note` cannot be a decision's note, or undefined when it can: given,
 * it says something (leave it out for none), on one line of printable text
 * (it is quoted in the audit log, status, gate and snapshots), in at most
 * MAX_NOTE characters.
 */
export function decisionNoteProblem(note: string, what: string): string | undefined {
	if (!note.trim()) return `${what} is empty: give the note's text, or leave ${what} out`;
	if (hasUnsafeText(note.trim()))
		return `${what} must be one line without control characters, escape sequences, or direction marks`;
	return tooLong(note.trim(), MAX_NOTE, what);
}
