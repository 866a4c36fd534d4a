// Finding an item from what a person typed: the whole id, or enough of it.
// The rule (docs/checklist-formats.md, "Item ids on the command line"):
//   1. the id exactly;
//   2. the id in any case, when only one item has it;
//   3. the start of one item's id, in any case (`sec.secr` for `security.secrets`
//      does not match, `security.sec` does);
//   4. the start of what follows the section part of one id (`secr` for
//      `security.secrets`);
//   5. any part of one id, in any case (`dp1` for `waf_ec_1_ops.waf_ec_ops_dp1`,
//      whose long shared start no one wants to type).
// More than one item matching is an error that lists them; nothing matching is
// an error that names the closest ids by edit distance, to the whole id, to
// what follows its section, or to its last `_`, `-` or `.`-separated parts.
import type {Checklist, ChecklistItem} from './schemas.js';

export type ItemLookup = {item: ChecklistItem} | {ambiguous: string[]} | {closest: string[]};

/** How many ids an error names at most. */
const SHOWN = 4;

/** The part of an id after its section: what follows the first `.`, or the whole id. */
function ownPart(id: string): string {
	const dot = id.indexOf('.');
	return dot < 0 ? id : id.slice(dot + 1);
}

/** Edit distance (insert, delete, replace, swap of neighbours), given up above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(
				(previous[j] ?? 0) + 1,
				(current[j - 1] ?? 0) + 1,
				(previous[j - 1] ?? 0) + cost,
			);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, (before[j - 2] ?? 0) + 1);
			current.push(d);
			best = Math.min(best, d);
		}
		if (best > limit) return limit + 1;
		before = previous;
		previous = current;
	}
	return previous[b.length] ?? 0;
}

/** What follows each `_`, `-` or `.` in an id: its last part, its last two… */
function tails(id: string): string[] {
	const out: string[] = [];
	for (let i = id.length - 1; i > 0; i--)
		if ('_-.'.includes(id[i - 1] ?? '')) out.push(id.slice(i));
	return out;
}

/** The ids nearest to `typed`, nearest first; only those near enough to be a slip. */
function closestIds(ids: readonly string[], typed: string): string[] {
	const text = typed.toLowerCase();
	const limit = Math.max(2, Math.floor(text.length / 3));
	const scored: Array<[number, string]> = [];
	for (const id of ids) {
		const lower = id.toLowerCase();
		let d = Math.min(editDistance(text, lower, limit), editDistance(text, ownPart(lower), limit));
		for (const tail of tails(lower)) d = Math.min(d, editDistance(text, tail, limit));
		if (d <= limit) scored.push([d, id]);
	}
	scored.sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
	return scored.slice(0, SHOWN).map(([, id]) => id);
}

export type IdLookup = {id: string} | {ambiguous: string[]} | {closest: string[]};

/** Looks an id up among `ids` by the rule above. */
export function lookupId(ids: readonly string[], typed: string): IdLookup {
	if (ids.includes(typed)) return {id: typed};
	const text = typed.toLowerCase();
	if (text === '') return {closest: []};
	const tiers = [
		(id: string) => id === text,
		(id: string) => id.startsWith(text),
		(id: string) => ownPart(id).startsWith(text),
		(id: string) => id.includes(text),
	];
	for (const matches of tiers) {
		const found = ids.filter((id) => matches(id.toLowerCase()));
		if (found.length === 1 && found[0] !== undefined) return {id: found[0]};
		if (found.length > 1) return {ambiguous: found};
	}
	return {closest: closestIds(ids, typed)};
}

/** Looks an item up by the rule above. */
export function lookupItem(checklist: Checklist, typed: string): ItemLookup {
	const items = checklist.sections.flatMap((s) => s.items);
	const found = lookupId(
		items.map((it) => it.id),
		typed,
	);
	if (!('id' in found)) return found;
	const item = items.find((it) => it.id === found.id);
	return item ? {item} : {closest: []};
}

/** The one line that says why `typed` names no single item (or `what`: `orphaned answer`). */
export function lookupProblem(
	result: {ambiguous: string[]} | {closest: string[]},
	typed: string,
	where: string,
	quoteId: (id: string) => string,
	what = 'item',
): string {
	if ('ambiguous' in result) {
		const shown = result.ambiguous.slice(0, SHOWN).map(quoteId).join(', ');
		const more = result.ambiguous.length - SHOWN;
		return `${what} "${quoteId(typed)}" matches ${result.ambiguous.length} ${what}s in ${where}: ${shown}${more > 0 ? ` and ${more} more` : ''}; type more of the id`;
	}
	const hint =
		result.closest.length > 0 ? `; did you mean ${result.closest.map(quoteId).join(', ')}?` : '';
	return `no ${what} "${quoteId(typed)}" in ${where}${hint}`;
}
