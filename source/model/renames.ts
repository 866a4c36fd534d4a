// Which new item an answer whose item left the checklist may belong to. The
// rule is documented in docs/checklist-formats.md ("How renames are found");
// change the two together.
import {sha256Hex} from './canonical.js';
import type {Checklist, ChecklistItem, Proposal, StoredItem} from './schemas.js';
import {emptyRecord} from './records.js';

/** A proposal is made from this score up (0 to 1). */
export const RENAME_THRESHOLD = 0.5;
/** Title and guidance weigh 3 to 1 when both items have guidance. */
const TITLE_WEIGHT = 0.75;
/** Added when both items are known to sit in the same section. */
const SECTION_BONUS = 0.05;
/** How much of a title and of the guidance a review keeps. */
const TITLE_CHARS = 120;
const GUIDANCE_WORDS = 8;
const GUIDANCE_CHARS = 48;
/**
 * Up to this many pairs every orphan is compared with every new item; past it
 * (a checklist rewritten wholesale), only with the new items that share a word
 * of its title or guidance that at most RARE_WORD new items share.
 */
const ALL_PAIRS = 250_000;
const RARE_WORD = 256;

/** The digest of what a reviewer signed off against: the item's title and guidance. */
export function itemFingerprint(item: Pick<ChecklistItem, 'title' | 'guidance'>): string {
	return sha256Hex(JSON.stringify([item.title, item.guidance])).slice(0, 16);
}

/** The first words of a guidance text, as a review keeps them ('' for none). */
export function guidanceStart(guidance: string): string {
	const words = guidance
		.split(/\s+/, GUIDANCE_WORDS + 1)
		.filter(Boolean)
		.slice(0, GUIDANCE_WORDS);
	let count = 0;
	let length = -1;
	for (const w of words) {
		if (length + 1 + w.length > GUIDANCE_CHARS) break;
		length += 1 + w.length;
		count++;
	}
	// One join, not a string grown word by word: a review keeps 10,000 of these,
	// and each grown one stayed a tree of pieces (about 11 objects) in memory.
	return count ? words.slice(0, count).join(' ') : (words[0] ?? '').slice(0, GUIDANCE_CHARS);
}

/** The section an item id names by itself: what comes before its last dot (`ops` of `ops.pager`). */
function sectionInId(id: string): string | undefined {
	const dot = id.lastIndexOf('.');
	return dot > 0 ? id.slice(0, dot) : undefined;
}

/**
 * What a review keeps of one item (see storedItemSchema). The section is left
 * out when the id says it (`ops.pager` in section `ops`): most ids do, and a
 * review of 10,000 items keeps 10,000 of these.
 */
export function storedItem(item: ChecklistItem, sectionId: string): StoredItem {
	const start = guidanceStart(item.guidance);
	return {
		print: itemFingerprint(item),
		title: item.title.length > TITLE_CHARS ? item.title.slice(0, TITLE_CHARS) : item.title,
		...(sectionInId(item.id) === sectionId ? {} : {section: sectionId}),
		...(start ? {guidanceStart: start} : {}),
	};
}

/** The item's section: as stored, else as its id says (see storedItem). */
function sectionOf(id: string, item: StoredItem | undefined): string | undefined {
	return item?.section ?? (item?.title !== undefined ? sectionInId(id) : undefined);
}

/** What a review keeps of every item of the checklist, by item id. */
/** storedItems per checklist: `reviews` and home judge every review on one checklist. */
const storedOf = new WeakMap<Checklist, Record<string, StoredItem>>();

export function storedItems(checklist: Checklist): Record<string, StoredItem> {
	const known = storedOf.get(checklist);
	if (known) return known;
	const out = emptyRecord<StoredItem>();
	for (const s of checklist.sections) for (const it of s.items) out[it.id] = storedItem(it, s.id);
	storedOf.set(checklist, out);
	return out;
}

const stopWords = new Set(
	'a an and are as at be by for from has have in is it its of on or that the to with'.split(' '),
);

/** Lower case, accents off, every run of anything but letters and digits one space. */
export function normalise(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function wordSet(normalised: string): Set<string> {
	const all = normalised.split(' ').filter(Boolean);
	const kept = all.filter((w) => !stopWords.has(w));
	return new Set(kept.length ? kept : all);
}

function bigramSet(normalised: string): Set<string> {
	const out = new Set<string>();
	for (let i = 0; i + 1 < normalised.length; i++) out.add(normalised.slice(i, i + 2));
	return out;
}

/** Sørensen–Dice: twice the shared members over the sizes of both; 0 when both are empty. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 || b.size === 0) return 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let shared = 0;
	for (const x of small) if (large.has(x)) shared++;
	return (2 * shared) / (a.size + b.size);
}

/** An item as scored: its words and letter pairs worked out once. */
type Profile = {
	id: string;
	titleWords: Set<string>;
	titleBigrams: Set<string>;
	guidanceWords: Set<string>;
	section?: string;
};

/**
 * For an item a review kept without its title (saved before titles were
 * kept): the words of its id after the last `.` (derived ids are made of the
 * title's words), when they hold a word of three letters or more; otherwise
 * nothing (a GUID says nothing about the item).
 */
export function titleFromId(id: string): string | undefined {
	const tail = id.slice(id.lastIndexOf('.') + 1);
	const words = tail.split(/[-_:/.]+/).filter(Boolean);
	return words.some((w) => /^[a-z]{3,}$/i.test(w)) ? words.join(' ') : undefined;
}

function profile(id: string, item: StoredItem | undefined): Profile | undefined {
	const title = item?.title ?? titleFromId(id);
	if (title === undefined) return undefined;
	const t = normalise(title);
	const section = sectionOf(id, item);
	return {
		id,
		titleWords: wordSet(t),
		titleBigrams: bigramSet(t),
		guidanceWords: wordSet(normalise(item?.guidanceStart ?? '')),
		...(section !== undefined ? {section} : {}),
	};
}

/** How alike two items are, from 0 to 1 (the rule: see the file's head). */
function scorePair(a: Profile, b: Profile): number {
	const title = (dice(a.titleWords, b.titleWords) + dice(a.titleBigrams, b.titleBigrams)) / 2;
	const text =
		a.guidanceWords.size && b.guidanceWords.size
			? TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * dice(a.guidanceWords, b.guidanceWords)
			: title;
	const bonus = a.section !== undefined && a.section === b.section ? SECTION_BONUS : 0;
	return Math.min(1, text + bonus);
}

/** How alike two stored items are (0 to 1), or undefined when either says too little to tell. */
export function similarity(
	a: {id: string; item?: StoredItem},
	b: {id: string; item?: StoredItem},
): number | undefined {
	const pa = profile(a.id, a.item);
	const pb = profile(b.id, b.item);
	return pa && pb ? scorePair(pa, pb) : undefined;
}

/** The indexes of the candidates each orphan is compared with (see ALL_PAIRS). */
function comparedWith(orphans: Profile[], candidates: Profile[]): (o: Profile) => Iterable<number> {
	const all = candidates.map((_, i) => i);
	if (orphans.length * candidates.length <= ALL_PAIRS) return () => all;
	const postings = new Map<string, number[]>();
	candidates.forEach((c, i) => {
		for (const w of new Set([...c.titleWords, ...c.guidanceWords])) {
			const list = postings.get(w);
			if (list) list.push(i);
			else postings.set(w, [i]);
		}
	});
	return (o) => {
		const out = new Set<number>();
		for (const w of new Set([...o.titleWords, ...o.guidanceWords])) {
			const list = postings.get(w);
			if (list && list.length <= RARE_WORD) for (const i of list) out.add(i);
		}
		return out;
	};
}

/**
 * Renames to propose: each orphan paired with at most one new item and each
 * new item with at most one orphan, the best-scoring pairs first, from
 * RENAME_THRESHOLD up. Ties go to the earlier orphan, then the earlier item,
 * in the order given. Scores are rounded to two decimals.
 */
export function proposeRenames(
	orphans: ReadonlyArray<{id: string; item?: StoredItem}>,
	candidates: ReadonlyArray<{id: string; item: StoredItem}>,
): Proposal[] {
	const from = orphans.flatMap((o) => profile(o.id, o.item) ?? []);
	const to = candidates.flatMap((c) => profile(c.id, c.item) ?? []);
	if (from.length === 0 || to.length === 0) return [];
	const pairs: Array<{o: number; c: number; score: number}> = [];
	const compared = comparedWith(from, to);
	from.forEach((o, oi) => {
		for (const ci of compared(o)) {
			const score = Math.round(scorePair(o, to[ci]!) * 100) / 100;
			if (score >= RENAME_THRESHOLD) pairs.push({o: oi, c: ci, score});
		}
	});
	pairs.sort((a, b) => b.score - a.score || a.o - b.o || a.c - b.c);
	const usedFrom = new Set<number>();
	const usedTo = new Set<number>();
	const out: Array<Proposal & {at: number}> = [];
	for (const p of pairs) {
		if (usedFrom.has(p.o) || usedTo.has(p.c)) continue;
		usedFrom.add(p.o);
		usedTo.add(p.c);
		out.push({from: from[p.o]!.id, to: to[p.c]!.id, score: p.score, at: p.c});
	}
	// Listed in the order of the new items, as the checklist has them.
	return out.sort((a, b) => a.at - b.at).map(({at: _, ...proposal}) => proposal);
}
