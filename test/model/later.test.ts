import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {isEmptyAnswer} from '../../source/model/empty-answer.js';
import {evaluate} from '../../source/model/evaluate.js';
import {laterOfBoth, markedForLater, withLater} from '../../source/model/later.js';
import {mergeDatabases} from '../../source/model/merge.js';
import {upgradeReview} from '../../source/model/upgrade.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import {
	SCHEMA_VERSION,
	type Answer,
	type Database,
	type Review,
} from '../../source/model/schemas.js';
import {buildSnapshot} from '../../source/report/snapshot.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const loaded = loadChecklist(defaultChecklistPath());
const {checklist, digest} = loaded;
const item = checklist.sections[0]!.items[0]!.id;
const start = new Date('2026-03-01T10:00:00.000Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
const ann = (minute: number) => ({by: 'Ann', at: at(minute)});
const bob = (minute: number) => ({by: 'Bob', at: at(minute)});
const pending: Answer = {status: 'pending', evidence: []};

const base = (): Review => ({
	...newReview(checklist, digest, 'api', undefined, start),
	id: 'r-api',
});
const db = (review: Review): Database => ({schemaVersion: SCHEMA_VERSION, reviews: [review]});
const answerOf = (review: Review) => review.answers[item] ?? pending;
const mark = (review: Review, who: ReturnType<typeof ann>, on = true) =>
	recordAnswer(review, item, withLater(answerOf(review), on, who), who, on ? 'marked' : 'cleared');

/** The merge both ways must agree; the result, written and read back. */
function merged(b: Review, ours: Review, theirs: Review) {
	const one = mergeDatabases(db(b), db(ours), db(theirs));
	const other = mergeDatabases(db(b), db(theirs), db(ours));
	const text = serializeDatabase(one.database);
	expect(serializeDatabase(other.database)).toBe(text);
	return {conflicts: one.conflicts, review: parseDatabase(text, 'm.json').data.reviews[0]!};
}

describe('the discuss-later mark', () => {
	it('is set with who and when, cleared whole, and leaves the rest of the answer alone', () => {
		const passed: Answer = withStatus(
			withEvidence(pending, {kind: 'url', ref: 'https://x.example'}),
			'pass',
		);
		const marked = withLater(passed, true, ann(1));
		expect(marked).toEqual({...passed, later: {by: 'Ann', at: '2026-03-01T10:01:00.000Z'}});
		expect(withLater(marked, false, ann(2))).toEqual(passed);
	});

	it('is worth keeping on its own: a pending answer holding only a mark is not empty', () => {
		expect(isEmptyAnswer(pending)).toBe(true);
		expect(isEmptyAnswer(withLater(pending, true, ann(0)))).toBe(false);
		const review = mark(base(), ann(1));
		expect(review.answers[item]?.later?.by).toBe('Ann');
		expect(mark(review, ann(2), false).answers[item]).toBeUndefined();
	});

	it('survives a write and a read of the database, and an answer given after it', () => {
		let review = mark(base(), ann(1));
		review = recordAnswer(review, item, withStatus(answerOf(review), 'fail'), bob(2));
		const read = parseDatabase(serializeDatabase(db(review)), 'db.json').data.reviews[0]!;
		expect(read.answers[item]).toMatchObject({status: 'fail', later: {by: 'Ann'}});
	});

	it('never changes the verdict; the snapshot and markedForLater list it', () => {
		const review = mark(base(), ann(1));
		const now = at(5);
		const before = evaluate(checklist, base(), now);
		const after = evaluate(checklist, review, now);
		expect(after.verdict).toBe(before.verdict);
		const reasons = (e: typeof after) => e.blockers.map((b) => [b.item.id, b.blocker]);
		expect(reasons(after)).toEqual(reasons(before));
		expect(markedForLater(after.sections).map((m) => m.id)).toEqual([item]);
		const snapshot = buildSnapshot(after, review, loaded, now);
		const shown = snapshot.sections[0]!.items[0]!;
		expect(shown.later).toEqual({by: 'Ann', at: '2026-03-01T10:01:00.000Z'});
		expect(snapshot.sections[0]!.items[1]!.later).toBeUndefined();
		const md = renderMarkdown(snapshot);
		expect(md).toContain('## To discuss later');
		expect(md).toContain('| Ann | 2026-03-01T10:01:00.000Z |');
		expect(renderMarkdown(buildSnapshot(before, base(), loaded, now))).not.toContain(
			'To discuss later',
		);
	});
});

describe('a checklist upgrade', () => {
	it('keeps the mark on an item whose text changed', () => {
		const review = mark(base(), ann(1));
		const changed = structuredClone(checklist);
		changed.version = `${checklist.version}-next`;
		changed.sections[0]!.items[0]!.guidance = 'New guidance for the boundaries.';
		const {review: upgraded} = upgradeReview(review, changed, 'sha256:other', bob(2));
		expect(upgraded).not.toBe(review);
		expect(upgraded.answers[item]?.later).toEqual({by: 'Ann', at: '2026-03-01T10:01:00.000Z'});
	});
});

describe('merging discuss-later marks', () => {
	it('a mark on one branch and an answer on the other combine', () => {
		const b = base();
		const ours = mark(b, ann(1));
		const theirs = recordAnswer(b, item, withStatus(pending, 'fail'), bob(2));
		const {review, conflicts} = merged(b, ours, theirs);
		expect(conflicts).toEqual([]);
		expect(review.answers[item]).toMatchObject({status: 'fail', later: {by: 'Ann'}});
	});

	it('a mark cleared on one branch and kept on the other is cleared; set on both keeps the earlier', () => {
		const marked = mark(base(), ann(1));
		const cleared = mark(marked, bob(2), false);
		expect(merged(marked, cleared, marked).review.answers[item]).toBeUndefined();
		const b = base();
		const {review} = merged(b, mark(b, bob(3)), mark(b, ann(4)));
		expect(review.answers[item]?.later).toEqual({by: 'Bob', at: '2026-03-01T10:03:00.000Z'});
	});

	it('both changed it differently: a mark wins over none, else the earlier, whichever side is which', () => {
		const one = {by: 'Ann', at: '2026-03-01T10:00:00.000Z'};
		const two = {by: 'Bob', at: '2026-03-01T11:00:00.000Z'};
		expect(laterOfBoth(undefined, two)).toBe(two);
		expect(laterOfBoth(one, undefined)).toBe(one);
		expect(laterOfBoth(one, two)).toBe(one);
		expect(laterOfBoth(two, one)).toBe(one);
		const same = {by: 'Cy', at: one.at};
		expect(laterOfBoth(same, one)).toBe(laterOfBoth(one, same));
	});
});
