import {sanitizeLine} from '../terminal/sanitize.js';

/**
 * `sections[1].items[0].title` from a zod issue path, sanitised: keys come
 * from files someone else wrote. Checklists, databases and snapshots all name
 * their problems this way, so it sits at the bottom, beside the schemas.
 */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const p of path) {
		if (typeof p === 'number') out += `[${p}]`;
		else out += out ? `.${String(p)}` : String(p);
	}
	return sanitizeLine(out);
}
