import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {
	actionsByOwner,
	invalidAction,
	invalidActionWhat,
	listActions,
	mergeActions,
	noNextStep,
	withAction,
	withActionDone,
} from '../../source/model/actions.js';
import {mergeDatabases} from '../../source/model/merge.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {
	SCHEMA_VERSION,
	type Answer,
	type Database,
	type Review,
} from '../../source/model/schemas.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const {checklist, digest} = loadChecklist(defaultChecklistPath());
const [first, second] = checklist.sections[0]!.items.map((i) => i.id);
const start = new Date('2026-03-01T10:00:00.000Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
const pending: Answer = {status: 'pending', evidence: []};
const fixTls = {what: 'renew the TLS certificate', owner: 'Dana', due: '2026-03-10'};
const addAlerts = {what: 'add alerts', owner: 'sre', due: '2026-04-01'};

function db(...reviews: Review[]): Database {
	return {schemaVersion: SCHEMA_VERSION, reviews};
}

function baseReview(): Review {
	return {...newReview(checklist, digest, 'api', undefined, start), id: 'r-api'};
}

function addAction(review: Review, item: string, input: typeof fixTls, minute: number): Review {
	const before = review.answers[item] ?? pending;
	return recordAnswer(review, item, withAction(before, input, 'Ann', at(minute)), {
		by: 'Ann',
		at: at(minute),
	});
}

describe('action items', () => {
	it('refuses what cannot make one, with one reason each', () => {
		expect(invalidAction(fixTls)).toBeUndefined();
		expect(invalidAction({...fixTls, what: ' '})).toMatch(/what is to be done/);
		expect(invalidAction({...fixTls, owner: ''})).toMatch(/owner/);
		expect(invalidAction({...fixTls, owner: 'a\u001b[31m'})).toMatch(/control characters/);
		expect(invalidAction({...fixTls, due: '2026-02-30'})).toMatch(/not a date/);
		expect(invalidAction({...fixTls, url: 'javascript:alert(1)'})).toMatch(/http/);
	});

	it('refuses in what and URL what it refuses in the owner, with the same words; credentials; overlong text', () => {
		const words =
			'must not contain control characters, escape sequences, or invisible or direction marks';
		for (const what of [
			'esc \u001b[31mred\u001b[0m',
			'rtl \u202egnp.exe',
			'a\u0007b',
			'two\nlines',
		])
			expect(invalidAction({...fixTls, what})).toBe(`an action item's text ${words}`);
		// The app's prompt asks the same question.
		expect(invalidActionWhat('rtl \u202egnp.exe')).toBe(`an action item's text ${words}`);
		for (const url of ['https://x.example/\u001b]8;;http://evil\u0007', 'https://x.example/\u202e'])
			expect(invalidAction({...fixTls, url})).toBe(`an action URL ${words}`);
		expect(invalidAction({...fixTls, owner: 'a\u202e'})).toBe(`an action owner ${words}`);
		expect(invalidAction({...fixTls, url: 'https://bob:pw@x.example/'})).toMatch(
			/^an action URL must not hold a user name or password/,
		);
		expect(invalidAction({...fixTls, url: 'https://bob@x.example/'})).toMatch(/user name/);
		expect(invalidAction({...fixTls, url: 'https://x.example/a?b=c#d'})).toBeUndefined();
		expect(invalidAction({...fixTls, what: 'x'.repeat(2000)})).toBeUndefined();
		expect(invalidAction({...fixTls, what: 'x'.repeat(2001)})).toMatch(/at most 2000/);
		expect(invalidAction({...fixTls, owner: 'x'.repeat(201)})).toMatch(/at most 200/);
	});

	it('are kept when the status changes (pass → fail → pass)', () => {
		let answer = withAction(pending, fixTls, 'Ann', at(0));
		answer = withStatus(answer, 'fail');
		expect(answer.actions).toHaveLength(1);
		answer = withStatus(answer, 'waived', {
			waiver: {reason: 'r', owner: 'Dana', expires: '2026-05-01'},
		});
		expect(answer.actions?.[0]?.what).toBe(fixTls.what);
	});

	it('keep a pending answer that holds nothing else, and audit the addition', () => {
		const review = addAction(baseReview(), first!, fixTls, 1);
		expect(review.answers[first!]?.actions).toHaveLength(1);
		expect(review.audit.at(-1)).toMatchObject({item: first, from: 'pending', to: 'pending'});
		// Stored and read back through the database's own layout.
		const back = parseDatabase(serializeDatabase(db(review)), 'db.json').data;
		expect(back.reviews[0]!.answers[first!]?.actions?.[0]).toMatchObject(fixTls);
	});

	it('are marked done by number, once', () => {
		const answer = withAction(withAction(pending, fixTls, 'Ann', at(0)), addAlerts, 'Ann', at(1));
		const result = withActionDone(answer, 2, 'Bob', at(2));
		expect('answer' in result && result.answer.actions?.[1]?.done).toEqual({
			at: at(2).toISOString(),
			by: 'Bob',
		});
		if (!('answer' in result)) throw new Error('expected an answer');
		expect(withActionDone(result.answer, 2, 'Bob', at(3))).toEqual({
			error: 'action item 2 is already done',
		});
		expect(withActionDone(answer, 3, 'Bob', at(3))).toMatchObject({error: /no action item 3/});
		expect(withActionDone(pending, 1, 'Bob', at(3))).toMatchObject({error: /no action items/});
	});

	it('mark a fail without an open one as having no next step', () => {
		const failed = withStatus(pending, 'fail');
		expect(noNextStep(failed)).toBe(true);
		const planned = withAction(failed, fixTls, 'Ann', at(0));
		expect(noNextStep(planned)).toBe(false);
		const done = withActionDone(planned, 1, 'Ann', at(1));
		expect('answer' in done && noNextStep(done.answer)).toBe(true);
		expect(noNextStep(withStatus(pending, 'pass'))).toBe(false);
	});

	it('list overdue first, then by due date, and group open ones by owner', () => {
		let review = addAction(baseReview(), second!, addAlerts, 1);
		review = addAction(review, first!, fixTls, 2);
		review = addAction(review, first!, {...addAlerts, what: 'page the team'}, 3);
		const asOf = new Date('2026-03-20T00:00:00.000Z');
		const listed = listActions(review, checklist, asOf);
		expect(listed.map((a) => [a.item, a.n, a.overdue])).toEqual([
			[first, 1, true],
			[first, 2, false],
			[second, 1, false],
		]);
		expect(listActions(review, checklist, asOf, {owner: 'SRE'})).toHaveLength(2);
		expect(actionsByOwner(listed).map(([owner, list]) => [owner, list.length])).toEqual([
			['Dana', 1],
			['sre', 2],
		]);
	});
});

describe('merging action items', () => {
	it('unites action items two branches added to the same item, and keeps a done', () => {
		const base = addAction(baseReview(), first!, fixTls, 1);
		const ours = addAction(base, first!, addAlerts, 2);
		const closed = withActionDone(base.answers[first!]!, 1, 'Bob', at(3));
		if (!('answer' in closed)) throw new Error('expected an answer');
		const theirs = recordAnswer(base, first!, closed.answer, {by: 'Bob', at: at(3)});
		const one = mergeDatabases(db(base), db(ours), db(theirs));
		const other = mergeDatabases(db(base), db(theirs), db(ours));
		expect(serializeDatabase(one.database)).toBe(serializeDatabase(other.database));
		expect(one.conflicts).toEqual([]);
		const actions = one.database.reviews[0]!.answers[first!]!.actions!;
		expect(actions.map((a) => a.what)).toEqual([fixTls.what, addAlerts.what]);
		expect(actions[0]!.done?.by).toBe('Bob');
	});

	it('unites action items while the answers combine (a fail on one side, an action on the other)', () => {
		const base = addAction(baseReview(), first!, fixTls, 1);
		const ours = recordAnswer(base, first!, withStatus(base.answers[first!]!, 'fail'), {
			by: 'Ann',
			at: at(2),
		});
		const theirs = addAction(base, first!, addAlerts, 3);
		const {database, conflicts} = mergeDatabases(db(base), db(ours), db(theirs));
		expect(conflicts).toEqual([]);
		const answer = database.reviews[0]!.answers[first!]!;
		expect(answer.status).toBe('fail');
		expect(answer.actions?.map((a) => a.what)).toEqual([fixTls.what, addAlerts.what]);
	});

	it("keeps the base's action items in their order, added in the same millisecond, and places only the new ones", () => {
		const item = (what: string, minute: number) =>
			withAction(pending, {...addAlerts, what}, 'Bo', at(minute)).actions![0]!;
		const base = [item('zeta', 0), item('alpha', 0)];
		const ours = [...base, item('ours', 60)];
		const theirs = [...base, item('theirs', 120)];
		expect(mergeActions(base, ours, theirs).map((a) => a.what)).toEqual([
			'zeta',
			'alpha',
			'ours',
			'theirs',
		]);
		expect(mergeActions(base, theirs, ours)).toEqual(mergeActions(base, ours, theirs));
	});

	it("keeps each side's new action items in the order added, ties between sides by content", () => {
		const item = (what: string, minute: number, by = 'Bo') =>
			withAction(pending, {...addAlerts, what}, by, at(minute)).actions![0]!;
		const base = [item('first', 0)];
		const ours = [...base, item('ours b', 5), item('ours a', 5)];
		const theirs = [...base, item('theirs z', 5, 'Al'), item('theirs y', 5, 'Al')];
		const merged = mergeActions(base, ours, theirs).map((a) => a.what);
		expect(merged[0]).toBe('first');
		expect(merged.indexOf('ours b')).toBeLessThan(merged.indexOf('ours a'));
		expect(merged.indexOf('theirs z')).toBeLessThan(merged.indexOf('theirs y'));
		expect(mergeActions(base, theirs, ours)).toEqual(mergeActions(base, ours, theirs));
	});

	it('mergeActions is symmetric: the same list whichever side is ours (property)', () => {
		// A small deterministic generator: every case is reproducible.
		let seed = 15;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const item = (what: string, minute: number, by: string) =>
			withAction(pending, {...addAlerts, what}, by, at(minute)).actions![0]!;
		const close = (a: (typeof base)[number], minute: number, by: string) => ({
			...a,
			done: {at: at(minute).toISOString(), by},
		});
		let base = [item('x', 0, 'Bo')];
		for (let n = 0; n < 300; n++) {
			base = Array.from({length: rand(4)}, (_, k) => item(`b${rand(3)}-${k}`, rand(2), 'Bo'));
			const side = (who: string) => {
				const kept = base
					.filter(() => rand(5) > 0)
					.map((a) => (rand(3) === 0 ? close(a, 10 + rand(2), rand(2) ? 'Al' : 'Bo') : a));
				const added = Array.from({length: rand(4)}, () =>
					item(`n${rand(3)}`, 1 + rand(3), rand(2) ? who : 'Bo'),
				);
				return [...kept, ...added];
			};
			const ours = side('Ann');
			const theirs = side('Tom');
			const one = mergeActions(base, ours, theirs);
			expect(mergeActions(base, theirs, ours)).toEqual(one);
			// The base's survivors keep their relative order, before every new one.
			const baseWhats = base.map((a) => a.what);
			const survivors = one.filter((a) => baseWhats.includes(a.what) && a.addedBy === 'Bo');
			expect(one.slice(0, survivors.length)).toEqual(survivors);
		}
	});

	it('mergeActions drops one the base held that a side removed', () => {
		const a = withAction(pending, fixTls, 'Ann', at(0)).actions!;
		expect(mergeActions(a, [], a)).toEqual([]);
		expect(mergeActions([], a, a)).toEqual(a);
	});
});
