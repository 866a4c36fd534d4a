// The items of an item list (item-lists.ts): which fields mean what, and one
// item in preflight's format from a string or an object of common field names
// (documented in docs/checklist-formats.md).
import type {Level} from '../model/schemas.js';
import {field, firstText, isRecord, resourceLine, textOf} from './foreign.js';
import {claim, derivedItemId} from './ids.js';
import {titleParts} from './title-text.js';

export const itemTitleKeys = [
	'title',
	'name',
	'text',
	'point',
	'feature',
	'task',
	'check',
	'item',
	'question',
	'requirement',
	'control',
	'label',
	'summary',
];
export const categoryTitleKeys = [
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
export const categoryFields = ['category', 'section', 'group', 'area', 'pillar', 'domain', 'topic'];
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
export const idKeys = ['id', 'key', 'code', 'ref'];
/** Fields that name who may sign an item (docs/team.md): read as `owners` when they hold role names. */
export const ownerKeys = ['owners', 'owner', 'roles', 'role'];
/** Fields that say how many owners must pass an item (the two-person rule). */
export const approvalKeys = ['approvals', 'approvers'];
const roleName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The roles a foreign file names as an item's or a category's owners, and the
 * key they came from: a role name or a list of them (`owner: sre`,
 * `owners: [security, sre]`, `owners: "security, sre"`). Free text such as
 * `owner: Security team` is not a role: it stays in the guidance, where a
 * person reads it, rather than making an item nobody can settle.
 */
export function ownersOf(value: unknown): {owners: string[]; key: string} | undefined {
	for (const key of ownerKeys) {
		const raw = field(value, key);
		const list =
			typeof raw === 'string'
				? raw.split(',').map((r) => r.trim())
				: Array.isArray(raw) && raw.every((r) => typeof r === 'string')
					? raw.map((r: string) => r.trim())
					: undefined;
		if (!list?.length || !list.every((r) => roleName.test(r))) continue;
		return {owners: [...new Set(list)], key};
	}
	return undefined;
}

/** The number of approvals a foreign file asks for, and its key: a whole number from 1 to 20. */
export function approvalsOf(value: unknown): {approvals: number; key: string} | undefined {
	for (const key of approvalKeys) {
		const raw = field(value, key);
		if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 20)
			return {approvals: raw, key};
	}
	return undefined;
}

/** Whether an item is ticked in the file: answers live in the review, so these are not read. */
const stateKeys = ['done', 'checked', 'completed', 'complete', 'status', 'state'];

const requiredWords = new Set(
	'required must mandatory critical blocker blocking high highest urgent essential p0 p1'.split(
		' ',
	),
);
const recommendedWords = new Set(
	'recommended should could may optional advanced nice-to-have good-to-have suggested medium moderate low lowest minor info informational trivial p2 p3 p4'.split(
		' ',
	),
);

/** Whether an item's field may hold a list of objects: links as `{title, url}`. */
export const readsObjects = (key: string): boolean => linkKeys.includes(key);

export function isItem(value: unknown): boolean {
	if (typeof value === 'string') return value.trim() !== '';
	return isRecord(value) && titleOf(value) !== undefined;
}

/** The item's title and the key it came from; a lone description serves as the title. */
function titleOf(value: unknown): {text: string; key: string; described: boolean} | undefined {
	for (const key of [...itemTitleKeys, ...guidanceKeys]) {
		const text = textOf(field(value, key));
		if (text !== undefined) return {text, key, described: guidanceKeys.includes(key)};
	}
	return undefined;
}

/** A field that says the entry is a result (another tool's report), not something to check. */
export function resultField(value: unknown): string | undefined {
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
		const line = resourceLine({
			url: firstText(value, ['url', 'href', 'link']) ?? null,
			displayText: firstText(value, ['title', 'name', 'text', 'displayText', 'label']) ?? null,
		});
		if (line) return [`Link: ${line}`];
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

/** An item as preflight's format has it, and the source field each of its fields came from. */
export type Built = {item: Record<string, unknown>; keys: Map<string, string>};

/**
 * One item: its id (the given one when `usable`, else derived and claimed in
 * `taken`), title, level, and guidance from every other field it has.
 */
export function buildItem(
	entry: unknown,
	sectionId: string,
	usable: ReadonlySet<string>,
	taken: Set<string>,
	flat: boolean,
): Built {
	const keys = new Map<string, string>();
	if (typeof entry === 'string') {
		const {title, rest} = titleParts(entry);
		return {
			item: {
				id: claim(derivedItemId(sectionId, title), taken),
				title,
				...(rest ? {guidance: rest} : {}),
			},
			keys,
		};
	}
	const found = titleOf(entry) ?? {text: '', key: 'title', described: false};
	keys.set('title', found.key);
	// A description serving as the title is Markdown as often as not: read as its text.
	const title = titleParts(found.text, found.described);
	const given = firstText(entry, idKeys);
	const id =
		given !== undefined && usable.has(given)
			? given
			: claim(derivedItemId(sectionId, title.title), taken);
	if (given !== undefined && usable.has(given))
		keys.set('id', idKeys.find((k) => textOf(field(entry, k)) === given) ?? 'id');
	const {level, unknown} = levelOf(entry);
	const owners = ownersOf(entry);
	const approvals = approvalsOf(entry);
	const paragraphs: string[] = title.rest ? [title.rest] : [];
	const lines: string[] = [];
	const skip = new Set([
		found.key,
		...idKeys,
		...stateKeys,
		...levelKeys,
		'required',
		'mandatory',
		'optional',
		...(owners ? [owners.key] : []),
		...(approvals ? [approvals.key] : []),
	]);
	if (flat) for (const k of categoryFields) skip.add(k);
	const item: Record<string, unknown> = {id, title: title.title};
	for (const [key, value] of isRecord(entry) ? Object.entries(entry) : []) {
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
	if (owners) {
		item.owners = owners.owners;
		keys.set('owners', owners.key);
	}
	if (approvals) {
		item.approvals = approvals.approvals;
		keys.set('approvals', approvals.key);
	}
	return {item, keys};
}
