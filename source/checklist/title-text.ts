// Titles out of other tools' checklists (item lists, Azure, AWS lenses): one
// line of text with no HTML tags or runs of spaces, no longer than the Markdown
// reader allows (documented in docs/checklist-formats.md). Escapes and control
// characters stay in the text (`checklist show` writes them as escapes); ids
// are derived without them (ids.ts). markdown-text.ts imports only types from
// the parser, so shortenTitle does not load markdown-it.
import {shortenTitle} from './markdown-text.js';

// Only tags HTML defines for text: `<T>` or `<name>` in a title stay as written.
const htmlTag =
	/<\/?(?:a|abbr|b|br|blockquote|code|del|details|div|em|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|s|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|u|ul)\b[^<>]*\/?>/gi;

/** One line without HTML tags (`<br>` is a space), line breaks or repeated spaces. */
export function cleanLine(text: string): string {
	return text
		.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
		.replace(htmlTag, ' ')
		.replace(/&nbsp;/gi, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Inline Markdown as its text: links and images as their text, no emphasis or code marks. */
function markdownInline(text: string): string {
	return text
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
		.replace(/(^|[\s(])([*_])(?=\S)([^*_]*?\S)\2(?=$|[\s.,;:!?)])/g, '$1$3')
		.replace(/`([^`]*)`/g, '$1');
}

/**
 * A title and what goes to the guidance: the text cleaned (see cleanLine), its
 * Markdown read as text when `markdown` (a description serving as the title),
 * and over 200 characters only its first sentence (shortenTitle); `rest` is
 * empty when nothing was cut.
 */
export function titleParts(text: string, markdown = false): {title: string; rest: string} {
	const line = cleanLine(markdown ? markdownInline(text) : text);
	return shortenTitle(line);
}
