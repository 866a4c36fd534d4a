// What the readers of other tools' checklists share (aws-lens.ts, azure.ts,
// item-lists.ts): the converted result and how a problem in it is traced back
// to the source file, and careful reading of parsed data whose keys are
// outside text. Their own fields are checked leniently (real exports carry
// many fields preflight does not use); problems name the path in the source
// file, not in the converted data.
import {basename, extname} from 'node:path';
import * as z from '../model/zod.js';
import {isId} from './ids.js';
import type {RawIssue} from './problems.js';

/** Converted data plus a map from a path in it to the path in the source file. */
export type Converted = {
	data: unknown;
	source: (path: readonly PropertyKey[]) => readonly PropertyKey[] | undefined;
};

/** A conversion, or the problems that stopped it (paths in the source file). */
export type Conversion = Converted | {issues: RawIssue[]};

/** An object that is not an array: what a JSON or YAML mapping parses to. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member of parsed data, its own only: a file's keys are outside text (see model/records.ts). */
export function field(value: unknown, key: string): unknown {
	return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** `a list`, `an object`, `a string`: what a value is, for a message. */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The value when it is an array, else no elements. */
/** A text field of a foreign file's schema: absent, null or a string. */
export const optionalText = () => z.optional(z.nullable(z.string()));

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Text worth showing: a string with something in it, trimmed. */
export function textOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed || undefined;
}

/** The first of `keys` whose value is text worth showing. */
export function firstText(value: unknown, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const text = textOf(field(value, key));
		if (text !== undefined) return text;
	}
	return undefined;
}

/** A version as written: text, or a number YAML read from `version: 2`. */
export function versionOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return textOf(value);
}

/**
 * The version of a converted file: its own version followed by `+` and the
 * hash of its content (`1.0+content-…`), so a file changed under an unchanged
 * version still reads as another version; the hash alone when it has none.
 */
export function fileVersion(own: string | undefined, contentHash: string): string {
	if (own === undefined) return contentHash;
	return contentHash ? `${own}+${contentHash}` : own;
}

/** `Backup guide (https://…)` from a `{displayText, url}` resource. */
export function resourceLine(
	r: {displayText?: string | null; url?: string | null} | null | undefined,
): string | undefined {
	if (!r) return undefined;
	const label = r.displayText?.trim();
	const url = r.url?.trim();
	if (label && url) return `${label} (${url})`;
	return label || url || undefined;
}

/** The file's name without folder or extension: the title of a checklist that names none. */
export function fileStem(path: string): string {
	return basename(path, extname(path));
}

/**
 * The ids someone could type that a file gives exactly once: an id given to
 * two items cannot tell them apart, so neither keeps it (both get a derived id).
 */
export function idsGivenOnce(given: ReadonlyArray<string | undefined>): Set<string> {
	const count = new Map<string, number>();
	for (const id of given) if (id !== undefined && isId(id)) count.set(id, (count.get(id) ?? 0) + 1);
	return new Set([...count].filter(([, n]) => n === 1).map(([id]) => id));
}
