// The checklist data a Markdown file yields, once its sections and items are
// read (markdown.ts): ids as written or derived, attributes as fields, and
// where each part came from, for problems.
import {basename, extname} from 'node:path';
import {claim, derivedItemId, derivedSectionId, slug} from './ids.js';
import type {Attr} from './markdown-text.js';
import {quote, type Locator, type Position} from './problems.js';

/** An item as read: plain title, explicit id and attributes (with where they are), guidance. */
export type MdItem = {
	title: string;
	id?: Attr;
	attrs: Map<string, Attr>;
	pos: Position;
	guidance: string;
};

/** A heading as read, and what is under it. */
export type MdSection = {
	title: string;
	id?: Attr;
	pos: Position;
	/** The heading's level, 1 to 6. */
	level: number;
	items: MdItem[];
	/** Prose paragraphs before the first item. */
	description: string[];
	/** A deeper heading follows before the next one of this level. */
	hasChild: boolean;
	/** Anything at all is under it (prose, links, HTML…), items or not. */
	hasContent: boolean;
	/** Its heading (or a parent's) names references, a licence, a table of contents… */
	reference: boolean;
	/** The title of the heading it is under, if any. */
	parent?: string;
	/** What its id is derived from, when not its title. */
	idTitle?: string;
};

/** The checklist's title heading, with its `version=` and `reviewEvery=` (of the whole review). */
export type MdTitle = MdSection & {version?: Attr; reviewEvery?: Attr};

/** Item attributes that are fields of the item. */
export const itemFields = new Set([
	'level',
	'reviewEvery',
	'evidenceRequired',
	'owners',
	'approvals',
]);

/** A section with nothing read under it yet. */
export function newSection(
	title: string,
	id: Attr | undefined,
	pos: Position,
	level: number,
	reference: boolean,
): MdSection {
	return {
		title,
		...(id ? {id} : {}),
		pos,
		level,
		items: [],
		description: [],
		hasChild: false,
		hasContent: false,
		reference,
	};
}

/**
 * Sections whose title another section in the file repeats (six "Best
 * practices" under HTML, Images…) are told apart by their parent heading:
 * `HTML · Best practices`, the id derived from both.
 */
export function nameRepeatedSections(kept: readonly MdSection[]): void {
	const count = new Map<string, number>();
	const key = (s: MdSection) => s.title.toLowerCase();
	for (const s of kept) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
	for (const s of kept) {
		if ((count.get(key(s)) ?? 0) < 2 || !s.parent) continue;
		s.idTitle = `${s.parent} ${s.title}`;
		s.title = `${s.parent} · ${s.title}`;
	}
}

/** The checklist's data: explicit ids as written, the others derived from the titles. */
export function checklistData(
	path: string,
	title: MdTitle | undefined,
	kept: readonly MdSection[],
	fallbackVersion: string,
	problem: (pos: Position, message: string) => void,
): unknown {
	const fileTitle = basename(path, extname(path));
	const sectionTaken = new Set(kept.flatMap((s) => (s.id ? [s.id.value] : [])));
	const sectionId = (id: string) => claim(id, sectionTaken);
	const itemTaken = new Set(
		kept.flatMap((s) => s.items.flatMap((i) => (i.id ? [i.id.value] : []))),
	);
	const itemId = (id: string) => claim(id, itemTaken);
	const sections = kept.map((s) => {
		const id = s.id?.value ?? sectionId(derivedSectionId(s.idTitle ?? s.title));
		const description = s.description.join('\n\n').trim();
		return {
			id,
			title: s.title,
			...(description ? {description} : {}),
			items: s.items.map((it) => {
				const out: Record<string, unknown> = {
					id: it.id?.value ?? itemId(derivedItemId(id, it.title)),
					title: it.title,
					guidance: it.guidance,
				};
				for (const [key, attr] of it.attrs) {
					if (!itemFields.has(key)) continue;
					if (key === 'evidenceRequired') {
						if (attr.value === 'true' || attr.value === 'false') out[key] = attr.value === 'true';
						else
							problem(attr.pos, `evidenceRequired must be true or false, not ${quote(attr.value)}`);
					} else if (key === 'owners') {
						// `owners=security,sre`: the roles, comma-separated (the schema checks each).
						out[key] = attr.value.split(',').filter(Boolean);
					} else if (key === 'approvals') {
						if (/^\d{1,3}$/.test(attr.value)) out[key] = Number(attr.value);
						else problem(attr.pos, `approvals must be a whole number, not ${quote(attr.value)}`);
					} else out[key] = attr.value;
				}
				return out;
			}),
		};
	});
	const titleText = title ? title.title : fileTitle;
	return {
		id: title?.id?.value ?? slug(titleText || fileTitle || 'checklist'),
		title: titleText,
		version: title?.version?.value ?? fallbackVersion,
		...(title?.reviewEvery ? {reviewEvery: title.reviewEvery.value} : {}),
		sections,
	};
}

/** Where each part of the data came from; looked up only when a problem needs a position. */
export function locator(title: MdTitle | undefined, kept: readonly MdSection[]): Locator {
	const titlePos = title?.pos ?? {line: 1, column: 1};
	return (p, key) => {
		if (key !== undefined) return undefined;
		if (p.length === 0) return titlePos;
		if (p[0] === 'id') return p.length === 1 ? (title?.id?.pos ?? titlePos) : undefined;
		if (p[0] === 'version') return p.length === 1 ? (title?.version?.pos ?? titlePos) : undefined;
		if (p[0] === 'reviewEvery')
			return p.length === 1 ? (title?.reviewEvery?.pos ?? titlePos) : undefined;
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
}
