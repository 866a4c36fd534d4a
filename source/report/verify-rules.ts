// What a snapshot's own content must satisfy: preflight's rules, applied again
// to the items as written. A digest has no secret (whoever edits a snapshot
// can recompute it), so `verify` checks that the file could have come from
// preflight at all: every answer has what its status needs, the blockers,
// verdict and totals follow from the items, and, with the checklist at hand,
// the items are the checklist's with their levels and titles.
import {identityKey} from '../model/team.js';
import type {LoadedChecklist} from '../checklist/load.js';
import {addDuration, parseDuration} from '../model/duration.js';
import {emptyTotals, waiverExpired, type Totals} from '../model/evaluate.js';
import {isIsoInstant, type ChecklistItem} from '../model/schemas.js';
import {isCalendarDate} from '../model/time.js';
import {reviewEveryText} from '../model/vocabulary.js';
import {decisionDigestOf, snapshotDigest, type Snapshot, type SnapshotItem} from './snapshot.js';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/;
const sha256Pattern = /^[0-9a-f]{64}$/;
const commitPattern = /^[0-9a-f]{7,64}$/;

const blank = (text: string | undefined) => !text?.trim();

/** The totals the items make, with `blockers` as given (blockers are listed apart from the items). */
function countItems(items: readonly SnapshotItem[], blockers: number): Totals {
	const c = emptyTotals();
	for (const item of items) {
		c.items++;
		c[item.status]++;
		if (item.stale) c.stale++;
	}
	c.blockers = blockers;
	return c;
}

function totalsProblem(where: string, stated: Totals, counted: Totals): string | undefined {
	const wrong = (Object.keys(counted) as Array<keyof Totals>).filter(
		(k) => stated[k] !== counted[k],
	);
	return wrong.length
		? `${where} totals do not match the items (${wrong.map((k) => `${k} says ${stated[k]}`).join(', ')})`
		: undefined;
}

function isHttpUrl(ref: string): boolean {
	try {
		const url = new URL(ref);
		return (
			(url.protocol === 'http:' || url.protocol === 'https:') &&
			url.hostname !== '' &&
			!url.username &&
			!url.password
		);
	} catch {
		return false;
	}
}

/** What preflight never writes for an item: fields its status does not have, malformed evidence or sign-off. */
function shapeProblems(item: SnapshotItem, reviewers: ReadonlySet<string>): string[] {
	const out: string[] = [];
	const id = item.id;
	if (!idPattern.test(id)) out.push(`item id "${id}" is not a checklist id`);
	if (blank(item.title)) out.push(`${id} has no title`);
	if (item.justification !== undefined && item.status !== 'na')
		out.push(`${id} has a justification but is ${item.status}, not na`);
	if (item.waiver !== undefined && item.status !== 'waived')
		out.push(`${id} has a waiver but is ${item.status}, not waived`);
	if (item.stale && (item.status !== 'pass' || !item.signedOff))
		out.push(`${id} is marked stale but is not a signed-off pass`);
	if (item.status === 'pending' && item.signedOff)
		out.push(`${id} is pending but carries a sign-off`);
	for (const e of item.evidence) {
		if (e.kind === 'url' && !isHttpUrl(e.ref))
			out.push(`${id} has URL evidence that is not an http(s) link preflight accepts: ${e.ref}`);
		if (e.kind === 'url' && e.sha256 !== undefined)
			out.push(`${id} has URL evidence with a sha256: ${e.ref}`);
		if (e.kind === 'file' || e.kind === 'check') {
			if (e.sha256 === undefined)
				out.push(`${id} has file evidence without the sha256 recorded at sign-off: ${e.ref}`);
			else if (!sha256Pattern.test(e.sha256))
				out.push(`${id} has file evidence whose sha256 is not 64 hex digits: ${e.ref}`);
			if (blank(e.ref) || /(^|[/\\])\.\.([/\\]|$)/.test(e.ref))
				out.push(`${id} has file evidence that leads outside the repository: ${e.ref}`);
		}
	}
	if (item.approvals !== undefined && item.status !== 'pass')
		out.push(`${id} lists approvals but is ${item.status}, not pass`);
	for (const a of item.approvals ?? [])
		if (!reviewers.has(a.by)) out.push(`${id} is approved by "${a.by}", not a listed reviewer`);
	const s = item.signedOff;
	if (s) {
		if (blank(s.by)) out.push(`${id} is signed off by nobody`);
		else if (!reviewers.has(s.by))
			out.push(`${id} is signed off by "${s.by}", not a listed reviewer`);
		if (!isIsoInstant(s.at)) out.push(`${id} has a sign-off time that is not an ISO time: ${s.at}`);
		if (s.commit !== undefined && !commitPattern.test(s.commit))
			out.push(`${id} has a sign-off commit that is not a git commit id: ${s.commit}`);
	}
	return out;
}

/**
 * The two-person rule (docs/team.md): a pass that needs N approvals must list
 * N distinct approvers (by email, else name). Whether each holds an owning
 * role is the team file's to say, and it is not in the snapshot.
 */
function tooFewApprovals(
	item: SnapshotItem,
	defined: ChecklistItem | undefined,
): string | undefined {
	const needed = Math.max(item.approvalsNeeded ?? 1, defined?.approvals ?? 1);
	if (needed <= 1) return undefined;
	const approvers = item.approvals ?? (item.signedOff ? [item.signedOff] : []);
	const distinct = new Set(approvers.map(identityKey)).size;
	return distinct < needed ? `is pass with ${distinct} of ${needed} approvals` : undefined;
}

/** True when a pass signed off at `signedOff.at` is past its review interval at `at`. */
function staleAt(item: SnapshotItem, defined: ChecklistItem | undefined, at: Date): boolean {
	const every = defined?.reviewEvery ? parseDuration(defined.reviewEvery) : undefined;
	if (item.status !== 'pass' || !every || !item.signedOff || !isIsoInstant(item.signedOff.at))
		return false;
	return addDuration(new Date(item.signedOff.at), every).getTime() < at.getTime();
}

/**
 * Why the item must block (when required) whatever moment it was judged at,
 * from the item alone and, when given, its checklist item; undefined when
 * nothing here says it must. Staleness and expiry are judged at `generatedAt`:
 * what is stale or expired then is so at every later moment (a snapshot
 * judged with `--as-of` later than it was written blocks more, never less).
 */
function mustBlock(
	item: SnapshotItem,
	generatedAt: Date,
	defined: ChecklistItem | undefined,
): string | undefined {
	switch (item.status) {
		case 'pending':
			return 'is pending';
		case 'fail':
			return 'is fail';
		case 'na':
			return blank(item.justification) ? 'is na without a justification' : undefined;
		case 'waived': {
			const w = item.waiver;
			if (!w || blank(w.reason) || blank(w.owner) || !isCalendarDate(w.expires))
				return 'is waived without a reason, an owner and an expiry date';
			return waiverExpired(w.expires, generatedAt)
				? `is waived until ${w.expires}, before the snapshot was written,`
				: undefined;
		}
		case 'pass':
			if (item.stale || staleAt(item, defined, generatedAt)) return 'is stale';
			if (defined?.evidenceRequired && item.evidence.length === 0)
				return 'is pass without the evidence its checklist item requires,';
			return tooFewApprovals(item, defined);
	}
}

/** Where the snapshot's items differ from the checklist they say they were judged on. */
function checklistProblems(snapshot: Snapshot, loaded: LoadedChecklist): string[] {
	const c = loaded.checklist;
	const out: string[] = [];
	if (snapshot.checklist.digest !== loaded.digest)
		return [
			`the snapshot says checklist digest ${snapshot.checklist.digest}, but the checklist given has ${loaded.digest}: it was not judged on that checklist (or its digest was edited), so levels and titles cannot be compared`,
		];
	if (snapshot.checklist.id !== c.id || snapshot.checklist.version !== c.version)
		out.push(
			`the snapshot names checklist ${snapshot.checklist.id} ${snapshot.checklist.version}, but that digest is ${c.id} ${c.version}`,
		);
	if (snapshot.checklist.title !== c.title)
		out.push('the checklist title differs from the checklist');
	const sections = snapshot.sections.map((s) => s.id).join('\u0000');
	if (sections !== c.sections.map((s) => s.id).join('\u0000'))
		out.push('the sections are not the checklist’s sections in its order');
	const items = new Map(snapshot.sections.flatMap((s) => s.items.map((i) => [i.id, i])));
	const expected = new Set<string>();
	for (const section of c.sections) {
		const written = snapshot.sections.find((s) => s.id === section.id);
		if (written && written.title !== section.title)
			out.push(`section ${section.id} has another title than in the checklist`);
		for (const it of section.items) {
			expected.add(it.id);
			const item = items.get(it.id);
			if (!item) out.push(`${it.id} is in the checklist but not in the snapshot`);
			else {
				if (item.level !== it.level)
					out.push(`${it.id} is ${item.level} in the snapshot but ${it.level} in the checklist`);
				if (item.title !== it.title) out.push(`${it.id} has another title than in the checklist`);
				if (item.stale && !it.reviewEvery)
					out.push(`${it.id} is marked stale but its checklist item is never reviewed again`);
			}
		}
	}
	for (const id of items.keys())
		if (!expected.has(id)) out.push(`${id} is in the snapshot but not in the checklist`);
	return out;
}

/**
 * A snapshot's `reviewDue` (model/review-due.ts) must add up: its due moment
 * `every` after `since`, past due exactly when that is before the moment
 * judged at, and, with the checklist, its `every` the checklist's.
 */
/**
 * Whether `since` and `from` are the snapshot's own: counted from its latest
 * decision at or before the moment judged (the same instant), else from the
 * review's start — which the snapshot does not record, so only that it is no
 * later than that moment.
 */
function reviewDueSinceProblems(
	snapshot: Snapshot,
	due: NonNullable<Snapshot['reviewDue']>,
	judgedAt: Date,
): string[] {
	const t = judgedAt.getTime();
	if (Number.isNaN(t)) return [];
	let latest: string | undefined;
	for (const d of snapshot.decisions ?? []) {
		const at = Date.parse(d.at);
		if (!Number.isNaN(at) && at <= t && (latest === undefined || at > Date.parse(latest)))
			latest = d.at;
	}
	const judged = judgedAt.toISOString();
	if (latest !== undefined) {
		if (due.from !== 'decision' || Date.parse(due.since) !== Date.parse(latest))
			return [
				`reviewDue counts from ${due.from === 'decision' ? 'a decision at' : 'the start,'} ${due.since}, but the snapshot's latest decision at or before ${judged} was at ${latest}`,
			];
		return [];
	}
	if (due.from === 'decision')
		return [
			`reviewDue counts from a decision at ${due.since}, but the snapshot has no decision at or before ${judged}`,
		];
	if (Date.parse(due.since) > t)
		return [`reviewDue counts from the start, ${due.since}, after the moment judged, ${judged}`];
	return [];
}

function reviewDueProblems(
	snapshot: Snapshot,
	judgedAt: Date,
	matching?: LoadedChecklist,
): string[] {
	const out: string[] = [];
	const due = snapshot.reviewDue;
	const every = matching?.checklist.reviewEvery;
	if (matching && every === undefined && due)
		out.push('reviewDue is given but the checklist sets no reviewEvery');
	if (matching && every !== undefined && !due)
		out.push(
			`the checklist has the review due again every ${every}, but the snapshot has no reviewDue`,
		);
	if (!due) return out;
	if (snapshot.formatVersion === 1) out.push('format 1 has no reviewDue (it came with format 2)');
	if (every !== undefined && due.every !== every)
		out.push(`reviewDue says every ${due.every}, the checklist ${every}`);
	const interval = parseDuration(due.every);
	if (!interval || !isIsoInstant(due.since) || !isIsoInstant(due.due)) {
		out.push('reviewDue is not a duration with ISO times');
		return out;
	}
	if (addDuration(new Date(due.since), interval).getTime() !== Date.parse(due.due))
		out.push(`reviewDue: ${due.due} is not ${due.every} after ${due.since}`);
	out.push(...reviewDueSinceProblems(snapshot, due, judgedAt));
	if (!Number.isNaN(judgedAt.getTime()) && due.overdue !== Date.parse(due.due) < judgedAt.getTime())
		out.push(
			`reviewDue says ${due.overdue ? '' : 'not '}past due, but it was ${due.overdue ? 'not ' : ''}past due when judged`,
		);
	return out;
}

/**
 * The only version that wrote `decisions` without the `decision` summary
 * (both came in its development): its snapshots are read as before.
 */
const BEFORE_DECISION_SUMMARY = '0.1.0';

/** Every moment the snapshot shows a recorded change of an item at (each one an audit entry). */
function itemChangeMoments(snapshot: Snapshot): Array<{at: string; what: string}> {
	const out: Array<{at: string; what: string}> = [];
	for (const s of snapshot.sections)
		for (const item of s.items) {
			if (item.signedOff) out.push({at: item.signedOff.at, what: `${item.id} signed off`});
			for (const a of item.approvals ?? []) out.push({at: a.at, what: `${item.id} approved`});
			for (const c of item.conflict?.answers ?? []) {
				if (c.signedOff) out.push({at: c.signedOff.at, what: `${item.id} answered`});
				for (const a of c.approvals ?? []) out.push({at: a.at, what: `${item.id} approved`});
			}
			for (const a of item.actions ?? []) {
				out.push({at: a.addedAt, what: `${item.id} action item added`});
				if (a.done) out.push({at: a.done.at, what: `${item.id} action item done`});
			}
		}
	return out;
}

/**
 * The digest a decision recorded before the decision digest existed took at
 * this snapshot's moment, as far as the snapshot tells it: the snapshot
 * without its signer, decisions and summary (decisions so recorded still stand
 * while it matches; report/decision.ts).
 */
function earlierDigestOf(snapshot: Snapshot): string {
	const {digest: _d, signer: _s, decisions: _ds, decision: _dn, ...body} = snapshot;
	return snapshotDigest(body);
}

/**
 * A snapshot's `decision` (where the last decision stands) must be there
 * when it has decisions (but in files of the version that wrote decisions
 * before the summary existed), be the last of its `decisions`, void with the
 * reason and standing without one. A standing decision must not be
 * contradicted by what the snapshot itself shows: a change of an item recorded
 * after the decision and no later than the moment judged, or, judged at the
 * decision's very moment, a decision digest other than the decision's.
 */
function decisionSummaryProblems(snapshot: Snapshot): string[] {
	const summary = snapshot.decision;
	const last = snapshot.decisions?.at(-1);
	if (!summary) {
		if (!last || snapshot.formatVersion === 1 || snapshot.tool.version === BEFORE_DECISION_SUMMARY)
			return [];
		return ['the snapshot has decisions but no decision (where the last one stands)'];
	}
	const out: string[] = [];
	if (snapshot.formatVersion === 1) out.push('format 1 has no decision (it came with format 2)');
	if (!last)
		return [...out, 'decision says where the last decision stands, but there are no decisions'];
	for (const key of ['decision', 'by', 'at', 'digest'] as const)
		if (summary[key] !== last[key])
			out.push(`decision.${key} is ${summary[key]}, the last decision's ${last[key]}`);
	if (summary.state === 'void' && !summary.reason?.trim())
		out.push('decision is void but says not why');
	if (summary.state === 'standing' && summary.reason !== undefined)
		out.push('decision stands but gives a reason it is void');
	if (summary.state !== 'standing') return out;
	const decided = Date.parse(last.at);
	const judged = Date.parse(snapshot.asOf ?? snapshot.generatedAt);
	if (Number.isNaN(decided) || Number.isNaN(judged)) return out;
	const after = itemChangeMoments(snapshot)
		.filter((c) => {
			const t = Date.parse(c.at);
			return t > decided && t <= judged;
		})
		.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
	if (after)
		out.push(
			`decision stands, but the snapshot shows a change after it (${after.what} at ${after.at}), which voids it`,
		);
	else if (
		snapshot.asOf === undefined &&
		judged === decided &&
		decisionDigestOf(snapshot) !== last.digest &&
		earlierDigestOf(snapshot) !== last.digest
	)
		out.push(
			`decision stands, but judged at its moment the snapshot's decision digest is ${decisionDigestOf(snapshot)}, not the decision's ${last.digest}`,
		);
	return out;
}

/**
 * Every way the snapshot contradicts preflight's rules: answers without what
 * their status needs, a required item that must block but is not listed, a
 * blocker that names no item, a recommended one or another title, a verdict
 * that is not "ready exactly when nothing blocks", totals that are not the
 * items' counts, repeated ids; and with `loaded` (the checklist whose digest
 * the snapshot records), items, levels and titles that are not the checklist's.
 */
export function ruleProblems(snapshot: Snapshot, loaded?: LoadedChecklist): string[] {
	const out: string[] = [];
	if (!isIsoInstant(snapshot.generatedAt))
		out.push(`generatedAt is not an ISO time: ${snapshot.generatedAt}`);
	if (snapshot.formatVersion === 1 && (snapshot.asOf !== undefined || snapshot.signer))
		out.push('format 1 has no asOf or signer (they came with format 2)');
	if (snapshot.asOf !== undefined && !isIsoInstant(snapshot.asOf))
		out.push(`asOf is not an ISO time: ${snapshot.asOf}`);
	// Format 2 records the moment it was judged at (--as-of); format 1 was judged at generatedAt
	// or later, and what is stale or expired then is so later.
	const judgedAt = snapshot.asOf ?? snapshot.generatedAt;
	const generatedAt = new Date(isIsoInstant(judgedAt) ? judgedAt : NaN);
	const matching = loaded && snapshot.checklist.digest === loaded.digest ? loaded : undefined;
	const defined = new Map(
		(matching?.checklist.sections ?? []).flatMap((s) => s.items.map((i) => [i.id, i])),
	);
	const reviewers = new Set(snapshot.review.reviewers);
	const items = new Map<string, SnapshotItem>();
	const sectionIds = new Set<string>();
	for (const s of snapshot.sections) {
		if (sectionIds.has(s.id)) out.push(`section id ${s.id} appears twice`);
		sectionIds.add(s.id);
		for (const item of s.items) {
			if (items.has(item.id)) out.push(`item id ${item.id} appears twice`);
			items.set(item.id, item);
			out.push(...shapeProblems(item, reviewers));
			const checklistItem = defined.get(item.id);
			if (
				!item.stale &&
				!Number.isNaN(generatedAt.getTime()) &&
				staleAt(item, checklistItem, generatedAt)
			)
				out.push(
					`${item.id} was past its review interval when the snapshot was written (signed off ${item.signedOff?.at ?? '?'}, ${checklistItem?.reviewEvery ? reviewEveryText(checklistItem.reviewEvery) : 'review every ?'}) but is not marked stale`,
				);
		}
	}
	const blocking = new Map<string, Snapshot['blockers'][number]>();
	for (const b of snapshot.blockers) {
		if (blocking.has(b.itemId)) out.push(`blocker ${b.itemId} is listed twice`);
		blocking.set(b.itemId, b);
		const item = items.get(b.itemId);
		if (!item) out.push(`blocker ${b.itemId} names no item`);
		// A conflict blocks whatever the item's level (model/conflicts.ts).
		else if (item.level === 'recommended' && !item.conflict)
			out.push(`blocker ${b.itemId} is a recommended item`);
		else if (item.title !== b.title)
			out.push(`blocker ${b.itemId} has another title than its item`);
		if (blank(b.reason)) out.push(`blocker ${b.itemId} gives no reason`);
	}
	for (const item of items.values()) {
		if (blocking.has(item.id)) continue;
		if (item.conflict) {
			out.push(`${item.id} is a conflict but not listed as a blocker`);
			continue;
		}
		if (item.level !== 'required') continue;
		const why = Number.isNaN(generatedAt.getTime())
			? undefined
			: mustBlock(item, generatedAt, defined.get(item.id));
		if (why) out.push(`${item.id} ${why} but not listed as a blocker`);
	}
	const n = snapshot.blockers.length;
	const expected = n === 0 ? 'ready' : 'not-ready';
	if (snapshot.verdict !== expected)
		out.push(`verdict is ${snapshot.verdict} with ${n} blocker${n === 1 ? '' : 's'}`);
	const all = snapshot.sections.flatMap((s) => s.items);
	const overall = totalsProblem('overall', snapshot.totals, countItems(all, n));
	if (overall) out.push(overall);
	for (const s of snapshot.sections) {
		const blockers = s.items.filter((i) => blocking.has(i.id)).length;
		const problem = totalsProblem(`section ${s.id}`, s.totals, countItems(s.items, blockers));
		if (problem) out.push(problem);
	}
	out.push(...reviewDueProblems(snapshot, generatedAt, matching));
	out.push(...decisionSummaryProblems(snapshot));
	if (loaded) out.push(...checklistProblems(snapshot, loaded));
	return out;
}
