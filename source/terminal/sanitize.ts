// One gate for every piece of outside text shown on a terminal: checklist text,
// notes, evidence refs, system names, error messages. It removes escape sequences
// (CSI, OSC — including hyperlinks, clipboard and title —, DCS, SOS, PM, APC and
// their 8-bit forms), every C0/C1 control character but newline and tab, and the
// bidirectional controls.
/* eslint-disable no-control-regex -- matching control characters is this file's purpose */
const sequences = [
	// OSC, DCS, SOS, PM, APC: introducer ... terminated by BEL, ST (ESC \ or 0x9c), or end of text.
	/(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g,
	// CSI: ESC [ or 0x9b, parameters, intermediates, final byte.
	/(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g,
	// Other two-character escapes (ESC followed by one byte).
	/\u001b[\u0020-\u007e]?/g,
];
// C0/C1 controls; the bidirectional controls (embeddings, overrides, isolates
// and the marks U+200E, U+200F, U+061C): they make a terminal draw text in an
// order other than its bytes, so "evil\u202Etxt.exe" would read as
// "evilexe.txt"; and the invisible characters that join or split nothing a
// reader can see (zero-width space, word joiner, invisible operators, BOM).
// Zero-width (non-)joiners stay: emoji sequences and several scripts need them.
const controls =
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// Line and paragraph separators: line breaks to a reader, so shown as such.
const separators = /[\u2028\u2029]/g;
/**
 * What a name (system, release, reviewer, waiver owner) may not hold beyond
 * what sanitize removes: every invisible or format character (zero-width
 * characters and joiners, direction marks, soft hyphens, variation selectors,
 * tags), line separators, and spaces other than the plain one (a no-break
 * space). Any of them makes two names that look the same on screen differ,
 * so one review would show as two identical rows and could not be typed back.
 */
const invisibleInNames = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Whether text holds anything sanitize removes: an escape, a control or bidirectional character (newline and tab included). */
export function hasUnsafeText(text: string): boolean {
	controls.lastIndex = 0;
	return text.includes('\u001b') || /[\n\t\u2028\u2029]/.test(text) || controls.test(text);
}

/**
 * Whether a name holds what a person cannot see or type back: anything
 * hasUnsafeText finds, and every invisible, format or unusual space character
 * (see invisibleInNames). The plain space is allowed.
 */
export function hasUnsafeName(text: string): boolean {
	return hasUnsafeText(text) || invisibleInNames.test(text.replace(/ /g, ''));
}

/** Text safe to print on a terminal; newline and tab are kept. */
export function sanitize(text: string): string {
	let out = text;
	for (const re of sequences) out = out.replace(re, '');
	return out.replace(controls, '').replace(separators, '\n');
}

/** Sanitised and on one line: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
	return sanitize(text).replace(/[\n\t]+/g, ' ');
}
