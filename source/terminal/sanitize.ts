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
// C0/C1 controls, and the bidirectional embedding, override and isolate
// controls (U+202A–U+202E, U+2066–U+2069): they make a terminal draw text in an
// order other than its bytes, so "evil\u202Etxt.exe" would read as "evilexe.txt".
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Whether text holds anything sanitize removes: an escape, a control or bidirectional character (newline and tab included). */
export function hasUnsafeText(text: string): boolean {
	controls.lastIndex = 0;
	return text.includes('\u001b') || /[\n\t]/.test(text) || controls.test(text);
}

/** Text safe to print on a terminal; newline and tab are kept. */
export function sanitize(text: string): string {
	let out = text;
	for (const re of sequences) out = out.replace(re, '');
	return out.replace(controls, '');
}

/** Sanitised and on one line: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
	return sanitize(text).replace(/[\n\t]+/g, ' ');
}
