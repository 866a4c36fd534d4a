// The database's text form, and nothing else: JSON in, JSON out, with stable
// key order. Validation and migrations sit above it (validated-file.ts), the
// bytes on disk below it (text-file.ts).
import {PreflightError} from '../errors.js';
import type {AuditEntry, Database, Review} from '../model/schemas.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {isItemKey} from './layout.js';

/** A database that cannot be used, as one line: the file, what is wrong, what to do. */
export function databaseError(path: string, problem: string, todo: string): never {
	throw new PreflightError(`database ${sanitizeLine(path)}: ${problem}; ${todo}`);
}

/** The JSON value of a database file's text; one clear line when it is empty or not JSON. */
export function decodeJson(text: string, path: string): unknown {
	if (text.trim() === '')
		databaseError(
			path,
			'file is empty',
			'restore it from a backup or git, or delete it to start afresh',
		);
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// JSON.parse's own message quotes the text, escapes and all: it is not shown.
		return databaseError(
			path,
			'not valid JSON (truncated or edited by hand?)',
			'restore it from a backup or git',
		);
	}
}

/**
 * `value` with every object's keys in sorted order (UTF-16 code units), members
 * left undefined dropped. The copies have no prototype, so that a key such as
 * `__proto__` stays a member like any other instead of setting a prototype.
 */
function sorted(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(sorted);
	const source = value as Record<string, unknown>;
	const out = Object.create(null) as Record<string, unknown>;
	for (const key of Object.keys(source).sort()) {
		const member = source[key];
		if (member !== undefined) out[key] = sorted(member);
	}
	return out;
}

type Bare = Record<string, unknown>;

function bare(): Bare {
	return Object.create(null) as Bare;
}

/** An audit entry with its keys sorted; `item` only when it is kept (in the review's log). */
function sortedEntry(e: AuditEntry, withItem: boolean): Bare {
	const out = bare();
	out.at = e.at;
	out.by = e.by;
	if (e.detail !== undefined) out.detail = e.detail;
	out.from = e.from;
	if (withItem) out.item = e.item;
	out.to = e.to;
	return out;
}

/**
 * A valid review laid out by item as the file holds it (see layout.ts), every
 * key sorted, built in one copy: `sorted(storedReview(review))` without the
 * copy between (saving a large database encodes every review it read).
 * test/store/serialize.test.ts holds the two to the same text.
 */
function sortedStoredReview(review: Review): Bare {
	const entries = Object.create(null) as Record<string, Bare>;
	const entry = (id: string): Bare => (entries[id] ??= bare());
	// Filled key by key in sorted order: answer, audit, conflict, then the item's own.
	for (const id of Object.keys(review.answers)) entry(id).answer = sorted(review.answers[id]);
	const log: Bare[] = [];
	for (const e of review.audit) {
		if (!isItemKey(e.item)) {
			log.push(sortedEntry(e, true));
			continue;
		}
		const target = entry(e.item);
		((target.audit ??= []) as Bare[]).push(sortedEntry(e, false));
	}
	if (review.conflicts)
		for (const id of Object.keys(review.conflicts))
			entry(id).conflict = sorted(review.conflicts[id]);
	const stored = review.checklist.items;
	if (stored)
		for (const id of Object.keys(stored)) {
			const item = stored[id]!;
			const target = entry(id);
			if (item.guidanceStart !== undefined) target.guidanceStart = item.guidanceStart;
			target.print = item.print;
			if (item.section !== undefined) target.section = item.section;
			if (item.title !== undefined) target.title = item.title;
		}
	const items = bare();
	for (const id of Object.keys(entries).sort()) items[id] = entries[id];
	const out = bare();
	const {digest, id, version} = review.checklist;
	out.checklist = {digest, id, version};
	out.createdAt = review.createdAt;
	if (review.decisions !== undefined) out.decisions = review.decisions.map((d) => sorted(d));
	out.id = review.id;
	out.items = items;
	if (review.launchDate !== undefined) out.launchDate = review.launchDate;
	if (log.length > 0) out.log = log;
	if (review.orphans !== undefined) out.orphans = sorted(review.orphans);
	if (review.proposals !== undefined) out.proposals = sorted(review.proposals);
	if (review.release !== undefined) out.release = review.release;
	out.system = review.system;
	return out;
}

/**
 * Each review's text as last encoded. Reviews are never changed in place (every
 * change makes a new object), so the object is the key, and a save in a large
 * database encodes only what changed.
 */
const reviewTexts = new WeakMap<object, string>();

/** The text encodeReview gave this very review object, if it gave one. */
export function encodedText(review: object): string | undefined {
	return reviewTexts.get(review);
}

/**
 * A review as it sits in the file's `reviews` array: laid out by item (see
 * layout.ts), pretty-printed, keys sorted, indented one level. Remembered under `key` (the object the caller
 * holds, when `review` is a checked copy of it).
 */
export function encodeReview(review: Review, key: object = review): string {
	const text = JSON.stringify(sortedStoredReview(review), null, 2).replace(/\n/g, '\n    ');
	reviewTexts.set(key, text);
	return text;
}

/**
 * The whole file from its reviews' texts: exactly
 * `JSON.stringify(<database with keys sorted>, null, 2)` and a newline, so it
 * diffs cleanly in git.
 */
export function encodeDatabase(
	schemaVersion: Database['schemaVersion'],
	reviews: string[],
): string {
	const list = reviews.length === 0 ? '[]' : `[\n    ${reviews.join(',\n    ')}\n  ]`;
	return `{\n  "reviews": ${list},\n  "schemaVersion": ${schemaVersion}\n}\n`;
}
