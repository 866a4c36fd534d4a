import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {loadTeam, teamFromText} from '../../source/checklist/team-file.js';
import type {Actor} from '../../source/model/actor.js';
import {answerFor, evaluate} from '../../source/model/evaluate.js';
import {recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';
import {approversOf, type Team} from '../../source/model/team.js';
import {PreflightError} from '../../source/errors.js';

const {checklist} = checklistFromData(
	{
		id: 'c',
		title: 'C',
		version: '1',
		sections: [
			{
				id: 'sec',
				title: 'Security',
				owners: ['security'],
				items: [
					{id: 'sec.two', title: 'Two', evidenceRequired: false, approvals: 2},
					{id: 'sec.one', title: 'One', evidenceRequired: false},
					{id: 'sec.sre', title: 'SRE', evidenceRequired: false, owners: ['sre']},
				],
			},
			{
				id: 'ops',
				title: 'Ops',
				items: [
					{id: 'ops.open', title: 'Open', evidenceRequired: false},
					{id: 'ops.pair', title: 'Pair', evidenceRequired: false, approvals: 2},
				],
			},
		],
	},
	'c.json',
);

const team: Team = {
	roles: {security: ['sec@example.com', 'AppSec Reviewer'], sre: ['sre@example.com']},
};

const t0 = Date.parse('2026-03-01T00:00:00.000Z');
let tick = 0;
function actor(by: string, email?: string): Actor {
	tick++;
	return {by, ...(email ? {email} : {}), at: new Date(t0 + tick * 1000)};
}
const ann = () => actor('Ann', 'SEC@example.com'); // security, by email in another case
const bob = () => actor('AppSec Reviewer'); // security, by name
const eve = () => actor('Eve', 'eve@example.com'); // no role

function emptyReview(): Review {
	return {
		id: 'r',
		system: 's',
		checklist: {id: 'c', version: '1', digest: 'x'},
		createdAt: '2026-03-01T00:00:00.000Z',
		updatedAt: '2026-03-01T00:00:00.000Z',
		answers: {},
		audit: [],
	};
}

function set(review: Review, itemId: string, status: 'pass' | 'fail' | 'pending', who: Actor) {
	const next = withStatus(answerFor(review, itemId), status);
	return recordAnswer(review, itemId, next, who, undefined, {confirm: true});
}

const at = new Date('2026-03-02T00:00:00.000Z');
function blocker(review: Review, itemId: string, withTeam: Team | null = team) {
	const e = evaluate(checklist, review, at, withTeam ?? undefined);
	return e.blockers.find((b) => b.item.id === itemId)?.blocker;
}

describe('owners and approvals (the verdict rule)', () => {
	it('records a sign-off by an outsider but does not settle the item', () => {
		const r = set(emptyReview(), 'sec.one', 'pass', eve());
		expect(answerFor(r, 'sec.one').status).toBe('pass');
		expect(answerFor(r, 'sec.one').signedOff).toMatchObject({by: 'Eve', email: 'eve@example.com'});
		expect(blocker(r, 'sec.one')).toBe('needs security');
		// An owner's pass settles it, the outsider's stays recorded.
		const settled = set(r, 'sec.one', 'pass', ann());
		expect(blocker(settled, 'sec.one')).toBeUndefined();
		expect(approversOf(answerFor(settled, 'sec.one')).map((s) => s.by)).toEqual(['Eve', 'Ann']);
	});

	it('lets anyone settle an item without owners, and anyone when there is no team file', () => {
		expect(blocker(set(emptyReview(), 'ops.open', 'pass', eve()), 'ops.open')).toBeUndefined();
		const r = set(emptyReview(), 'sec.one', 'pass', eve());
		expect(blocker(r, 'sec.one', null)).toBeUndefined();
	});

	it('an item owner overrides its section: security may not sign an sre item', () => {
		const r = set(emptyReview(), 'sec.sre', 'pass', ann());
		expect(blocker(r, 'sec.sre')).toBe('needs sre');
		expect(blocker(set(r, 'sec.sre', 'pass', actor('S', 'sre@example.com')), 'sec.sre')).toBe(
			undefined,
		);
	});

	it('needs N distinct owners: 1 of 2, then settled', () => {
		const one = set(emptyReview(), 'sec.two', 'pass', ann());
		expect(blocker(one, 'sec.two')).toBe('needs security · 1 of 2 approvals');
		const two = set(one, 'sec.two', 'pass', bob());
		expect(blocker(two, 'sec.two')).toBeUndefined();
		const e = evaluate(checklist, two, at, team);
		const result = e.sections[0]!.items[0]!;
		expect(result.signing.counted.map((s) => s.by)).toEqual(['Ann', 'AppSec Reviewer']);
	});

	it('a second pass by the same person re-confirms their approval and adds none', () => {
		const once = set(emptyReview(), 'sec.two', 'pass', ann());
		const twice = set(once, 'sec.two', 'pass', actor('Ann again', 'sec@EXAMPLE.com'));
		expect(approversOf(answerFor(twice, 'sec.two'))).toHaveLength(1);
		expect(blocker(twice, 'sec.two')).toBe('needs security · 1 of 2 approvals');
		expect(twice.audit.at(-1)?.detail).toBe('re-confirmed');
	});

	it('a pass with new evidence by a second owner is an approval too', () => {
		const one = set(emptyReview(), 'sec.two', 'pass', ann());
		const next = withEvidence(withStatus(answerFor(one, 'sec.two'), 'pass'), {
			kind: 'url',
			ref: 'https://ci.example/run/2',
		});
		const two = recordAnswer(one, 'sec.two', next, bob(), undefined, {confirm: true});
		expect(blocker(two, 'sec.two')).toBeUndefined();
		expect(two.audit.at(-1)?.detail).toMatch(/^approval added; evidence added/);
		// Without confirm (an evidence edit in the app), nobody signs anything.
		const edit = recordAnswer(one, 'sec.two', next, bob());
		expect(approversOf(answerFor(edit, 'sec.two'))).toHaveLength(1);
	});

	it('an outsider does not count toward the approvals', () => {
		const r = set(set(emptyReview(), 'sec.two', 'pass', ann()), 'sec.two', 'pass', eve());
		expect(approversOf(answerFor(r, 'sec.two'))).toHaveLength(2);
		expect(blocker(r, 'sec.two')).toBe('needs security · 1 of 2 approvals');
		expect(r.audit.at(-1)?.detail).toBe('approval added');
	});

	it('without owners, approvals still need distinct people (by name when there is no email)', () => {
		const one = set(emptyReview(), 'ops.pair', 'pass', actor('Kim'));
		expect(blocker(one, 'ops.pair', null)).toBe('1 of 2 approvals');
		expect(blocker(set(one, 'ops.pair', 'pass', actor('Kim')), 'ops.pair', null)).toBe(
			'1 of 2 approvals',
		);
		expect(blocker(set(one, 'ops.pair', 'pass', actor('Lee')), 'ops.pair', null)).toBeUndefined();
	});

	it('a fail from an owner fails the item and drops the approvals', () => {
		const two = set(set(emptyReview(), 'sec.two', 'pass', ann()), 'sec.two', 'pass', bob());
		const failed = set(two, 'sec.two', 'fail', bob());
		expect(answerFor(failed, 'sec.two').status).toBe('fail');
		expect(answerFor(failed, 'sec.two').approvals).toBeUndefined();
		expect(blocker(failed, 'sec.two')).toBe('failed');
		// Passing again starts a new round: one approval.
		expect(blocker(set(failed, 'sec.two', 'pass', ann()), 'sec.two')).toBe(
			'needs security · 1 of 2 approvals',
		);
	});

	it('undo (the earlier answer restored) takes back only the undoer’s own approval', () => {
		const first = set(emptyReview(), 'sec.two', 'pass', ann());
		const before = answerFor(first, 'sec.two');
		const second = set(first, 'sec.two', 'pass', bob());
		const undone = recordAnswer(second, 'sec.two', before, bob(), 'undo', {restore: true});
		expect(approversOf(answerFor(undone, 'sec.two')).map((s) => s.by)).toEqual(['Ann']);
		expect(blocker(undone, 'sec.two')).toBe('needs security · 1 of 2 approvals');
	});

	it('an old answer without approvals counts its one sign-off', () => {
		const r = emptyReview();
		r.answers['sec.one'] = {
			status: 'pass',
			evidence: [],
			signedOff: {by: 'AppSec Reviewer', at: '2026-03-01T00:00:00.000Z'},
		};
		expect(blocker(r, 'sec.one')).toBeUndefined();
	});
});

describe('the team file', () => {
	it('reads roles to members', async () => {
		const t = await teamFromText('roles:\n  security: [a@example.com, Some One]\n', 'team.yaml');
		expect(t.roles.security).toEqual(['a@example.com', 'Some One']);
	});

	it.each([
		['roles:\n  security: []\n', /line 2, column 13, roles\.security: a role needs at least one/],
		['roles:\n  security: [a]\nextra: 1\n', /line 3, column 1.*unknown field "extra"/],
		['roles: [a, b\n', /line \d+, column \d+: not valid YAML/],
		['roles:\n  "bad role": [a]\n', /roles\.bad role.*must be a role name/],
		['roles:\n  security: [""]\n', /must not be empty/],
	])('refuses %j with one line naming where', async (text, message) => {
		const error = await teamFromText(text, 'team.yaml').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PreflightError);
		const line = (error as Error).message;
		expect(line).toMatch(/^team file team\.yaml: /);
		expect(line).toMatch(message);
		expect(line).not.toContain('\n');
	});

	it('sanitises hostile text in its problems', async () => {
		const error = await teamFromText('roles:\n  "\u001b]0;x\u0007": [a]\n', 't.yaml').catch(
			(e: unknown) => e,
		);
		expect((error as Error).message).not.toContain('\u001b');
		expect((error as Error).message).not.toContain('\u0007');
	});

	it('is read beside the database; none means undefined; unknown roles are refused', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-team-'));
		const db = join(dir, 'db.json');
		await expect(loadTeam(db, checklist)).resolves.toBeUndefined();
		writeFileSync(join(dir, 'team.yaml'), 'roles:\n  security: [a@example.com]\n');
		await expect(loadTeam(db, checklist)).rejects.toThrow(
			/item sec\.sre of checklist c names role "sre", which the team file does not define/,
		);
		writeFileSync(
			join(dir, 'team.yaml'),
			'roles:\n  security: [a@example.com]\n  sre: [b@example.com]\n',
		);
		await expect(loadTeam(db, checklist)).resolves.toMatchObject({roles: {sre: ['b@example.com']}});
	});
});

describe('owners and approvals in Markdown attributes', () => {
	it('reads {owners=security,sre approvals=2} on an item, and refuses a count that is not a number', async () => {
		const {checklistFromText, loadMarkdownSupport} = await import('../../source/checklist/load.js');
		await loadMarkdownSupport();
		const text =
			'# T {#t version=1}\n\n## Ops\n\n- [ ] Rollback {#ops.rb owners=security,sre approvals=2}\n';
		const item = checklistFromText(text, 't.md').checklist.sections[0]!.items[0]!;
		expect(item).toMatchObject({id: 'ops.rb', owners: ['security', 'sre'], approvals: 2});
		expect(() => checklistFromText(text.replace('approvals=2', 'approvals=two'), 't.md')).toThrow(
			/line 5, column \d+: approvals must be a whole number/,
		);
	});
});

describe('approvals on the large-database path', () => {
	it('a large database with approvals and emails reads back through the compiled schemas', async () => {
		const {readOneReview} = await import('../../source/store/large-database.js');
		const {LARGE_INPUT} = await import('../../source/model/large.js');
		const review = emptyReview();
		const approvals = [
			{by: 'Ann', email: 'ann@example.com', at: '2026-03-01T00:00:00.000Z'},
			{by: 'Bob', at: '2026-03-01T00:00:01.000Z', commit: 'abcdef1'},
		];
		for (let i = 0; i < 3000; i++)
			review.answers[`item.${i}`] = {
				status: 'pass',
				evidence: [],
				signedOff: approvals[1]!,
				approvals,
			};
		const dir = mkdtempSync(join(tmpdir(), 'preflight-team-large-'));
		const db = join(dir, 'db.json');
		const text = JSON.stringify({schemaVersion: 3, reviews: [review]});
		expect(text.length).toBeGreaterThan(LARGE_INPUT);
		writeFileSync(db, text);
		const read = await readOneReview(db, (reviews) => reviews[0]!);
		expect(read.answers['item.2999']?.approvals).toEqual(approvals);
		expect(approversOf(read.answers['item.0']!)).toHaveLength(2);
	});
});
