import type {Key} from 'ink';
import {sanitize} from '../../terminal/sanitize.js';
import {blankKey} from './blank-key.js';

/**
 * One key press, in the shape Ink's useInput hands to its callback; or, with
 * `paste`, a whole bracketed paste (the terminal marks pasted text when the app
 * turns bracketed paste on): its text, escape sequences removed, line breaks kept.
 */
export type Press = {input: string; key: Key; paste?: true};

/** Turns bracketed paste on (the app's start) and off (its end). */
export const BRACKETED_PASTE_ON = '\u001b[?2004h';
export const BRACKETED_PASTE_OFF = '\u001b[?2004l';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

/** Turns what arrives on stdin into key presses, in order; keeps state across reads. */
export type KeyDecoder = {
	/** `now` (ms) tells a sequence given up (a lone alt+] or alt+[) from one whose rest is coming. */
	decode(data: string, now?: number): Press[];
	/** True while a paste waits for quiet to end (see endInPaste): decode('') after the timeout ends it. */
	waiting(): boolean;
};

/**
 * An escape sequence or an OSC, DCS, SOS, PM or APC string that is still
 * unfinished when nothing more has come for this long is given up: the next
 * bytes are keys again. A paste delivers its sequences in one burst (at most
 * cut between two reads); alt+] on many keyboards sends ESC ] alone, which
 * must not swallow every key typed after it.
 */
export const SEQUENCE_TIMEOUT_MS = 100;

const ESC = 0x1b;

const escapePress = (): Press => ({input: '', key: {...blankKey, escape: true, meta: true}});

/** A typed character (one code point); capitals count as shifted, as Ink reports them. */
const charPress = (ch: string): Press => ({
	input: ch,
	key: ch === ch.toLowerCase() ? blankKey : {...blankKey, shift: true},
});

/** A C0 control character or DEL as the key that sends it; undefined for ones no key means. */
function controlPress(code: number): Press | undefined {
	switch (code) {
		case 0x0d: // enter
		case 0x0a: // ctrl+j, and the line break of pasted text: read as enter, as a terminal does
			return {input: '', key: {...blankKey, return: true}};
		case 0x09:
			return {input: '', key: {...blankKey, tab: true}};
		case 0x08:
			return {input: '', key: {...blankKey, backspace: true}};
		case 0x7f:
			// What the backspace key sends; Ink names it delete, and handlers expect that.
			return {input: '', key: {...blankKey, delete: true}};
		default:
			// ctrl+a … ctrl+z; NUL and 0x1c–0x1f (ctrl+space, ctrl+\ …) mean nothing here.
			if (code >= 0x01 && code <= 0x1a)
				return {input: String.fromCharCode(code + 0x60), key: {...blankKey, ctrl: true}};
			return undefined;
	}
}

/** xterm's modifier parameter (1 + shift 1, alt 2, ctrl 4, meta 8), as Ink maps it. */
function withModifiers(key: Key, param: string | undefined): Key {
	const bits = Number(param || 1) - 1;
	if (!(bits > 0)) return key;
	return {
		...key,
		shift: key.shift || (bits & 1) !== 0,
		ctrl: key.ctrl || (bits & 4) !== 0,
		meta: key.meta || (bits & 10) !== 0,
	};
}

const letterKeys: Record<string, Partial<Key>> = {
	A: {upArrow: true},
	B: {downArrow: true},
	C: {rightArrow: true},
	D: {leftArrow: true},
	H: {home: true},
	F: {end: true},
	Z: {tab: true, shift: true},
};

const tildeKeys: Record<string, Partial<Key>> = {
	1: {home: true},
	3: {delete: true},
	4: {end: true},
	5: {pageUp: true},
	6: {pageDown: true},
	7: {home: true},
	8: {end: true},
};

/**
 * The key a complete CSI sequence stands for, or undefined for everything else:
 * function keys with or without modifiers (ctrl+F1 is ESC [1;5P), colours and
 * other output sequences in pasted text (ESC [31m), focus and mouse reports,
 * paste brackets. Those mean nothing to preflight and are dropped whole.
 */
function csiPress(params: string, intermediates: string, final: string): Press | undefined {
	// Private parameters (<, =, >, ?), sub-parameters (:) and intermediates are
	// never sent by the keys preflight knows.
	if (intermediates || !/^[\d;]*$/.test(params)) return undefined;
	const [first = '', modifier, ...rest] = params.split(';');
	if (rest.length > 0) return undefined;
	const named =
		final === '~'
			? tildeKeys[first]
			: first === '' || first === '1'
				? letterKeys[final]
				: undefined;
	if (!named) return undefined;
	return {input: '', key: withModifiers({...blankKey, ...named}, modifier)};
}

/** The key an SS3 sequence (ESC O x, sent in application cursor mode) stands for. */
function ss3Press(final: string): Press | undefined {
	if (final === 'M') return {input: '', key: {...blankKey, return: true}}; // keypad enter
	const named = 'ABCDHF'.includes(final) ? letterKeys[final] : undefined;
	return named ? {input: '', key: {...blankKey, ...named}} : undefined;
}

const inRange = (code: number, low: number, high: number) => code >= low && code <= high;

/**
 * A decoder that never throws, whatever the bytes. Ink 6.8's useInput throws on
 * some sequences it half-recognises (ctrl+F1, ESC [31m: a ctrl flag with no key
 * name, then `undefined.startsWith`), and hands a chunk of several keys to one
 * callback as a single string. Here every key is its own press, in order; escape
 * sequences are whole keys or nothing, so no part of one is ever read as text.
 */
export function createKeyDecoder(): KeyDecoder {
	// Inside an OSC, DCS, SOS, PM or APC string (a title, hyperlink or clipboard
	// sequence in pasted text), which may continue in the next read.
	let inString = false;
	// The start of a sequence whose end has not arrived: Ink hands over ESC ( and
	// the B of ESC ( B apart, and an escape sequence that a read cuts in two.
	let partial = '';
	// Inside a bracketed paste: its text so far, until ESC [201~ (which may come in a later read).
	let pasted: string | undefined;
	// Pasted text may itself hold ESC [201~ (copied from a terminal log, or put
	// there on purpose): the terminal sends it as it is, and what follows it would
	// run as keys. The terminal writes a paste in one burst, so an end bracket
	// with more data after it in the same read is not trusted: the paste goes on,
	// and ends at an end bracket that closes a read, or when nothing more has
	// come for SEQUENCE_TIMEOUT_MS. When a read closes a paste, a stray end
	// bracket early in the next read (within the timeout) means the paste went
	// on: what came before it is pasted text too.
	let endInPaste = false;
	let pasteClosedAt: number | undefined;
	let lastRead = 0;
	// When the unfinished sequence or string began: the timeout counts from there,
	// not from the last read, or keys arriving less than the timeout apart would
	// be swallowed for as long as someone types.
	let pendingSince: number | undefined;

	return {
		decode(chunk, now = Date.now()) {
			const quiet = now - lastRead > SEQUENCE_TIMEOUT_MS;
			lastRead = now;
			const early: Press[] = [];
			if (pasted !== undefined && endInPaste && quiet) {
				// The end bracket seen inside it was the real end after all (keys typed
				// right after a paste, in the same read): the paste is over.
				const text = sanitize(pasted.replace(/\r\n?/g, '\n'));
				if (text) early.push({input: text, key: blankKey, paste: true});
				pasted = undefined;
				endInPaste = false;
			}
			if (pasted === undefined && pasteClosedAt !== undefined && !quiet) {
				const stray = chunk.indexOf(PASTE_END);
				const start = chunk.indexOf(PASTE_START);
				if (stray >= 0 && (start < 0 || stray < start)) {
					const text = sanitize(chunk.slice(0, stray).replace(/\r\n?/g, '\n'));
					if (text) early.push({input: text, key: blankKey, paste: true});
					chunk = chunk.slice(stray + PASTE_END.length);
				}
			}
			pasteClosedAt = undefined;
			if (
				pasted === undefined &&
				pendingSince !== undefined &&
				now - pendingSince > SEQUENCE_TIMEOUT_MS
			) {
				inString = false;
				partial = '';
				pendingSince = undefined;
			}
			const data = partial + chunk;
			partial = '';
			const presses: Press[] = early;
			const length = data.length;

			/** Keeps an unfinished sequence (from `at`) for the next data. */
			const unfinished = (at: number): number => {
				partial = data.slice(at);
				return length;
			};

			/** Reads a CSI sequence introduced at `at`, its parameters from `start`; returns where decoding resumes. */
			const csi = (at: number, start: number): number => {
				let i = start;
				// ESC [ [ A … : the Linux console's F1–F5.
				if (data[i] === '[') return i + 1 < length ? i + 2 : unfinished(at);
				while (i < length && inRange(data.charCodeAt(i), 0x30, 0x3f)) i++;
				const paramsEnd = i;
				while (i < length && inRange(data.charCodeAt(i), 0x20, 0x2f)) i++;
				if (i >= length) return unfinished(at);
				// A byte that cannot end a sequence: drop what came before, read it normally.
				if (!inRange(data.charCodeAt(i), 0x40, 0x7e)) return i;
				const press = csiPress(data.slice(start, paramsEnd), data.slice(paramsEnd, i), data[i]!);
				if (press) presses.push(press);
				return i + 1;
			};

			const ss3 = (at: number, start: number): number => {
				if (start >= length) return unfinished(at);
				if (!inRange(data.charCodeAt(start), 0x40, 0x7e)) return start;
				const press = ss3Press(data[start]!);
				if (press) presses.push(press);
				return start + 1;
			};

			/** Reads from the ESC at `at`; returns where decoding resumes. */
			const escape = (at: number): number => {
				const next = at + 1;
				if (next >= length) {
					presses.push(escapePress());
					return next;
				}
				const code = data.charCodeAt(next);
				switch (data[next]) {
					case '[':
						return csi(at, next + 1);
					case 'O':
						return ss3(at, next + 1);
					case ']':
					case 'P':
					case 'X':
					case '^':
					case '_':
						inString = true;
						return next + 1;
					case '\\': // a string terminator with no string: nothing
						return next + 1;
					default:
						break;
				}
				if (inRange(code, 0x20, 0x2f)) {
					// ESC, intermediates, final (ESC ( B picks a character set; it ends the
					// colour reset of tput sgr0): dropped whole.
					let i = next;
					while (i < length && inRange(data.charCodeAt(i), 0x20, 0x2f)) i++;
					if (i >= length) return unfinished(at);
					return inRange(data.charCodeAt(i), 0x30, 0x7e) ? i + 1 : i;
				} else if (code < 0x20 || code === 0x7f) {
					// alt with a control key (alt+backspace, alt+enter): that key, with meta.
					// ESC ESC is two escapes: the second is read on its own.
					const press = code === ESC ? undefined : controlPress(code);
					if (press) {
						presses.push({input: press.input, key: {...press.key, meta: true}});
						return next + 1;
					}
				}
				// ESC and then a key, typed quickly (esc q), arrive as one sequence that
				// terminals also send for alt+key. preflight binds no alt keys, so it
				// means both: escape, then the key read on its own.
				presses.push(escapePress());
				return next;
			};

			let i = 0;
			while (i < length) {
				if (pasted !== undefined) {
					// Everything up to the end bracket is text, whatever it holds: pasted
					// lines must not run as commands. The end bracket may be cut by a read.
					const end = data.indexOf(PASTE_END, i);
					if (end < 0) {
						const keep = longestPrefixAtEnd(data, PASTE_END);
						pasted += data.slice(i, length - keep);
						if (keep) partial = data.slice(length - keep);
						i = length;
						continue;
					}
					pasted += data.slice(i, end);
					const after = end + PASTE_END.length;
					if (after < length && !data.startsWith(PASTE_START, after)) {
						// More data in the same burst: the bracket was part of the text.
						endInPaste = true;
						i = after;
						continue;
					}
					// Line breaks as \n whatever the terminal sent (tmux and many others send CR).
					const text = sanitize(pasted.replace(/\r\n?/g, '\n'));
					if (text) presses.push({input: text, key: blankKey, paste: true});
					pasted = undefined;
					endInPaste = false;
					if (after === length) pasteClosedAt = now;
					i = after;
					continue;
				}
				if (data.startsWith(PASTE_START, i)) {
					pasted = '';
					i += PASTE_START.length;
					continue;
				}
				if (inString) {
					// Ends at BEL or ST (ESC \ or 0x9c); CAN and SUB abort it, and so does
					// any other ESC, which then starts a sequence of its own.
					for (; i < length; i++) {
						const c = data.charCodeAt(i);
						if (c === 0x07 || c === 0x9c || c === 0x18 || c === 0x1a) {
							inString = false;
							i++;
							break;
						}
						if (c === ESC) {
							inString = false;
							if (data[i + 1] === '\\') i += 2;
							break;
						}
					}
					continue;
				}
				const code = data.charCodeAt(i);
				if (code === ESC) {
					i = escape(i);
				} else if (code < 0x20 || code === 0x7f) {
					const press = controlPress(code);
					if (press) presses.push(press);
					i++;
				} else if (inRange(code, 0x80, 0x9f)) {
					// 8-bit controls, as pasted text may hold them: the same sequences, one byte shorter.
					if (code === 0x9b) i = csi(i, i + 1);
					else if (code === 0x8f) i = ss3(i, i + 1);
					else {
						if (code === 0x90 || code === 0x98 || code === 0x9d || code === 0x9e || code === 0x9f)
							inString = true;
						i++;
					}
				} else {
					const ch = String.fromCodePoint(data.codePointAt(i)!);
					presses.push(charPress(ch));
					i += ch.length;
				}
			}
			// (A paste has no timeout: its end bracket is sent by the terminal, not typed.)
			if (pasted !== undefined || (!inString && partial === '')) pendingSince = undefined;
			else pendingSince ??= now;
			return presses;
		},
		waiting: () => pasted !== undefined && endInPaste,
	};
}

/** How many characters at the end of `data` begin `marker` (a marker cut by the end of a read). */
function longestPrefixAtEnd(data: string, marker: string): number {
	for (let n = Math.min(marker.length - 1, data.length); n > 0; n--)
		if (data.endsWith(marker.slice(0, n))) return n;
	return 0;
}

/** A press that types text (a character with no ctrl or meta), as opposed to a command key. */
export function isTextPress({input, key, paste}: Press): boolean {
	return !paste && input !== '' && !key.ctrl && !key.meta;
}
