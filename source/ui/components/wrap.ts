import {cells, columns, fitColumns} from '../../terminal/width.js';

export {cells, columns, fitColumns};

/**
 * Word-wraps text to `width` columns and keeps at most `maxLines` lines; when
 * text is cut, the last line ends with "…" so the reader knows there is more.
 */
export function clipLines(text: string, width: number, maxLines: number): string[] {
	if (maxLines <= 0) return [];
	const w = Math.max(4, width);
	const lines: string[] = [];
	// Lines with text so far: past maxLines of them, the rest of the text only
	// decides that there is more, so wrapping stops (a long note is not wrapped
	// whole on every frame to show a few lines of it).
	let textLines = 0;
	const push = (line: string) => {
		lines.push(line);
		if (line !== '') textLines++;
	};
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
			if (line.trim()) push(line.trimEnd());
			line = word.trimStart();
			used = columns(line);
			if (used > w) {
				// A single word longer than the line is cut into pieces, in one pass
				// (counting each piece again per character was quadratic in its length).
				let piece = '';
				let pieceColumns = 0;
				for (const ch of line) {
					const c = columns(ch);
					if (pieceColumns + c > w) {
						push(piece);
						if (textLines > maxLines) break;
						piece = '';
						pieceColumns = 0;
					}
					piece += ch;
					pieceColumns += c;
				}
				line = piece;
				used = pieceColumns;
			}
			if (textLines > maxLines) break;
		}
		push(line.trimEnd());
		if (textLines > maxLines) break;
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
 * A review's name (system, then release) in at most `width` columns. The system
 * is cut before the release: two releases of one system differ only in the
 * release, and must not look the same when the name is too long. A release too
 * long to leave the system a few columns is cut at its start, keeping the end,
 * where releases differ (`2.0.1`, `2.0.2`).
 */
export function fitReviewName(system: string, release: string | undefined, width: number): string {
	if (!release) return fitColumns(system, width);
	const whole = `${system} ${release}`;
	if (fitColumns(whole, width) === whole) return whole;
	const systemRoom = width - 1 - cells(release);
	const minSystem = Math.min(4, cells(system));
	if (systemRoom >= minSystem) return `${fitColumns(system, systemRoom)} ${release}`;
	// Very long releases: a third for the system, the release's end in the rest.
	const room = Math.max(1, Math.floor(width / 3));
	const head = fitColumns(system, room);
	const tailRoom = width - cells(head) - 1;
	return `${head} ${fitStart(release, tailRoom)}`;
}

/** Cuts text to at most `width` columns from its start, beginning with "…" when cut. */
function fitStart(text: string, width: number): string {
	if (width <= 0) return '';
	if (cells(text) <= width) return text;
	const chars = [...text];
	let out = '';
	let used = 0;
	for (let i = chars.length - 1; i >= 0; i--) {
		const ch = chars[i]!;
		const w = cells(ch);
		if (used + w > width - 1) break;
		out = ch + out;
		used += w;
	}
	return `…${out}`;
}
