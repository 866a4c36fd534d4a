// Checklists written as plain lists in YAML or JSON, the way teams keep them:
// a list of categories each with its items, the same under a key of an object
// (`categories:`, `checklist:`…), one key per category, or a flat list of
// items that each name their category. Field names are the common ones
// (documented in docs/checklist-formats.md); nothing here needs `sections`.
import type {Level} from '../model/schemas.js';
import {
	field,
	fileStem,
	firstText,
	idsGivenOnce,
	isRecord,
	kindOf,
	textOf,
	versionOf,
	type Conversion,
} from './foreign.js';
import {claim, derivedItemId, derivedSectionId, isId, slug} from './ids.js';
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
const itemTitleKeys = [
	'title',
	'name',
	'text',
	'task',
	'check',
	'item',
	'question',
	'requirement',
	'control',
	'label',
	'summary',
];
const categoryTitleKeys = [
	'category',
	'section',
	'name',
	'title',
	'group',
	'area',
	'pillar',
	'domain',
	'topic',
	'label',
];
/** Fields of a flat item that name its category. */
const categoryFields = ['category', 'section', 'group', 'area', 'pillar', 'domain', 'topic'];
const guidanceKeys = [
	'description',
	'details',
	'detail',
	'guidance',
	'notes',
	'note',
	'why',
	'how',
	'rationale',
	'explanation',
	'help',
	'hint',
	'info',
];
const linkKeys = ['link', 'links', 'url', 'href', 'reference', 'references', 'docs', 'resources'];
const levelKeys = ['level', 'priority', 'severity', 'importance', 'criticality'];
const idKeys = ['id', 'key', 'code', 'ref'];
/** Whether an item is ticked in the file: answers live in the review, so these are not read. */
const stateKeys = ['done', 'checked', 'completed', 'complete', 'status', 'state'];

const requiredWords = new Set(
	'required must mandatory critical blocker blocking high highest urgent essential p0 p1'.split(
		' ',
	),
);
const recommendedWords = new Set(
	'recommended should could may optional nice-to-have medium moderate low lowest minor info informational trivial p2 p3 p4'.split(
		' ',
	),
);

type Where = readonly PropertyKey[];
type Planned = {value: unknown; path: Where};
type PlannedSection = {title: string | undefined; value: unknown; path: Where; items: Planned[]};
type Plan = {meta: unknown; sections: PlannedSection[]; flat: boolean};
/** Why data is not an item list, and how close it came (for "closest: …"). */
export type Miss = {score: number; problem: string};

function isItem(value: unknown): boolean {
	if (typeof value === 'string') return value.trim() !== '';
	return isRecord(value) && titleOf(value) !== undefined;
}

/** The item's title and the key it came from; a lone description serves as the title. */
function titleOf(value: unknown): {text: string; key: string} | undefined {
	for (const key of [...itemTitleKeys, ...guidanceKeys]) {
		const text = textOf(field(value, key));
		if (text !== undefined) return {text, key};
	}
	return undefined;
}

function itemListKey(value: unknown): string | undefined {
	return itemListKeys.find((k) => Array.isArray(field(value, k)));
}

const at = (path: Where) => formatPath(path) || 'the top level';

/** A field that says the entry is a result (another tool's report), not something to check. */
function resultField(value: unknown): string | undefined {
	if (!isRecord(value)) return undefined;
	if (typeof field(value, 'score') === 'number') return 'score';
	for (const key of ['passed', 'pass', 'failed', 'ok', 'success'])
		if (typeof field(value, key) === 'boolean') return key;
	for (const key of ['result', 'outcome']) {
		const v = field(value, key);
		if (typeof v === 'boolean') return key;
		if (
			typeof v === 'string' &&
			/^(pass(ed)?|fail(ed|ure)?|ok|error|success|warn(ing)?|skip(ped)?)$/i.test(v.trim())
		)
			return key;
	}
	return undefined;
}

function planList(entries: unknown[], path: Where, meta: unknown): {plan: Plan} | {miss: Miss} {
	if (entries.length === 0) return {miss: {score: 1, problem: `${at(path)} is an empty list`}};
	const sections: PlannedSection[] = [];
	if (entries.some((e) => itemListKey(e) !== undefined)) {
		let loose: PlannedSection | undefined;
		for (const [i, entry] of entries.entries()) {
			const key = itemListKey(entry);
			if (key !== undefined) {
				const items = field(entry, key) as unknown[];
				sections.push({
					title: firstText(entry, categoryTitleKeys),
					value: entry,
					path: [...path, i],
					items: items.map((value, j) => ({value, path: [...path, i, key, j]})),
				});
			} else if (isItem(entry)) {
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
		return {plan: {meta, sections, flat: false}};
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
	return {plan: {meta, sections, flat: true}};
}

/** How data is read as an item list, or why it is not one. */
function planOf(data: unknown): {plan: Plan} | {miss: Miss} {
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
	return {plan: {meta: data, sections, flat: false}};
}

/** Why data cannot be read as an item list, or undefined when it can. */
export function itemListMiss(data: unknown): Miss | undefined {
	const planned = planOf(data);
	if ('miss' in planned) return planned.miss;
	for (const section of planned.plan.sections)
		for (const item of section.items) {
			const result = resultField(item.value);
			if (result)
				return {
					score: 3,
					problem: `${at(item.path)} carries a result ("${result}"): a report of another tool, not a checklist`,
				};
		}
	return undefined;
}

function capitalised(key: string): string {
	return `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

/** `required`/`recommended` from the item's level, priority, severity or required/optional switches. */
function levelOf(value: unknown): {level?: Level; unknown?: [string, string]} {
	for (const key of ['required', 'mandatory'])
		if (typeof field(value, key) === 'boolean')
			return {level: field(value, key) ? 'required' : 'recommended'};
	if (typeof field(value, 'optional') === 'boolean')
		return {level: field(value, 'optional') ? 'recommended' : 'required'};
	for (const key of levelKeys) {
		const raw = field(value, key);
		const word = (typeof raw === 'number' ? String(raw) : textOf(raw))?.toLowerCase();
		if (word === undefined) continue;
		const squeezed = word.replace(/[\s_]+/g, '-');
		if (requiredWords.has(squeezed)) return {level: 'required'};
		if (recommendedWords.has(squeezed)) return {level: 'recommended'};
		return {unknown: [key, String(raw)]};
	}
	return {};
}

function linkLines(value: unknown): string[] {
	if (typeof value === 'string') return value.trim() ? [`Link: ${value.trim()}`] : [];
	if (Array.isArray(value)) return value.flatMap(linkLines);
	if (isRecord(value)) {
		const url = firstText(value, ['url', 'href', 'link']);
		const label = firstText(value, ['title', 'name', 'text', 'displayText', 'label']);
		if (url) return [`Link: ${label ? `${label} (${url})` : url}`];
		if (label) return [`Link: ${label}`];
	}
	return [];
}

function textLines(value: unknown): string | undefined {
	if (typeof value === 'string') return textOf(value);
	if (Array.isArray(value)) {
		const lines = value.map((v) => (typeof v === 'string' ? v.trim() : '')).filter(Boolean);
		return lines.length ? lines.map((l) => `- ${l}`).join('\n') : undefined;
	}
	return undefined;
}

/** A scalar or a list of scalars as text; objects are not spelled out. */
function fieldText(value: unknown): string | undefined {
	if (typeof value === 'string') return textOf(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		const parts = value.map(fieldText);
		return parts.every((p) => p !== undefined) && parts.length ? parts.join(', ') : undefined;
	}
	return undefined;
}

type Built = {item: Record<string, unknown>; keys: Map<string, string>};

function buildItem(
	entry: unknown,
	sectionId: string,
	usable: ReadonlySet<string>,
	taken: Set<string>,
	flat: boolean,
): Built {
	const keys = new Map<string, string>();
	if (typeof entry === 'string') {
		const title = entry.trim();
		return {item: {id: claim(derivedItemId(sectionId, title), taken), title}, keys};
	}
	const title = titleOf(entry) ?? {text: '', key: 'title'};
	keys.set('title', title.key);
	const given = firstText(entry, idKeys);
	const id =
		given !== undefined && usable.has(given)
			? given
			: claim(derivedItemId(sectionId, title.text), taken);
	if (given !== undefined && usable.has(given))
		keys.set('id', idKeys.find((k) => textOf(field(entry, k)) === given) ?? 'id');
	const {level, unknown} = levelOf(entry);
	const paragraphs: string[] = [];
	const lines: string[] = [];
	const skip = new Set([
		title.key,
		...idKeys,
		...stateKeys,
		...levelKeys,
		'required',
		'mandatory',
		'optional',
	]);
	if (flat) for (const k of categoryFields) skip.add(k);
	const item: Record<string, unknown> = {id, title: title.text};
	for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
		if (key === 'reviewEvery' || key === 'evidenceRequired') {
			item[key] = value;
			keys.set(key, key);
		} else if (skip.has(key)) continue;
		else if (guidanceKeys.includes(key)) {
			const text = textLines(value);
			if (text) paragraphs.push(text);
		} else if (linkKeys.includes(key)) lines.push(...linkLines(value));
		else {
			const text = fieldText(value);
			if (text !== undefined) lines.push(`${capitalised(key)}: ${text}`);
		}
	}
	if (unknown) lines.unshift(`${capitalised(unknown[0])}: ${unknown[1]}`);
	if (lines.length) paragraphs.push(lines.join('\n'));
	if (paragraphs.length) item.guidance = paragraphs.join('\n\n');
	if (level) item.level = level;
	return {item, keys};
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
	const sectionUsable = idsGivenOnce(planSections.map((s) => firstText(s.value, idKeys)));
	const itemTaken = new Set(usable);
	const sectionTaken = new Set(sectionUsable);
	const sources: Array<{path: Where; items: Array<{path: Where; keys: Map<string, string>}>}> = [];
	const sections = planSections.map((s) => {
		const sectionTitle = s.title ?? (flat && planSections.length > 1 ? 'Other' : title);
		const given = firstText(s.value, idKeys);
		const id =
			given !== undefined && sectionUsable.has(given)
				? given
				: claim(derivedSectionId(sectionTitle), sectionTaken);
		const description = flat ? undefined : firstText(s.value, ['description', 'details']);
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
		return {
			id,
			title: sectionTitle,
			...(description ? {description} : {}),
			items: built.map((b) => b.item),
		};
	});
	if (issues.length) return {issues};
	const description = firstText(meta, ['description']);
	const converted = {
		id: givenId !== undefined && isId(givenId) ? givenId : slug(title),
		title,
		version: versionOf(field(meta, 'version')) ?? fallbackVersion,
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
