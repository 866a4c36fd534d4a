// The Markdown parser, and the block tree the checklist reader walks. It is
// markdown-it with the CommonMark rules plus GFM tables and strikethrough;
// front matter is blanked out first, and task boxes and attributes are left to
// the reader (markdown.ts), which is loaded only when a Markdown checklist is
// read (load.ts).
import MarkdownIt from 'markdown-it';
import type {Token} from 'markdown-it';
import {PreflightError} from '../errors.js';
import {MAX_NESTING} from '../model/depth.js';
import {sanitizeLine} from '../terminal/sanitize.js';

export type {Token};

/**
 * A block: its opening token (or the leaf token), its children, and the inline
 * Markdown it holds (a paragraph's, a heading's, a cell's), not yet parsed.
 */
export type Block = {token: Token; children: Block[]; text?: string};

/** Parses inline Markdown (with the document's link references). */
export type Inline = (src: string) => Token[];

/** Parsed Markdown: the blocks at the top, the source's lines, and what inline parsing needs. */
export type Parsed = {
	blocks: Block[];
	lines: string[];
	inline: Inline;
};

// Past this many levels markdown-it stops parsing a container and silently
// drops what is inside, so a file that reaches it is refused instead (each
// list level takes two: the list and its item).
const nestingLimit = MAX_NESTING;

const options = {html: true, maxNesting: nestingLimit};
const md = new MarkdownIt('commonmark', options).enable(['table', 'strikethrough']);
// Links are shown as written, not percent-encoded for a browser.
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;
// The blocks are parsed first, without their inline Markdown: the reader parses
// only the inline text it uses, and each piece once (a title apart from the
// attributes and guidance that share its paragraph).
const blockMd = new MarkdownIt('commonmark', options).enable(['table', 'strikethrough']);
blockMd.core.ruler.disable(['inline', 'text_join']);

/**
 * YAML front matter (`---` on the first line up to `---` or `...`) is not
 * Markdown: its lines are blanked, so that line numbers stay those of the file.
 */
function withoutFrontMatter(lines: string[]): string[] {
	if (lines[0]?.trimEnd() !== '---') return lines;
	const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
	if (end < 0) return lines;
	return lines.map((l, i) => (i <= end ? '' : l));
}

/** Builds the block tree from markdown-it's flat token list, without recursion. */
function treeOf(tokens: Token[]): Block[] {
	const top: Block[] = [];
	const stack: Block[] = [];
	for (const token of tokens) {
		const parent = stack.at(-1);
		if (token.nesting === -1) {
			stack.pop();
			continue;
		}
		if (token.type === 'inline') {
			if (parent) parent.text = token.content;
			continue;
		}
		const block: Block = {token, children: []};
		(parent ? parent.children : top).push(block);
		if (token.nesting === 1) stack.push(block);
	}
	return top;
}

/**
 * The line of the first container opened so deep that markdown-it dropped
 * what it holds (it parses nothing inside a container at maxNesting).
 */
function tooDeepAt(tokens: Token[]): number | undefined {
	let line = 0;
	for (const token of tokens) {
		if (token.map) line = token.map[0];
		if (token.nesting === 1 && token.level >= nestingLimit - 1) return line + 1;
	}
	return undefined;
}

/** Parses Markdown text; a file nested deeper than any checklist is refused with one line. */
export function parseMarkdown(text: string, path: string): Parsed {
	const lines = withoutFrontMatter(text.split(/\r\n?|\n/));
	const env = {};
	const tokens = blockMd.parse(lines.join('\n'), env);
	const deep = tooDeepAt(tokens);
	if (deep !== undefined)
		throw new PreflightError(
			`checklist ${sanitizeLine(path)}: nested too deeply at line ${deep} (no checklist nests lists or quotes so deep)`,
		);
	return {
		blocks: treeOf(tokens),
		lines,
		inline: (src) => (src ? (md.parseInline(src, env)[0]?.children ?? []) : []),
	};
}
