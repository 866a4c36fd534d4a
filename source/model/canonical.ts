import {createHash} from 'node:crypto';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace,
 * `undefined` members dropped, strings and numbers as JSON.stringify writes them.
 * Anyone can recompute a digest with a few lines in any language.
 */
export function canonicalJson(value: unknown): string {
	// Fast path: native JSON.stringify with a replacer that hands it key-sorted
	// objects (4-5x faster than walking the value by hand on a 10,000-item
	// snapshot). V8 always enumerates integer-like keys ("7", "10") first in
	// numeric order, which is not UTF-16 order: objects with such keys take the
	// slow path, which writes keys in exactly the order it sorts them.
	let integerKeys = false;
	const text = JSON.stringify(value, function (_key, v: unknown) {
		if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
		const keys = Object.keys(v);
		let sorted = true;
		for (let i = 0; i < keys.length; i++) {
			if (integerKey.test(keys[i]!)) integerKeys = true;
			if (i > 0 && keys[i - 1]! > keys[i]!) sorted = false;
		}
		if (sorted) return v;
		const copy: Record<string, unknown> = {};
		for (const k of keys.sort()) copy[k] = (v as Record<string, unknown>)[k];
		return copy;
	});
	if (!integerKeys) return text ?? 'null';
	const parts: string[] = [];
	writeCanonical(value, parts);
	return parts.join('');
}

const integerKey = /^(?:0|[1-9]\d*)$/;

function writeCanonical(value: unknown, out: string[]): void {
	if (value === null || typeof value !== 'object') {
		out.push(JSON.stringify(value) ?? 'null');
		return;
	}
	if (Array.isArray(value)) {
		out.push('[');
		for (let i = 0; i < value.length; i++) {
			if (i > 0) out.push(',');
			writeCanonical(value[i] ?? null, out);
		}
		out.push(']');
		return;
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record).sort();
	out.push('{');
	let first = true;
	for (const k of keys) {
		const v = record[k];
		if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
		if (!first) out.push(',');
		first = false;
		out.push(JSON.stringify(k), ':');
		writeCanonical(v, out);
	}
	out.push('}');
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
