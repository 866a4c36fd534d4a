// Azure review checklists (`items[]` with `text`, `guid`, `severity`…):
// grouped into sections by the first field every item names, with ids people
// can type (documented in docs/checklist-formats.md).
import {ownValue} from '../model/records.js';
import * as z from '../model/zod.js';
import {
	field,
	fileStem,
	fileVersion,
	idsGivenOnce,
	isRecord,
	optionalText,
	textOf,
	versionOf,
	type Conversion,
} from './foreign.js';
import {claim, derivedItemId, derivedSectionId, slug} from './ids.js';
import {zodIssues} from './problems.js';
import {cleanLine, titleParts} from './title-text.js';

/**
 * The fields an Azure item may be grouped by, in the order they are tried:
 * the first that every item names gives the sections. (The repository's own
 * files group by `category`; its WAF and master checklists name only the
 * `waf` pillar on every item.)
 */
export const azureGroupings = ['category', 'waf', 'subcategory', 'service', 'checklist'] as const;
type Grouping = (typeof azureGroupings)[number];

/** How the grouping fields are named in the guidance when they do not group. */
const groupingWords: Record<Grouping, string> = {
	category: 'Category',
	waf: 'Pillar',
	subcategory: 'Subcategory',
	service: 'Service',
	checklist: 'Checklist',
};

// Built on first use: a start that reads no Azure checklist does not pay for it.
function buildAzureSchema() {
	return z.looseObject({
		metadata: z.optional(
			z.nullable(z.looseObject({name: optionalText(), timestamp: optionalText()})),
		),
		items: z.array(
			z.looseObject({
				category: optionalText(),
				subcategory: optionalText(),
				waf: optionalText(),
				service: optionalText(),
				checklist: optionalText(),
				text: z.string(),
				description: optionalText(),
				guid: optionalText(),
				id: optionalText(),
				severity: optionalText(),
				link: optionalText(),
				training: optionalText(),
			}),
		),
	});
}
let azureSchema: ReturnType<typeof buildAzureSchema> | undefined;

/**
 * True when data looks like an Azure review checklist: `items` and no
 * `sections`, with an item that has a `guid`, or the repository's `metadata`,
 * `severities` or `yesno` beside them.
 */
export function isAzureChecklist(data: unknown): boolean {
	if (!isRecord(data) || Object.hasOwn(data, 'sections')) return false;
	const items = field(data, 'items');
	if (!Array.isArray(items)) return false;
	return (
		items.some((it) => field(it, 'guid') !== undefined) ||
		isRecord(field(data, 'metadata')) ||
		Array.isArray(field(data, 'severities')) ||
		Array.isArray(field(data, 'yesno'))
	);
}

type AzureItem = {text: string} & Partial<Record<Grouping, string | null>>;

/**
 * The field that groups the items: the first of azureGroupings every item
 * names, else the first most items (over half) name, else the one most name.
 */
export function azureGrouping(items: readonly AzureItem[]): Grouping | undefined {
	const named = (g: Grouping) => items.filter((it) => textOf(it[g]) !== undefined).length;
	const every = azureGroupings.find((g) => named(g) === items.length);
	if (every) return every;
	const most = azureGroupings.find((g) => named(g) * 2 > items.length);
	if (most) return most;
	let best: Grouping | undefined;
	for (const g of azureGroupings) if (named(g) > 0 && named(g) > (best ? named(best) : 0)) best = g;
	return best;
}

/** The grouping fields as lines of the guidance, when they do not group: the closest first. */
const guidanceOrder: readonly Grouping[] = [
	'subcategory',
	'category',
	'waf',
	'service',
	'checklist',
];

/** Items without the grouping field nor a `waf` pillar, when not every item has it. */
const otherSection = 'Other';

/** The section of an item, and the field that named it: the grouping field, else its pillar. */
function groupOf(
	it: AzureItem,
	grouping: Grouping | undefined,
	title: string,
): {title: string; by: Grouping | undefined} {
	if (!grouping) return {title, by: undefined};
	for (const g of grouping === 'waf' ? [grouping] : [grouping, 'waf' as const]) {
		const name = cleanLine(it[g] ?? '');
		if (name) return {title: name, by: g};
	}
	return {title: otherSection, by: undefined};
}

export function fromAzure(input: unknown, path: string, fallbackVersion: string): Conversion {
	const parsed = z.safeParse((azureSchema ??= buildAzureSchema()), input);
	if (!parsed.success) return {issues: zodIssues(parsed.error)};
	const checklist = parsed.data;
	const title = checklist.metadata?.name?.trim() || fileStem(path);
	const grouping = azureGrouping(checklist.items);
	type Item = {id: string; title: string; guidance: string; level: 'required' | 'recommended'};
	const groups = new Map<string, {first: number; items: Item[]; sources: number[]}>();
	// An Azure `id` (A01.01) is kept when it is one someone can type and no other item has it.
	const usable = idsGivenOnce(checklist.items.map((it) => textOf(it.id)));
	const itemTaken = new Set(usable);
	const sectionIds = new Map<string, string>();
	const sectionTaken = new Set<string>();
	checklist.items.forEach((it, index) => {
		const {title: groupTitle, by} = groupOf(it, grouping, title);
		let group = groups.get(groupTitle);
		if (!group) {
			group = {first: index, items: [], sources: []};
			groups.set(groupTitle, group);
			sectionIds.set(groupTitle, claim(derivedSectionId(groupTitle), sectionTaken));
		}
		const {title: itemTitle, rest} = titleParts(it.text);
		const parts: string[] = rest ? [rest] : [];
		const description = textOf(it.description);
		if (description) parts.push(description);
		for (const g of guidanceOrder) {
			const value = textOf(it[g]);
			if (g !== by && value) parts.push(`${groupingWords[g]}: ${value}`);
		}
		const link = textOf(it.link);
		if (link) parts.push(`Link: ${link}`);
		const training = textOf(it.training);
		if (training) parts.push(`Training: ${training}`);
		const given = textOf(it.id);
		const id =
			given !== undefined && usable.has(given)
				? given
				: claim(derivedItemId(sectionIds.get(groupTitle) ?? '', itemTitle), itemTaken);
		group.items.push({
			id,
			title: itemTitle,
			guidance: parts.join('\n'),
			level: it.severity?.trim().toLowerCase() === 'high' ? 'required' : 'recommended',
		});
		group.sources.push(index);
	});
	const entries = [...groups.entries()];
	const sections = entries.map(([groupTitle, g]) => ({
		id: sectionIds.get(groupTitle) ?? slug(groupTitle),
		title: groupTitle,
		items: g.items,
	}));
	const data = {
		id: slug(title),
		title,
		version: fileVersion(versionOf(checklist.metadata?.timestamp), fallbackVersion),
		sections,
	};
	const fields: Record<string, string> = {id: 'id', title: 'text', guidance: 'description'};
	return {
		data,
		source: (p) => {
			if (p[0] !== 'sections') {
				if (p[0] === 'title') return ['metadata', 'name'];
				if (p[0] === 'version') return ['metadata', 'timestamp'];
				return [];
			}
			const group = entries[p[1] as number]?.[1];
			if (!group) return ['items'];
			if (p.length < 4) return ['items', group.first, ...(grouping ? [grouping] : [])];
			const index = group.sources[p[3] as number];
			if (index === undefined) return ['items'];
			return p.length > 4
				? ['items', index, ownValue(fields, String(p[4])) ?? String(p[4])]
				: ['items', index];
		},
	};
}
