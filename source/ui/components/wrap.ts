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

/**
 * Word-wraps text to `width` columns and keeps at most `maxLines` lines; when
 * text is cut, the last line ends with "…" so the reader knows there is more.
 */
export function clipLines(text: string, width: number, maxLines: number): string[] {
	if (maxLines <= 0) return [];
	const w = Math.max(4, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		// columns(line), kept as words are added rather than counted again for each
		let used = 0;
		for (const word of paragraph.split(/(\s+)/)) {
			if (word === '') continue;
			const wordColumns = columns(word);
			if (used + wordColumns <= w) {
				line += word;
				used += wordColumns;
				continue;
			}
			if (line.trim()) lines.push(line.trimEnd());
			line = word.trimStart();
			used = columns(line);
			// A single word longer than the line is cut into pieces.
			while (used > w) {
				let piece = '';
				for (const ch of line) {
					if (columns(piece + ch) > w) break;
					piece += ch;
				}
				lines.push(piece);
				line = line.slice(piece.length);
				used = columns(line);
			}
		}
		lines.push(line.trimEnd());
	}
	while (lines.length > 0 && lines.at(-1) === '') lines.pop();
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	let last = kept[maxLines - 1] ?? '';
	while (last && columns(last) + 1 > w) last = [...last].slice(0, -1).join('');
	kept[maxLines - 1] = `${last}…`;
	return kept;
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
