import {isEmptyAnswer} from './empty-answer.js';
import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Actor} from './actor.js';
import {mapOf, recordFrom} from './records.js';
import {withOrphans} from './orphans.js';
import {countOf} from './vocabulary.js';
import {proposeRenames, storedItems} from './renames.js';
import type {
	Answer,
	AuditEntry,
	Checklist,
	Orphan,
	Proposal,
	Review,
	StoredItem,
} from './schemas.js';

export {
	acceptProposals,
	attachOrphan,
	cannotAttach,
	declineProposals,
	orphanCount,
	orphansOf,
	pendingProposals,
} from './orphans.js';

/** What taking a new checklist version did to a review. */
export type UpgradeReport = {
	from: {version: string; digest: string};
	to: {version: string; digest: string};
	added: string[];
	/** Ids no longer in the checklist and not renamed (their answers, if any, are orphans now). */
	removed: string[];
	changed: string[];
	/** By the checklist's own `renamed` map. */
	renamed: Array<[from: string, to: string]>;
	/** Certain renames: an item gone and an item new with the same title and guidance. */
	matched: Array<[from: string, to: string]>;
	/** Answers kept as orphans by this upgrade (their items are gone). */
	orphaned: string[];
	/** Orphans whose item id is back in the checklist, their answers with them again. */
	reattached: string[];
	/** Renames proposed and waiting for a person (all of the review's, not only this upgrade's). */
	proposals: Proposal[];
};

/** The counts of an upgrade, as the audit log and the one-line note say them. */
function upgradeCounts(r: UpgradeReport): string[] {
	const parts = [
		`${r.added.length} new`,
		`${r.removed.length} removed`,
		`${r.changed.length} changed`,
	];
	const renamed = r.renamed.length + r.matched.length;
	if (renamed) parts.push(`${renamed} renamed`);
	if (r.orphaned.length)
		parts.push(
			`${countOf(r.orphaned.length, 'answer')} kept as ${r.orphaned.length === 1 ? 'an orphan' : 'orphans'}`,
		);
	if (r.reattached.length) parts.push(`${r.reattached.length} re-attached`);
	return parts;
}

export function describeUpgrade(r: UpgradeReport): string {
	return `checklist updated ${sanitizeLine(r.from.version)} → ${sanitizeLine(r.to.version)}: ${upgradeCounts(r).join(', ')}`;
}

/** What a command says while renames wait for a person: `2 renames proposed: run preflight upgrade`. */
export function proposalsLine(count: number): string {
	return `${countOf(count, 'rename')} proposed: run preflight upgrade (--accept-renames or --no-renames), or open the review in the app`;
}

/** What a command says of a review's orphans: `3 answers kept from items no longer in the checklist (not judged)`. */
export function orphansLine(count: number): string {
	return `${countOf(count, 'answer')} kept from items no longer in the checklist (orphans, not judged)`;
}

/** Adds `id` to the ids of its fingerprint in `into` (nothing when it has none). */
function groupByPrint(into: Map<string, string[]>, print: string | undefined, id: string): void {
	if (print === undefined) return;
	const ids = into.get(print);
	if (ids) ids.push(id);
	else into.set(print, [id]);
}

/** What moveWithContent works on: upgradeReview's maps, changed in place. */
type MoveState = {
	previous: Map<string, StoredItem | undefined>;
	now: ReadonlyMap<string, StoredItem>;
	answers: Map<string, Answer>;
	orphans: Map<string, Orphan>;
	report: UpgradeReport;
	entry: (item: string, from: Answer['status'], to: Answer['status'], detail: string) => void;
	at: string;
	version: string;
};

/**
 * Answers follow their item's content when it moved to another id: an item
 * whose title and guidance (its fingerprint, found once in the old checklist
 * and once in the new) now sit under another id. Ids given by position shift
 * when an item is inserted (Azure's A01.02, A01.03…), and a repeated title's
 * `-2` moves to the first when the first goes; without this, answers would stay
 * with the id and land on other text. An answer whose item's id now holds
 * another item's content, and whose own content went nowhere, is kept as an
 * orphan. `decided` ids (by the checklist's `renamed` list, or re-attached)
 * are left alone.
 */
function moveWithContent(state: MoveState, decided: ReadonlySet<string>): void {
	const {previous, now, answers, orphans, report} = state;
	const byPrint = (entries: Iterable<[string, StoredItem | undefined]>) => {
		const out = new Map<string, string[]>();
		for (const [id, item] of entries) groupByPrint(out, item?.print, id);
		return out;
	};
	const before = byPrint(previous);
	const after = byPrint(now);
	const moves = new Map<string, string>();
	for (const [print, olds] of before) {
		const news = after.get(print);
		if (olds.length !== 1 || news?.length !== 1) continue;
		const [from, to] = [olds[0]!, news[0]!];
		if (from === to || decided.has(from) || decided.has(to)) continue;
		moves.set(from, to);
	}
	const sources = new Set(moves.keys());
	// A target with an answer of its own that is not moving away: that answer's
	// content is gone, so it becomes an orphan under the id (unless one is there).
	for (const [from, to] of [...moves]) {
		if (sources.has(to) || !answers.has(to) || !orphans.has(to)) continue;
		moves.delete(from);
		sources.delete(from);
	}
	if (moves.size === 0) return;
	const moved = [...moves].map(([from, to]) => ({
		from,
		to,
		answer: answers.get(from),
		item: previous.get(from),
	}));
	for (const {to} of moved) {
		const own = answers.get(to);
		if (sources.has(to) || !own || isEmptyAnswer(own)) continue;
		const item = previous.get(to);
		orphans.set(to, {
			answer: own,
			...(item ? {item} : {}),
			removedIn: state.version,
			removedAt: state.at,
		});
		report.orphaned.push(to);
		state.entry(
			to,
			own.status,
			'pending',
			`its title and guidance are no longer in checklist ${state.version} (the id now names another item): the answer is kept as an orphan`,
		);
	}
	for (const {from} of moved) {
		answers.delete(from);
		previous.delete(from);
	}
	for (const {from, to, answer, item} of moved) {
		if (answer) answers.set(to, answer);
		else answers.delete(to);
		previous.set(to, item);
		report.matched.push([from, to]);
		if (answer)
			state.entry(to, answer.status, answer.status, `moved from ${from}: same title and guidance`);
	}
}

/**
 * Brings a review onto the checklist it is opened with. Answers carry over by
 * item id, through the checklist's `renamed` map, and from an item gone to an
 * item new with the same title and guidance (a certain rename); items whose
 * title or guidance changed keep their answer, marked for re-review; new items
 * are pending. The answer of any other item that left the checklist is kept
 * as an orphan, and renames to new items are proposed by similarity (see
 * model/renames.ts) for a person to accept (acceptProposals) or decline: a
 * proposal is never taken here. Returns the review unchanged and no report
 * when the checklist is the same.
 */
export function upgradeReview(
	review: Review,
	checklist: Checklist,
	digest: string,
	actor: Actor,
	/** false when judging only, nothing will be saved: the audit log is left as it was. */
	log = true,
): {review: Review; report?: UpgradeReport} {
	if (review.checklist.id !== checklist.id)
		throw new PreflightError(
			`review of ${sanitizeLine(review.system)} uses checklist "${sanitizeLine(review.checklist.id)}", not "${sanitizeLine(checklist.id)}"; pass the matching --checklist`,
		);
	if (review.checklist.digest !== digest && isEarlier(review, checklist.version, digest))
		throw new PreflightError(
			`checklist ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)} is older than ${sanitizeLine(review.checklist.version)}, which the review of ${sanitizeLine(review.system)} already uses; pass the current checklist (going back would drop answers)`,
		);
	// Maps, not objects: every id here is text from a checklist or a database,
	// and an id such as `constructor` must not find Object.prototype's member.
	if (review.checklist.digest === digest) {
		// A review from before titles (or fingerprints) were kept: record them, nothing else changes.
		const stored = Object.values(review.checklist.items ?? {});
		if (stored.length > 0 && stored.every((s) => s.title !== undefined)) return {review};
		return {
			review: {...review, checklist: {...review.checklist, items: storedItems(checklist)}},
		};
	}
	const before = mapOf(review.checklist.items);
	const known = before.size > 0;
	const nowItems = storedItems(checklist);
	const now = mapOf(nowItems);
	const at = actor.at.toISOString();
	const audit: AuditEntry[] = [];
	const answers = mapOf(review.answers);
	const orphans = mapOf(review.orphans);
	const report: UpgradeReport = {
		from: {version: review.checklist.version, digest: review.checklist.digest},
		to: {version: checklist.version, digest},
		added: [],
		removed: [],
		changed: [],
		renamed: [],
		matched: [],
		orphaned: [],
		reattached: [],
		proposals: [],
	};
	const entry = (item: string, from: Answer['status'], to: Answer['status'], detail: string) =>
		audit.push({at, by: actor.by, item, from, to, detail});
	// What the review knew of each item, under the id it has now.
	const previous = new Map<string, StoredItem | undefined>(before);
	const renamedTo = new Set<string>();
	for (const [oldId, newId] of Object.entries(checklist.renamed ?? {})) {
		if (!now.has(newId) || now.has(oldId)) continue;
		const answer = answers.get(oldId) ?? orphans.get(oldId)?.answer;
		if (answer && !answers.get(newId)) {
			answers.set(newId, answer);
			answers.delete(oldId);
			orphans.delete(oldId);
			entry(newId, answer.status, answer.status, `renamed from ${oldId}`);
		}
		if (before.get(oldId) !== undefined || answer) {
			report.renamed.push([oldId, newId]);
			renamedTo.add(newId);
			previous.set(newId, before.get(oldId));
			previous.delete(oldId);
		}
	}
	// An orphan whose id is back: its answer is the item's again, when the
	// item is what the answer was given to (an id reused for other text is not).
	for (const [id, orphan] of orphans) {
		if (!now.has(id) || answers.has(id)) continue;
		const print = orphan.item?.print;
		if (print !== undefined && print !== now.get(id)?.print) continue;
		answers.set(id, orphan.answer);
		orphans.delete(id);
		previous.set(id, orphan.item);
		report.reattached.push(id);
		entry(
			id,
			'pending',
			orphan.answer.status,
			`re-attached: the item is back in checklist ${checklist.version}`,
		);
	}
	const back = new Set(report.reattached);
	moveWithContent(
		{previous, now, answers, orphans, report, entry, at, version: checklist.version},
		new Set([...renamedTo, ...back]),
	);
	const added = [...now.keys()].filter(
		(id) => known && !previous.has(id) && !renamedTo.has(id) && !back.has(id),
	);
	const gone = [...new Set([...previous.keys(), ...answers.keys()])].filter((id) => !now.has(id));

	// Certain renames: one item gone (or one orphan) and one item new with the same
	// title and guidance. Two of either with one fingerprint are left to the proposals.
	const sources = new Map<string, string[]>();
	for (const id of gone) groupByPrint(sources, previous.get(id)?.print, id);
	for (const [id, orphan] of orphans) groupByPrint(sources, orphan.item?.print, id);
	const targets = new Map<string, string[]>();
	for (const id of added) if (!answers.has(id)) groupByPrint(targets, now.get(id)?.print, id);
	const matchedFrom = new Set<string>();
	const matchedTo = new Set<string>();
	for (const [print, from] of sources) {
		const to = targets.get(print);
		if (from.length !== 1 || to?.length !== 1) continue;
		const [oldId, newId] = [from[0]!, to[0]!];
		const orphan = orphans.get(oldId);
		const answer = answers.get(oldId) ?? orphan?.answer;
		if (answer) {
			answers.set(newId, answer);
			entry(newId, answer.status, answer.status, `renamed from ${oldId}: same title and guidance`);
		}
		previous.set(newId, previous.get(oldId) ?? orphan?.item);
		answers.delete(oldId);
		orphans.delete(oldId);
		matchedFrom.add(oldId);
		matchedTo.add(newId);
		report.matched.push([oldId, newId]);
	}

	for (const id of gone) {
		if (matchedFrom.has(id)) continue;
		report.removed.push(id);
		const answer = answers.get(id);
		answers.delete(id);
		if (!answer || isEmptyAnswer(answer)) continue;
		const item = previous.get(id);
		orphans.set(id, {
			answer,
			...(item ? {item} : {}),
			removedIn: checklist.version,
			removedAt: at,
		});
		report.orphaned.push(id);
		entry(
			id,
			answer.status,
			'pending',
			`removed from checklist ${checklist.version}; the answer is kept as an orphan until it is re-attached`,
		);
	}
	for (const id of added) if (!matchedTo.has(id)) report.added.push(id);

	for (const [id, stored] of now) {
		const old = previous.get(id);
		if (old === undefined || old.print === stored.print) continue;
		report.changed.push(id);
		const answer = answers.get(id);
		if (answer && answer.status !== 'pending') {
			answers.set(id, {...answer, reReview: true});
			entry(
				id,
				answer.status,
				answer.status,
				`title or guidance changed in checklist ${checklist.version}: needs re-review`,
			);
		}
	}

	// Proposals: every orphan against the new items nobody has answered, and
	// against the items of proposals still waiting (a review never stored
	// what it knew of the items: every unanswered item).
	const waiting = new Set(
		(review.proposals ?? []).map((p) => p.to).filter((id) => now.has(id) && !answers.has(id)),
	);
	const fresh = new Set(report.added);
	const candidates = [...now]
		.filter(([id]) => !answers.has(id) && (!known || fresh.has(id) || waiting.has(id)))
		.map(([id, item]) => ({id, item}));
	report.proposals = proposeRenames(
		[...orphans].map(([id, o]) => ({id, ...(o.item ? {item: o.item} : {})})),
		candidates,
	);

	const counts = upgradeCounts(report);
	if (report.proposals.length)
		counts.push(`${countOf(report.proposals.length, 'rename')} proposed`);
	audit.unshift({
		at,
		by: actor.by,
		item: '*',
		from: 'pending',
		to: 'pending',
		detail: `upgraded checklist ${review.checklist.version} (${review.checklist.digest}) → ${checklist.version} (${digest}): ${counts.join(', ')}`,
	});
	return {
		review: withOrphans(
			{
				...review,
				answers: recordFrom(answers),
				checklist: {id: checklist.id, version: checklist.version, digest, items: nowItems},
				updatedAt: at,
				audit: log ? [...review.audit, ...audit] : review.audit,
			},
			orphans,
			report.proposals,
		),
		report,
	};
}

/** Dotted numeric versions ("1.10.0") compared numerically; undefined when either is not one. */
function compareVersions(a: string, b: string): number | undefined {
	const pattern = /^v?\d+(\.\d+)*$/;
	if (!pattern.test(a) || !pattern.test(b)) return undefined;
	const pa = a.replace(/^v/, '').split('.').map(Number);
	const pb = b.replace(/^v/, '').split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

/**
 * True when the checklist is one the review has already moved on from: an
 * earlier upgrade started from this digest, or its version number is lower.
 */
function isEarlier(review: Review, version: string, digest: string): boolean {
	if (review.audit.some((e) => upgradeOf(e)?.from.digest === digest)) return true;
	const order = compareVersions(version, review.checklist.version);
	return order !== undefined && order < 0;
}

/**
 * The review as it stands on this checklist, for judging only: upgraded in
 * memory with nothing added to its audit log. Undefined when it cannot be
 * judged on it (another checklist, or one older than the review's).
 */
export function onChecklist(
	review: Review,
	checklist: Checklist,
	digest: string,
	at: Date,
): Review | undefined {
	try {
		return upgradeReview(review, checklist, digest, {by: 'preflight', at}, false).review;
	} catch {
		return undefined;
	}
}

/**
 * The review with `note` added to the audit entry of its upgrade to `digest`
 * (the last one): what became of the milestone snapshot before it. The same
 * review when it has no such entry, or the entry says it already.
 */
export function withUpgradeNote(review: Review, digest: string, note: string): Review {
	let at = review.audit.length - 1;
	while (at >= 0 && upgradeOf(review.audit[at]!)?.to.digest !== digest) at--;
	const entry = review.audit[at];
	if (!entry?.detail || entry.detail.endsWith(`; ${note}`)) return review;
	const audit = [...review.audit];
	audit[at] = {...entry, detail: `${entry.detail}; ${note}`};
	return {...review, audit};
}

/** A checklist as an upgrade's audit entry names it. */
export type ChecklistNamed = {version: string; digest: string};

const upgradeEntry =
	/^upgraded checklist (.*) \((sha256:[0-9a-f]{64})\) → (.*) \((sha256:[0-9a-f]{64})\): /;

/**
 * The checklists an upgrade's audit entry (`upgraded checklist A (sha256:…) →
 * B (sha256:…): …`, written by upgradeReview) moved between; undefined for any
 * other entry.
 */
export function upgradeOf(
	entry: AuditEntry,
): {from: ChecklistNamed; to: ChecklistNamed} | undefined {
	if (entry.item !== '*' || !entry.detail?.startsWith('upgraded checklist')) return undefined;
	const m = upgradeEntry.exec(entry.detail);
	return m
		? {from: {version: m[1]!, digest: m[2]!}, to: {version: m[3]!, digest: m[4]!}}
		: undefined;
}
