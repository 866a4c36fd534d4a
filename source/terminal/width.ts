// How many terminal columns text takes: shared by the app's layout and the
// commands' tables (which must not load the UI to line up a column).
import stringWidth from 'fast-string-width';

// Terminal columns of a string, near enough for laying out prose: East Asian
// wide and fullwidth characters and emoji take two columns, everything else one.
const wide =
	/[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

export function columns(text: string): number {
	let n = 0;
	for (const ch of text) n += wide.test(ch) ? 2 : 1;
	return n;
}

/** Columns as the wider of `columns` and Ink's own measure (see fitColumns). */
export function cells(text: string): number {
	return Math.max(columns(text), stringWidth(text));
}

/**
 * Cuts text to at most `width` columns, ending with "…" when cut. Ink's own
 * truncation can overshoot by a column at a wide (CJK, emoji) character, which
 * then wraps onto a line of its own; text cut here never reaches it. Widths are
 * also checked as Ink measures them (fast-string-width, which the bundle gives
 * Ink): a character `columns` counts as one but Ink as two (an emoji such as ✅)
 * must not push a row past its width.
 */
export function fitColumns(text: string, width: number): string {
	if (width <= 0) return '';
	if (columns(text) <= width && stringWidth(text) <= width) return text;
	let out = '';
	let used = 0;
	for (const ch of text) {
		const w = Math.max(columns(ch), stringWidth(ch));
		if (used + w > width - 1) break;
		out += ch;
		used += w;
	}
	return `${out}…`;
}
