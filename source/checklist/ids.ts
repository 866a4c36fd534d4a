import {sha256Hex} from '../model/canonical.js';

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
export function slug(text: string): string {
	if (/^[ -~]*$/.test(text)) return asciiSlug(text) || sha256Hex(text.trim()).slice(0, 6);
	const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	let out = asciiSlug(folded);
	const dropped =
		/[^\p{ASCII}]/u.test(folded) &&
		/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(folded.replace(/\p{ASCII}/gu, ''));
	if (!out || dropped) out = `${out ? `${out}-` : ''}${sha256Hex(text.trim()).slice(0, 6)}`;
	return out;
}

/** An id not yet in `taken` (adds it): `id`, else `id-2`, `id-3`… */
export function claim(id: string, taken: Set<string>): string {
	let out = id;
	for (let n = 2; taken.has(out); n++) out = `${id}-${n}`;
	taken.add(out);
	return out;
}

/** A version for formats that carry none: a short hash of the file's text. */
export function contentVersion(text: string): string {
	return `content-${sha256Hex(text).slice(0, 12)}`;
}
