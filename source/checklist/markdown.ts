// Markdown checklists: the first `#` heading is the title, other headings are
// sections, list items are items, text indented under an item is its guidance.
// A hand-written line scanner: it needs only the block structure, and it must
// know the line and column of everything it reports.
import {basename, extname} from 'node:path';
import {claim, slug} from './ids.js';
import {at, quote, type ChecklistProblem, type Locator, type Position} from './problems.js';

type Attr = {value: string; pos: Position};
type Attrs = {text: string; id?: Attr; attrs: Map<string, Attr>};

type MdItem = Attrs & {pos: Position; markerIndent: number; guidance: string[]};
type MdSection = Attrs & {
	pos: Position;
	level: number;
	items: MdItem[];
	description: string[];
	hasChild: boolean;
	prose: boolean;
};

const itemFields = new Set(['level', 'reviewEvery', 'evidenceRequired']);
const titleFields = new Set(['version']);

const headingRe = /^( {0,3})(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const listRe = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const checkboxRe = /^\[([ xX])\](?:[ \t]+|$)/;
const breakRe = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const fenceRe = /^[ \t]*(`{3,}|~{3,})/;
const anyCheckboxRe = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/m;
const attrBlockRe = /[ \t]*\{([^{}]*)\}[ \t]*$/;
const idCommentRe = /[ \t]*<!--[ \t]*id:[ \t]*(\S*?)[ \t]*-->[ \t]*$/i;

function indentOf(line: string): number {
	let width = 0;
	for (const c of line) {
		if (c === ' ') width++;
		else if (c === '\t') width += 4 - (width % 4);
		else break;
	}
	return width;
}

/**
 * Splits `Title {#id key=value}` or `Title <!-- id: x -->` into the text and its
 * attributes. A brace group that is not attribute-shaped stays part of the text.
 */
function attributes(content: string, line: number, column: number): Attrs {
	let text = content;
	let id: Attr | undefined;
	const attrs = new Map<string, Attr>();
	// Cheap guards first: these patterns are unanchored and most lines carry neither.
	const comment = text.includes('<!--') ? idCommentRe.exec(text) : null;
	if (comment) {
		const value = comment[1] ?? '';
		const offset = comment.index + comment[0].lastIndexOf(value || '-->');
		id = {value, pos: {line, column: column + offset}};
		text = text.slice(0, comment.index);
	}
	const block = text.trimEnd().endsWith('}') ? attrBlockRe.exec(text) : null;
	if (block) {
		const inner = block[1] ?? '';
		const tokens = [...inner.matchAll(/\S+/g)];
		const shaped =
			tokens.length > 0 && tokens.every((t) => /^#\S+$|^[A-Za-z][\w-]*=\S*$/.test(t[0]));
		if (shaped) {
			const innerAt = block.index + block[0].indexOf('{') + 1;
			for (const t of tokens) {
				const pos = {line, column: column + innerAt + t.index};
				if (t[0].startsWith('#')) id = {value: t[0].slice(1), pos};
				else {
					const eq = t[0].indexOf('=');
					attrs.set(t[0].slice(0, eq), {value: t[0].slice(eq + 1), pos});
				}
			}
			text = text.slice(0, block.index);
		}
	}
	return {text: text.trim(), ...(id ? {id} : {}), attrs};
}

function tidyGuidance(lines: string[]): string {
	let start = 0;
	let end = lines.length;
	while (start < end && !lines[start]?.trim()) start++;
	while (end > start && !lines[end - 1]?.trim()) end--;
	const kept = lines.slice(start, end).map((l) => l.replace(/\t/g, '    '));
	const indent = Math.min(...kept.filter((l) => l.trim()).map(indentOf));
	return kept.map((l) => l.slice(Math.min(indent, indentOf(l))).trimEnd()).join('\n');
}

/** Parses Markdown into checklist data, a locator over it, and the problems only Markdown can have. */
export function fromMarkdown(
	text: string,
	path: string,
	fallbackVersion: string,
): {data: unknown; locate: Locator; problems: ChecklistProblem[]} {
	const problems: ChecklistProblem[] = [];
	const problem = (pos: Position, message: string) =>
		problems.push({where: at(pos), message, ...pos});
	const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
	const onlyCheckboxes = anyCheckboxRe.test(text);

	let title: (Attrs & {pos: Position}) | undefined;
	const sections: MdSection[] = [];
	const stack: MdSection[] = [];
	const titleItems: MdItem[] = [];
	let section: MdSection | undefined;
	let item: MdItem | undefined;
	let fence: {marker: string; inItem: boolean} | undefined;
	let comment = false;
	let prevBlank = true;
	let prose: {text: string; pos: Position} | undefined;

	const heading = (level: number, content: string, pos: Position) => {
		const parsed = attributes(content, pos.line, pos.column);
		item = undefined;
		prose = undefined;
		if (!title && level === 1 && sections.length === 0) {
			title = {...parsed, pos};
			for (const [key, attr] of parsed.attrs)
				if (!titleFields.has(key)) problem(attr.pos, `unknown field ${quote(key)}`);
			return;
		}
		while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
		const parent = stack.at(-1);
		if (parent) parent.hasChild = true;
		section = {...parsed, pos, level, items: [], description: [], hasChild: false, prose: false};
		for (const [key, attr] of parsed.attrs) problem(attr.pos, `unknown field ${quote(key)}`);
		sections.push(section);
		stack.push(section);
	};

	let start = 0;
	if (lines[0]?.trimEnd() === '---') {
		const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
		if (end > 0) start = end + 1;
	}
	for (let idx = start; idx < lines.length; idx++) {
		const raw = lines[idx] ?? '';
		const line = idx + 1;
		if (fence) {
			if (fence.inItem && item) item.guidance.push(raw);
			const close = fenceRe.exec(raw);
			if (close?.[1]?.startsWith(fence.marker) && raw.trim() === close[1]) fence = undefined;
			continue;
		}
		if (comment) {
			if (raw.includes('-->')) comment = false;
			continue;
		}
		if (!raw.trim()) {
			item?.guidance.push('');
			prevBlank = true;
			prose = undefined;
			continue;
		}
		const indent = indentOf(raw);
		const blank = prevBlank;
		prevBlank = false;
		if (item && indent > item.markerIndent) {
			item.guidance.push(raw);
			const open = fenceRe.exec(raw);
			if (open?.[1]) fence = {marker: open[1], inItem: true};
			continue;
		}
		const open = fenceRe.exec(raw);
		if (open?.[1] && indent < 4) {
			item = undefined;
			fence = {marker: open[1], inItem: false};
			continue;
		}
		if (indent >= 4 && !item) continue;
		if (/^ {0,3}<!--/.test(raw)) {
			if (!raw.includes('-->')) comment = true;
			continue;
		}
		const h = headingRe.exec(raw);
		if (h) {
			const content = h[3] ?? '';
			heading(h[2]?.length ?? 1, content, {
				line,
				column: content ? raw.indexOf(content, (h[1]?.length ?? 0) + (h[2]?.length ?? 0)) + 1 : 1,
			});
			continue;
		}
		if (prose && /^ {0,3}(=+|-+)[ \t]*$/.test(raw)) {
			const level = raw.trim().startsWith('=') ? 1 : 2;
			const under = prose;
			if (section?.description.at(-1) === under.text) section.description.pop();
			heading(level, under.text, under.pos);
			continue;
		}
		if (breakRe.test(raw)) {
			item = undefined;
			prose = undefined;
			continue;
		}
		const list = listRe.exec(raw);
		if (list) {
			const markerIndent = indentOf(raw);
			let content = list[4] ?? '';
			let column = (list[1]?.length ?? 0) + (list[2]?.length ?? 0) + (list[3]?.length ?? 0) + 1;
			const box = checkboxRe.exec(content);
			if (box) {
				column += box[0].length;
				content = content.slice(box[0].length);
			}
			prose = undefined;
			if (onlyCheckboxes && !box) {
				item = undefined;
				continue;
			}
			const pos = {line, column: (list[1]?.length ?? 0) + 1};
			item = {...attributes(content, line, column), pos, markerIndent, guidance: []};
			for (const [key, attr] of item.attrs)
				if (!itemFields.has(key)) problem(attr.pos, `unknown field ${quote(key)}`);
			if (!item.text) problem(pos, 'item has no title');
			if (section) section.items.push(item);
			else if (title) titleItems.push(item);
			else problem(pos, 'item outside any section: put a heading (## Section) above it');
			continue;
		}
		if (item && !blank) {
			item.guidance.push(raw);
			continue;
		}
		item = undefined;
		prose = {text: raw.trim(), pos: {line, column: indent + 1}};
		if (section) {
			section.prose = true;
			if (section.items.length === 0) section.description.push(raw.trim());
		}
	}

	if (titleItems.length > 0 && title) {
		if (sections.length === 0)
			sections.push({
				...title,
				id: undefined,
				attrs: new Map(),
				level: 1,
				items: titleItems,
				description: [],
				hasChild: false,
				prose: false,
			});
		else
			for (const it of titleItems)
				problem(it.pos, 'item outside any section: put a heading (## Section) above it');
	}

	const kept: MdSection[] = [];
	for (const s of sections) {
		if (s.items.length > 0) kept.push(s);
		else if (!s.hasChild && !s.prose)
			problem(s.pos, `empty section ${quote(s.text)}: a section needs at least one item`);
	}

	const fileTitle = basename(path, extname(path));
	const titlePos = title?.pos ?? {line: 1, column: 1};

	const sectionTaken = new Set(kept.flatMap((s) => (s.id ? [s.id.value] : [])));
	const itemTaken = new Set(
		kept.flatMap((s) => s.items.flatMap((i) => (i.id ? [i.id.value] : []))),
	);
	const outSections = kept.map((s) => {
		const sectionId = s.id?.value ?? claim(slug(s.text), sectionTaken);
		const description = s.description.join('\n').trim();
		return {
			id: sectionId,
			title: s.text,
			...(description ? {description} : {}),
			items: s.items.map((it) => {
				const out: Record<string, unknown> = {
					id: it.id?.value ?? claim(`${sectionId}.${slug(it.text)}`, itemTaken),
					title: it.text,
					guidance: tidyGuidance(it.guidance),
				};
				for (const [key, attr] of it.attrs) {
					if (!itemFields.has(key)) continue;
					if (key === 'evidenceRequired') {
						if (attr.value === 'true' || attr.value === 'false') out[key] = attr.value === 'true';
						else
							problem(attr.pos, `evidenceRequired must be true or false, not ${quote(attr.value)}`);
					} else out[key] = attr.value;
				}
				return out;
			}),
		};
	});

	const titleText = title ? title.text : fileTitle;
	const data = {
		id: title?.id?.value ?? slug(titleText || fileTitle || 'checklist'),
		title: titleText,
		version: title?.attrs.get('version')?.value ?? fallbackVersion,
		sections: outSections,
	};
	// Positions are looked up only when a problem needs one.
	const locate: Locator = (p, key) => {
		if (key !== undefined) return undefined;
		if (p.length === 0) return titlePos;
		if (p[0] === 'id') return p.length === 1 ? (title?.id?.pos ?? titlePos) : undefined;
		if (p[0] === 'version')
			return p.length === 1 ? (title?.attrs.get('version')?.pos ?? titlePos) : undefined;
		if (p[0] === 'title') return p.length === 1 ? titlePos : undefined;
		if (p[0] !== 'sections') return undefined;
		if (p.length === 1) return kept[0]?.pos;
		const s = kept[p[1] as number];
		if (!s) return undefined;
		if (p.length === 2 || p[2] === 'title' || (p[2] === 'items' && p.length === 3)) return s.pos;
		if (p[2] === 'id') return s.id?.pos ?? s.pos;
		if (p[2] !== 'items') return undefined;
		const it = s.items[p[3] as number];
		if (!it) return undefined;
		if (p.length === 4 || p[4] === 'title') return it.pos;
		if (p[4] === 'id') return it.id?.pos ?? it.pos;
		return it.attrs.get(String(p[4]))?.pos;
	};
	return {data, locate, problems};
}
