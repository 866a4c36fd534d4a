// Checklists exported by other review tools, converted to preflight's format.
// Their own fields are checked leniently (real exports carry many fields we do
// not use); problems name the path in the source file, not in the converted data.
import {basename, extname} from 'node:path';
import {ownValue} from '../model/records.js';
import * as z from '../model/zod.js';
import {claim, isId, slug} from './ids.js';
import {quote, zodIssues, type RawIssue} from './problems.js';

/** Converted data plus a map from a path in it to the path in the source file. */
export type Converted = {
	data: unknown;
	source: (path: readonly PropertyKey[]) => readonly PropertyKey[] | undefined;
};

const text = () => z.string();
const optionalText = () => z.optional(z.nullable(z.string()));
// Built on first use: a start that reads no such file does not pay for them.
function buildLensSchema() {
	const resource = z.optional(
		z.nullable(z.looseObject({displayText: optionalText(), url: optionalText()})),
	);

	return z.looseObject({
		schemaVersion: z.string(),
		name: optionalText(),
		description: optionalText(),
		version: optionalText(),
		pillars: z.array(
			z.looseObject({
				id: text(),
				name: text(),
				questions: z.array(
					z.looseObject({
						id: text(),
						title: text(),
						description: optionalText(),
						helpfulResource: resource,
						choices: z.optional(
							z.array(
								z.looseObject({
									id: z.optional(text()),
									title: text(),
									description: optionalText(),
									helpfulResource: resource,
								}),
							),
						),
					}),
				),
			}),
		),
	});
}
let lensSchema: ReturnType<typeof buildLensSchema> | undefined;

/** True when data looks like an AWS Well-Architected custom lens. */
export function isAwsLens(data: unknown): boolean {
	return (
		typeof data === 'object' &&
		data !== null &&
		Object.hasOwn(data, 'schemaVersion') &&
		Array.isArray(field(data, 'pillars'))
	);
}

/** True when data looks like an Azure review checklist. */
export function isAzureChecklist(data: unknown): boolean {
	return (
		typeof data === 'object' &&
		data !== null &&
		!Object.hasOwn(data, 'sections') &&
		Array.isArray(field(data, 'items'))
	);
}

function resourceLine(r: {displayText?: string | null; url?: string | null} | null | undefined) {
	if (!r) return undefined;
	const label = r.displayText?.trim();
	const url = r.url?.trim();
	if (label && url) return `${label} (${url})`;
	return label || url || undefined;
}

function idFrom(raw: string | null | undefined, fallback: string): string {
	const trimmed = raw?.trim() ?? '';
	return trimmed && isId(trimmed) ? trimmed : fallback;
}

function fileStem(path: string): string {
	return basename(path, extname(path));
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A member of parsed data, its own only: a file's keys are outside text (see model/records.ts). */
function field(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
		? (value as Record<string, unknown>)[key]
		: undefined;
}

/**
 * Problems the converted checklist would also have (empty pillars, repeated
 * ids), looked for on the raw file when its shape is already wrong, so that
 * one run lists every problem.
 */
function lensExtraIssues(input: unknown): RawIssue[] {
	const out: RawIssue[] = [];
	const seen = new Set<string>();
	list(field(input, 'pillars')).forEach((pillar, pi) => {
		const questions = field(pillar, 'questions');
		if (Array.isArray(questions) && questions.length === 0)
			out.push({path: ['pillars', pi, 'questions'], message: 'a section needs at least one item'});
		list(questions).forEach((q, qi) => {
			const id = field(q, 'id');
			if (typeof id !== 'string') return;
			const full = `${String(field(pillar, 'id'))}.${id}`;
			if (seen.has(full))
				out.push({
					path: ['pillars', pi, 'questions', qi, 'id'],
					message: `duplicate item id ${quote(full)}`,
				});
			seen.add(full);
		});
	});
	return out;
}

function azureExtraIssues(input: unknown): RawIssue[] {
	const out: RawIssue[] = [];
	const seen = new Set<string>();
	list(field(input, 'items')).forEach((it, i) => {
		const guid = field(it, 'guid');
		if (typeof guid !== 'string' || !guid.trim()) return;
		if (seen.has(guid.trim()))
			out.push({path: ['items', i, 'guid'], message: `duplicate item id ${quote(guid.trim())}`});
		seen.add(guid.trim());
	});
	return out;
}

export function fromAwsLens(
	input: unknown,
	path: string,
	fallbackVersion: string,
): Converted | {issues: RawIssue[]} {
	const parsed = z.safeParse((lensSchema ??= buildLensSchema()), input);
	if (!parsed.success) return {issues: [...zodIssues(parsed.error), ...lensExtraIssues(input)]};
	const lens = parsed.data;
	const sectionTaken = new Set<string>();
	const itemTaken = new Set<string>();
	const sections = lens.pillars.map((pillar) => {
		const sectionId = claim(idFrom(pillar.id, slug(pillar.name)), sectionTaken);
		return {
			id: sectionId,
			title: pillar.name,
			items: pillar.questions.map((q) => {
				const parts: string[] = [];
				if (q.description?.trim()) parts.push(q.description.trim());
				const choices = (q.choices ?? []).map((c) => {
					const extra = [c.description?.trim(), resourceLine(c.helpfulResource)].filter(Boolean);
					return `- ${c.title.trim()}${extra.length ? ` — ${extra.join('; ')}` : ''}`;
				});
				if (choices.length) parts.push(`Choices:\n${choices.join('\n')}`);
				const help = resourceLine(q.helpfulResource);
				if (help) parts.push(`Helpful resource: ${help}`);
				return {
					id: claim(`${sectionId}.${idFrom(q.id, slug(q.title))}`, itemTaken),
					title: q.title,
					guidance: parts.join('\n\n'),
				};
			}),
		};
	});
	const title = lens.name?.trim() || fileStem(path);
	const data = {
		id: slug(title),
		title,
		version: lens.version?.trim() || fallbackVersion,
		...(lens.description?.trim() ? {description: lens.description.trim()} : {}),
		sections,
	};
	const fields: Record<string, string> = {title: 'name', id: 'id', items: 'questions'};
	return {
		data,
		source: (p) => {
			if (p[0] !== 'sections') return p[0] === 'title' ? ['name'] : [];
			const out: PropertyKey[] = ['pillars'];
			if (p.length > 1) out.push(p[1] as number);
			if (p.length > 2) out.push(ownValue(fields, String(p[2])) ?? String(p[2]));
			if (p.length > 3) out.push(p[3] as number);
			if (p.length > 4) out.push(p[4] === 'guidance' ? 'description' : (p[4] as string));
			return out;
		},
	};
}

function buildAzureSchema() {
	return z.looseObject({
		metadata: z.optional(
			z.nullable(z.looseObject({name: optionalText(), timestamp: optionalText()})),
		),
		items: z.array(
			z.looseObject({
				category: text(),
				subcategory: optionalText(),
				text: text(),
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

export function fromAzure(
	input: unknown,
	path: string,
	fallbackVersion: string,
): Converted | {issues: RawIssue[]} {
	const parsed = z.safeParse((azureSchema ??= buildAzureSchema()), input);
	if (!parsed.success) return {issues: [...zodIssues(parsed.error), ...azureExtraIssues(input)]};
	const checklist = parsed.data;
	type Item = {id: string; title: string; guidance: string; level: 'required' | 'recommended'};
	const byCategory = new Map<string, {first: number; items: Item[]; sources: number[]}>();
	const itemTaken = new Set(
		checklist.items.flatMap((it) => (it.guid?.trim() ? [it.guid.trim()] : [])),
	);
	checklist.items.forEach((it, index) => {
		const category = it.category.trim();
		let group = byCategory.get(category);
		if (!group) {
			group = {first: index, items: [], sources: []};
			byCategory.set(category, group);
		}
		const parts: string[] = [];
		if (it.description?.trim()) parts.push(it.description.trim());
		if (it.subcategory?.trim()) parts.push(`Subcategory: ${it.subcategory.trim()}`);
		if (it.link?.trim()) parts.push(`Link: ${it.link.trim()}`);
		if (it.training?.trim()) parts.push(`Training: ${it.training.trim()}`);
		// A guid is the id as written, even when it repeats: the duplicate is reported.
		const guid = it.guid?.trim();
		const id = guid || claim(idFrom(it.id, slug(`${category} ${it.text}`)), itemTaken);
		group.items.push({
			id,
			title: it.text,
			guidance: parts.join('\n'),
			level: it.severity?.trim().toLowerCase() === 'high' ? 'required' : 'recommended',
		});
		group.sources.push(index);
	});
	const groups = [...byCategory.entries()];
	const sectionTaken = new Set<string>();
	const sections = groups.map(([category, g]) => ({
		id: claim(slug(category), sectionTaken),
		title: category,
		items: g.items,
	}));
	const title = checklist.metadata?.name?.trim() || fileStem(path);
	const data = {
		id: slug(title),
		title,
		version: checklist.metadata?.timestamp?.trim() || fallbackVersion,
		sections,
	};
	const fields: Record<string, string> = {id: 'guid', title: 'text', guidance: 'description'};
	return {
		data,
		source: (p) => {
			if (p[0] !== 'sections') return p[0] === 'title' ? ['metadata', 'name'] : [];
			const group = groups[p[1] as number]?.[1];
			if (!group) return ['items'];
			if (p.length < 4) return ['items', group.first, 'category'];
			const index = group.sources[p[3] as number];
			if (index === undefined) return ['items'];
			return p.length > 4
				? ['items', index, ownValue(fields, String(p[4])) ?? String(p[4])]
				: ['items', index];
		},
	};
}
