// AWS Well-Architected custom lenses: pillars → sections, questions → items,
// the question's risk rules → its level (documented in docs/checklist-formats.md).
import {ownValue} from '../model/records.js';
import type {Level} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {
	field,
	fileStem,
	fileVersion,
	isRecord,
	list,
	optionalText,
	resourceLine,
	textOf,
	versionOf,
	type Conversion,
} from './foreign.js';
import {claim, derivedItemId, derivedSectionId, isId, slug} from './ids.js';
import {quote, zodIssues, type RawIssue} from './problems.js';
import {cleanLine, titleParts} from './title-text.js';

/** The risks a lens question's rules can give, as AWS names them. */
export const lensRisks = ['HIGH_RISK', 'MEDIUM_RISK', 'NO_RISK'] as const;
export type LensRisk = (typeof lensRisks)[number];

const text = () => z.string();
// Built on first use: a start that reads no lens does not pay for it.
function buildLensSchema() {
	const resource = z.optional(
		// Some published lenses spell it `Url`.
		z.nullable(
			z.looseObject({displayText: optionalText(), url: optionalText(), Url: optionalText()}),
		),
	);
	return z.looseObject({
		schemaVersion: z.string(),
		name: optionalText(),
		description: optionalText(),
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
						riskRules: z.optional(
							z.nullable(
								z.array(
									z.looseObject({
										condition: text(),
										risk: z.enum(lensRisks, {
											error: 'risk must be HIGH_RISK, MEDIUM_RISK or NO_RISK',
										}),
									}),
								),
							),
						),
					}),
				),
			}),
		),
	});
}
let lensSchema: ReturnType<typeof buildLensSchema> | undefined;

/** True when data looks like an AWS Well-Architected custom lens: `pillars` holding questions. */
export function isAwsLens(data: unknown): boolean {
	const pillars = field(data, 'pillars');
	if (!Array.isArray(pillars)) return false;
	return (
		Object.hasOwn(data as object, 'schemaVersion') || Array.isArray(field(pillars[0], 'questions'))
	);
}

type RiskRule = {condition: string; risk: LensRisk};

/**
 * The risks a question's rules can give. AWS takes the rules in order and the
 * first whose condition holds decides; `default` always holds, so rules after
 * it never apply. Conditions are not solved: a rule whose condition could
 * never hold still counts, which errs towards blocking.
 */
export function reachableRisks(rules: readonly RiskRule[]): Set<LensRisk> {
	const out = new Set<LensRisk>();
	for (const rule of rules) {
		out.add(rule.risk);
		if (rule.condition.trim() === 'default') break;
	}
	return out;
}

/**
 * A question blocks (`required`) when some answer can leave a high risk, or
 * when it has no rules to say; one whose answers can at worst leave a medium
 * risk is `recommended`, and so is one whose rules can only give NO_RISK.
 */
export function levelOfRisks(rules: readonly RiskRule[] | null | undefined): Level {
	if (!rules || rules.length === 0) return 'required';
	return reachableRisks(rules).has('HIGH_RISK') ? 'required' : 'recommended';
}

const riskWords: Record<LensRisk, string> = {
	HIGH_RISK: 'high risk',
	MEDIUM_RISK: 'medium risk',
	NO_RISK: 'no risk',
};

/** `Risk: no risk when a && b; high risk otherwise.` */
function riskLine(rules: readonly RiskRule[]): string | undefined {
	const parts: string[] = [];
	for (const rule of rules) {
		const condition = rule.condition.trim();
		const words = ownValue(riskWords, rule.risk) ?? rule.risk;
		if (condition === 'default') {
			parts.push(parts.length ? `${words} otherwise` : `${words} whatever the answer`);
			break;
		}
		parts.push(`${words} when ${condition}`);
	}
	return parts.length ? `Risk: ${parts.join('; ')}.` : undefined;
}

function idFrom(raw: string | null | undefined, fallback: string): string {
	const trimmed = raw?.trim() ?? '';
	return trimmed && isId(trimmed) ? trimmed : fallback;
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

/** The lens's own version: `_version` (as published lenses write it), else `version`. */
function lensVersion(input: unknown): string | undefined {
	return versionOf(field(input, '_version')) ?? versionOf(field(input, 'version'));
}

export function fromAwsLens(input: unknown, path: string, fallbackVersion: string): Conversion {
	const parsed = z.safeParse((lensSchema ??= buildLensSchema()), input);
	if (!parsed.success) return {issues: [...zodIssues(parsed.error), ...lensExtraIssues(input)]};
	const lens = parsed.data;
	const sectionTaken = new Set<string>();
	const itemTaken = new Set<string>();
	const resource = (r: {displayText?: string | null; url?: string | null; Url?: string | null}) =>
		resourceLine({displayText: r.displayText, url: r.url ?? r.Url});
	const sections = lens.pillars.map((pillar) => {
		const sectionId = claim(
			idFrom(pillar.id, derivedSectionId(cleanLine(pillar.name))),
			sectionTaken,
		);
		return {
			id: sectionId,
			title: cleanLine(pillar.name) || pillar.name,
			items: pillar.questions.map((q) => {
				const {title: questionTitle, rest} = titleParts(q.title);
				const parts: string[] = rest ? [rest] : [];
				if (q.description?.trim()) parts.push(q.description.trim());
				const choices = (q.choices ?? []).map((c) => {
					const help = c.helpfulResource ? resource(c.helpfulResource) : undefined;
					const extra = [c.description?.trim(), help].filter(Boolean);
					return `- ${c.title.trim()}${extra.length ? ` — ${extra.join('; ')}` : ''}`;
				});
				if (choices.length) parts.push(`Choices:\n${choices.join('\n')}`);
				const help = q.helpfulResource ? resource(q.helpfulResource) : undefined;
				if (help) parts.push(`Helpful resource: ${help}`);
				const risk = riskLine(q.riskRules ?? []);
				if (risk) parts.push(risk);
				return {
					id: claim(
						q.id.trim() && isId(q.id.trim())
							? `${sectionId}.${q.id.trim()}`
							: derivedItemId(sectionId, questionTitle),
						itemTaken,
					),
					title: questionTitle,
					guidance: parts.join('\n\n'),
					level: levelOfRisks(q.riskRules),
				};
			}),
		};
	});
	const title = lens.name?.trim() || fileStem(path);
	const description = textOf(lens.description);
	const data = {
		id: slug(title),
		title,
		version: fileVersion(lensVersion(input), fallbackVersion),
		...(description ? {description} : {}),
		sections,
	};
	const fields: Record<string, string> = {title: 'name', id: 'id', items: 'questions'};
	return {
		data,
		source: (p) => {
			if (p[0] !== 'sections') {
				if (p[0] === 'title') return ['name'];
				if (p[0] === 'version')
					return isRecord(input) && Object.hasOwn(input, '_version') ? ['_version'] : ['version'];
				return [];
			}
			const out: PropertyKey[] = ['pillars'];
			if (p.length > 1) out.push(p[1] as number);
			if (p.length > 2) out.push(ownValue(fields, String(p[2])) ?? String(p[2]));
			if (p.length > 3) out.push(p[3] as number);
			if (p.length > 4) out.push(p[4] === 'guidance' ? 'description' : (p[4] as string));
			return out;
		},
	};
}
