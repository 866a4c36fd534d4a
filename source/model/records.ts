// Objects keyed by text someone else wrote (item ids in a checklist, keys in a
// database file). A plain object answers a lookup of `constructor`, `toString`
// or `valueOf` with Object.prototype's member, and an assignment to
// `__proto__` replaces its prototype instead of storing a value: an item named
// `constructor` once counted as answered though nobody had touched it. These
// records have no prototype, and lookups ask for own members only.

/** An empty object without a prototype, for values keyed by outside text. */
export function emptyRecord<V>(): Record<string, V> {
	return Object.create(null) as Record<string, V>;
}

/** A record without a prototype holding `entries` (a later key wins, as in an object literal). */
export function recordFrom<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
	const out = emptyRecord<V>();
	for (const [key, value] of entries) out[key] = value;
	return out;
}

/** The value stored under `key` itself, never one inherited from a prototype. */
export function ownValue<V>(
	record: Readonly<Record<string, V>> | undefined,
	key: string,
): V | undefined {
	return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A record's own members as a Map, for code that looks things up by outside text. */
export function mapOf<V>(record: Readonly<Record<string, V>> | undefined): Map<string, V> {
	return new Map(record === undefined ? [] : Object.entries(record));
}

/**
 * The same object, its prototype removed: for records fresh from a parser
 * (zod builds them on `{}`), so that every later lookup is safe too.
 */
export function withoutPrototype<T extends object>(record: T): T {
	return Object.setPrototypeOf(record, null) as T;
}

/** True for an object that holds a member named `__proto__` of its own (JSON.parse and YAML make such). */
export function hasOwnProtoKey(value: unknown): boolean {
	return typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__');
}

/** Keys (text) in code-unit order, as Array.prototype.sort orders strings: for sorts of keys taken from files. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
