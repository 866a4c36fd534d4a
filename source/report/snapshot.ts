import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {packageDir} from '../checklist/load.js';
import {digestOf} from '../model/canonical.js';
import type {Evaluation, Totals} from '../model/evaluate.js';
import {reviewersOf} from '../model/review.js';
import type {LoadedChecklist} from '../checklist/load.js';
import type {Review} from '../model/schemas.js';
import * as z from '../model/zod.js';

const totalsSchema = z.strictObject({
	items: z.number(),
	pass: z.number(),
	fail: z.number(),
	na: z.number(),
	waived: z.number(),
	pending: z.number(),
	stale: z.number(),
	blockers: z.number(),
});

const snapshotItemSchema = z.strictObject({
	id: z.string(),
	title: z.string(),
	level: z.enum(['required', 'recommended']),
	status: z.enum(['pending', 'pass', 'fail', 'na', 'waived']),
	note: z.optional(z.string()),
	justification: z.optional(z.string()),
	waiver: z.optional(z.strictObject({reason: z.string(), owner: z.string(), expires: z.string()})),
	evidence: z.array(
		z.strictObject({
			kind: z.enum(['url', 'file']),
			ref: z.string(),
			sha256: z.optional(z.string()),
		}),
	),
	signedOff: z.optional(
		z.strictObject({by: z.string(), at: z.string(), commit: z.optional(z.string())}),
	),
	stale: z.boolean(),
});

/** The snapshot file format (PRODUCT.md, "Snapshot (JSON)"). */
export const snapshotSchema = z.strictObject({
	format: z.literal('preflight-snapshot'),
	formatVersion: z.literal(1),
	generatedAt: z.string(),
	tool: z.strictObject({name: z.string(), version: z.string()}),
	review: z.strictObject({
		id: z.string(),
		system: z.string(),
		release: z.optional(z.string()),
		reviewers: z.array(z.string()),
	}),
	checklist: z.strictObject({
		id: z.string(),
		title: z.string(),
		version: z.string(),
		digest: z.string(),
	}),
	verdict: z.enum(['ready', 'not-ready']),
	totals: totalsSchema,
	sections: z.array(
		z.strictObject({
			id: z.string(),
			title: z.string(),
			totals: totalsSchema,
			items: z.array(snapshotItemSchema),
		}),
	),
	blockers: z.array(z.strictObject({itemId: z.string(), title: z.string(), reason: z.string()})),
	digest: z.string(),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotItem = z.infer<typeof snapshotItemSchema>;

// The bundle has the package's version written in at build time; run from
// source (tests), it is read from package.json.
declare const __PREFLIGHT_VERSION__: string | undefined;

/** This preflight's version, as recorded in every snapshot. */
export const TOOL_VERSION: string =
	typeof __PREFLIGHT_VERSION__ === 'string'
		? __PREFLIGHT_VERSION__
		: (JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as {version: string})
				.version;

function copyTotals(t: Totals): Totals {
	return {...t};
}

/**
 * Builds a snapshot from an evaluation. Deterministic: the same review and
 * checklist give the same object apart from `generatedAt`; sections and items
 * follow checklist order. `digest` covers everything else.
 */
export function buildSnapshot(
	evaluation: Evaluation,
	review: Review,
	loaded: LoadedChecklist,
	generatedAt: Date,
): Snapshot {
	const body: Omit<Snapshot, 'digest'> = {
		format: 'preflight-snapshot',
		formatVersion: 1,
		generatedAt: generatedAt.toISOString(),
		tool: {name: 'preflight', version: TOOL_VERSION},
		review: {
			id: review.id,
			system: review.system,
			...(review.release ? {release: review.release} : {}),
			reviewers: reviewersOf(review),
		},
		checklist: {
			id: loaded.checklist.id,
			title: loaded.checklist.title,
			version: loaded.checklist.version,
			digest: loaded.digest,
		},
		verdict: evaluation.verdict,
		totals: copyTotals(evaluation.totals),
		sections: evaluation.sections.map((s) => ({
			id: s.section.id,
			title: s.section.title,
			totals: copyTotals(s.totals),
			items: s.items.map((r): SnapshotItem => {
				const a = r.answer;
				return {
					id: r.item.id,
					title: r.item.title,
					level: r.item.level,
					status: a.status,
					...(a.note ? {note: a.note} : {}),
					...(a.status === 'na' && a.justification ? {justification: a.justification} : {}),
					...(a.status === 'waived' && a.waiver ? {waiver: {...a.waiver}} : {}),
					evidence: a.evidence.map((e) => ({
						kind: e.kind,
						ref: e.ref,
						...(e.sha256 ? {sha256: e.sha256} : {}),
					})),
					...(a.signedOff ? {signedOff: {...a.signedOff}} : {}),
					stale: r.stale,
				};
			}),
		})),
		blockers: evaluation.blockers.map((b) => ({
			itemId: b.item.id,
			title: b.item.title,
			reason: b.blocker ?? '',
		})),
	};
	return {...body, digest: digestOf(body)};
}

/** Recomputes a snapshot's digest over everything but the digest field. */
export function snapshotDigest(snapshot: Record<string, unknown>): string {
	const {digest: _digest, ...body} = snapshot;
	return digestOf(body);
}
