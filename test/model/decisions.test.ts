import {describe, expect, it} from 'vitest';
import {mergeDatabases} from '../../source/model/merge.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {SCHEMA_VERSION, type Database, type Review} from '../../source/model/schemas.js';
import {evaluate} from '../../source/model/evaluate.js';
import {withLaunchDate} from '../../source/model/launch.js';
import {LATER_CLEARED, LATER_MARKED, withLater} from '../../source/model/later.js';
import {withSession} from '../../source/model/session.js';
import {
	decisionDigest,
	decisionStanding,
	standingLine,
	withDecision,
} from '../../source/report/decision.js';
import {buildSnapshot, decisionDigestOf} from '../../source/report/snapshot.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';
import {at, checklist, digest, ids, loaded, readyReview, start} from './ready-review.js';

const dana = (minute: number) => ({by: 'Dana', at: at(minute)});

function db(...reviews: Review[]): Database {
	return {schemaVersion: SCHEMA_VERSION, reviews};
}

function decided(review: Review, decision: 'go' | 'no-go', minute: number, note?: string) {
	const result = withDecision(review, loaded, decision, dana(minute), note);
	if ('error' in result) throw new Error(result.error);
	return result;
}

describe('go/no-go decisions', () => {
	it('refuses a go while NOT READY, and records a no-go', () => {
		const review = {...newReview(checklist, digest, 'api', undefined, start), id: 'r-api'};
		const refused = withDecision(review, loaded, 'go', dana(1));
		expect('error' in refused && refused.error).toMatch(/NOT READY \(26 blockers\)/);
		const {decision, review: after} = decided(review, 'no-go', 1, 'not yet');
		expect(decision).toMatchObject({
			decision: 'no-go',
			by: 'Dana',
			verdict: 'not-ready',
			note: 'not yet',
		});
		expect(after.audit.at(-1)).toMatchObject({
			item: '*',
			detail: expect.stringContaining('decision: no-go'),
		});
	});

	it('a go stands until the review changes: the digest is that of the review judged then', () => {
		const review = readyReview();
		const {review: after, decision} = decided(review, 'go', 5);
		expect(decision.digest).toBe(decisionDigest(review, loaded, at(5)).digest);
		// Recording it changes nothing it was taken on; time passing neither.
		expect(decisionStanding(after, loaded)).toMatchObject({state: 'go'});
		const changed = recordAnswer(
			after,
			ids[0]!,
			withStatus(after.answers[ids[0]!]!, 'fail'),
			dana(6),
		);
		expect(decisionStanding(changed, loaded)).toMatchObject({state: 'void'});
		// Stored and read back, it still stands.
		const back = parseDatabase(serializeDatabase(db(after)), 'db.json').data.reviews[0]!;
		expect(back.decisions).toEqual(after.decisions);
		expect(decisionStanding(back, loaded)).toMatchObject({state: 'go'});
	});

	it('merges decisions as a union in time order, and a launch date from the side that changed it', () => {
		const base = readyReview();
		const ours = decided(base, 'no-go', 5).review;
		const theirs = {...decided(base, 'go', 7).review, launchDate: '2026-04-01'};
		const one = mergeDatabases(db(base), db(ours), db(theirs));
		const other = mergeDatabases(db(base), db(theirs), db(ours));
		expect(serializeDatabase(one.database)).toBe(serializeDatabase(other.database));
		const merged = one.database.reviews[0]!;
		expect(merged.decisions?.map((d) => d.decision)).toEqual(['no-go', 'go']);
		expect(merged.launchDate).toBe('2026-04-01');
		expect(one.notes).toEqual([]);
	});

	it('two sides that changed the launch date differently: the later review, with a note', () => {
		const base = readyReview();
		const ours = {
			...recordAnswer(base, ids[0]!, withStatus(base.answers[ids[0]!]!, 'fail'), dana(3)),
			launchDate: '2026-04-01',
		};
		const theirs = {...base, launchDate: '2026-05-01'};
		const {database, notes} = mergeDatabases(db(base), db(ours), db(theirs));
		expect(database.reviews[0]!.launchDate).toBe('2026-04-01');
		expect(notes).toEqual([expect.stringContaining('both sides changed the launch date')]);
	});
});

describe('what voids a decision', () => {
	const goAt5 = () => decided(readyReview(), 'go', 5).review;
	const first = () => ids[0]!;
	const mark = (review: Review, marked: boolean, minute: number) =>
		recordAnswer(
			review,
			first(),
			withLater(review.answers[first()]!, marked, dana(minute)),
			dana(minute),
			marked ? LATER_MARKED : LATER_CLEARED,
		);

	it('a launch date moved and moved back: void, and says why', () => {
		const moved = withLaunchDate(goAt5(), '2026-05-01', dana(6));
		const back = withLaunchDate(moved, undefined, dana(7));
		const standing = decisionStanding(back, loaded);
		expect(standing).toMatchObject({state: 'void'});
		expect(standing.state === 'void' && standing.reason).toMatch(
			/^launch date: 2026-05-01, by Dana at 2026-03-01T10:06:00.000Z$/,
		);
		expect(standingLine(standing)).toMatch(/is void: the review changed after it \(launch date/);
	});

	it('a fail turned back into a pass: void', () => {
		const review = goAt5();
		const failed = recordAnswer(
			review,
			first(),
			withStatus(review.answers[first()]!, 'fail'),
			dana(6),
		);
		const passed = recordAnswer(
			failed,
			first(),
			withStatus(failed.answers[first()]!, 'pass'),
			dana(7),
			undefined,
			{confirm: true},
		);
		expect(decisionStanding(passed, loaded)).toMatchObject({state: 'void'});
	});

	it('a discuss-later mark, set and cleared, and a session: the go stands', () => {
		const marked = mark(goAt5(), true, 6);
		expect(marked.answers[first()]!.later).toBeDefined();
		expect(decisionStanding(marked, loaded)).toMatchObject({state: 'go'});
		const cleared = mark(marked, false, 7);
		expect(decisionStanding(cleared, loaded)).toMatchObject({state: 'go'});
		// u on the mark is logged as the mark, with (undo).
		const undone = recordAnswer(
			marked,
			first(),
			withLater(marked.answers[first()]!, false, dana(7)),
			dana(7),
			`${LATER_CLEARED} (undo)`,
		);
		expect(decisionStanding(undone, loaded)).toMatchObject({state: 'go'});
		const met = withSession(marked, ['Ann', 'Bo Li'], {by: 'Eve', at: at(8)});
		expect(decisionStanding(met, loaded)).toMatchObject({state: 'go'});
		// Another decision is no change to what the last was taken on either.
		const again = decided(met, 'no-go', 9).review;
		expect(decisionStanding(again, loaded)).toMatchObject({state: 'no-go'});
	});

	it('a merge bringing marks (and a session) leaves the go standing; one bringing an answer voids it', () => {
		const base = readyReview();
		const ours = decided(base, 'go', 5).review;
		const theirs = withSession(mark(base, true, 3), ['Bo'], {by: 'Bo', at: at(6)});
		const {database} = mergeDatabases(db(base), db(ours), db(theirs));
		const merged = database.reviews[0]!;
		expect(merged.answers[first()]!.later).toBeDefined();
		expect(decisionStanding(merged, loaded)).toMatchObject({state: 'go'});
		// Their change made before our go, but not seen by it: what it was taken on differs.
		const failed = recordAnswer(base, first(), withStatus(base.answers[first()]!, 'fail'), dana(3));
		const other = mergeDatabases(db(base), db(ours), db(failed)).database.reviews[0]!;
		const standing = decisionStanding(other, loaded);
		expect(standing.state === 'void' && standing.reason).toMatch(
			/not what the decision was taken on/,
		);
	});

	it('the digest is that of the unsigned snapshot written at its moment, earlier decisions and marks in it', () => {
		const review = mark(decided(readyReview(), 'no-go', 2).review, true, 3);
		const written = buildSnapshot(evaluate(checklist, review, at(5)), review, loaded, at(5));
		expect(written.decisions).toHaveLength(1);
		expect(written.sections.flatMap((s) => s.items).some((i) => i.later)).toBe(true);
		const {decision} = decided(review, 'go', 5);
		expect(decision.digest).toBe(decisionDigestOf(written));
		// Signed or not, with the standing of a decision or not: the same decision digest.
		const signedLike = buildSnapshot(evaluate(checklist, review, at(5)), review, loaded, at(5), {
			signer: {key: 'ssh-ed25519 AAAA', fingerprint: 'SHA256:x'},
			decision: {
				state: 'standing',
				decision: 'no-go',
				by: 'Dana',
				at: at(2).toISOString(),
				digest: decision.digest,
			},
		});
		expect(decisionDigestOf(signedLike)).toBe(decision.digest);
	});

	it('a decision recorded with the earlier digest (decisions and review-level entries left out) still stands', () => {
		const review = mark(readyReview(), true, 3);
		const {decisions: _d, ...rest} = review;
		const basis = {...rest, audit: review.audit.filter((e) => e.item !== '*')};
		const old = buildSnapshot(evaluate(checklist, basis, at(5)), basis, loaded, at(5)).digest;
		const {review: after} = decided(review, 'go', 5);
		const recorded = {...after, decisions: [{...after.decisions![0]!, digest: old}]};
		expect(decisionStanding(recorded, loaded)).toMatchObject({state: 'go'});
		const changed = withLaunchDate(recorded, '2026-05-01', dana(6));
		expect(decisionStanding(changed, loaded)).toMatchObject({state: 'void'});
	});
});
