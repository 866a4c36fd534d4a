// A three-way merge of two versions of the database against their common base,
// review by review and item by item (docs/team.md#merging): what git's merge
// driver, `preflight merge` and `preflight merge --git` run. Pure, and
// symmetric: merging (base, ours, theirs) and (base, theirs, ours) give the
// same value, so the file written is the same bytes whichever side git calls
// "ours". Every choice that is not forced is made by comparing the two
// candidates themselves (their times, then their canonical JSON), never by
// which side they came from.
import {isEmptyAnswer} from './empty-answer.js';
import {canonicalJson} from './canonical.js';
import {reviewName} from './review.js';
import {KEPT_RUNS} from './checks.js';
import {compareText, emptyRecord, ownValue} from './records.js';
import {
	SCHEMA_VERSION,
	type Answer,
	type AuditEntry,
	type CheckRun,
	type Conflict,
	type Database,
	type Decision,
	type Evidence,
	type Review,
	type SignOff,
} from './schemas.js';
import {approversOf, identityKey} from './team.js';
import {mergeActions} from './actions.js';
import {laterOfBoth} from './later.js';

/** An item both sides changed in different ways: it became (or stays) a conflict. */
export type MergeConflict = {
	/** The review's id, system and release. */
	review: string;
	system: string;
	release?: string;
	item: string;
	/** Every answer the conflict holds, in its stored order. */
	answers: Answer[];
};

/** What a merge gives: the database, the items that became conflicts, and notes on choices made. */
export type MergeResult = {
	database: Database;
	conflicts: MergeConflict[];
	/** Choices the merge made that a person may want to know about, one line each. */
	notes: string[];
};

/** What one item holds in one version: an answer, a conflict, or neither. */
type ItemState = {answer?: Answer; conflict?: Conflict};

const pendingAnswer = (): Answer => ({status: 'pending', evidence: []});

/**
 * Whether two JSON values are the same (objects by their members, in any key
 * order; a member left undefined is no member): what comparing their canonical
 * JSON says, without writing it (a database of 10,000 answers is compared
 * review by review and item by item).
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	let members = 0;
	for (const key of Object.keys(x)) {
		if (x[key] === undefined) continue;
		members++;
		if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
	}
	for (const key of Object.keys(y)) if (y[key] !== undefined) members--;
	return members === 0;
}

/** A time's instant for ordering; text that is not one sorts first. */
function instant(at: string | undefined): number {
	const t = at === undefined ? Number.NaN : Date.parse(at);
	return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Orders by time, then by canonical JSON: the same order whichever list a value came from. */
function byTimeThenText<T extends object>(timeOf: (value: T) => string | undefined) {
	// Weak: the orders live as long as the module, the values only as long as a merge.
	const keys = new WeakMap<T, string>();
	const key = (v: T) => {
		let k = keys.get(v);
		if (k === undefined) keys.set(v, (k = canonicalJson(v)));
		return k;
	};
	return (a: T, b: T) => instant(timeOf(a)) - instant(timeOf(b)) || compareText(key(a), key(b));
}

/**
 * The three-way value of one field: the side that changed it, the change both
 * made, or, when both changed it differently, `pick` of the two (which must
 * not depend on their order). `both` is true in that last case.
 */
function threeWay<T>(
	base: T | undefined,
	ours: T | undefined,
	theirs: T | undefined,
	pick: (a: T | undefined, b: T | undefined) => T | undefined,
): {value: T | undefined; both: boolean} {
	if (sameJson(ours, theirs)) return {value: ours, both: false};
	if (sameJson(ours, base)) return {value: theirs, both: false};
	if (sameJson(theirs, base)) return {value: ours, both: false};
	return {value: pick(ours, theirs), both: true};
}

/**
 * A choice between two versions both changed differently: the one of the
 * review updated later (it is the newer work), else the one whose canonical
 * JSON sorts last. Symmetric by construction.
 */
function laterOf<T>(
	a: {value: T | undefined; updatedAt: string},
	b: {value: T | undefined; updatedAt: string},
): T | undefined {
	const byTime = instant(a.updatedAt) - instant(b.updatedAt);
	if (byTime !== 0) return byTime > 0 ? a.value : b.value;
	return compareText(canonicalJson(a.value ?? null), canonicalJson(b.value ?? null)) >= 0
		? a.value
		: b.value;
}

const auditFields = new Set(['at', 'by', 'item', 'from', 'to', 'detail']);

/**
 * An audit entry's identity: its whole content. Written as a plain array of
 * its fields (canonical JSON of so many small objects was most of a merge's
 * time); an entry with any other member is keyed by its canonical JSON.
 */
function auditKey(e: AuditEntry): string {
	for (const key in e) if (!auditFields.has(key)) return `{${canonicalJson(e)}`;
	return JSON.stringify([e.at, e.by, e.item, e.from, e.to, e.detail ?? null]);
}

/**
 * The audit logs united: every entry of every log, each as many times as the
 * log that holds it most often does (an entry is its whole content), in time
 * order, ties by that content.
 */
export function uniteAudit(...logs: ReadonlyArray<readonly AuditEntry[]>): AuditEntry[] {
	const most = new Map<string, {entry: AuditEntry; count: number}>();
	for (const log of logs) {
		const counts = new Map<string, {entry: AuditEntry; count: number}>();
		for (const entry of log) {
			const key = auditKey(entry);
			const seen = counts.get(key);
			if (seen) seen.count++;
			else counts.set(key, {entry, count: 1});
		}
		for (const [key, seen] of counts) {
			const kept = most.get(key);
			if (!kept || kept.count < seen.count) most.set(key, seen);
		}
	}
	const keyed = [...most].map(([key, {entry, count}]) => ({
		key,
		at: instant(entry.at),
		entry,
		count,
	}));
	keyed.sort((a, b) => a.at - b.at || compareText(a.key, b.key));
	return keyed.flatMap(({entry, count}) =>
		count === 1 ? [entry] : Array.from({length: count}, () => entry),
	);
}

/**
 * A set of keyed values merged three ways: what either side added is in, what
 * either side removed of the base is out; a value both sides hold in different
 * forms is the later one (`order`, which must not depend on the side). The
 * result is in `order`; with `baseFirst`, what the base held keeps its place
 * and the values added follow, in `order`.
 */
function mergeSet<T>(
	base: readonly T[],
	ours: readonly T[],
	theirs: readonly T[],
	keyOf: (value: T) => string,
	order: (a: T, b: T) => number,
	baseFirst = false,
): T[] {
	// One side left the set as it was (or both made it the same): the other's, in its order.
	if (sameJson(ours, theirs) || sameJson(theirs, base)) return [...ours];
	if (sameJson(ours, base)) return [...theirs];
	const inBase = new Set(base.map(keyOf));
	const ourKeys = new Set(ours.map(keyOf));
	const theirKeys = new Set(theirs.map(keyOf));
	const out = new Map<string, T>();
	for (const value of [...ours, ...theirs]) {
		const key = keyOf(value);
		// Removed by one side from what both started with: gone.
		if (inBase.has(key) && !(ourKeys.has(key) && theirKeys.has(key))) continue;
		const kept = out.get(key);
		if (!kept || order(kept, value) < 0) out.set(key, value);
	}
	if (!baseFirst) return [...out.values()].sort(order);
	const kept = base.map(keyOf).flatMap((key) => {
		const value = out.get(key);
		out.delete(key);
		return value === undefined ? [] : [value];
	});
	return [...kept, ...[...out.values()].sort(order)];
}

/** An answer without what two passes may differ in and still be combined. */
function passCore(answer: Answer): string {
	const {approvals: _a, signedOff: _s, evidence: _e, note: _n, ...rest} = answer;
	return canonicalJson(rest);
}

/**
 * The note of two combined passes: the side that changed it from the base;
 * when both did, both notes (each approver may say something), the earlier
 * signer's first, so that nothing either side wrote is lost.
 */
function mergedNote(base: Answer | undefined, ours: Answer, theirs: Answer): string | undefined {
	const o = ours.note;
	const t = theirs.note;
	if (o === t || t === base?.note) return o;
	if (o === base?.note) return t;
	if (!o || !t) return o || t;
	const order =
		signOffOrder(ours.signedOff ?? {by: '', at: ''}, theirs.signedOff ?? {by: '', at: ''}) ||
		compareText(o, t);
	const [first, second] = order <= 0 ? [o, t] : [t, o];
	if (first.includes(second)) return first;
	if (second.includes(first)) return second;
	return `${first}\n${second}`;
}

const signOffOrder = byTimeThenText<SignOff>((s) => s.at);
const decisionOrder = byTimeThenText<Decision>((d) => d.at);
const evidenceOrder = byTimeThenText<Evidence>((e) => e.addedAt);

/**
 * Two passes that differ only in who approved them and their evidence (two
 * people approving one item on two branches) as one: the approvers and the
 * evidence merged as sets, the latest approver's sign-off as the answer's.
 * Undefined when they cannot be combined.
 */
function combinePasses(base: Answer | undefined, ours: Answer, theirs: Answer): Answer | undefined {
	if (ours.status !== 'pass' || theirs.status !== 'pass') return undefined;
	if (passCore(ours) !== passCore(theirs)) return undefined;
	const basePass = base?.status === 'pass' ? base : undefined;
	const approvers = mergeSet(
		basePass ? approversOf(basePass) : [],
		approversOf(ours),
		approversOf(theirs),
		identityKey,
		signOffOrder,
	);
	const signedOff = approvers.at(-1);
	if (!signedOff) return undefined;
	const evidence = mergeSet(
		basePass?.evidence ?? [],
		ours.evidence,
		theirs.evidence,
		(e) => `${e.kind}:${e.ref}`,
		evidenceOrder,
		true,
	);
	const {approvals: _a, signedOff: _s, evidence: _e, note: _n, ...rest} = ours;
	const note = mergedNote(basePass, ours, theirs);
	return {
		...rest,
		...(note ? {note} : {}),
		evidence,
		signedOff,
		...(approvers.length > 1 ? {approvals: approvers} : {}),
	};
}

/** An answer without its check runs and their log: what two branches that ran the check differ in. */
function runCore(answer: Answer): string {
	const {checks: _c, evidence, ...rest} = answer;
	return canonicalJson({...rest, evidence: evidence.filter((e) => e.kind !== 'check')});
}

const runOrder = byTimeThenText<CheckRun>((r) => r.at);

/**
 * Two answers that differ only in the runs of the item's check (both branches
 * ran it) as one: the runs united, the newest KEPT_RUNS kept, and the log of
 * the latest as the item's check evidence. Undefined when they differ otherwise.
 */
function combineRuns(ours: Answer, theirs: Answer): Answer | undefined {
	if (!ours.checks?.length || !theirs.checks?.length) return undefined;
	if (runCore(ours) !== runCore(theirs)) return undefined;
	const byKey = new Map<string, CheckRun>();
	for (const run of [...ours.checks, ...theirs.checks]) byKey.set(canonicalJson(run), run);
	const runs = [...byKey.values()].sort(runOrder).slice(-KEPT_RUNS);
	const latest = runs.at(-1)!;
	const log = [...ours.evidence, ...theirs.evidence].find(
		(e) => e.kind === 'check' && e.sha256 === latest.log,
	);
	const evidence = ours.evidence.filter((e) => e.kind !== 'check');
	return {...ours, evidence: log ? [...evidence, log] : evidence, checks: runs};
}

/** The answers a state stands for in a conflict: a conflict's own, else its answer (pending when cleared). */
function answersOf(state: ItemState): Answer[] {
	return state.conflict ? state.conflict.answers : [state.answer ?? pendingAnswer()];
}

/** Answers without repeats, in canonical order. */
function distinctAnswers(answers: readonly Answer[]): Answer[] {
	const byText = new Map<string, Answer>();
	for (const a of answers) byText.set(canonicalJson(a), a);
	return [...byText.keys()].sort(compareText).map((k) => byText.get(k)!);
}

/**
 * The answers of a conflict with every approval its giver took back: a person
 * whose sign-off on another of the answers is later than their approval of a
 * pass and is not a pass (they failed it since, on another branch) no longer
 * approves that pass. A rebase replays a branch commit by commit, so a pass
 * combined with an approval early on would otherwise keep it after its giver's
 * fail. A pass keeps at least one approver: which answer stands is for a person
 * to pick.
 */
function withdrawn(answers: readonly Answer[]): Answer[] {
	const laterWord = new Map<string, number>();
	for (const a of answers)
		if (a.status !== 'pass' && a.status !== 'pending' && a.signedOff) {
			const key = identityKey(a.signedOff);
			laterWord.set(key, Math.max(laterWord.get(key) ?? -Infinity, instant(a.signedOff.at)));
		}
	if (laterWord.size === 0) return [...answers];
	return answers.map((a) => {
		const approvers = approversOf(a);
		if (approvers.length < 2) return a;
		const kept = approvers.filter(
			(s) => !(instant(s.at) < (laterWord.get(identityKey(s)) ?? -Infinity)),
		);
		if (kept.length === approvers.length || kept.length === 0) return a;
		const {approvals: _a, signedOff: _s, ...rest} = a;
		return {
			...rest,
			signedOff: kept.at(-1)!,
			...(kept.length > 1 ? {approvals: kept} : {}),
		};
	});
}

/** The merged state of one item, and whether it became a conflict here. */
function mergeItem(
	base: ItemState,
	ours: ItemState,
	theirs: ItemState,
): {state: ItemState; conflicted: boolean} {
	if (sameJson(ours, theirs) || sameJson(theirs, base)) return {state: ours, conflicted: false};
	if (sameJson(ours, base)) return {state: theirs, conflicted: false};
	if (ours.answer && theirs.answer && !ours.conflict && !theirs.conflict) {
		const combined = combinePasses(
			base.conflict ? undefined : base.answer,
			ours.answer,
			theirs.answer,
		);
		const either = combined ?? combineRuns(ours.answer, theirs.answer);
		if (either) return {state: {answer: either}, conflicted: false};
	}
	const answers = distinctAnswers(withdrawn([...answersOf(ours), ...answersOf(theirs)]));
	// Both sides came to the same answers by different ways (a conflict on one, its answer twice…).
	if (answers.length < 2) return {state: stateOf(answers[0]), conflicted: false};
	const from = base.conflict ? base.conflict.base : base.answer;
	return {state: {conflict: {answers, ...(from ? {base: from} : {})}}, conflicted: true};
}

/** A state without its answer's action items (merged apart: mergeActions). */
function withoutActions(state: ItemState): ItemState {
	if (!state.answer?.actions) return state;
	const {actions: _a, ...answer} = state.answer;
	return {...state, answer};
}

/**
 * One item merged with its action items apart: two branches that added
 * different action items to the same answer (or one closed one while the
 * other added another) combine instead of conflicting. When the rest of the
 * answer conflicts, the item is merged whole (each answer of the conflict
 * keeps its own action items).
 */
function mergeItemAndActions(
	base: ItemState,
	ours: ItemState,
	theirs: ItemState,
): {state: ItemState; conflicted: boolean} {
	if (!base.answer?.actions && !ours.answer?.actions && !theirs.answer?.actions)
		return mergeItem(base, ours, theirs);
	const merged = mergeItem(withoutActions(base), withoutActions(ours), withoutActions(theirs));
	if (merged.state.conflict) return mergeItem(base, ours, theirs);
	const actions = mergeActions(
		base.answer?.actions ?? [],
		ours.answer?.actions ?? [],
		theirs.answer?.actions ?? [],
	);
	if (!actions.length) return merged;
	const answer = merged.state.answer ?? pendingAnswer();
	return {state: {answer: {...answer, actions}}, conflicted: false};
}

/** A state without its answer's discuss-later mark (merged apart: mergeItemAndMarks). */
function withoutLater(state: ItemState): ItemState {
	if (!state.answer?.later) return state;
	const {later: _l, ...answer} = state.answer;
	// A pending answer that held only the mark is no answer at all.
	const {answer: _a, ...rest} = state;
	return isEmptyAnswer(answer) ? rest : {...rest, answer};
}

/**
 * One item merged with its discuss-later mark apart, as action items are: a
 * mark set on one branch and an answer given on the other combine. When the
 * rest conflicts, the item is merged whole (each answer keeps its own mark).
 */
function mergeItemAndMarks(
	base: ItemState,
	ours: ItemState,
	theirs: ItemState,
): {state: ItemState; conflicted: boolean} {
	if (!base.answer?.later && !ours.answer?.later && !theirs.answer?.later)
		return mergeItemAndActions(base, ours, theirs);
	const merged = mergeItemAndActions(withoutLater(base), withoutLater(ours), withoutLater(theirs));
	if (merged.state.conflict) return mergeItemAndActions(base, ours, theirs);
	const {value: later} = threeWay(
		base.answer?.later,
		ours.answer?.later,
		theirs.answer?.later,
		laterOfBoth,
	);
	if (!later) return merged;
	const answer = merged.state.answer ?? pendingAnswer();
	return {state: {answer: {...answer, later}}, conflicted: false};
}

/** An answer as an item's state: a pending answer with nothing in it is no answer at all. */
function stateOf(answer: Answer | undefined): ItemState {
	if (!answer) return {};
	if (isEmptyAnswer(answer)) return {};
	return {answer};
}

function itemState(review: Review | undefined, id: string): ItemState {
	if (!review) return {};
	const answer = ownValue(review.answers, id);
	const conflict = ownValue(review.conflicts, id);
	return {...(answer ? {answer} : {}), ...(conflict ? {conflict} : {})};
}

/** Every item id a review holds an answer or a conflict for. */
function itemIds(review: Review | undefined): string[] {
	if (!review) return [];
	return [...Object.keys(review.answers), ...Object.keys(review.conflicts ?? {})];
}

/** The fields a checklist upgrade changes together. */
type ChecklistState = Pick<Review, 'checklist' | 'orphans' | 'proposals'>;

function checklistState(review: Review): ChecklistState {
	return {
		checklist: review.checklist,
		...(review.orphans ? {orphans: review.orphans} : {}),
		...(review.proposals ? {proposals: review.proposals} : {}),
	};
}

/** One review both sides hold, merged against its base (absent: added on both sides). */
function mergeReview(
	base: Review | undefined,
	ours: Review,
	theirs: Review,
	conflicts: MergeConflict[],
	notes: string[],
): Review {
	const sides = (pick: (r: Review) => unknown) => ({
		ours: {value: pick(ours), updatedAt: ours.updatedAt},
		theirs: {value: pick(theirs), updatedAt: theirs.updatedAt},
	});
	const field = <T>(pick: (r: Review) => T): {value: T | undefined; both: boolean} => {
		const s = sides(pick);
		return threeWay(
			base ? pick(base) : undefined,
			pick(ours),
			pick(theirs),
			() => laterOf(s.ours, s.theirs) as T | undefined,
		);
	};
	const system = field((r) => r.system);
	const release = field((r) => r.release);
	const createdAt = field((r) => r.createdAt);
	const listed = field(checklistState);
	const label = reviewName({
		system: system.value ?? ours.system,
		...(release.value !== undefined ? {release: release.value} : {}),
	});
	if (system.both || release.both)
		notes.push(`${label}: both sides renamed the review; kept the later name`);
	if (listed.both)
		notes.push(
			`${label}: both sides changed its checklist (${[ours.checklist.version, theirs.checklist.version].sort(compareText).join(' and ')}); kept ${listed.value?.checklist.version ?? ''}, the later change`,
		);
	const answers = emptyRecord<Answer>();
	const merged = emptyRecord<Conflict>();
	const ids = [...new Set([...itemIds(base), ...itemIds(ours), ...itemIds(theirs)])].sort();
	for (const id of ids) {
		const {state, conflicted} = mergeItemAndMarks(
			itemState(base, id),
			itemState(ours, id),
			itemState(theirs, id),
		);
		if (state.answer) answers[id] = state.answer;
		if (state.conflict) merged[id] = state.conflict;
		if (conflicted && state.conflict)
			conflicts.push({
				review: ours.id,
				system: system.value ?? ours.system,
				...(release.value !== undefined ? {release: release.value} : {}),
				item: id,
				answers: state.conflict.answers,
			});
	}
	const checklist = listed.value ?? checklistState(ours);
	// The launch day: the side that changed it; both differently, the later review's, said.
	const launch = field((r) => r.launchDate);
	if (launch.both)
		notes.push(
			`${label}: both sides changed the launch date (${[ours.launchDate ?? 'none', theirs.launchDate ?? 'none'].sort(compareText).join(' and ')}); kept ${launch.value ?? 'none'}, the later change`,
		);
	// Decisions are records, never edited: every one either side holds, the base's in
	// their order (two in one millisecond must not swap which is the last), the new ones
	// after them in time order.
	const decisions = mergeSet(
		base?.decisions ?? [],
		ours.decisions ?? [],
		theirs.decisions ?? [],
		(d) => canonicalJson(d),
		decisionOrder,
		true,
	);
	const updated = [ours.updatedAt, theirs.updatedAt].sort(
		(a, b) => instant(a) - instant(b) || compareText(a, b),
	);
	return {
		id: ours.id,
		system: system.value ?? ours.system,
		...(release.value !== undefined ? {release: release.value} : {}),
		checklist: checklist.checklist,
		createdAt: createdAt.value ?? ours.createdAt,
		updatedAt: updated[1]!,
		answers,
		...(checklist.orphans ? {orphans: checklist.orphans} : {}),
		...(Object.keys(merged).length ? {conflicts: merged} : {}),
		...(checklist.proposals ? {proposals: checklist.proposals} : {}),
		...(launch.value !== undefined ? {launchDate: launch.value} : {}),
		...(decisions.length ? {decisions} : {}),
		audit: uniteAudit(base?.audit ?? [], ours.audit, theirs.audit),
	};
}

/** The same system and release (as sameName compares them). */
function nameKey(review: {system: string; release?: string}): string {
	return `${review.system.normalize('NFC')}\u0000${(review.release ?? '').normalize('NFC')}`;
}

/**
 * Pairs of reviews, one new on each side (in neither the base nor the other
 * side), that name the same system and release: each branch began the review
 * on its own. A name held by more than one new review on a side is left alone.
 */
function createdOnBothSides(
	base: Map<string, Review>,
	ours: Map<string, Review>,
	theirs: Map<string, Review>,
): Array<[Review, Review]> {
	const fresh = (side: Map<string, Review>, other: Map<string, Review>) => {
		const byName = new Map<string, Review | null>();
		for (const r of side.values()) {
			if (base.has(r.id) || other.has(r.id)) continue;
			const key = nameKey(r);
			byName.set(key, byName.has(key) ? null : r);
		}
		return byName;
	};
	const ourNew = fresh(ours, theirs);
	const theirNew = fresh(theirs, ours);
	const known = new Set([...base.values()].map(nameKey));
	const pairs: Array<[Review, Review]> = [];
	for (const [key, o] of ourNew) {
		const t = theirNew.get(key);
		if (o && t && !known.has(key)) pairs.push([o, t]);
	}
	return pairs;
}

function byId(db: Database | undefined): Map<string, Review> {
	return new Map((db?.reviews ?? []).map((r) => [r.id, r]));
}

const reviewOrder = byTimeThenText<Review>((r) => r.createdAt);

/**
 * Merges two versions of the database against their common base (undefined:
 * none, as git says with an empty file). Reviews are matched by id: one
 * added on either side is kept; one removed on a side while the other left it
 * unchanged goes; one removed on a side and changed on the other is kept, with
 * a note. In a review, every item takes the side that changed it; passes that
 * differ only in approvals and evidence combine; any other item both sides
 * changed differently becomes a conflict holding every answer. Audit logs are
 * united. The reviews keep the base's order, then those new, oldest first.
 */
export function mergeDatabases(
	base: Database | undefined,
	ours: Database,
	theirs: Database,
): MergeResult {
	// One side left the whole database as it was (or both made it the same): the other, as it is.
	if (sameJson(ours, theirs) || (base && sameJson(theirs, base)))
		return {database: ours, conflicts: [], notes: []};
	if (base && sameJson(ours, base)) return {database: theirs, conflicts: [], notes: []};
	const baseReviews = byId(base);
	const ourReviews = byId(ours);
	const theirReviews = byId(theirs);
	const conflicts: MergeConflict[] = [];
	const notes: string[] = [];
	const out: Review[] = [];
	const added: Review[] = [];
	const ids = [...new Set([...baseReviews.keys(), ...ourReviews.keys(), ...theirReviews.keys()])];
	for (const [o, t] of createdOnBothSides(baseReviews, ourReviews, theirReviews)) {
		// One review each side began on its own (`set --system` on two branches):
		// one review, merged item by item as if from nothing, under the smaller id.
		const [first, second] = compareText(o.id, t.id) < 0 ? [o, t] : [t, o];
		const review = mergeReview(undefined, first, second, conflicts, notes);
		const born = [first.createdAt, second.createdAt].sort(
			(a, b) => instant(a) - instant(b) || compareText(a, b),
		)[0]!;
		added.push({...review, id: first.id, createdAt: born});
		notes.push(`${reviewName(review)}: begun on both sides; merged into one review`);
		ourReviews.delete(o.id);
		theirReviews.delete(t.id);
	}
	for (const id of ids) {
		const b = baseReviews.get(id);
		const o = ourReviews.get(id);
		const t = theirReviews.get(id);
		let review: Review | undefined;
		if (o && t) {
			if (sameJson(o, t) || (b && sameJson(t, b))) review = o;
			else if (b && sameJson(o, b)) review = t;
			else review = mergeReview(b, o, t, conflicts, notes);
		} else if (o ?? t) {
			const kept = (o ?? t)!;
			if (!b) review = kept;
			else if (!sameJson(kept, b)) {
				review = kept;
				notes.push(
					`${reviewName(kept)}: removed on one side but changed on the other; kept, with the changes`,
				);
			}
		}
		if (!review) continue;
		if (b) out.push(review);
		else added.push(review);
	}
	added.sort(reviewOrder);
	conflicts.sort((a, b) => compareText(a.review, b.review) || compareText(a.item, b.item));
	return {
		database: {schemaVersion: SCHEMA_VERSION, reviews: [...out, ...added]},
		conflicts,
		notes: notes.sort(compareText),
	};
}
