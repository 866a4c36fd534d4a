import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {mergeDatabases, sameJson, uniteAudit} from '../../source/model/merge.js';
import {canonicalJson} from '../../source/model/canonical.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import {
	SCHEMA_VERSION,
	type Answer,
	type Database,
	type Review,
} from '../../source/model/schemas.js';
import {approversOf} from '../../source/model/team.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const {checklist, digest} = loadChecklist(defaultChecklistPath());
const [first, second, third] = checklist.sections[0]!.items.map((i) => i.id);
const start = new Date('2026-03-01T10:00:00.000Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
const ann = (minute: number) => ({by: 'Ann', email: 'ann@example.com', at: at(minute)});
const bob = (minute: number) => ({by: 'Bob', email: 'bob@example.com', at: at(minute)});
const pending: Answer = {status: 'pending', evidence: []};
const link = (ref: string) => ({kind: 'url' as const, ref: `https://${ref}.example`});

function db(...reviews: Review[]): Database {
	return {schemaVersion: SCHEMA_VERSION, reviews};
}

function pass(review: Review, item: string, who: ReturnType<typeof ann>, ref = 'ci'): Review {
	const before = review.answers[item] ?? pending;
	return recordAnswer(
		review,
		item,
		withStatus(withEvidence(before, link(ref)), 'pass'),
		who,
		undefined,
		{
			confirm: true,
		},
	);
}

function fail(review: Review, item: string, who: ReturnType<typeof ann>): Review {
	return recordAnswer(review, item, withStatus(review.answers[item] ?? pending, 'fail'), who);
}

function baseReview(system = 'api'): Review {
	return {...newReview(checklist, digest, system, undefined, start), id: `r-${system}`};
}

/** The merge both ways: the same text, valid, and the result. */
function merged(base: Database | undefined, ours: Database, theirs: Database) {
	const one = mergeDatabases(base, ours, theirs);
	const other = mergeDatabases(base, theirs, ours);
	const text = serializeDatabase(one.database);
	expect(serializeDatabase(other.database)).toBe(text);
	expect(other.conflicts).toEqual(one.conflicts);
	expect(other.notes).toEqual(one.notes);
	parseDatabase(text, 'merged.json');
	return {...one, text, review: one.database.reviews[0]!};
}

describe('mergeDatabases', () => {
	it('combines changes to different items', () => {
		const base = baseReview();
		const ours = pass(base, first!, ann(1));
		const theirs = fail(base, second!, bob(2));
		const {review, conflicts} = merged(db(base), db(ours), db(theirs));
		expect(conflicts).toEqual([]);
		expect(review.answers[first!]?.status).toBe('pass');
		expect(review.answers[second!]?.status).toBe('fail');
		expect(review.conflicts).toBeUndefined();
		expect(review.audit).toHaveLength(2);
		expect(review.updatedAt).toBe(at(2).toISOString());
	});

	it('merges one review begun on both sides (same system, ids of their own) into one', () => {
		const ourStart = {...newReview(checklist, digest, 'api', undefined, at(1)), id: 'r-bbbb'};
		const theirStart = {...newReview(checklist, digest, 'api', undefined, at(2)), id: 'r-aaaa'};
		const ours = pass(fail(ourStart, second!, ann(3)), first!, ann(4));
		const theirs = fail(pass(theirStart, third!, bob(3)), second!, bob(5));
		const {database, conflicts, notes} = merged(db(), db(ours), db(theirs));
		expect(database.reviews).toHaveLength(1);
		const review = database.reviews[0]!;
		expect(review).toMatchObject({id: 'r-aaaa', system: 'api', createdAt: at(1).toISOString()});
		expect(review.answers[first!]?.status).toBe('pass');
		expect(review.answers[third!]?.status).toBe('pass');
		// both failed it, at different times: the same status, different sign-offs
		expect(conflicts.map((c) => c.item)).toEqual([second]);
		expect(conflicts[0]!.review).toBe('r-aaaa');
		expect(review.audit).toHaveLength(4);
		expect(notes).toEqual(['api: begun on both sides; merged into one review']);
	});

	it('leaves reviews of different releases begun on both sides apart', () => {
		const ours = {...newReview(checklist, digest, 'api', '1.0', at(1)), id: 'r-1'};
		const theirs = {...newReview(checklist, digest, 'api', '2.0', at(2)), id: 'r-2'};
		const {database} = merged(undefined, db(ours), db(theirs));
		expect(database.reviews.map((r) => r.id)).toEqual(['r-1', 'r-2']);
	});

	it('combines changes to different reviews, keeps reviews added on either side', () => {
		const a = baseReview('a');
		const b = baseReview('b');
		const ours = db(pass(a, first!, ann(1)), b, baseReview('c'));
		const theirs = db(a, fail(b, first!, bob(1)), baseReview('d'));
		const {database, conflicts} = merged(db(a, b), ours, theirs);
		expect(conflicts).toEqual([]);
		expect(database.reviews.map((r) => r.system)).toEqual(['a', 'b', 'c', 'd']);
		expect(database.reviews[0]!.answers[first!]?.status).toBe('pass');
		expect(database.reviews[1]!.answers[first!]?.status).toBe('fail');
	});

	it('drops a review removed on one side and unchanged on the other; keeps one changed', () => {
		const a = baseReview('a');
		const b = baseReview('b');
		const {database, notes} = merged(db(a, b), db(b), db(a, pass(b, first!, ann(1))));
		expect(database.reviews.map((r) => r.system)).toEqual(['b']);
		expect(notes).toEqual([]);
		const kept = merged(db(a, b), db(b), db(pass(a, first!, ann(1)), b));
		expect(kept.database.reviews.map((r) => r.system)).toEqual(['a', 'b']);
		expect(kept.notes[0]).toMatch(/removed on one side but changed on the other/);
	});

	it('makes the same item changed differently a conflict holding both answers and the base', () => {
		const base = pass(baseReview(), first!, ann(0));
		const ours = fail(base, first!, ann(1));
		const theirs = recordAnswer(base, first!, pending, bob(2));
		const {review, conflicts} = merged(db(base), db(ours), db(theirs));
		expect(review.answers[first!]).toBeUndefined();
		const conflict = review.conflicts?.[first!];
		expect(conflict?.answers.map((a) => a.status).sort()).toEqual(['fail', 'pending']);
		expect(conflict?.base).toEqual(base.answers[first!]);
		expect(conflicts).toEqual([
			{review: 'r-api', system: 'api', item: first, answers: conflict?.answers},
		]);
	});

	it('takes an equal change once, and an item changed on one side only from that side', () => {
		const base = baseReview();
		const both = fail(base, first!, ann(1));
		const {review, conflicts} = merged(db(base), db(both), db(fail(both, second!, bob(2))));
		expect(conflicts).toEqual([]);
		expect(review.answers[first!]).toEqual(both.answers[first!]);
		expect(review.answers[second!]?.status).toBe('fail');
	});

	it('combines approvals by two people of one item on two branches', () => {
		const base = baseReview();
		const ours = pass(base, first!, ann(1), 'ann');
		const theirs = pass(base, first!, bob(2), 'bob');
		const {review, conflicts} = merged(db(base), db(ours), db(theirs));
		expect(conflicts).toEqual([]);
		const answer = review.answers[first!]!;
		expect(answer.status).toBe('pass');
		expect(approversOf(answer).map((s) => s.by)).toEqual(['Ann', 'Bob']);
		expect(answer.signedOff?.by).toBe('Bob');
		expect(answer.evidence.map((e) => e.ref)).toEqual([
			'https://ann.example',
			'https://bob.example',
		]);
	});

	it('combines approvals given with notes of their own, keeping both notes', () => {
		const base = baseReview();
		const noted = (review: Review, who: ReturnType<typeof ann>, note: string, ref: string) =>
			recordAnswer(
				review,
				first!,
				{...withStatus(withEvidence(review.answers[first!] ?? pending, link(ref)), 'pass'), note},
				who,
				undefined,
				{confirm: true},
			);
		const ours = noted(base, ann(1), 'vault ok', 'ann');
		const theirs = noted(base, bob(2), 'checked too', 'bob');
		const {review, conflicts} = merged(db(base), db(ours), db(theirs));
		expect(conflicts).toEqual([]);
		const answer = review.answers[first!]!;
		expect(approversOf(answer).map((s) => s.by)).toEqual(['Ann', 'Bob']);
		expect(answer.note).toBe('vault ok\nchecked too');
		// one side's note unchanged from the base: the other's stands
		const both = noted(base, ann(1), 'vault ok', 'ann');
		const second = merged(db(both), db(noted(both, bob(2), 'vault ok', 'bob')), db(both));
		expect(second.review.answers[first!]?.note).toBe('vault ok');
	});

	it('a fail on one branch withdraws its giver’s approval of the pass on the other (a rebase replays both)', () => {
		const carol = (minute: number) => ({by: 'Carol', email: 'carol@example.com', at: at(minute)});
		const dave = (minute: number) => ({by: 'Dave', email: 'dave@example.com', at: at(minute)});
		const base = baseReview();
		// What a rebase meets on its second commit: Carol's pass already combined
		// with Dave's upstream, against Carol's own fail.
		const carolPass = pass(base, first!, carol(1), 'carol');
		const combined = pass(carolPass, first!, dave(2), 'dave');
		expect(approversOf(combined.answers[first!]!).map((s) => s.by)).toEqual(['Carol', 'Dave']);
		const carolFail = fail(carolPass, first!, carol(3));
		const {review, conflicts} = merged(db(carolPass), db(combined), db(carolFail));
		expect(conflicts.map((c) => c.item)).toEqual([first]);
		const passes = review.conflicts![first!]!.answers.filter((a) => a.status === 'pass');
		expect(passes.map((a) => approversOf(a).map((s) => s.by))).toEqual([['Dave']]);
		expect(passes[0]!.approvals).toBeUndefined();
		expect(passes[0]!.signedOff?.by).toBe('Dave');
	});

	it('combines the runs of an item’s check made on two branches (no conflict)', () => {
		const run = (minute: number, by: string, log: string, ok = true) => ({
			run: 'true',
			exit: ok ? 0 : 1,
			ok,
			durationMs: 5,
			at: at(minute).toISOString(),
			by,
			log: log.repeat(64),
			bytes: 0,
		});
		const withRun = (review: Review, r: ReturnType<typeof run>, who: ReturnType<typeof ann>) => {
			const before = review.answers[first!] ?? pending;
			return recordAnswer(
				review,
				first!,
				{
					...before,
					checks: [...(before.checks ?? []), r],
					evidence: [
						...before.evidence.filter((e) => e.kind !== 'check'),
						{kind: 'check', ref: `evidence/${r.log}.log`, sha256: r.log, addedAt: r.at},
					],
				},
				who,
			);
		};
		const base = withRun(baseReview(), run(0, 'Ann', 'a'), ann(0));
		const ours = withRun(base, run(1, 'Ann', 'b', false), ann(1));
		const theirs = withRun(base, run(2, 'Bob', 'c'), bob(2));
		const {review, conflicts} = merged(db(base), db(ours), db(theirs));
		expect(conflicts).toEqual([]);
		const answer = review.answers[first!]!;
		expect(answer.checks?.map((r) => r.by)).toEqual(['Ann', 'Ann', 'Bob']);
		expect(answer.evidence.filter((e) => e.kind === 'check').map((e) => e.sha256)).toEqual([
			'c'.repeat(64),
		]);
	});

	it('keeps an approval both sides renewed once, at its later time', () => {
		const base = pass(baseReview(), first!, ann(0));
		const ours = pass(pass(base, first!, bob(1)), first!, ann(3));
		const theirs = pass(base, first!, ann(2));
		const {review} = merged(db(base), db(ours), db(theirs));
		const approvers = approversOf(review.answers[first!]!);
		expect(approvers.map((s) => [s.by, s.at])).toEqual([
			['Bob', at(1).toISOString()],
			['Ann', at(3).toISOString()],
		]);
	});

	it('unites the audit logs in time order without duplicates', () => {
		const base = fail(baseReview(), third!, ann(0));
		const ours = fail(pass(base, first!, ann(1)), second!, ann(3));
		const theirs = pass(base, second!, bob(2));
		const {review} = merged(db(base), db(ours), db(theirs));
		expect(review.audit.map((e) => [e.by, e.item, e.at])).toEqual([
			['Ann', third, at(0).toISOString()],
			['Ann', first, at(1).toISOString()],
			['Bob', second, at(2).toISOString()],
			['Ann', second, at(3).toISOString()],
		]);
		const entry = base.audit[0]!;
		expect(uniteAudit([entry, entry], [entry], [])).toEqual([entry, entry]);
	});

	it('writes the same bytes whichever side is ours', () => {
		const base = baseReview();
		const ours = db(pass(fail(base, second!, ann(1)), first!, ann(4)), baseReview('x'));
		const theirs = db(pass(fail(base, second!, bob(1)), third!, bob(4)), baseReview('y'));
		const one = serializeDatabase(mergeDatabases(db(base), ours, theirs).database);
		const other = serializeDatabase(mergeDatabases(db(base), theirs, ours).database);
		expect(one).toBe(other);
	});

	it('merges without a base, as git does when the two have no common ancestor', () => {
		const a = baseReview();
		const ours = pass(a, first!, ann(1));
		const theirs = fail(a, first!, bob(1));
		const {review, conflicts} = merged(undefined, db(ours), db(theirs));
		expect(conflicts).toHaveLength(1);
		expect(review.conflicts?.[first!]?.base).toBeUndefined();
		expect(merged(undefined, db(ours), db(ours)).conflicts).toEqual([]);
	});

	it('folds conflicts into conflicts, and takes a resolution made on one side', () => {
		const base = baseReview();
		const c1 = merged(db(base), db(fail(base, first!, ann(1))), db(pass(base, first!, bob(1))));
		const conflicted = c1.review;
		const third = recordAnswer(
			base,
			first!,
			withStatus(pending, 'na', {justification: 'no'}),
			bob(5),
		);
		const c2 = merged(db(base), db(conflicted), db(third));
		expect(c2.review.conflicts?.[first!]?.answers.map((a) => a.status).sort()).toEqual([
			'fail',
			'na',
			'pass',
		]);
		// A reviewer picked one answer on one side; the other left the conflict alone.
		const resolved: Review = {
			...conflicted,
			answers: {...conflicted.answers, [first!]: conflicted.conflicts![first!]!.answers[0]!},
		};
		delete resolved.conflicts;
		const c3 = merged(db(conflicted), db(resolved), db(fail(conflicted, second!, bob(6))));
		expect(c3.conflicts).toEqual([]);
		expect(c3.review.conflicts).toBeUndefined();
		expect(c3.review.answers[first!]).toEqual(resolved.answers[first!]);
	});

	it('takes a checklist upgrade from the side that made it, and picks the later when both did', () => {
		const base = baseReview();
		const upgraded: Review = {
			...fail(base, first!, ann(1)),
			checklist: {...base.checklist, version: '2.0.0', digest: 'sha256:two'},
		};
		const other = fail(base, second!, bob(2));
		const one = merged(db(base), db(upgraded), db(other));
		expect(one.review.checklist.version).toBe('2.0.0');
		expect(one.notes).toEqual([]);
		const alsoUpgraded: Review = {
			...other,
			checklist: {...base.checklist, version: '3.0.0', digest: 'sha256:three'},
		};
		const both = merged(db(base), db(upgraded), db(alsoUpgraded));
		expect(both.review.checklist.version).toBe('3.0.0');
		expect(both.notes).toEqual([
			'api: both sides changed its checklist (2.0.0 and 3.0.0); kept 3.0.0, the later change',
		]);
	});

	it('keeps the launch date changed later, and says it was the later change, not the later date', () => {
		const base = baseReview();
		// Theirs moved the launch to May first; ours to April afterwards.
		const theirs: Review = {...fail(base, second!, ann(2)), launchDate: '2027-05-01'};
		const ours: Review = {...fail(base, first!, bob(6)), launchDate: '2027-04-01'};
		const both = merged(db(base), db(ours), db(theirs));
		expect(both.review.launchDate).toBe('2027-04-01');
		expect(both.notes).toEqual([
			'api: both sides changed the launch date (2027-04-01 and 2027-05-01); kept 2027-04-01, the later change',
		]);
	});

	it('compares values as their canonical JSON does, without writing it', () => {
		const pairs: Array<[unknown, unknown]> = [
			[
				{a: 1, b: [1, {c: 2}]},
				{b: [1, {c: 2}], a: 1},
			],
			[{a: 1, b: undefined}, {a: 1}],
			[{a: 1}, {a: 1, b: 2}],
			[
				[1, 2],
				[2, 1],
			],
			[[], {}],
			[{a: null}, {}],
			['1', 1],
			[Object.assign(Object.create(null) as object, {x: 1}), {x: 1}],
		];
		for (const [a, b] of pairs) {
			const same = canonicalJson(a) === canonicalJson(b);
			expect(sameJson(a, b)).toBe(same);
			expect(sameJson(b, a)).toBe(same);
		}
	});

	it('keeps evidence one side removed out while the other adds an approval', () => {
		const base = pass(pass(baseReview(), first!, ann(0), 'one'), first!, ann(1), 'two');
		const answer = base.answers[first!]!;
		const trimmed = recordAnswer(
			base,
			first!,
			{...answer, evidence: answer.evidence.filter((e) => e.ref !== 'https://one.example')},
			ann(2),
		);
		const approved = pass(base, first!, bob(3), 'three');
		const {review, conflicts} = merged(db(base), db(trimmed), db(approved));
		expect(conflicts).toEqual([]);
		expect(review.answers[first!]?.evidence.map((e) => e.ref)).toEqual([
			'https://two.example',
			'https://three.example',
		]);
		expect(approversOf(review.answers[first!]!).map((s) => s.by)).toEqual(['Ann', 'Bob']);
	});

	it('names a review both sides renamed differently once, taking the later name', () => {
		const base = baseReview();
		const ours = {...fail(base, first!, ann(1)), system: 'api-one'};
		const theirs = {...fail(base, second!, bob(2)), system: 'api-two'};
		const {review, notes} = merged(db(base), db(ours), db(theirs));
		expect(review.system).toBe('api-two');
		expect(notes).toEqual(['api-two: both sides renamed the review; kept the later name']);
	});
});

describe('merging decisions', () => {
	const decision = (d: 'go' | 'no-go', minute: number, by = 'Ann') => ({
		decision: d,
		by,
		at: at(minute).toISOString(),
		verdict: 'ready' as const,
		digest: `sha256:${'0'.repeat(64)}`,
	});

	it("keeps the base's decisions in their order (two in one millisecond do not swap which is last)", () => {
		// By content "go" sorts before "no-go": the base recorded them the other way.
		const base = {...baseReview(), decisions: [decision('no-go', 0), decision('go', 0)]};
		const ours = {...base, decisions: [...base.decisions, decision('no-go', 5, 'Bob')]};
		const theirs = {...base, decisions: [...base.decisions, decision('go', 6, 'Cy')]};
		const {review} = merged(db(base), db(ours), db(theirs));
		expect(review.decisions?.map((d) => [d.decision, d.by])).toEqual([
			['no-go', 'Ann'],
			['go', 'Ann'],
			['no-go', 'Bob'],
			['go', 'Cy'],
		]);
	});
});
