import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {
	contradiction,
	expectationMet,
	failureText,
	KEPT_RUNS,
	parseCheckTimeout,
	timeoutMs,
	withRun,
} from '../../source/model/checks.js';
import {passHeldBack, recordRun} from '../../source/model/check-runs.js';
import {answerFor, evaluate, isStale} from '../../source/model/evaluate.js';
import {
	checklistSchema,
	type Answer,
	type CheckRun,
	type Review,
} from '../../source/model/schemas.js';
import * as z from '../../source/model/zod.js';

const {checklist} = checklistFromData(
	{
		id: 'c',
		title: 'C',
		version: '1',
		sections: [
			{
				id: 's',
				title: 'S',
				items: [
					{id: 'ev', title: 'Evidence check', check: {run: 'true'}},
					{id: 'ps', title: 'Pass check', check: {run: 'true', mode: 'pass'}},
					{
						id: 'q',
						title: 'Quarterly',
						reviewEvery: 'P90D',
						check: {run: 'curl gw', expect: {exit: 0, match: '^rate-limit: on$'}},
					},
				],
			},
		],
	},
	'c.json',
);
const items = checklist.sections[0]!.items;
const [ev, ps, q] = [items[0]!, items[1]!, items[2]!];

const sha = 'a'.repeat(64);
function run(at: string, ok: boolean, extra: Partial<CheckRun> = {}): CheckRun {
	return {
		run: 'true',
		exit: ok ? 0 : 1,
		ok,
		durationMs: 5,
		at,
		by: 'ci',
		log: sha,
		bytes: 0,
		...extra,
	};
}
function review(answers: Record<string, Answer>): Review {
	return {
		id: 'r',
		system: 's',
		checklist: {id: 'c', version: '1', digest: 'x'},
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		answers,
		audit: [],
	};
}
const url = {kind: 'url' as const, ref: 'https://x.example'};
const passedBy = (at: string, checks?: CheckRun[]): Answer => ({
	status: 'pass',
	evidence: [url],
	signedOff: {by: 'Dana', at},
	...(checks ? {checks} : {}),
});

describe('check fields in a checklist', () => {
	it('reads run, timeout, expect and mode, and refuses bad ones', () => {
		expect(timeoutMs(ev.check!)).toBe(60_000);
		expect(timeoutMs({run: 'x', timeout: 'PT2M'})).toBe(120_000);
		const bad = (check: unknown) =>
			z.safeParse(checklistSchema, {
				id: 'c',
				title: 'C',
				version: '1',
				sections: [{id: 's', title: 'S', items: [{id: 'a', title: 'A', check}]}],
			}).success;
		expect(bad({run: 'true'})).toBe(true);
		expect(bad({run: ''})).toBe(false);
		expect(bad({run: 'x', timeout: '60'})).toBe(false);
		expect(bad({run: 'x', mode: 'maybe'})).toBe(false);
		expect(bad({run: 'x', expect: {match: '('}})).toBe(false);
		expect(bad({run: 'x', expect: {exit: 256}})).toBe(false);
		expect(bad({run: 'x', shell: 'bash'})).toBe(false);
	});
});

describe('expectationMet', () => {
	it('wants the expected exit code (0 by default) and a match when asked', () => {
		expect(expectationMet(ev.check!, {exit: 0, output: ''})).toBe(true);
		expect(expectationMet(ev.check!, {exit: 1, output: ''})).toBe(false);
		expect(expectationMet(ev.check!, {stopped: 'timeout', output: ''})).toBe(false);
		expect(expectationMet({run: 'x', expect: {exit: 3}}, {exit: 3, output: ''})).toBe(true);
		expect(expectationMet(q.check!, {exit: 0, output: 'hdr\nrate-limit: on\n'})).toBe(true);
		expect(expectationMet(q.check!, {exit: 0, output: 'rate-limit: off'})).toBe(false);
	});

	it('says why a run failed', () => {
		expect(failureText(q.check!, {exit: 2, ok: false})).toBe('exit 2, expected 0');
		expect(failureText(q.check!, {exit: 0, ok: false})).toBe(
			'output does not match /^rate-limit: on$/',
		);
		expect(failureText(q.check!, {stopped: 'timeout', ok: false})).toBe('timeout');
		expect(failureText(q.check!, {exit: 0, ok: true})).toBeUndefined();
	});
});

describe('checks keep passes honest', () => {
	const asOf = new Date('2026-02-01T00:00:00.000Z');

	it('a pass a later failed run contradicts blocks, naming the run', () => {
		const a = passedBy('2026-01-10T00:00:00.000Z', [run('2026-01-20T00:00:00.000Z', false)]);
		expect(contradiction(ev, a)).toBe(
			'check failed since sign-off (run 2026-01-20T00:00:00.000Z by ci, exit 1)',
		);
		const e = evaluate(checklist, review({ev: a}), asOf);
		expect(e.blockers.find((b) => b.item.id === 'ev')?.blocker).toMatch(
			/^check failed since sign-off/,
		);
	});

	it('a failed run before the sign-off, or a passing latest run, does not', () => {
		expect(
			contradiction(
				ev,
				passedBy('2026-01-10T00:00:00.000Z', [run('2026-01-05T00:00:00.000Z', false)]),
			),
		).toBeUndefined();
		expect(
			contradiction(
				ev,
				passedBy('2026-01-10T00:00:00.000Z', [
					run('2026-01-20T00:00:00.000Z', false),
					run('2026-01-21T00:00:00.000Z', true),
				]),
			),
		).toBeUndefined();
	});

	it('a check older than reviewEvery is stale, even when the sign-off is not', () => {
		const a = passedBy('2026-05-01T00:00:00.000Z', [run('2026-01-01T00:00:00.000Z', true)]);
		const at = new Date('2026-05-02T00:00:00.000Z');
		expect(isStale(q, a, at)).toBe(true);
		const e = evaluate(checklist, review({q: a}), at);
		expect(e.blockers.find((b) => b.item.id === 'q')?.blocker).toMatch(
			/^stale: check last run 2026-01-01/,
		);
		expect(
			isStale(q, passedBy('2026-05-01T00:00:00.000Z', [run('2026-04-01T00:00:00.000Z', true)]), at),
		).toBe(false);
	});

	it('keeps only the latest runs', () => {
		let a: Answer = {status: 'pending', evidence: []};
		for (let i = 0; i < KEPT_RUNS + 3; i++)
			a = withRun(a, run(`2026-01-0${i + 1}T00:00:00.000Z`, true));
		expect(a.checks).toHaveLength(KEPT_RUNS);
		expect(a.checks?.at(-1)?.at).toBe(`2026-01-0${KEPT_RUNS + 3}T00:00:00.000Z`);
	});
});

describe('check timeouts', () => {
	const issue = (check: unknown) => {
		const r = z.safeParse(checklistSchema, {
			id: 'c',
			title: 'C',
			version: '1',
			sections: [{id: 's', title: 'S', items: [{id: 'a', title: 'A', check}]}],
		});
		return r.success ? undefined : r.error.issues.map((i) => i.message).join('; ');
	};

	it('refuses a timeout of zero or over 24 hours, saying so', () => {
		for (const t of ['P30D', 'P1Y', 'P1M', 'PT0S', 'P0D', 'PT24H1S', 'P2D', 'PT0.0001S'])
			expect(issue({run: 'x', timeout: t}), t).toMatch(/over zero and at most 24 hours/);
		expect(parseCheckTimeout('P30D')).toBeUndefined();
	});

	it('takes up to 24 hours, and fractional seconds', () => {
		expect(issue({run: 'x', timeout: 'PT24H'})).toBeUndefined();
		expect(issue({run: 'x', timeout: 'P1D'})).toBeUndefined();
		expect(issue({run: 'x', timeout: 'PT0.5S'})).toBeUndefined();
		expect(timeoutMs({run: 'x', timeout: 'PT0.5S'})).toBe(500);
		expect(timeoutMs({run: 'x', timeout: 'PT1,25S'})).toBe(1250);
		expect(timeoutMs({run: 'x', timeout: 'PT1M30.5S'})).toBe(90_500);
		expect(timeoutMs({run: 'x', timeout: 'PT24H'})).toBe(86_400_000);
		expect(parseCheckTimeout('PT.5S')).toBeUndefined();
	});

	it('an invalid match names the parser reason', () => {
		expect(issue({run: 'x', expect: {match: '('}})).toMatch(
			/must be a regular expression: Unterminated group/,
		);
	});
});

describe('recordRun', () => {
	const actor = {by: 'ci', at: new Date('2026-01-20T00:00:00.000Z')};
	const at = actor.at.toISOString();

	it('mode evidence: attaches the log and the run, signs nothing', () => {
		const r = recordRun(review({}), ev, run(at, true), '.preflight/evidence/x.log', actor);
		const a = answerFor(r, 'ev');
		expect(a.status).toBe('pending');
		expect(a.signedOff).toBeUndefined();
		expect(a.evidence).toEqual([
			{kind: 'check', ref: '.preflight/evidence/x.log', sha256: sha, addedAt: at},
		]);
		expect(a.checks).toHaveLength(1);
		expect(r.audit.at(-1)?.detail).toMatch(/^check run .* by ci, exit 0/);
	});

	it('a second run replaces the check evidence', () => {
		let r = recordRun(review({}), ev, run(at, true), 'a.log', actor);
		r = recordRun(r, ev, run(at, true, {log: 'b'.repeat(64)}), 'b.log', actor);
		expect(answerFor(r, 'ev').evidence.map((e) => e.ref)).toEqual(['b.log']);
	});

	it('mode pass: a run that met its expectation passes the item, signed by the runner, by check', () => {
		const r = recordRun(review({}), ps, run(at, true), 'x.log', actor);
		const a = answerFor(r, 'ps');
		expect(a.status).toBe('pass');
		expect(a.signedOff).toEqual({by: 'ci', at});
		expect(a.note).toBe('by check');
		expect(r.audit.at(-1)?.detail).toMatch(/by check/);
	});

	it('mode pass: a failed run passes nothing, and contradicts an earlier pass', () => {
		const before = review({ps: passedBy('2026-01-10T00:00:00.000Z')});
		const r = recordRun(before, ps, run(at, false), 'x.log', actor);
		const a = answerFor(r, 'ps');
		expect(a.status).toBe('pass');
		expect(a.signedOff?.by).toBe('Dana');
		expect(contradiction(ps, a)).toMatch(/check failed since sign-off/);
	});
});

describe('mode pass never overrules a person', () => {
	const actor = {by: 'ci', at: new Date('2026-01-20T00:00:00.000Z')};
	const at = actor.at.toISOString();
	for (const [status, words, extra] of [
		['fail', 'Dana failed it', {note: 'TLS broken on staging'}],
		['na', 'Dana marked it n/a', {justification: 'no gateway'}],
		[
			'waived',
			'Dana waived it',
			{waiver: {reason: 'later', approvedBy: 'Dana', expires: '2027-01-01'}},
		],
	] as const)
		it(`a passing run leaves a person's ${status} standing, recorded as evidence: "not passed: ${words}"`, () => {
			const given = {
				status,
				evidence: [],
				signedOff: {by: 'Dana', at: '2026-01-10T00:00:00.000Z'},
				...extra,
			} as Answer;
			const before = review({ps: given});
			const held = passHeldBack(ps, given, run(at, true));
			expect(held).toBe(`not passed: ${words}`);
			const r = recordRun(before, ps, run(at, true), 'x.log', actor);
			const a = answerFor(r, 'ps');
			expect(a.status).toBe(status);
			expect(a.signedOff?.by).toBe('Dana');
			if ('note' in extra) expect(a.note).toBe(extra.note);
			expect(a.checks?.at(-1)?.ok).toBe(true);
			expect(a.evidence.map((e) => e.kind)).toEqual(['check']);
			expect(r.audit.at(-1)?.detail).toContain(`not passed: ${words}`);
		});

	it('a pending item is passed; a pass is renewed', () => {
		expect(passHeldBack(ps, {status: 'pending', evidence: []}, run(at, true))).toBeUndefined();
		const r = recordRun(
			review({ps: passedBy('2026-01-10T00:00:00.000Z')}),
			ps,
			run(at, true),
			'x.log',
			actor,
		);
		const a = answerFor(r, 'ps');
		expect(a.status).toBe('pass');
		expect(a.signedOff?.by).toBe('ci');
	});
});

describe('a status chosen keeps the runs', () => {
	it('withStatus carries the check runs over', async () => {
		const {withStatus} = await import('../../source/model/review.js');
		const a = withRun({status: 'pending', evidence: []}, run('2026-01-01T00:00:00.000Z', true));
		expect(withStatus(a, 'pass').checks).toEqual(a.checks);
	});
});

describe('check in YAML', () => {
	it("preflight's own YAML carries a check; an item list's check is dropped", async () => {
		const {checklistFromText, loadShapeSupport, loadYamlSupport} =
			await import('../../source/checklist/load.js');
		await loadYamlSupport();
		await loadShapeSupport();
		const own = checklistFromText(
			[
				'id: y',
				'title: Y',
				'version: "1"',
				'sections:',
				'  - id: s',
				'    title: S',
				'    items:',
				'      - id: s.rate',
				'        title: Rate limiting is on',
				'        check:',
				'          run: curl -sI https://gw.example.com',
				'          timeout: PT30S',
				'          expect: {exit: 0, match: "^x-ratelimit"}',
				'          mode: pass',
			].join('\n'),
			'own.yaml',
		);
		expect(own.checklist.sections[0]!.items[0]!.check).toEqual({
			run: 'curl -sI https://gw.example.com',
			timeout: 'PT30S',
			expect: {exit: 0, match: '^x-ratelimit'},
			mode: 'pass',
		});
		const list = checklistFromText(
			'Security:\n  - title: Rate limiting\n    check:\n      run: echo pwned\n',
			'list.yaml',
		);
		expect(list.checklist.sections[0]!.items[0]!.check).toBeUndefined();
	});
});
