import {createHash} from 'node:crypto';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace,
 * `undefined` members dropped, strings and numbers as JSON.stringify writes them.
 * Anyone can recompute a digest with a few lines in any language.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
	const entries = Object.keys(value as Record<string, unknown>)
		.sort()
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
	return `{${entries.join(',')}}`;
}

/** Deep copy with object keys in sorted order, for stable pretty-printed files. */
export function sortKeys<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => sortKeys(v)) as T;
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(value as Record<string, unknown>).sort()) {
		const v = (value as Record<string, unknown>)[k];
		if (v !== undefined) out[k] = sortKeys(v);
	}
	return out as T;
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

export function digestOf(value: unknown): string {
	return `sha256:${sha256Hex(canonicalJson(value))}`;
}
