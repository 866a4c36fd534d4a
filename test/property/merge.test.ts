// Random edit histories from a common base on two sides, merged: the result
// is the same bytes whichever side is ours, valid, and keeps every audit entry.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {canonicalJson} from '../../source/model/canonical.js';
import {mergeDatabases} from '../../source/model/merge.js';
import {recordFrom} from '../../source/model/records.js';
import {
	newReview,
	recordAnswer,
	withEvidence,
	withNote,
	withStatus,
} from '../../source/model/review.js';
import {
	SCHEMA_VERSION,
	type Answer,
	type Database,
	type Review,
} from '../../source/model/schemas.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const {checklist, digest} = loadChecklist(defaultChecklistPath());
const start = Date.UTC(2026, 2, 1, 12);
const items = ['ops.a', 'ops.b', 'ops.c', 'constructor'];
const people = [
	{by: 'Ann', email: 'ann@example.com'},
	{by: 'Bob', email: 'bob@example.com'},
	{by: 'Cy'},
];

type Edit =
	| {
			kind: 'answer';
			review: number;
			item: number;
			status: 'pending' | 'pass' | 'fail' | 'na' | 'waived';
			who: number;
			minute: number;
			extra: 'none' | 'evidence' | 'note';
	  }
	| {kind: 'resolve'; review: number; pick: number; who: number; minute: number}
	| {kind: 'add-review'; review: number; minute: number}
	| {kind: 'drop-review'; review: number}
	| {kind: 'upgrade'; review: number; version: number};

const edit: fc.Arbitrary<Edit> = fc.oneof(
	{
		weight: 8,
		arbitrary: fc.record({
			kind: fc.constant('answer' as const),
			review: fc.nat(2),
			item: fc.nat(items.length - 1),
			status: fc.constantFrom('pending', 'pass', 'pass', 'fail', 'na', 'waived'),
			who: fc.nat(people.length - 1),
			minute: fc.nat(30),
			extra: fc.constantFrom('none', 'evidence', 'note'),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('resolve' as const),
			review: fc.nat(2),
			pick: fc.nat(3),
			who: fc.nat(people.length - 1),
			minute: fc.nat(30),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('add-review' as const),
			review: fc.nat(5),
			minute: fc.nat(30),
		}),
	},
	{weight: 1, arbitrary: fc.record({kind: fc.constant('drop-review' as const), review: fc.nat(2)})},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('upgrade' as const),
			review: fc.nat(2),
			version: fc.nat(3),
		}),
	},
);

function reviewNamed(n: number, minute: number): Review {
	const review = newReview(
		checklist,
		digest,
		`sys-${n}`,
		undefined,
		new Date(start + minute * 60_000),
	);
	return {...review, id: `r-${n}`};
}

function answerFor(review: Review, item: string): Answer {
	return Object.hasOwn(review.answers, item)
		? review.answers[item]!
		: {status: 'pending', evidence: []};
}

function withoutConflict(review: Review, item: string): Review {
	if (!review.conflicts || !Object.hasOwn(review.conflicts, item)) return review;
	const conflicts = recordFrom(Object.entries(review.conflicts).filter(([id]) => id !== item));
	const next: Review = {...review, conflicts};
	if (Object.keys(conflicts).length === 0) delete next.conflicts;
	return next;
}

/** One edit as the app or a command would make it (a conflict is resolved by answering it). */
function apply(db: Database, e: Edit, side: string): Database {
	const index = db.reviews.findIndex((r) => r.id === `r-${e.review}`);
	if (e.kind === 'add-review')
		return index >= 0 ? db : {...db, reviews: [...db.reviews, reviewNamed(e.review, e.minute)]};
	if (index < 0) return db;
	const review = db.reviews[index]!;
	const put = (next: Review) => ({
		...db,
		reviews: db.reviews.map((r, i) => (i === index ? next : r)),
	});
	switch (e.kind) {
		case 'drop-review':
			return {...db, reviews: db.reviews.filter((_, i) => i !== index)};
		case 'upgrade':
			return put({
				...review,
				checklist: {...review.checklist, version: `v${e.version}`, digest: `sha256:${e.version}`},
			});
		case 'resolve': {
			const open = Object.entries(review.conflicts ?? {});
			if (open.length === 0) return db;
			const [item, conflict] = open[e.pick % open.length]!;
			const chosen = conflict.answers[e.pick % conflict.answers.length]!;
			const actor = {...people[e.who]!, at: new Date(start + e.minute * 60_000)};
			return put(
				recordAnswer(withoutConflict(review, item), item, chosen, actor, 'conflict resolved', {
					restore: true,
				}),
			);
		}
		case 'answer': {
			const item = items[e.item]!;
			const actor = {...people[e.who]!, at: new Date(start + e.minute * 60_000)};
			const cleared = withoutConflict(review, item);
			let next = answerFor(cleared, item);
			if (e.extra === 'evidence')
				next = withEvidence(next, {kind: 'url', ref: `https://${side}.example/${e.minute}`});
			if (e.extra === 'note') next = withNote(next, `note ${side} ${e.minute}`);
			next = withStatus(next, e.status, {
				justification: 'not here',
				waiver: {reason: 'known', owner: 'Dana', expires: '2030-01-01'},
			});
			return put(recordAnswer(cleared, item, next, actor, undefined, {confirm: true}));
		}
	}
}

const history = fc.array(edit, {maxLength: 12});

function run(edits: readonly Edit[], from: Database, side: string): Database {
	return edits.reduce((db, e) => apply(db, e, side), from);
}

const initial: Database = {
	schemaVersion: SCHEMA_VERSION,
	reviews: [reviewNamed(0, 0), reviewNamed(1, 0)],
};

/** A base that may itself hold conflicts: two histories from the start, merged. */
const baseOf = fc.tuple(history, history, history).map(([common, one, two]) => {
	const shared = run(common, initial, 'c');
	return mergeDatabases(shared, run(one, shared, 'x'), run(two, shared, 'y')).database;
});

describe('merging random edit histories', () => {
	it('is symmetric, valid, and keeps every audit entry', () => {
		fc.assert(
			fc.property(baseOf, history, history, fc.boolean(), (base, ourEdits, theirEdits, noBase) => {
				const ours = run(ourEdits, base, 'o');
				const theirs = run(theirEdits, base, 't');
				const from = noBase ? undefined : base;
				const one = mergeDatabases(from, ours, theirs);
				const other = mergeDatabases(from, theirs, ours);
				const text = serializeDatabase(one.database);
				expect(serializeDatabase(other.database)).toBe(text);
				expect(other.conflicts).toEqual(one.conflicts);
				// Valid, and read back exactly.
				expect(serializeDatabase(parseDatabase(text, 'merged.json').data)).toBe(text);
				// Every audit entry of a review either side changed (or added) is in the merged review;
				// a review one side left as it was may go with the other side's deletion.
				for (const side of [ours, theirs])
					for (const review of side.reviews) {
						const kept = one.database.reviews.find((r) => r.id === review.id);
						const changed =
							from === undefined ||
							!base.reviews.some((r) => canonicalJson(r) === canonicalJson(review));
						if (!changed) continue;
						expect(kept).toBeDefined();
						const audit = new Set(kept!.audit.map((a) => canonicalJson(a)));
						for (const entry of review.audit) expect(audit.has(canonicalJson(entry))).toBe(true);
					}
				// Every conflict holds at least two distinct answers, and its item has no answer.
				for (const review of one.database.reviews)
					for (const [item, conflict] of Object.entries(review.conflicts ?? {})) {
						expect(new Set(conflict.answers.map((a) => canonicalJson(a))).size).toBe(
							conflict.answers.length,
						);
						expect(Object.hasOwn(review.answers, item)).toBe(false);
					}
			}),
			{numRuns: 150},
		);
	});

	it('gives one side back when the other made no change, and either when both are the same', () => {
		fc.assert(
			fc.property(baseOf, history, (base, edits) => {
				const side = run(edits, base, 'o');
				const text = serializeDatabase(side);
				expect(serializeDatabase(mergeDatabases(base, side, base).database)).toBe(text);
				expect(serializeDatabase(mergeDatabases(base, base, side).database)).toBe(text);
				expect(serializeDatabase(mergeDatabases(base, side, side).database)).toBe(text);
			}),
			{numRuns: 100},
		);
	});
});
