import {digestOf, sha256Hex} from '../model/canonical.js';
import type {Evaluation, Totals} from '../model/evaluate.js';
import {reviewersOf} from '../model/review.js';
import {reviewDue, reviewDueJson} from '../model/review-due.js';
import type {LoadedChecklist} from '../checklist/load.js';
import type {ActionItem, Answer, Review, SignOff} from '../model/schemas.js';
import {approversOf} from '../model/team.js';
import * as z from '../model/zod.js';
import {TOOL_VERSION} from '../version.js';

/**
 * The snapshot file format (docs/snapshots-and-verify.md), for reading
 * snapshots back (verify, diff) and for its JSON Schema. Built on first use:
 * writing a snapshot does not need it, and every start that loads this module
 * (the app, --version) would pay for building it.
 */
function buildSnapshotSchema() {
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

	const signOff = z.strictObject({
		by: z.string(),
		email: z.optional(z.string()),
		at: z.string(),
		commit: z.optional(z.string()),
	});

	/** What an item's answer shows, in an item and in each answer of a conflict. */
	const answerFields = {
		status: z.enum(['pending', 'pass', 'fail', 'na', 'waived']),
		note: z.optional(z.string()),
		justification: z.optional(z.string()),
		waiver: z.optional(
			z.strictObject({reason: z.string(), owner: z.string(), expires: z.string()}),
		),
		evidence: z.array(
			z.strictObject({
				kind: z.enum(['url', 'file', 'check']),
				ref: z.string(),
				sha256: z.optional(z.string()),
			}),
		),
		signedOff: z.optional(signOff),
	};

	/** One answer of a conflict (model/conflicts.ts): what one merged branch said, and who signed it. */
	const conflictAnswer = z.strictObject({
		...answerFields,
		approvals: z.optional(z.array(signOff)),
	});

	/** An action item of the item (model/actions.ts): its next step, owner, due date; open or done. */
	const actionItem = z.strictObject({
		what: z.string(),
		owner: z.string(),
		due: z.string(),
		url: z.optional(z.string()),
		state: z.enum(['open', 'done']),
		addedAt: z.string(),
		addedBy: z.string(),
		done: z.optional(z.strictObject({at: z.string(), by: z.string()})),
	});

	const snapshotItemSchema = z.strictObject({
		id: z.string(),
		title: z.string(),
		level: z.enum(['required', 'recommended']),
		...answerFields,
		/** The roles that may settle the item (docs/team.md); absent when anyone may. */
		owners: z.optional(z.array(z.string())),
		/** How many distinct owners must pass it, when more than one. */
		approvalsNeeded: z.optional(z.number()),
		/** Every approver of a pass, oldest first, when the item has owners or needs more than one. */
		approvals: z.optional(z.array(signOff)),
		/**
		 * Set when two merged branches answered the item differently: their
		 * answers, in the database's order. The item then has no answer of its
		 * own (`status` is pending) and blocks, whatever its level.
		 */
		conflict: z.optional(z.strictObject({answers: z.array(conflictAnswer)})),
		/** The item's action items, in the order they were added (absent when it has none). */
		actions: z.optional(z.array(actionItem)),
		/** Marked to discuss later (the app's m): who marked it and when; never judged. */
		later: z.optional(z.strictObject({by: z.string(), at: z.string()})),
		stale: z.boolean(),
	});

	return z.strictObject({
		format: z.literal('preflight-snapshot'),
		/** 2 since signatures; format 1 (no asOf, no signer) is still read. */
		formatVersion: z.literal([1, 2]),
		generatedAt: z.string(),
		/** The moment staleness and waivers were judged at, when --as-of named one (format 2). */
		asOf: z.optional(z.string()),
		tool: z.strictObject({name: z.string(), version: z.string()}),
		/** The key that signs the file (`<file>.sig`), in the signed content itself (format 2). */
		signer: z.optional(
			z.strictObject({
				/** The public key as in a .pub file, without its comment: `ssh-ed25519 AAAA…`. */
				key: z.string(),
				/** Its SHA256 fingerprint as ssh-keygen -l prints it: `SHA256:…`. */
				fingerprint: z.string(),
			}),
		),
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
		/** The planned launch day, when the review has one. */
		launchDate: z.optional(z.string()),
		/**
		 * The go/no-go decisions recorded on the review, oldest first (the last
		 * one stands). Each names the digest of the snapshot it was taken on:
		 * a snapshot taken later, of a review changed since, has another.
		 */
		decisions: z.optional(
			z.array(
				z.strictObject({
					decision: z.enum(['go', 'no-go']),
					by: z.string(),
					email: z.optional(z.string()),
					at: z.string(),
					commit: z.optional(z.string()),
					verdict: z.enum(['ready', 'not-ready']),
					digest: z.string(),
					note: z.optional(z.string()),
					/** Who attended the session the decision was taken in, when recorded. */
					attendees: z.optional(z.array(z.string())),
				}),
			),
		),
		/**
		 * Where the last of `decisions` stands (docs/decisions.md): `standing`
		 * while nothing it was taken on changed after it, else `void`, with the
		 * first change that voided it. Present exactly when `decisions` is.
		 */
		decision: z.optional(
			z.strictObject({
				state: z.enum(['standing', 'void']),
				decision: z.enum(['go', 'no-go']),
				by: z.string(),
				at: z.string(),
				digest: z.string(),
				reason: z.optional(z.string()),
			}),
		),
		/**
		 * When the whole review is due again, when its checklist says how often
		 * (`reviewEvery` at its top): counted from the last decision or the
		 * start, judged at `asOf` (else `generatedAt`).
		 */
		reviewDue: z.optional(
			z.strictObject({
				every: z.string(),
				from: z.enum(['decision', 'start']),
				since: z.string(),
				due: z.string(),
				overdue: z.boolean(),
			}),
		),
		digest: z.string(),
	});
}

let built: ReturnType<typeof buildSnapshotSchema> | undefined;

export function snapshotSchema(): ReturnType<typeof buildSnapshotSchema> {
	return (built ??= buildSnapshotSchema());
}

export type Snapshot = z.infer<ReturnType<typeof buildSnapshotSchema>>;
/** Who signs a snapshot, as its content names them (format 2). */
export type SnapshotSigner = NonNullable<Snapshot['signer']>;

/** The format version preflight writes. */
const SNAPSHOT_FORMAT_VERSION = 2;

/** Where the last decision stands, as a snapshot says (report/decision.ts works it out). */
export type DecisionSummary = NonNullable<Snapshot['decision']>;

/**
 * What a snapshot records beyond the evaluation: the moment judged at
 * (--as-of), its signer, where the last decision stands. `decisionView`
 * builds the snapshot a decision is taken on instead: without decisions,
 * reviewDue (counted from them), discuss-later marks (never judged) and
 * with no reviewers listed (who touched the review is in its log).
 */
export type SnapshotOptions = {
	asOf?: Date;
	signer?: SnapshotSigner;
	decision?: DecisionSummary;
	decisionView?: boolean;
};
export type SnapshotItem = Snapshot['sections'][number]['items'][number];

export {TOOL_VERSION} from '../version.js';

/** A sign-off as a snapshot lists it, in the file's key order; optional members only when present. */
function signOffOf(o: SignOff): NonNullable<SnapshotItem['signedOff']> {
	return {
		by: o.by,
		...(o.email ? {email: o.email} : {}),
		at: o.at,
		...(o.commit ? {commit: o.commit} : {}),
	};
}

type ConflictAnswer = NonNullable<SnapshotItem['conflict']>['answers'][number];

/** A conflict's answer as the snapshot lists it, in the file's key order. */
function conflictAnswerOf(a: Answer): ConflictAnswer {
	const out = {status: a.status} as ConflictAnswer;
	if (a.note) out.note = a.note;
	if (a.status === 'na' && a.justification) out.justification = a.justification;
	if (a.status === 'waived' && a.waiver)
		out.waiver = {reason: a.waiver.reason, owner: a.waiver.owner, expires: a.waiver.expires};
	out.evidence = a.evidence.map((e) =>
		e.sha256 ? {kind: e.kind, ref: e.ref, sha256: e.sha256} : {kind: e.kind, ref: e.ref},
	);
	if (a.signedOff) out.signedOff = signOffOf(a.signedOff);
	if (a.approvals?.length) out.approvals = a.approvals.map(signOffOf);
	return out;
}

/** The same with its keys sorted, for the canonical tree. */
function canonicalConflictAnswer(a: ConflictAnswer) {
	return {
		approvals: a.approvals?.map(canonicalSignOff),
		evidence: a.evidence,
		justification: a.justification,
		note: a.note,
		signedOff: a.signedOff ? canonicalSignOff(a.signedOff) : undefined,
		status: a.status,
		waiver: a.waiver
			? {expires: a.waiver.expires, owner: a.waiver.owner, reason: a.waiver.reason}
			: undefined,
	};
}

/** The same with its keys sorted, for the canonical tree (undefined members are dropped). */
function canonicalSignOff(o: SignOff) {
	return {at: o.at, by: o.by, commit: o.commit, email: o.email ? o.email : undefined};
}

type SnapshotAction = NonNullable<SnapshotItem['actions']>[number];

/** An action item as the snapshot lists it, in the file's key order. */
function actionOf(a: ActionItem): SnapshotAction {
	return {
		what: a.what,
		owner: a.owner,
		due: a.due,
		...(a.url ? {url: a.url} : {}),
		state: a.done ? 'done' : 'open',
		addedAt: a.addedAt,
		addedBy: a.addedBy,
		...(a.done ? {done: {at: a.done.at, by: a.done.by}} : {}),
	};
}

/** The same with its keys sorted, for the canonical tree. */
function canonicalAction(a: SnapshotAction) {
	return {
		addedAt: a.addedAt,
		addedBy: a.addedBy,
		done: a.done ? {at: a.done.at, by: a.done.by} : undefined,
		due: a.due,
		owner: a.owner,
		state: a.state,
		url: a.url,
		what: a.what,
	};
}

function copyTotals(t: Totals): Totals {
	return {...t};
}

/** Totals with keys in canonical (sorted) order. */
function canonicalTotals(t: Totals) {
	return {
		blockers: t.blockers,
		fail: t.fail,
		items: t.items,
		na: t.na,
		pass: t.pass,
		pending: t.pending,
		stale: t.stale,
		waived: t.waived,
	};
}

/**
 * Builds a snapshot from an evaluation. Deterministic: the same review and
 * checklist give the same object apart from `generatedAt`; sections and items
 * follow checklist order. `digest` covers everything else.
 *
 * The digest is over canonical JSON (keys sorted). Sorting 10,000 items' keys
 * generically was a fifth of a snapshot's time, so a second tree with every
 * object's keys written in sorted order is built alongside, and native
 * JSON.stringify of it is the canonical text (members left undefined are
 * dropped, as canonicalJson drops them). Tests check that it equals
 * `canonicalJson` of the snapshot without its digest.
 */
export function buildSnapshot(
	evaluation: Evaluation,
	review: Review,
	loaded: LoadedChecklist,
	generatedAt: Date,
	options: SnapshotOptions = {},
): Snapshot {
	const asOf = options.asOf?.toISOString();
	const signer = options.signer
		? {key: options.signer.key, fingerprint: options.signer.fingerprint}
		: undefined;
	const view = options.decisionView === true;
	// Who touched the review is in its log, and any change after a decision voids it
	// there: the list would only make a session, a mark or the decision itself count.
	const reviewers = view ? [] : reviewersOf(review);
	const judged = view
		? undefined
		: reviewDue(loaded.checklist, review, options.asOf ?? generatedAt);
	const due = judged ? reviewDueJson(judged) : undefined;
	const summary = view || !review.decisions?.length ? undefined : options.decision;
	const decisionSummary = summary
		? {
				state: summary.state,
				decision: summary.decision,
				by: summary.by,
				at: summary.at,
				digest: summary.digest,
				...(summary.reason ? {reason: summary.reason} : {}),
			}
		: undefined;
	const decisions =
		!view && review.decisions?.length
			? review.decisions.map((d) => ({
					decision: d.decision,
					by: d.by,
					...(d.email ? {email: d.email} : {}),
					at: d.at,
					...(d.commit ? {commit: d.commit} : {}),
					verdict: d.verdict,
					digest: d.digest,
					...(d.note ? {note: d.note} : {}),
					...(d.attendees?.length ? {attendees: d.attendees} : {}),
				}))
			: undefined;
	const sections: Snapshot['sections'] = [];
	const canonicalSections: unknown[] = [];
	for (const s of evaluation.sections) {
		const items: SnapshotItem[] = [];
		const canonicalItems: unknown[] = [];
		for (const r of s.items) {
			const a = r.answer;
			const note = a.note ? a.note : undefined;
			const justification = a.status === 'na' && a.justification ? a.justification : undefined;
			const w = a.status === 'waived' ? a.waiver : undefined;
			const o = a.signedOff;
			// Keys kind < ref < sha256: the same object serves both trees.
			const evidence = a.evidence.map((e) =>
				e.sha256 ? {kind: e.kind, ref: e.ref, sha256: e.sha256} : {kind: e.kind, ref: e.ref},
			);
			// Filled in below in the file's key order; optional members only when present.
			const item = {
				id: r.item.id,
				title: r.item.title,
				level: r.item.level,
				status: a.status,
			} as SnapshotItem;
			if (note !== undefined) item.note = note;
			if (justification !== undefined) item.justification = justification;
			if (w) item.waiver = {reason: w.reason, owner: w.owner, expires: w.expires};
			item.evidence = evidence;
			if (o) item.signedOff = signOffOf(o);
			const {owners, approvals: needed} = r.signing.rule;
			const approvers = approversOf(a);
			const listed = owners.length > 0 || needed > 1 || approvers.length > 1;
			const approvals = listed && approvers.length ? approvers.map(signOffOf) : undefined;
			if (owners.length) item.owners = [...owners];
			if (needed > 1) item.approvalsNeeded = needed;
			if (approvals) item.approvals = approvals;
			const conflict = r.conflict ? {answers: r.conflict.answers.map(conflictAnswerOf)} : undefined;
			if (conflict) item.conflict = conflict;
			const actions = a.actions?.length ? a.actions.map(actionOf) : undefined;
			if (actions) item.actions = actions;
			const later = a.later && !view ? {by: a.later.by, at: a.later.at} : undefined;
			if (later) item.later = later;
			item.stale = r.stale;
			items.push(item);
			canonicalItems.push({
				actions: actions?.map(canonicalAction),
				approvals: approvals?.map(canonicalSignOff),
				approvalsNeeded: item.approvalsNeeded,
				conflict: conflict ? {answers: conflict.answers.map(canonicalConflictAnswer)} : undefined,
				evidence,
				id: r.item.id,
				justification,
				later: later ? {at: later.at, by: later.by} : undefined,
				level: r.item.level,
				note,
				owners: item.owners,
				signedOff: o ? canonicalSignOff(o) : undefined,
				stale: r.stale,
				status: a.status,
				title: r.item.title,
				waiver: w ? {expires: w.expires, owner: w.owner, reason: w.reason} : undefined,
			});
		}
		sections.push({id: s.section.id, title: s.section.title, totals: copyTotals(s.totals), items});
		canonicalSections.push({
			id: s.section.id,
			items: canonicalItems,
			title: s.section.title,
			totals: canonicalTotals(s.totals),
		});
	}
	const blockers = evaluation.blockers.map((b) => ({
		itemId: b.item.id,
		title: b.item.title,
		reason: b.blocker ?? '',
	}));
	const body: Omit<Snapshot, 'digest'> = {
		format: 'preflight-snapshot',
		formatVersion: SNAPSHOT_FORMAT_VERSION,
		generatedAt: generatedAt.toISOString(),
		...(asOf !== undefined ? {asOf} : {}),
		tool: {name: 'preflight', version: TOOL_VERSION},
		...(signer ? {signer} : {}),
		review: {
			id: review.id,
			system: review.system,
			...(review.release ? {release: review.release} : {}),
			reviewers,
		},
		checklist: {
			id: loaded.checklist.id,
			title: loaded.checklist.title,
			version: loaded.checklist.version,
			digest: loaded.digest,
		},
		verdict: evaluation.verdict,
		totals: copyTotals(evaluation.totals),
		sections,
		blockers,
		...(review.launchDate ? {launchDate: review.launchDate} : {}),
		...(decisions ? {decisions} : {}),
		...(decisionSummary ? {decision: decisionSummary} : {}),
		...(due ? {reviewDue: due} : {}),
	};
	const canonical = {
		asOf,
		blockers: blockers.map((b) => ({itemId: b.itemId, reason: b.reason, title: b.title})),
		checklist: {
			digest: body.checklist.digest,
			id: body.checklist.id,
			title: body.checklist.title,
			version: body.checklist.version,
		},
		decision: decisionSummary
			? {
					at: decisionSummary.at,
					by: decisionSummary.by,
					decision: decisionSummary.decision,
					digest: decisionSummary.digest,
					reason: decisionSummary.reason,
					state: decisionSummary.state,
				}
			: undefined,
		decisions: decisions?.map((d) => ({
			at: d.at,
			attendees: d.attendees,
			by: d.by,
			commit: d.commit,
			decision: d.decision,
			digest: d.digest,
			email: d.email,
			note: d.note,
			verdict: d.verdict,
		})),
		format: body.format,
		formatVersion: body.formatVersion,
		generatedAt: body.generatedAt,
		launchDate: review.launchDate ? review.launchDate : undefined,
		review: {
			id: review.id,
			release: review.release ? review.release : undefined,
			reviewers,
			system: review.system,
		},
		reviewDue: due
			? {due: due.due, every: due.every, from: due.from, overdue: due.overdue, since: due.since}
			: undefined,
		sections: canonicalSections,
		signer: signer ? {fingerprint: signer.fingerprint, key: signer.key} : undefined,
		tool: {name: body.tool.name, version: body.tool.version},
		totals: canonicalTotals(evaluation.totals),
		verdict: body.verdict,
	};
	return {...body, digest: `sha256:${sha256Hex(JSON.stringify(canonical))}`};
}

/** Snapshots of at least this many items are checked with zod's compiled schema. */
const LARGE_SNAPSHOT_ITEMS = 1000;

/**
 * Holds a snapshot to its format before anything is written from it (JSON,
 * Markdown or JUnit): data written passes zod like data read. A failure is a
 * bug in preflight, not bad input. Large snapshots use the compiled schema
 * (plain zod took ~120 ms on 10,000 items). Only the verdict is needed, so
 * zod validates without building a copy (~20 ms less on 10,000 items, and less
 * garbage); the parse that names the first problem runs only on a failure.
 */
export async function checkSnapshot(snapshot: Snapshot): Promise<void> {
	const schema =
		snapshot.totals.items >= LARGE_SNAPSHOT_ITEMS
			? (await import('./compiled-snapshot.js')).compiledSchema(snapshotSchema())
			: snapshotSchema();
	if (z.validate(schema, snapshot)) return;
	const checked = z.safeParse(schema, snapshot);
	if (!checked.success) {
		const issue = checked.error.issues[0];
		throw new Error(
			`the snapshot does not match its format at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
		);
	}
}

/** Recomputes a snapshot's digest over everything but the digest field. */
export function snapshotDigest(snapshot: Record<string, unknown>): string {
	const {digest: _digest, ...body} = snapshot;
	return digestOf(body);
}

/**
 * The decision digest of a snapshot: the digest of the snapshot a decision
 * taken at its `generatedAt` is taken on and records, that is of this one
 * without its signer, decisions, decision summary, reviewDue, discuss-later
 * marks and reviewers (docs/decisions.md). A decision recorded at the moment
 * an unsigned snapshot was written records this digest of it.
 */
export function decisionDigestOf(snapshot: Snapshot): string {
	// Hashing a whole snapshot again (megabytes at 10,000 items) for each rule
	// and report that asks: once per snapshot object, which is never changed.
	let digest = decisionDigests.get(snapshot);
	if (digest === undefined)
		decisionDigests.set(snapshot, (digest = computeDecisionDigest(snapshot)));
	return digest;
}

const decisionDigests = new WeakMap<Snapshot, string>();

function computeDecisionDigest(snapshot: Snapshot): string {
	const {
		digest: _digest,
		signer: _signer,
		decisions: _decisions,
		decision: _decision,
		reviewDue: _due,
		...body
	} = snapshot;
	return digestOf({
		...body,
		review: {...body.review, reviewers: []},
		sections: body.sections.map((s) => ({
			...s,
			items: s.items.map(({later: _later, ...item}) => item),
		})),
	});
}
