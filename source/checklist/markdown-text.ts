// Text out of Markdown: titles as plain text, guidance as readable plain text,
// `{#id key=value}` attributes, and where in the file a piece of text is.
import type {Block, Inline, Token} from './markdown-parse.js';
import type {Position} from './problems.js';

export type Attr = {value: string; pos: Position};
/** Text with its attributes taken off: `text` is still Markdown. */
export type Attrs = {text: string; id?: Attr; attrs: Map<string, Attr>};
export type Link = {text: string; href: string};
/** Where an offset into a piece of source text is in the file. */
export type Placer = (offset: number) => Position;

const attrBlockRe = /[ \t]*\{([^{}]*)\}[ \t]*$/;
const idCommentRe = /[ \t]*<!--[ \t]*id:[ \t]*(\S*?)[ \t]*-->[ \t]*$/i;
const attrTokenRe = /^#\S+$|^[A-Za-z][\w-]*=\S*$/;

/** Longest title kept whole; a longer one keeps its first sentence. */
export const MAX_TITLE = 200;

/** The 0-based column where `part` (a line of parsed content) starts in the source line `raw`. */
export function startColumn(raw: string, part: string): number {
	const lead = Math.max(0, raw.search(/\S/));
	const want = part.trim();
	if (!want) return lead;
	const rawEnd = raw.trimEnd();
	const partEnd = part.trimEnd();
	if (rawEnd.endsWith(partEnd)) return rawEnd.length - partEnd.length;
	const found = raw.indexOf(want, lead);
	return found >= 0 ? found : lead;
}

/**
 * A placer for `content`, whose line `i` is the source line `first + i`
 * (0-based) and starts at the column `columnOf(i)` (0-based) there.
 */
export function placer(first: number, content: string, columnOf: (i: number) => number): Placer {
	const starts = [0];
	for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
	return (offset) => {
		let i = starts.length - 1;
		while (i > 0 && (starts[i] ?? 0) > offset) i--;
		return {line: first + i + 1, column: columnOf(i) + offset - (starts[i] ?? 0) + 1};
	};
}

/** Whether a line ends with an attribute block or an id comment (either ends a title). */
export function endsWithAttributes(line: string): boolean {
	const end = line.trimEnd();
	if (end.endsWith('-->') && idCommentRe.test(end)) return true;
	if (!end.endsWith('}')) return false;
	const block = attrBlockRe.exec(end);
	return block !== null && isShaped(block[1] ?? '');
}

function isShaped(inner: string): boolean {
	const tokens = inner.split(/\s+/).filter(Boolean);
	return tokens.length > 0 && tokens.every((t) => attrTokenRe.test(t));
}

/**
 * Splits `Title {#id key=value}` or `Title <!-- id: x -->` into the text and
 * its attributes. A brace group that is not attribute-shaped stays text.
 */
export function attributes(source: string, place: Placer): Attrs {
	let text = source;
	let id: Attr | undefined;
	const attrs = new Map<string, Attr>();
	// Cheap guards first: these patterns are unanchored and most lines carry neither.
	const comment = text.includes('<!--') ? idCommentRe.exec(text) : null;
	if (comment) {
		const value = comment[1] ?? '';
		const offset = comment.index + comment[0].lastIndexOf(value || '-->');
		id = {value, pos: place(offset)};
		text = text.slice(0, comment.index);
	}
	const block = text.trimEnd().endsWith('}') ? attrBlockRe.exec(text) : null;
	if (block && isShaped(block[1] ?? '')) {
		const innerAt = block.index + block[0].indexOf('{') + 1;
		for (const t of (block[1] ?? '').matchAll(/\S+/g)) {
			const pos = place(innerAt + t.index);
			if (t[0].startsWith('#')) id = {value: t[0].slice(1), pos};
			else {
				const eq = t[0].indexOf('=');
				attrs.set(t[0].slice(0, eq), {value: t[0].slice(eq + 1), pos});
			}
		}
		text = text.slice(0, block.index);
	}
	return {text, ...(id ? {id} : {}), attrs};
}

/**
 * Inline Markdown as plain text. In a title (`urls: false`) links are their
 * text, images and HTML are dropped, and every link is added to `links`; in
 * guidance a link is `text (url)` and an image its alt text.
 */
export function plainText(tokens: readonly Token[], urls: boolean, links?: Link[]): string {
	let out = '';
	let link: {href: string; start: number} | undefined;
	for (const t of tokens) {
		switch (t.type) {
			case 'text':
			case 'code_inline':
				out += t.content;
				break;
			case 'softbreak':
				out += ' ';
				break;
			case 'hardbreak':
				out += '\n';
				break;
			case 'html_inline':
				if (/^<br\s*\/?>$/i.test(t.content)) out += urls ? '\n' : ' ';
				break;
			case 'image':
				if (urls) out += plainText(t.children ?? [], urls);
				break;
			case 'link_open':
				link = {href: String(t.attrGet('href') ?? ''), start: out.length};
				break;
			case 'link_close': {
				if (!link) break;
				const text = out.slice(link.start).trim();
				if (link.href && text !== link.href && text !== link.href.replace(/^mailto:/, '')) {
					if (urls) out += ` (${link.href})`;
					links?.push({text, href: link.href});
				}
				link = undefined;
				break;
			}
			default:
				break;
		}
	}
	return out;
}

// Text without any of these has no inline Markdown in it (a space before a
// line break may make a hard break; NUL is replaced by the parser).
const markup = /[\\`*_[\]<>&!~\0]| \n/;

/**
 * Inline Markdown as plain text, as `plainText` makes it; text without any
 * Markdown punctuation (most titles) is taken as it is, without the parser.
 */
export function plainOf(inline: Inline, src: string, urls: boolean, links?: Link[]): string {
	const text = markup.test(src)
		? plainText(inline(src), urls, links)
		: src.replace(/[ \t]*\n[ \t]*/g, ' ');
	return text.includes('{:') ? text.replace(inlineAttributesRe, '') : text;
}

// Kramdown's inline attribute lists (`[link](url){:target="_blank"}`): markup for
// the HTML it makes, not words.
const inlineAttributesRe = /[ \t]*\{:[^{}\n]*\}/g;

/** Text on one line: runs of white space as one space. */
export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Text with each line's white space tidied, and no blank lines at either end. */
export function tidyLines(text: string): string {
	return text
		.split('\n')
		.map((l) => l.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.trim();
}

/** `Links: text (url), …` for the links taken out of a title; empty when none. */
export function linksLine(links: readonly Link[]): string {
	if (links.length === 0) return '';
	return `Links: ${links.map((l) => (l.text ? `${l.text} (${l.href})` : l.href)).join(', ')}`;
}

function indent(text: string, by: string): string {
	return text
		.split('\n')
		.map((l) => (l ? `${by}${l}` : l))
		.join('\n');
}

/** HTML as the text between its tags (a `<summary>` keeps its words). */
export function htmlText(html: string): string {
	return tidyLines(html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<[^>]*>/g, ' '));
}

/**
 * A block as plain text for guidance. `skip` leaves out list items that are
 * items of their own (nested task boxes).
 */
export function blockText(block: Block, inline: Inline, skip?: (item: Block) => boolean): string {
	const t = block.token;
	switch (t.type) {
		case 'paragraph_open':
		case 'heading_open':
			return tidyLines(plainOf(inline, block.text ?? '', true));
		case 'fence':
			return `${t.markup}${t.info}\n${t.content}${t.markup}`;
		case 'code_block':
			return t.content.replace(/\n$/, '');
		case 'html_block':
			return htmlText(t.content);
		case 'blockquote_open':
			return indent(blocksText(block.children, inline, skip), '> ');
		case 'bullet_list_open':
		case 'ordered_list_open':
			return block.children
				.filter((item) => !skip?.(item))
				.map((item) => {
					const marker =
						t.type === 'ordered_list_open' ? `${item.token.info}${item.token.markup} ` : '- ';
					const body = item.children
						.map((b) => blockText(b, inline, skip))
						.filter(Boolean)
						.join('\n');
					return `${marker}${indent(body, ' '.repeat(marker.length)).slice(marker.length)}`;
				})
				.join('\n');
		case 'table_open':
			return tableRows(block)
				.map((row) => row.map((cell) => oneLine(plainOf(inline, cell, true))).join(' | '))
				.join('\n');
		default:
			return '';
	}
}

/** Blocks as plain text, paragraphs apart. */
export function blocksText(
	blocks: readonly Block[],
	inline: Inline,
	skip?: (item: Block) => boolean,
): string {
	return blocks
		.map((b) => blockText(b, inline, skip))
		.filter(Boolean)
		.join('\n\n');
}

/** A table's rows (header first), each a list of its cells' inline Markdown. */
export function tableRows(table: Block): string[][] {
	const rows: string[][] = [];
	for (const part of table.children)
		for (const row of part.children) rows.push(row.children.map((cell) => cell.text ?? ''));
	return rows;
}

const abbreviation = /\b(?:e\.g|i\.e|etc|vs|cf|incl|approx|esp|no|fig|eq)\.$/i;

/**
 * A title over MAX_TITLE characters keeps its first sentence; the rest goes to
 * guidance. When even the first sentence is too long, the title is cut at a
 * word and ends with `…`, and the guidance starts with the whole text.
 */
/**
 * `**Lead words** - the rest`: an item that opens with strong text followed by
 * a dash, a colon or a full stop and more text: the strong text and the rest.
 * When the whole is too long for a title, the strong text is the title and the
 * rest its guidance (as READMEs write a check and its explanation).
 */
export function boldLead(src: string): {title: string; rest: string} | undefined {
	const m =
		/^[ \t]*(\*\*|__)(?=\S)([\s\S]+?)(?<=\S)\1[ \t]*(?:[-–—:]|\.(?=\s))[ \t]*(\S[\s\S]*)$/.exec(
			src,
		);
	if (!m?.[2] || !m[3]) return undefined;
	return {title: m[2], rest: m[3]};
}

function count(text: string, char: string): number {
	let n = 0;
	for (const c of text) if (c === char) n++;
	return n;
}

export function shortenTitle(title: string): {title: string; rest: string} {
	if (title.length <= MAX_TITLE) return {title, rest: ''};
	// A sentence ends at . ! or ? (and the quotes or brackets closing on it) before a space.
	const end = /[.!?]["'”’)\]]*(?=\s)|[。！？]/g;
	for (let m = end.exec(title); m && m.index < MAX_TITLE; m = end.exec(title)) {
		const stop = m.index + m[0].length;
		const head = title.slice(0, stop);
		if (head.length < 12 || abbreviation.test(title.slice(0, m.index + 1))) continue;
		// Not inside brackets: `(…: it cuts off at 472 pixels. The average is 55.)` is one aside.
		if (count(head, '(') > count(head, ')') || count(head, '[') > count(head, ']')) continue;
		return {title: head.trim(), rest: title.slice(stop).trim()};
	}
	const cut = title.slice(0, MAX_TITLE).replace(/\s+\S*$/, '');
	return {title: `${cut || title.slice(0, MAX_TITLE)}…`, rest: title};
}
