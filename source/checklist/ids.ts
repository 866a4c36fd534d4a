import {sha256Hex} from '../model/canonical.js';
import {sanitizeLine} from '../terminal/sanitize.js';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/;

/** True when text can serve as a checklist id as it stands. */
export function isId(text: string): boolean {
	return idPattern.test(text);
}

function asciiSlug(text: string): string {
	const out = text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return out.length > 48 ? out.slice(0, 48).replace(/-[^-]*$/, '') || out.slice(0, 48) : out;
}

/**
 * A stable id fragment from a title: lower-case ASCII words joined by `-`, at
 * most 48 characters. Letters outside ASCII (CJK, emoji…) cannot appear in an
 * id, so a short hash of the title is added to keep such titles apart.
 */
export function slug(title: string): string {
	const text = sanitizeLine(title);
	if (/^[ -~]*$/.test(text)) return asciiSlug(text) || sha256Hex(text.trim()).slice(0, 6);
	const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	let out = asciiSlug(folded);
	const dropped =
		/[^\p{ASCII}]/u.test(folded) &&
		/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(folded.replace(/\p{ASCII}/gu, ''));
	if (!out || dropped) out = `${out ? `${out}-` : ''}${sha256Hex(text.trim()).slice(0, 6)}`;
	return out;
}

/** Per set of taken ids, the suffix to try next for each id: `claim` stays linear when titles repeat. */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/** An id not yet in `taken` (adds it): `id`, else `id-2`, `id-3`… (the first one free). */
export function claim(id: string, taken: Set<string>): string {
	let out = id;
	if (taken.has(out)) {
		let next = nextSuffix.get(taken);
		if (!next) nextSuffix.set(taken, (next = new Map()));
		// Every suffix below the one remembered was taken, and a set only grows.
		let n = next.get(id) ?? 2;
		while (taken.has(`${id}-${n}`)) n++;
		out = `${id}-${n}`;
		next.set(id, n + 1);
	}
	taken.add(out);
	return out;
}

/** A version for formats that carry none: a short hash of the file's text. */
export function contentVersion(text: string): string {
	return `content-${sha256Hex(text).slice(0, 12)}`;
}

/** Words that say little in an id: left out of short slugs. */
const stopWords = new Set(
	'a an and are as at be by for from has have in is it its of on or that the to with all any every must should ensure make sure you your our we there this been my i'.split(
		' ',
	),
);

/** Cuts `text` at a `-` to at most `max` characters (or hard, when it has none early enough). */
function cutAtDash(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max + 1).lastIndexOf('-');
	return cut > 0 ? text.slice(0, cut) : text.slice(0, max);
}

/**
 * A short id fragment for a derived id (documented in docs/checklist-formats.md):
 * the title's words (split at spaces; `on-call` and `CI/CD` stay one word) as
 * lower-case ASCII, words in `stopWords` left out (unless nothing else is left),
 * the first `words` of them joined by `-`, cut at a word boundary to at most
 * `max` characters. Titles with letters outside ASCII end in a short hash, as
 * `slug` does, so that they stay apart.
 */
export function shortSlug(title: string, words = 4, max = 28): string {
	// Terminal escapes and control characters are no words: removed first.
	const text = sanitizeLine(title);
	let hash: string | undefined;
	if (!/^[ -~]*$/.test(text)) {
		const hashed = sha256Hex(text.trim()).slice(0, 6);
		if (slug(text).endsWith(hashed)) hash = hashed;
	}
	const tokens = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/\s+/)
		// `app's` is one word, `apps`: an apostrophe never splits it.
		.map((t) => t.replace(/['’]/g, ''))
		.map((t) =>
			t
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-+|-+$/g, ''),
		)
		.filter(Boolean);
	const kept = tokens.filter((w) => !stopWords.has(w));
	const chosen = (kept.length > 0 ? kept : tokens).slice(0, words);
	let out = '';
	for (const w of chosen) {
		const next = out ? `${out}-${w}` : w;
		if (next.length > max) break;
		out = next;
	}
	if (!out) out = cutAtDash(chosen[0] ?? '', max);
	if (hash) out = out ? `${out}-${hash}` : hash;
	return out || slug(text);
}

/**
 * A derived item id: the section's id, a dot, and the title's short slug
 * (escapes removed, so `\u001b[31mred` gives `red`, not `31mred`).
 */
export function derivedItemId(sectionId: string, title: string): string {
	return `${sectionId}.${shortSlug(title)}`;
}

/** A derived section id: the title's short slug (at most three words). */
export function derivedSectionId(title: string): string {
	return shortSlug(title, 3, 24);
}
