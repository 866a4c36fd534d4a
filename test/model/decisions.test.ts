import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {mergeDatabases} from '../../source/model/merge.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import {SCHEMA_VERSION, type Database, type Review} from '../../source/model/schemas.js';
import {decisionDigest, decisionStanding, withDecision} from '../../source/report/decision.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const loaded = loadChecklist(defaultChecklistPath());
const {checklist, digest} = loaded;
const ids = checklist.sections.flatMap((s) => s.items.map((i) => i.id));
const start = new Date('2026-03-01T10:00:00.000Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
const dana = (minute: number) => ({by: 'Dana', at: at(minute)});

function db(...reviews: Review[]): Database {
	return {schemaVersion: SCHEMA_VERSION, reviews};
}

/** A review with every item passed with a link. */
function readyReview(): Review {
	let review: Review = {...newReview(checklist, digest, 'api', undefined, start), id: 'r-api'};
	for (const id of ids)
		review = recordAnswer(
			review,
			id,
			withStatus(
				withEvidence(review.answers[id] ?? {status: 'pending', evidence: []}, {
					kind: 'url',
					ref: 'https://ci.example/ok',
				}),
				'pass',
			),
			{by: 'Ann', at: at(1)},
			undefined,
			{confirm: true},
		);
	return review;
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
