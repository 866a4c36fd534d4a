// Markdown checklists (the rules are in docs/checklist-formats.md): the first
// `#` heading is the title, other headings are sections, task boxes (or, in a
// file without any, list items) and the rows of task-like tables are items.
// The file is read with a CommonMark parser (markdown-parse.ts); this module
// decides what in the block tree is a section, an item and its guidance.
import {
	checklistData,
	itemFields,
	locator,
	nameRepeatedSections,
	newSection,
	type MdItem,
	type MdSection,
	type MdTitle,
} from './markdown-data.js';
import {parseMarkdown, type Block, type Inline, type Parsed} from './markdown-parse.js';
import {levelWord, splitSummary, tableItems} from './markdown-table.js';
import {
	attributes,
	blocksText,
	endsWithAttributes,
	htmlText,
	linksLine,
	oneLine,
	placer,
	plainOf,
	plainText,
	boldLead,
	shortenTitle,
	startColumn,
	tidyLines,
	type Link,
	type Placer,
} from './markdown-text.js';
import {hasUnsafeText, sanitize} from '../terminal/sanitize.js';
import {at, quote, type ChecklistProblem, type Locator, type Position} from './problems.js';

const titleFields = new Set(['version', 'reviewEvery']);
const boxRe = /^\[[ xX]\](?:[ \t]+|$)/;
const hardBreakRe = /(?: {2,}|\\)$/;

/** Words a wrapped line may end on mid-sentence: the next line goes on with it. */
const runOnWord =
	/(?:^|\s)(?:a|an|and|or|nor|but|the|of|to|in|on|at|by|for|from|with|without|into|onto|over|under|via|per|as|than|that|which|who|is|are|be|its|their|your|our|every|each|all|any|no|not)$/i;

/**
 * Whether `next` starts the explanation of the title on `line` rather than
 * going on with it: it starts with a capital, and `line` ends a sentence or is
 * short (under 60 characters, shorter than a hard wrap) without ending on a word
 * such as `and` or `the`.
 */
function startsExplanation(line: string, next: string): boolean {
	if (!/^\s*\p{Lu}/u.test(next)) return false;
	const text = line.trim();
	if (/[.!?:]$/.test(text)) return true;
	return text.length < 60 && !runOnWord.test(text);
}
const isList = (b: Block) =>
	b.token.type === 'bullet_list_open' || b.token.type === 'ordered_list_open';
// Headings whose lists are references, not checks (in a file without task boxes).
const referenceHeading =
	/^(?:table of contents|contents|toc|references?|further reading|reading list|resources|(?:useful |related )?links|see also|related|bibliography|sources|credits|acknowledge?ments?|licen[cs]e|contributing|contributors|changelog|authors?|footnotes)$/i;
const htmlTitle = /^\s*<h1\b[^>]*>([\s\S]*?)<\/h1>/i;
const outside = 'item outside any section: put a heading (## Section) above it';
// What may stand between the links of a link-only list item.
const linkGlue = /^[\s,;:|·•/()–—-]*$/;
// Text beside the link of an item that is mainly a link (`@user/`, `Name /`): at most this long.
const LINK_PREFIX = 30;

/**
 * Text without terminal escape sequences and control characters: titles are
 * plain text, and ids derived from them should not spell out an escape.
 */
/** An image's alt text that is a level word: a priority badge (`![High][high_img]`). */
const badgeRe =
	/^(?:critical|high(?:est)?|essential|required|mandatory|blocker|medium|low(?:est)?|optional|recommended|advanced|minor|p[0-4])(?: priority)?$/i;
/** A reference image whose reference is not defined: GitHub shows it as text, we drop it. */
const looseImageRe = /!\[([^\]]*)\]\[[^\]]*\]/g;

/** An emoji shortcode (`:wrench:`) standing as a word: GitHub draws it, a terminal would not. */
const shortcodeRe = /(?<=^|\s):[a-z0-9_+-]{2,}:(?=\s|$)/g;

function clean(text: string): string {
	return hasUnsafeText(text) ? sanitize(text) : text;
}

function paragraphOf(item: Block): Block | undefined {
	const first = item.children[0];
	return first?.token.type === 'paragraph_open' ? first : undefined;
}

function isBoxed(item: Block): boolean {
	return boxRe.test(paragraphOf(item)?.text ?? '');
}

/** A list item that holds only links (a table-of-contents line), and lists of such items. */
function isLinkOnly(item: Block, inline: Inline): boolean {
	const src = paragraphOf(item)?.text ?? '';
	if (!src.includes('[') && !src.includes('<')) return false;
	const tokens = inline(src);
	let depth = 0;
	let links = 0;
	let beside = '';
	let linked = 0;
	for (const t of tokens) {
		if (depth > 0 && t.type === 'text') linked += t.content.trim().length;
		if (t.type === 'link_open') {
			depth++;
			links++;
		} else if (t.type === 'link_close') depth--;
		else if (depth === 0 && t.type === 'text' && !linkGlue.test(t.content)) beside += t.content;
		else if (depth === 0 && (t.type === 'code_inline' || t.type === 'image')) return false;
	}
	// A short prefix or suffix (an author, `@user/`), shorter than the link's
	// words, leaves the item mainly a link; `Enable [MFA](…)` is a check.
	const extra = beside.trim().length;
	if (extra > 0 && (extra > LINK_PREFIX || extra >= linked)) return false;
	return links > 0 && item.children.slice(1).every((b) => isList(b) && isLinkList(b, inline));
}

function isLinkList(list: Block, inline: Inline): boolean {
	return list.children.length > 0 && list.children.every((item) => isLinkOnly(item, inline));
}

/** Whether any list item in the file (outside quotes) starts with a task box. */
function hasTaskBoxes(blocks: readonly Block[]): boolean {
	const todo = [...blocks];
	for (let b = todo.pop(); b; b = todo.pop()) {
		if (b.token.type === 'blockquote_open' || b.token.type === 'table_open') continue;
		if (b.token.type === 'list_item_open' && isBoxed(b)) return true;
		todo.push(...b.children);
	}
	return false;
}

/** Parses Markdown into checklist data, a locator over it, and the problems only Markdown can have. */
export function fromMarkdown(
	text: string,
	path: string,
	fallbackVersion: string,
): {data: unknown; locate: Locator; problems: ChecklistProblem[]} {
	const parsed = parseMarkdown(text, path);
	const boxes = hasTaskBoxes(parsed.blocks);
	const strict = readMarkdown(parsed, boxes, path, fallbackVersion, false);
	if (!strict.empty) return strict.read;
	// Nothing read as an item: a table with a Name or Title column is the checklist then.
	const loose = readMarkdown(parsed, boxes, path, fallbackVersion, true);
	return loose.empty ? strict.read : loose.read;
}

/** Reads the parsed blocks (left as they are) into checklist data; `loose` as tableItems takes it. */
function readMarkdown(
	{blocks, lines, inline}: Parsed,
	boxes: boolean,
	path: string,
	fallbackVersion: string,
	loose: boolean,
): {read: {data: unknown; locate: Locator; problems: ChecklistProblem[]}; empty: boolean} {
	const problems: ChecklistProblem[] = [];
	const problem = (pos: Position, message: string) =>
		problems.push({where: at(pos), message, ...pos});

	/** Plain text of inline Markdown (a title's), its links added to `links`. */
	const titleText = (src: string, links?: Link[]) =>
		oneLine(
			clean(plainOf(inline, src, false, links))
				.replace(shortcodeRe, ' ')
				.replace(looseImageRe, ' '),
		);

	/** The level words of the priority badges in a title's Markdown (`![Medium][medium_img]`). */
	const badges = (src: string): string[] => {
		if (!src.includes('![')) return [];
		const out: string[] = [];
		for (const t of inline(src)) {
			if (t.type === 'image') out.push(oneLine(plainText(t.children ?? [], false)));
			else if (t.type === 'text' && t.content.includes('!['))
				for (const m of t.content.matchAll(looseImageRe)) out.push(oneLine(m[1] ?? ''));
		}
		return out.filter((alt) => badgeRe.test(alt));
	};

	/** An item from a title's Markdown: attributes off, plain text, long titles cut. */
	const makeItem = (
		src: string,
		place: Placer,
		pos: Position,
		before: string[],
		after: string[],
	): MdItem => {
		const summary = splitSummary(src);
		// Attributes stay where they are written: at the end of the whole line.
		const whole = attributes(summary ? summary.title : src, place);
		// A title too long to keep whole opens with strong text: that text is the title.
		const bold = summary ? undefined : boldLead(whole.text);
		const lead = bold && shortenTitle(titleText(whole.text)).rest ? bold : undefined;
		const parsed = lead ? {...whole, text: lead.title} : whole;
		if (summary) after = [tidyLines(plainOf(inline, summary.rest, true)), ...after];
		if (lead) after = [tidyLines(plainOf(inline, lead.rest, true)), ...after];
		const links: Link[] = [];
		const short = shortenTitle(titleText(parsed.text, links));
		for (const [key, attr] of parsed.attrs)
			if (!itemFields.has(key)) problem(attr.pos, `unknown field ${quote(key)}`);
		// A priority badge sets the level (unless the item gives one) and stays in the guidance.
		const badge = badges(parsed.text)[0];
		const badgeLevel = badge ? levelWord(badge) : undefined;
		if (badgeLevel && !parsed.attrs.has('level'))
			parsed.attrs.set('level', {value: badgeLevel, pos});
		const priority = badge ? `Priority: ${badge}` : '';
		const guidance = [...before, priority, short.rest, ...after, linksLine(links)].filter(Boolean);
		return {
			title: short.title,
			...(parsed.id ? {id: parsed.id} : {}),
			attrs: parsed.attrs,
			pos,
			guidance: clean(guidance.join('\n\n')),
		};
	};

	/** A list item as an item: its first paragraph's first line(s) the title, the rest guidance. */
	const listItem = (block: Block, boxed: boolean, context: string | undefined): MdItem => {
		const para = paragraphOf(block);
		const line = (para ?? block).token.map?.[0] ?? 0;
		const content = para?.text ?? '';
		const box = boxed ? (boxRe.exec(content)?.[0].length ?? 0) : 0;
		const parts = content.slice(box).split('\n');
		// The title ends at a line that ends in attributes or a hard break, or
		// where a new sentence starts under a short title; else the paragraph is one title.
		let end = parts.findIndex(
			(l, i) =>
				endsWithAttributes(l) ||
				(i < parts.length - 1 && (hardBreakRe.test(l) || startsExplanation(l, parts[i + 1] ?? ''))),
		);
		const hardBreak = end >= 0 && hardBreakRe.test(parts[end] ?? '');
		if (end < 0) end = parts.length - 1;
		const src = parts.slice(0, end + 1).join('\n');
		const rest = parts.slice(end + 1).join('\n');
		const place = placer(line, src, (i) => startColumn(lines[line + i] ?? '', parts[i] ?? ''));
		const start = block.token.map?.[0] ?? line;
		const pos = {line: start + 1, column: Math.max(0, (lines[start] ?? '').search(/\S/)) + 1};
		const skip = boxes ? isBoxed : undefined;
		return makeItem(
			hardBreak ? src.replace(/(?:\\| +)$/, '') : src,
			place,
			pos,
			context ? [`Part of: ${context}`] : [],
			[
				rest ? tidyLines(plainOf(inline, rest, true)) : '',
				blocksText(block.children.slice(para ? 1 : 0), inline, skip),
			],
		);
	};

	/** Items of a list in a file with task boxes: every boxed list item, nested ones too. */
	const boxedItems = (list: Block, context: string | undefined, out: MdItem[]) => {
		for (const item of list.children) {
			const boxed = isBoxed(item);
			let title = context;
			if (boxed) {
				const made = listItem(item, true, context);
				out.push(made);
				title = made.title;
			} else title = shortenTitle(titleText(paragraphOf(item)?.text ?? '')).title || context;
			for (const child of item.children) if (isList(child)) boxedItems(child, title, out);
		}
		return out;
	};

	/** Items of a list in a file without task boxes: its items, unless it is a list of links. */
	const plainItems = (list: Block, reference: boolean): MdItem[] => {
		if (reference || isLinkList(list, inline)) return [];
		return list.children
			.filter((item) => item.children.length > 0)
			.map((item) => listItem(item, false, undefined));
	};

	// Items whose id comes from a table's ID column: dropped for a derived one
	// if another item in the file has the same id.
	const columnIds = new Set<MdItem>();
	const tableRowItems = (table: Block): MdItem[] | undefined =>
		tableItems(table, lines, inline, loose)?.map((row) => {
			const item = makeItem(row.title, row.place, row.pos, [], [row.extras.join('\n')]);
			if (row.level && !item.attrs.has('level'))
				item.attrs.set('level', {value: row.level, pos: row.pos});
			if (row.id && !item.id) {
				item.id = {value: row.id, pos: row.pos};
				columnIds.add(item);
			}
			return item;
		});

	let title: MdTitle | undefined;
	const sections: MdSection[] = [];
	const stack: MdSection[] = [];
	let section: MdSection | undefined;

	const heading = (block: Block) => {
		const level = Number(block.token.tag.slice(1)) || 1;
		const line = block.token.map?.[0] ?? 0;
		const content = block.text ?? '';
		const parts = content.split('\n');
		const place = placer(line, content, (i) => startColumn(lines[line + i] ?? '', parts[i] ?? ''));
		const pos = place(0);
		const parsed = attributes(content, place);
		const text = titleText(parsed.text);
		if (!title && level === 1 && sections.length === 0) {
			for (const [key, attr] of parsed.attrs)
				if (!titleFields.has(key)) problem(attr.pos, `unknown field ${quote(key)}`);
			title = {
				...newSection(text, parsed.id, pos, level, false),
				version: parsed.attrs.get('version'),
				reviewEvery: parsed.attrs.get('reviewEvery'),
			};
			return;
		}
		for (const [key, attr] of parsed.attrs) problem(attr.pos, `unknown field ${quote(key)}`);
		while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
		const parent = stack.at(-1);
		if (parent) parent.hasChild = true;
		// Emoji and punctuation around the words do not change what a heading names.
		const words = text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
		const reference = referenceHeading.test(words) || (parent?.reference ?? false);
		section = newSection(text, parsed.id, pos, level, reference);
		if (parent) section.parent = parent.title;
		sections.push(section);
		stack.push(section);
	};

	// Items above the first section: under the title they form its one section
	// when the file has no other; otherwise boxes and table rows there are an
	// error, and plain list items (in a file without boxes) an introduction.
	const titleItems: Array<{item: MdItem; strict: boolean}> = [];
	const addItems = (items: MdItem[], strict: boolean) => {
		if (section) section.items.push(...items);
		else if (title) titleItems.push(...items.map((item) => ({item, strict})));
		else if (strict) for (const it of items) problem(it.pos, outside);
	};

	for (const block of blocks) {
		const type = block.token.type;
		if (type === 'heading_open') {
			heading(block);
			continue;
		}
		if (section && type !== 'hr') section.hasContent = true;
		// READMEs often open with a centred <h1> in HTML: it is the title then.
		const h1 = !title && !section && type === 'html_block' && htmlTitle.exec(block.token.content);
		const h1Text = h1 ? oneLine(clean(htmlText(h1[1] ?? ''))) : '';
		if (h1Text) {
			const line = block.token.map?.[0] ?? 0;
			const pos = {line: line + 1, column: startColumn(lines[line] ?? '', h1Text) + 1};
			title = newSection(h1Text, undefined, pos, 1, false);
			continue;
		}
		if (isList(block) && boxes) addItems(boxedItems(block, undefined, []), true);
		else if (isList(block)) addItems(plainItems(block, section?.reference ?? false), false);
		else if (type === 'table_open') addItems(tableRowItems(block) ?? [], true);
		else if (type === 'paragraph_open' && section && section.items.length === 0) {
			const prose = tidyLines(plainOf(inline, block.text ?? '', true));
			if (prose) section.description.push(clean(prose));
		}
	}
	if (title && titleItems.length > 0) {
		if (sections.length === 0)
			sections.push({...title, id: undefined, items: titleItems.map((t) => t.item)});
		else {
			// Boxes or table rows under the title, before the first section (a
			// README with several `#` headings): a section of their own, named
			// after the title. Plain list items there are the introduction.
			const own = titleItems.filter((t) => t.strict).map((t) => t.item);
			if (own.length > 0) sections.unshift({...title, id: undefined, items: own});
		}
	}
	const allItems = sections.flatMap((s) => s.items);
	for (const it of allItems) if (!it.title) problem(it.pos, 'item has no title');
	if (columnIds.size > 0) {
		const count = new Map<string, number>();
		for (const it of allItems) if (it.id) count.set(it.id.value, (count.get(it.id.value) ?? 0) + 1);
		for (const it of columnIds) if ((count.get(it.id?.value ?? '') ?? 0) > 1) delete it.id;
	}

	const kept: MdSection[] = [];
	for (const s of sections) {
		if (s.items.length > 0) kept.push(s);
		else if (!s.hasChild && !s.hasContent)
			problem(s.pos, `empty section ${quote(s.title)}: a section needs at least one item`);
	}
	nameRepeatedSections(kept);
	if (kept.length === 0 && problems.length === 0)
		problem(
			title?.pos ?? {line: 1, column: 1},
			'no items found: an item is a task box (- [ ] …), a list item under a section heading, or a row of a table with a task-like column',
		);
	return {
		read: {
			data: checklistData(path, title, kept, fallbackVersion, problem),
			locate: locator(title, kept),
			problems,
		},
		empty: kept.length === 0,
	};
}
