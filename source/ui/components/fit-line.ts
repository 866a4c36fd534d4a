import {cells, fitColumns} from './wrap.js';

/**
 * The first of `variants` (from the fullest to the shortest way of saying the
 * same thing) that fits in `width` columns; when none does, the last one cut
 * with "…". A line gives up words before it gives up meaning.
 */
export function firstThatFits(variants: readonly string[], width: number): string {
	for (const text of variants) if (cells(text) <= width) return text;
	return fitColumns(variants.at(-1) ?? '', width);
}

/**
 * `lead` followed by as many of `names` as fit in `width` columns, separated by
 * commas, and then how many more there are (`, and 3 more`): a list that does
 * not fit names its count rather than trailing off in "…". Linear in the names.
 */
export function listThatFits(lead: string, names: readonly string[], width: number): string {
	const whole = `${lead}${names.join(', ')}`;
	if (cells(whole) <= width) return whole;
	let text = lead;
	let used = cells(lead);
	// Not even one name fits: the lead, which carries the count.
	let best = fitColumns(lead.trimEnd(), width);
	for (let k = 0; k < names.length; k++) {
		const name = `${k ? ', ' : ''}${names[k]!}`;
		used += cells(name);
		if (used > width) break;
		text += name;
		const more = `, and ${names.length - k - 1} more`;
		if (used + cells(more) <= width) best = text + more;
	}
	return best;
}
