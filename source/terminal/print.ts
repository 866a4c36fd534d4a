// What commands print, and the one way they print it: every line goes through
// the sanitiser here, whatever it holds and wherever it came from (a checklist,
// a snapshot someone edited, a database, an error), so that no caller can
// forget to. Sanitising text twice changes nothing.
import {writeOut} from './output.js';
import {sanitizeLine} from './sanitize.js';

/** Each line of `text` sanitised (see sanitizeLine), joined again by newlines. */
export function safeLines(text: string): string {
	const body = text.endsWith('\n') ? text.slice(0, -1) : text;
	return body.split('\n').map(sanitizeLine).join('\n');
}

/**
 * Prints lines on stdout, each argument one line through the sanitiser: a line
 * break inside one (a field of an edited snapshot) becomes a space, so text
 * from outside can never start a line of its own that looks like ours.
 */
export function print(...lines: string[]): void {
	writeOut(`${lines.map(sanitizeLine).join('\n')}\n`);
}

/**
 * Prints text already laid out in lines by a renderer that made each of its
 * fields one line (see renderDiffText): line by line through the sanitiser.
 */
export function printText(text: string): void {
	writeOut(`${safeLines(text)}\n`);
}

/** Prints `preflight: <line>` on stderr, sanitised. */
export function printError(line: string): void {
	process.stderr.write(`preflight: ${sanitizeLine(line)}\n`);
}

// Inside JSON strings (JSON's own syntax is plain ASCII, so every match is in
// one): what JSON.stringify leaves raw but a terminal acts on or hides — DEL
// and the C1 controls (0x9b starts a CSI sequence on many terminals), line
// and paragraph separators, and every format character (direction marks,
// embeddings and isolates, zero-width characters, BOM). Escaped as \u
// sequences, so a JSON parser reads back exactly the same strings.
const rawInJson = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

function escapeUnits(char: string): string {
	let out = '';
	for (let i = 0; i < char.length; i++)
		out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
	return out;
}

/** Two-space JSON with a final newline, safe to print on a terminal (see rawInJson). */
export function jsonText(value: unknown): string {
	return `${JSON.stringify(value, null, 2).replace(rawInJson, escapeUnits)}\n`;
}

/** Prints a value as JSON on stdout (see jsonText). */
export function printJson(value: unknown): void {
	writeOut(jsonText(value));
}
