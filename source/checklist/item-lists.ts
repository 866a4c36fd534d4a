// Checklists written as plain lists in YAML or JSON, the way teams keep them:
// a list of categories each with its items, the same under a key of an object
// (`categories:`, `checklist:`…), one key per category, or a flat list of
// items that each name their category. Field names are the common ones
// (documented in docs/checklist-formats.md); nothing here needs `sections`.
import {
	field,
	fileStem,
	fileVersion,
	firstText,
	idsGivenOnce,
	isRecord,
	kindOf,
	versionOf,
	type Conversion,
} from './foreign.js';
import {claim, derivedSectionId, isId, slug} from './ids.js';
import {
	approvalsOf,
	buildItem,
	ownersOf,
	categoryFields,
	categoryTitleKeys,
	idKeys,
	isItem,
	itemTitleKeys,
	readsObjects,
	resultField,
} from './item-fields.js';
import {cleanLine} from './title-text.js';
import {formatPath} from '../model/issue-path.js';
import type {RawIssue} from './problems.js';

/** Keys of an object whose list is the checklist, in the order they are tried. */
const containerKeys = [
	'checklist',
	'checklists',
	'categories',
	'groups',
	'areas',
	'domains',
	'topics',
	'items',
	'tasks',
	'checks',
	'requirements',
	'controls',
	'questions',
	'criteria',
];
/** Keys of a category that hold its items. */
const itemListKeys = [
	'items',
	'tasks',
	'checks',
	'checklist',
	'questions',
	'requirements',
	'controls',
	'criteria',
];
/**
 * Keys of a category that hold its subcategories: each becomes a section of
 * its own, titled `Category · Subcategory`.
 */
const groupKeys = [
	'groups',
	'categories',
	'subcategories',
	'sections',
	'areas',
	'domains',
	'topics',
];
/** How a nested section's title joins its category's. */
const nestedTitleJoin = ' · ';
type Where = readonly PropertyKey[];
type Planned = {value: unknown; path: Where};
type PlannedSection = {
	title: string | undefined;
	value: unknown;
	path: Where;
	items: Planned[];
	/** The id the file gives it (`Parent.Child` when nested), if any. */
	given?: string | undefined;
	description?: string | undefined;
};
/** A category as found in the file, and the keys of it that were read. */
type Category = {value: unknown; path: Where; read: ReadonlySet<string>};
type Plan = {meta: unknown; sections: PlannedSection[]; flat: boolean; categories: Category[]};
/** Why data is not an item list, and how close it came (for "closest: …"). */
export type Miss = {score: number; problem: string};

function itemListKey(value: unknown): string | undefined {
	return itemListKeys.find((k) => Array.isArray(field(value, k)));
}

/** The key holding a category's subcategories: a list of categories. */
function groupKey(value: unknown): string | undefined {
	return groupKeys.find((k) => {
		const v = field(value, k);
		return Array.isArray(v) && v.length > 0 && v.every(isCategory);
	});
}

function isCategory(value: unknown): boolean {
	return isRecord(value) && (itemListKey(value) !== undefined || groupKey(value) !== undefined);
}

const at = (path: Where) => formatPath(path) || 'the top level';

/** A category's sections (its own items, then each subcategory's), depth first. */
function addCategory(
	entry: unknown,
	path: Where,
	parent: {
		title?: string | undefined;
		given?: string | undefined;
		description?: string | undefined;
	},
	sections: PlannedSection[],
	categories: Category[],
): void {
	const own = firstText(entry, categoryTitleKeys);
	const ownId = firstText(entry, idKeys);
	const title =
		own === undefined ? undefined : parent.title ? `${parent.title}${nestedTitleJoin}${own}` : own;
	const given = parent.given === undefined ? ownId : ownId && `${parent.given}.${ownId}`;
	const ownDescription = firstText(entry, ['description', 'details']);
	let description = [parent.description, ownDescription].filter(Boolean).join('\n\n') || undefined;
	const key = itemListKey(entry);
	const sub = groupKey(entry);
	categories.push({value: entry, path, read: new Set([key, sub].filter((k) => k !== undefined))});
	if (key !== undefined) {
		const items = field(entry, key) as unknown[];
		sections.push({
			title,
			value: entry,
			path,
			items: items.map((value, j) => ({value, path: [...path, key, j]})),
			given,
			description,
		});
		description = undefined;
	}
	if (sub === undefined) return;
	// A category with no items of its own hands its description to its first subcategory.
	(field(entry, sub) as unknown[]).forEach((child, j) => {
		addCategory(
			child,
			[...path, sub, j],
			{title: title ?? parent.title, given, description},
			sections,
			categories,
		);
		description = undefined;
	});
}

function planList(entries: unknown[], path: Where, meta: unknown): {plan: Plan} | {miss: Miss} {
	if (entries.length === 0) return {miss: {score: 1, problem: `${at(path)} is an empty list`}};
	const sections: PlannedSection[] = [];
	const categories: Category[] = [];
	if (entries.some(isCategory)) {
		let loose: PlannedSection | undefined;
		for (const [i, entry] of entries.entries()) {
			if (isCategory(entry)) addCategory(entry, [...path, i], {}, sections, categories);
			else if (isItem(entry)) {
				if (!loose) {
					loose = {title: 'General', value: undefined, path: [...path, i], items: []};
					sections.push(loose);
				}
				loose.items.push({value: entry, path: [...path, i]});
			} else
				return {
					miss: {
						score: 2,
						problem: `${at([...path, i])} is neither a category with items nor an item`,
					},
				};
		}
		return {plan: {meta, sections, flat: false, categories}};
	}
	const bad = entries.findIndex((e) => !isItem(e));
	if (bad >= 0) {
		const entry = entries[bad];
		const problem = isRecord(entry)
			? `${at([...path, bad])} has no title (${itemTitleKeys.slice(0, 4).join(', ')}…)`
			: `${at([...path, bad])} is ${kindOf(entry)}, not an item`;
		return {miss: {score: bad > 0 ? 2 : 1, problem}};
	}
	const byCategory = new Map<string, PlannedSection>();
	for (const [i, entry] of entries.entries()) {
		const name = firstText(entry, categoryFields) ?? '';
		let section = byCategory.get(name);
		if (!section) {
			section = {title: name || undefined, value: undefined, path: [...path, i], items: []};
			byCategory.set(name, section);
			sections.push(section);
		}
		section.items.push({value: entry, path: [...path, i]});
	}
	return {plan: {meta, sections, flat: true, categories}};
}

/** How data is read as an item list, or why it is not one. */
/** Plans by the parsed data they were made from: recognising, converting and the error each need one. */
const plans = new WeakMap<object, {plan: Plan} | {miss: Miss}>();

function planOf(data: unknown): {plan: Plan} | {miss: Miss} {
	if (typeof data !== 'object' || data === null) return makePlan(data);
	const known = plans.get(data);
	if (known) return known;
	const made = makePlan(data);
	plans.set(data, made);
	return made;
}

function makePlan(data: unknown): {plan: Plan} | {miss: Miss} {
	if (Array.isArray(data)) return planList(data, [], undefined);
	if (!isRecord(data))
		return {miss: {score: 0, problem: `the top level is ${kindOf(data)}, not a list or an object`}};
	const key = containerKeys.find((k) => Array.isArray(field(data, k)));
	if (key !== undefined) {
		const planned = planList(data[key] as unknown[], [key], data);
		return 'miss' in planned ? {miss: {...planned.miss, score: planned.miss.score + 1}} : planned;
	}
	// One key per category: `Security: [ … ]`; other keys may only hold text (a title, a version).
	const lists = Object.entries(data).filter(([, v]) => Array.isArray(v));
	if (lists.length === 0)
		return {miss: {score: 0, problem: 'no list of items or categories at the top level'}};
	const nested = Object.entries(data).find(([, v]) => isRecord(v));
	if (nested)
		return {
			miss: {
				score: 0,
				problem: `${at([nested[0]])} is an object, where an item list holds lists and text`,
			},
		};
	const sections: PlannedSection[] = [];
	for (const [name, value] of lists) {
		const items = value as unknown[];
		const bad = items.findIndex((e) => !isItem(e));
		if (bad >= 0 || items.length === 0)
			return {
				miss: {
					score: 1,
					problem:
						items.length === 0
							? `${at([name])} is an empty list`
							: `${at([name, bad])} is not an item (it needs a title)`,
				},
			};
		sections.push({
			title: name,
			value: undefined,
			path: [name],
			items: items.map((v, j) => ({value: v, path: [name, j]})),
		});
	}
	return {plan: {meta: data, sections, flat: false, categories: []}};
}

/** An object that is a link: one of its values is a web address (`{title, url}`, `{name, href}`). */
function isLinkObject(value: unknown): boolean {
	return (
		isRecord(value) &&
		Object.values(value).some((v) => typeof v === 'string' && /^https?:\/\//i.test(v.trim()))
	);
}

/**
 * A key of `value` (not in `read`) holding a list with an object in it: data
 * nothing reads. A list of links (every object a link) is not a check: it may go.
 */
function unreadList(value: unknown, read: (key: string) => boolean): string | undefined {
	if (!isRecord(value)) return undefined;
	return Object.keys(value).find((k) => {
		if (read(k) || !Array.isArray(value[k])) return false;
		const list = value[k] as unknown[];
		return list.some(isRecord) && !list.every((e) => isLinkObject(e) || !isRecord(e));
	});
}

/** Why data cannot be read as an item list, or undefined when it can. */
export function itemListMiss(data: unknown): Miss | undefined {
	const planned = planOf(data);
	if ('miss' in planned) return planned.miss;
	// Lists of objects that no rule reads would vanish: the file is not an item list as we know it.
	const unread = (path: Where, key: string): Miss => ({
		score: 3,
		problem: `${at([...path, key])} is a list of objects that an item list does not hold`,
	});
	for (const category of planned.plan.categories) {
		const key = unreadList(category.value, (k) => category.read.has(k));
		if (key !== undefined) return unread(category.path, key);
	}
	for (const section of planned.plan.sections)
		for (const item of section.items) {
			const result = resultField(item.value);
			if (result)
				return {
					score: 3,
					problem: `${at(item.path)} carries a result ("${result}"): a report of another tool, not a checklist`,
				};
			const key = unreadList(item.value, readsObjects);
			if (key !== undefined) return unread(item.path, key);
		}
	return undefined;
}

/** An item list as a preflight checklist; `itemListMiss(data)` must have found nothing wrong. */
export function fromItemList(data: unknown, path: string, fallbackVersion: string): Conversion {
	const planned = planOf(data);
	if ('miss' in planned) return {issues: [{path: [], message: planned.miss.problem}]};
	const {meta, sections: planSections, flat} = planned.plan;
	const title = firstText(meta, ['title', 'name']) ?? fileStem(path);
	const givenId = firstText(meta, ['id']);
	const issues: RawIssue[] = [];
	const itemIds = planSections.flatMap((s) =>
		s.items.map((it) => (typeof it.value === 'string' ? undefined : firstText(it.value, idKeys))),
	);
	const usable = idsGivenOnce(itemIds);
	const sectionUsable = idsGivenOnce(planSections.map((s) => s.given));
	const itemTaken = new Set(usable);
	const sectionTaken = new Set(sectionUsable);
	const sources: Array<{path: Where; items: Array<{path: Where; keys: Map<string, string>}>}> = [];
	const sections = planSections.map((s) => {
		const sectionTitle = cleanLine(s.title ?? (flat && planSections.length > 1 ? 'Other' : title));
		const given = s.given;
		const id =
			given !== undefined && sectionUsable.has(given)
				? given
				: claim(derivedSectionId(sectionTitle), sectionTaken);
		const description = flat ? undefined : s.description;
		if (!flat && s.title === undefined && s.value !== undefined)
			issues.push({
				path: [...s.path],
				message: `a category needs a name (${categoryTitleKeys.slice(0, 4).join(', ')}…)`,
			});
		const built = s.items.map((it) => {
			if (!isItem(it.value))
				issues.push({
					path: [...it.path],
					message: `an item needs a title (${itemTitleKeys.slice(0, 3).join(', ')}…)`,
				});
			return buildItem(it.value, id, usable, itemTaken, flat);
		});
		sources.push({
			path: s.path,
			items: s.items.map((it, i) => ({path: it.path, keys: built[i]?.keys ?? new Map()})),
		});
		// A category's own owners and approvals are its items' default, as a section's are.
		const owners = flat ? undefined : ownersOf(s.value);
		const approvals = flat ? undefined : approvalsOf(s.value);
		return {
			id,
			title: sectionTitle,
			...(description ? {description} : {}),
			...(owners ? {owners: owners.owners} : {}),
			...(approvals ? {approvals: approvals.approvals} : {}),
			items: built.map((b) => b.item),
		};
	});
	if (issues.length) return {issues};
	const description = firstText(meta, ['description']);
	const converted = {
		id: givenId !== undefined && isId(givenId) ? givenId : slug(title),
		title,
		version: fileVersion(versionOf(field(meta, 'version')), fallbackVersion),
		...(description ? {description} : {}),
		sections,
	};
	return {
		data: converted,
		source: (p) => {
			if (p[0] !== 'sections')
				return typeof p[0] === 'string' && isRecord(meta) && Object.hasOwn(meta, p[0])
					? [p[0]]
					: [];
			const section = sources[p[1] as number];
			if (!section) return [];
			if (p.length < 4) return section.path;
			const item = section.items[p[3] as number];
			if (!item) return section.path;
			if (p.length < 5) return item.path;
			const key = item.keys.get(String(p[4]));
			return key === undefined ? item.path : [...item.path, key];
		},
	};
}
