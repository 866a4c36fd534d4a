// How preflight's own format is told from the other shapes before any of
// their readers is loaded: a checklist written for preflight has `sections`,
// or holds nothing but preflight's own top-level fields (one still missing
// its sections gets preflight's own detailed problems).

/** The top-level fields of preflight's own checklist format. */
export const ownTopKeys: ReadonlySet<string> = new Set([
	'$schema',
	'id',
	'title',
	'version',
	'description',
	'reviewEvery',
	'sections',
	'renamed',
]);

/** True when data is meant as preflight's own format (see above). */
export function looksOwn(data: unknown): boolean {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
	if (Object.hasOwn(data, 'sections')) return true;
	const keys = Object.keys(data);
	return keys.length > 0 && keys.every((k) => ownTopKeys.has(k));
}
