import {cells, columns, fitColumns} from '../../terminal/width.js';

export {cells, columns, fitColumns};

// A list item's marker at the start of a line ("- ", "* ", "• ", "1. ", "2) "),
// with any indentation before it: the lines it wraps onto hang under its text.
const listMarker = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)/;

// Characters that never start a line (closing brackets and quotes, stops and
// commas, the prolonged sound mark, small kana): where a line would break
// before one, the character before it goes down too (kinsoku, as Japanese
// and Chinese are set).
const noLineStart =
	/[、。，．・：；？！ー〜～ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ）〕］｝〉》」』】〙〗〟’”｠»,.:;!?)\]}]/u;

/**
 * Word-wraps text whole to `width` columns, measuring each character as the
 * wider of our count and Ink's (see cells), so no line is ever wider than the
 * terminal draws it and nothing is cut. Line breaks are kept. Lines break at
 * spaces; text in a script written without spaces (Chinese, Japanese) breaks
 * between any two characters but before a closing mark, and so does a word
 * longer than a line (an id, a URL), which starts where the line is rather
 * than leaving a gap. A list item's lines after its first hang under its
 * text.
 */
export function wrapLines(text: string, width: number): string[] {
	const w = Math.max(4, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		const marker = listMarker.exec(paragraph)?.[0];
		const hang = marker && cells(marker) <= w / 3 ? ' '.repeat(cells(marker)) : '';
		let line = '';
		// cells(line), kept as words are added rather than counted again for each
		let used = 0;
		const newLine = (carry = '') => {
			lines.push(line.trimEnd());
			line = hang + carry;
			used = hang.length + cells(carry);
		};
		for (const word of paragraph.split(/(\s+)/)) {
			if (word === '') continue;
			const wordCells = cells(word);
			if (used + wordCells <= w) {
				line += word;
				used += wordCells;
				continue;
			}
			// Spaces where a line breaks are the break.
			if (word.trim() === '') {
				if (line.trim()) newLine();
				continue;
			}
			// Wide characters (CJK) may break anywhere; so must a word no line holds.
			const breaksAnywhere = columns(word) > [...word].length || wordCells > w - hang.length;
			if (!breaksAnywhere) {
				if (line.trim()) newLine();
				line += word;
				used += wordCells;
				continue;
			}
			// Cut where the line is full, in one pass (counting each piece again per
			// character was quadratic in its length).
			for (const ch of word) {
				const c = cells(ch);
				if (used + c > w && line.trim()) {
					const chars = [...line];
					const last = chars.at(-1) ?? '';
					const carry =
						noLineStart.test(ch) && last.trim() && chars.length - hang.length > 1 ? last : '';
					if (carry) line = chars.slice(0, -1).join('');
					newLine(carry);
				}
				line += ch;
				used += c;
			}
		}
		lines.push(line.trimEnd());
	}
	while (lines.length > 0 && lines.at(-1) === '') lines.pop();
	return lines;
}

/**
 * A review's name (system, then release) in at most `width` columns. The system
 * is cut before the release: two releases of one system differ only in the
 * release, and must not look the same when the name is too long. A release too
 * long to leave the system its least (four columns, `pay…`) is cut only once the
 * system is down to that least, at its start, keeping the end, where releases
 * differ (`2.0.1`, `2.0.2`).
 */
export function fitReviewName(system: string, release: string | undefined, width: number): string {
	if (!release) return fitColumns(system, width);
	const whole = `${system} ${release}`;
	if (fitColumns(whole, width) === whole) return whole;
	const systemRoom = width - 1 - cells(release);
	const minSystem = Math.min(4, cells(system));
	if (systemRoom >= minSystem) return `${fitColumns(system, systemRoom)} ${release}`;
	// A release too long even beside the system's least: the system is cut to
	// that least, and only then the release, keeping its end.
	const head = fitColumns(system, minSystem);
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
