import {PreflightError} from '../errors.js';
import {answerSchema, isIsoInstant, SCHEMA_VERSION} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {layOutReview} from './layout.js';

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record without a prototype (ids are text someone else wrote: see model/records.ts). */
function bare(): Raw {
	return Object.create(null) as Raw;
}

const removedPrefix = 'removed from checklist ';
const lastAnswer = '; last answer: ';

/**
 * The answers an older preflight dropped when their items left the checklist,
 * as orphans: it kept each only in the audit log, as `removed from checklist
 * V; last answer: {…}`. An answer is recovered when the removal is the last
 * entry about its item, the item is not in the checklist the review last took
 * and has no answer now, and the answer is one preflight could have written.
 */
function orphansFromAudit(review: Raw): Raw | undefined {
	if (!Array.isArray(review.audit)) return undefined;
	const found = new Map<string, Raw>();
	for (const entry of review.audit as unknown[]) {
		if (!isObject(entry) || typeof entry.item !== 'string' || entry.item === '*') continue;
		found.delete(entry.item);
		const detail = entry.detail;
		if (typeof detail !== 'string' || !detail.startsWith(removedPrefix)) continue;
		const cut = detail.indexOf(lastAnswer);
		if (cut < 0 || typeof entry.at !== 'string' || !isIsoInstant(entry.at)) continue;
		let answer: unknown;
		try {
			answer = JSON.parse(detail.slice(cut + lastAnswer.length)) as unknown;
		} catch {
			continue; // `none`, or text this step cannot read: nothing to recover
		}
		const parsed = z.safeParse(answerSchema, answer);
		if (!parsed.success) continue;
		found.set(entry.item, {
			answer,
			removedIn: detail.slice(removedPrefix.length, cut),
			removedAt: entry.at,
		});
	}
	const answers = isObject(review.answers) ? review.answers : {};
	const checklist = isObject(review.checklist) ? review.checklist : {};
	const items = isObject(checklist.items) ? checklist.items : {};
	const out = bare();
	for (const [id, orphan] of found) {
		if (id === '__proto__' || Object.hasOwn(answers, id) || Object.hasOwn(items, id)) continue;
		out[id] = orphan;
	}
	return Object.keys(out).length ? out : undefined;
}

/** 2 -> 3 for one review: each item's fingerprint becomes `{print}`; dropped answers come back as orphans. */
function reviewTo3(review: unknown): unknown {
	if (!isObject(review)) return review;
	const next: Raw = {...review};
	if (isObject(review.checklist) && isObject(review.checklist.items)) {
		const items = bare();
		for (const [id, print] of Object.entries(review.checklist.items))
			items[id] = typeof print === 'string' ? {print} : print;
		next.checklist = {...review.checklist, items};
	}
	const orphans = review.orphans === undefined ? orphansFromAudit(review) : undefined;
	if (orphans) next.orphans = orphans;
	return next;
}

/**
 * Forward-only migrations: `steps[n]` turns a version-n database into version n+1.
 * The store writes a backup copy of the original file before saving a migrated one.
 */
const steps: Record<number, (raw: Raw) => Raw> = {
	// 1 -> 2: reviews may remember a fingerprint per checklist item (so a changed
	// checklist can be told apart item by item) and answers may be marked for
	// re-review. Version 1 had neither; both are optional, so the data carries
	// over as it is and the next open against the same checklist fills them in.
	1: (raw) => raw,
	// 2 -> 3: a review remembers each item's title, section and first words of
	// guidance beside its fingerprint (to propose renames), and keeps the answers
	// of items that left the checklist as orphans. The titles are not known here:
	// the next open against the same checklist fills them in. Answers version 2
	// kept only in the audit log are recovered as orphans (see orphansFromAudit).
	2: (raw) => (Array.isArray(raw.reviews) ? {...raw, reviews: raw.reviews.map(reviewTo3)} : raw),
	// 3 -> 4: each review laid out by item, so that git's plain line merge merges
	// branches that answered different items (see layout.ts): the item's stored
	// checklist entry, answer, conflict and audit entries in one entry under
	// `items`; audit entries about no one item in `log`; `updatedAt` dropped (it
	// is derived from the audit times).
	3: (raw) =>
		Array.isArray(raw.reviews)
			? {...raw, reviews: raw.reviews.map((r: unknown) => (isObject(r) ? layOutReview(r) : r))}
			: raw,
};

export function migrate(raw: unknown, from: number): unknown {
	let data = raw as Raw;
	for (let v = from; v < SCHEMA_VERSION; v++) {
		const step = steps[v];
		if (!step) throw new PreflightError(`no migration from database schemaVersion ${v}`);
		data = {...step(data), schemaVersion: v + 1};
	}
	return data;
}
