// How a review sits in the file (schemaVersion 4), as opposed to how it is
// held in memory (model/schemas.ts). On disk everything about one item lives
// in one entry under `items`: what the review keeps of the checklist item, its
// answer, its conflict and its audit entries. So two branches that answered
// different items changed different lines, and git's plain line merge (a
// hosted merge button, a clone without preflight's merge driver) merges them:
//
// - every item the review knows has its entry from the start, never empty (it
//   holds at least the item's print), so an answer edits lines inside its own
//   entry and never inserts one beside a neighbour's;
// - nothing review-wide changes with every answer: `updatedAt` is not stored
//   but derived from the audit times, and the audit log is split by item
//   (entries about no one item, such as a checklist upgrade, go in `log`).
//
// Reading puts the in-memory review back together: the audit log is the
// item logs and `log` merged in time order.
import {emptyRecord} from '../model/records.js';
import {
	answerSchema,
	auditEntrySchema,
	byItemId,
	conflictSchema,
	isoInstant,
	reviewSchema,
	SCHEMA_VERSION,
	storedItemSchema,
	type Answer,
	type AuditEntry,
	type Conflict,
	type Review,
	type StoredItem,
} from '../model/schemas.js';
import * as z from '../model/zod.js';

/** An audit entry kept with its item: the item is the entry's key. */
const itemAuditEntrySchema = z.strictObject({
	at: auditEntrySchema.shape.at,
	by: auditEntrySchema.shape.by,
	from: auditEntrySchema.shape.from,
	to: auditEntrySchema.shape.to,
	detail: auditEntrySchema.shape.detail,
});
export type ItemAuditEntry = z.infer<typeof itemAuditEntrySchema>;

/** One item of a review on disk: the stored checklist item, its answer, its conflict, its audit entries. */
export const itemEntrySchema = z
	.strictObject({
		answer: z.optional(answerSchema),
		audit: z.optional(z.array(itemAuditEntrySchema)),
		conflict: z.optional(conflictSchema),
		guidanceStart: storedItemSchema.shape.guidanceStart,
		print: z.optional(storedItemSchema.shape.print),
		section: storedItemSchema.shape.section,
		title: storedItemSchema.shape.title,
	})
	.check(
		z.refine(
			(e) =>
				e.print !== undefined ||
				(e.title === undefined && e.section === undefined && e.guidanceStart === undefined),
			{message: 'an item with a title, section or guidance needs its print', path: ['print']},
		),
	);
export type ItemEntry = z.infer<typeof itemEntrySchema>;

const shape = reviewSchema.shape;

/** A review as the file holds it (schemaVersion 4). */
export const storedReviewSchema = z.strictObject({
	id: shape.id,
	system: shape.system,
	release: shape.release,
	checklist: z.strictObject({
		id: shape.checklist.shape.id,
		version: shape.checklist.shape.version,
		digest: shape.checklist.shape.digest,
	}),
	createdAt: isoInstant,
	/** Every item the review knows, by id. */
	items: byItemId(itemEntrySchema),
	/** Audit entries about no one item (`*`: the whole review), oldest first. */
	log: z.optional(z.array(auditEntrySchema)),
	orphans: shape.orphans,
	proposals: shape.proposals,
	/** Review-level data (not by item): the launch day and the go/no-go decisions. */
	launchDate: shape.launchDate,
	decisions: shape.decisions,
});
export type StoredReview = z.infer<typeof storedReviewSchema>;

/** The database as the file holds it. */
export const storedDatabaseSchema = z.strictObject({
	schemaVersion: z.literal(SCHEMA_VERSION),
	reviews: z.array(storedReviewSchema),
});
export type StoredDatabase = z.infer<typeof storedDatabaseSchema>;

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether audit entries about `item` can live in its entry: `*` (the whole
 * review) and the empty id name no item, and `__proto__` is no record key.
 */
export function isItemKey(item: string): boolean {
	return item !== '*' && item !== '' && item !== '__proto__';
}

/**
 * A review laid out as the file holds it. Works on validated reviews (when
 * saving) and on the raw JSON of a version-3 file (the migration): whatever
 * does not have the shape to be split by item is left where it was, under its
 * old name, for the stored schema to refuse and name.
 */
export function layOutReview(review: Raw): Raw {
	const {answers, audit, checklist, conflicts, updatedAt: _derived, ...rest} = review;
	const out: Raw = {...rest};
	const items = Object.create(null) as Record<string, Raw>;
	const entry = (id: string): Raw => (items[id] ??= Object.create(null) as Raw);
	if (isObject(checklist)) {
		const {items: stored, ...head} = checklist;
		out.checklist = head;
		if (isObject(stored) && Object.values(stored).every(isObject))
			for (const id of Object.keys(stored)) Object.assign(entry(id), stored[id]);
		else if (stored !== undefined) head.items = stored;
	} else if (checklist !== undefined) out.checklist = checklist;
	if (isObject(answers)) for (const id of Object.keys(answers)) entry(id).answer = answers[id];
	else if (answers !== undefined) out.answers = answers;
	if (isObject(conflicts))
		for (const id of Object.keys(conflicts)) entry(id).conflict = conflicts[id];
	else if (conflicts !== undefined) out.conflicts = conflicts;
	if (Array.isArray(audit)) {
		const log: unknown[] = [];
		for (const e of audit as unknown[]) {
			if (isObject(e) && typeof e.item === 'string' && isItemKey(e.item)) {
				const {item, ...kept} = e;
				const target = entry(item);
				((target.audit ??= []) as unknown[]).push(kept);
			} else log.push(e);
		}
		if (log.length > 0) out.log = log;
	} else if (audit !== undefined) out.audit = audit;
	out.items = items;
	return out;
}

const ZERO = 48;

/** The two digits at `i`, or NaN. */
function twoDigits(s: string, i: number): number {
	const a = s.charCodeAt(i) - ZERO;
	const b = s.charCodeAt(i + 1) - ZERO;
	return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * Date.parse(at), read by hand when `at` is Date#toISOString's own form
 * (`2026-03-01T12:00:00.000Z`, as preflight writes every time): Date.parse was
 * most of putting a large review's audit log back in order.
 */
export function timeOf(at: string): number {
	if (at.length === 24 && at[4] === '-' && at[7] === '-' && at[10] === 'T' && at[23] === 'Z') {
		const year = twoDigits(at, 0) * 100 + twoDigits(at, 2);
		const month = twoDigits(at, 5);
		const day = twoDigits(at, 8);
		const hour = twoDigits(at, 11);
		const minute = twoDigits(at, 14);
		const second = twoDigits(at, 17);
		const last = at.charCodeAt(22) - ZERO;
		const ms = last >= 0 && last <= 9 ? twoDigits(at, 20) * 10 + last : Number.NaN;
		if (
			year >= 100 &&
			at[13] === ':' &&
			at[16] === ':' &&
			at[19] === '.' &&
			month >= 1 &&
			month <= 12 &&
			day >= 1 &&
			day <= 31 &&
			hour <= 23 &&
			minute <= 59 &&
			second <= 59 &&
			ms >= 0 &&
			ms <= 999
		)
			return Date.UTC(year, month - 1, day, hour, minute, second, ms);
	}
	return Date.parse(at);
}

/** An item's audit entry as in memory: with its item, keys in the schema's order (as zod's parse gives them). */
function auditEntryOf(item: string, a: ItemAuditEntry): AuditEntry {
	return a.detail === undefined
		? {at: a.at, by: a.by, item, from: a.from, to: a.to}
		: {at: a.at, by: a.by, item, from: a.from, to: a.to, detail: a.detail};
}

/**
 * A stored review's audit logs (each oldest first) put back together as one,
 * in time order. Each entry is sorted by the latest time of its own log so
 * far, so a log whose clock went back keeps its own order; ties keep the order
 * in which the logs were added (`log` first, then the items as the file lists
 * them). Also the latest entry, for `updatedAt`.
 */
class AuditMerge {
	private readonly entries: AuditEntry[] = [];
	private readonly times: number[] = [];
	private sorted = true;
	private latestTime = -Infinity;
	latest: AuditEntry | undefined;

	/** Adds a log: the review's own, or an item's (`item` given: its entries as in memory). */
	add(list: readonly AuditEntry[] | readonly ItemAuditEntry[], item?: string): void {
		let own = -Infinity;
		for (const stored of list) {
			const entry = item === undefined ? (stored as AuditEntry) : auditEntryOf(item, stored);
			const time = timeOf(entry.at);
			if (time > this.latestTime) {
				this.latestTime = time;
				this.latest = entry;
			}
			if (time > own) own = time;
			if (this.sorted && this.times.length > 0 && own < this.times[this.times.length - 1]!)
				this.sorted = false;
			this.entries.push(entry);
			this.times.push(own);
		}
	}

	merged(): AuditEntry[] {
		if (this.sorted) return this.entries;
		const {entries, times} = this;
		// Array#sort is stable: equal times keep the order of adding.
		const order = entries.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
		return order.map((i) => entries[i]!);
	}
}

/**
 * What the review keeps of the item, as in memory: only the fields the entry
 * has. Built as literals, one shape per usual set of fields (a review of
 * 10,000 items makes 10,000 of these on every read).
 */
function storedItemOf(print: string, e: ItemEntry): StoredItem {
	const {title, section, guidanceStart} = e;
	if (section === undefined) {
		if (title === undefined) return guidanceStart === undefined ? {print} : {print, guidanceStart};
		return guidanceStart === undefined ? {print, title} : {print, title, guidanceStart};
	}
	// Keys in the schema's order, as zod's parse gives them (and every other
	// object read from the file has them).
	const item: StoredItem = {print};
	if (title !== undefined) item.title = title;
	item.section = section;
	if (guidanceStart !== undefined) item.guidanceStart = guidanceStart;
	return item;
}

/** The in-memory review of a validated stored one. */
export function reviewFromStored(stored: StoredReview): Review {
	const storedItems = emptyRecord<StoredItem>();
	const answers = emptyRecord<Answer>();
	let conflicts: Record<string, Conflict> | undefined;
	let anyItem = false;
	const log = new AuditMerge();
	if (stored.log) log.add(stored.log);
	for (const id in stored.items) {
		const e = stored.items[id]!;
		if (e.print !== undefined) {
			anyItem = true;
			storedItems[id] = storedItemOf(e.print, e);
		}
		if (e.answer !== undefined) answers[id] = e.answer;
		if (e.conflict !== undefined) (conflicts ??= emptyRecord<Conflict>())[id] = e.conflict;
		if (e.audit !== undefined) log.add(e.audit, id);
	}
	const latest = log.latest;
	// Keys in the schema's order, as zod's parse of the in-memory form gives them.
	const checklist: Review['checklist'] = {
		id: stored.checklist.id,
		version: stored.checklist.version,
		digest: stored.checklist.digest,
	};
	if (anyItem) checklist.items = storedItems;
	return {
		id: stored.id,
		system: stored.system,
		...(stored.release === undefined ? {} : {release: stored.release}),
		checklist,
		createdAt: stored.createdAt,
		updatedAt:
			latest !== undefined && timeOf(latest.at) > timeOf(stored.createdAt)
				? latest.at
				: stored.createdAt,
		answers,
		...(stored.orphans === undefined ? {} : {orphans: stored.orphans}),
		...(conflicts === undefined ? {} : {conflicts}),
		...(stored.proposals === undefined ? {} : {proposals: stored.proposals}),
		...(stored.launchDate === undefined ? {} : {launchDate: stored.launchDate}),
		...(stored.decisions === undefined ? {} : {decisions: stored.decisions}),
		audit: log.merged(),
	};
}

/** The stored form of a valid in-memory review (its keys not yet sorted: see codec.ts). */
export function storedReview(review: Review): StoredReview {
	return layOutReview(review as unknown as Raw) as unknown as StoredReview;
}
