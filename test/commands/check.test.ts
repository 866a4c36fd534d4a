import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {readDatabaseFile} from '../database-file.js';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

const items = [
	{
		id: 'ops.ok',
		title: 'OK',
		check: {run: 'echo hello; echo oops >&2', expect: {match: '^hello$'}},
	},
	{id: 'ops.auto', title: 'Auto', check: {run: 'true', mode: 'pass'}},
	{id: 'ops.bad', title: 'Bad', check: {run: 'echo nope; exit 4'}},
	{id: 'ops.plain', title: 'Plain'},
];

function setup(list: unknown[] = items) {
	const ws = workspace();
	const checklist = join(ws.dir, 'checklist.json');
	const write = (l: unknown[]) =>
		writeFileSync(
			checklist,
			JSON.stringify({
				id: 'demo',
				title: 'Demo',
				version: '1',
				sections: [{id: 'ops', title: 'Ops', items: l}],
			}),
		);
	write(list);
	const env = {XDG_CONFIG_HOME: join(ws.dir, 'config')};
	const run = (args: string[], more: Record<string, string> = {}) =>
		ws.run([...args, '--checklist', checklist], {...env, ...more});
	const db = () => readDatabaseFile(ws.db);
	return {...ws, run, write, db};
}

describe('preflight check', () => {
	it('refuses an untrusted checklist, listing every command, and runs nothing', () => {
		const ws = setup();
		const r = ws.run(['check', '--system', 'api']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('ops.ok: echo hello; echo oops >&2');
		expect(r.stderr).toContain('ops.bad: echo nope; exit 4');
		expect(r.stderr).toMatch(
			/not trusted to run commands on this machine.*--trust.*PREFLIGHT_TRUST_CHECKS=sha256:/,
		);
		expect(() => readdirSync(join(ws.dir, '.preflight', 'evidence'))).toThrow();
	}, 60_000);

	it('runs every check with --trust, records each run, and exits 1 when one failed', () => {
		const ws = setup();
		const r = ws.run(['check', '--system', 'api', '--trust', '--jobs', '2']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/✔ ok {3}ops\.ok/);
		expect(r.stdout).toMatch(/✖ fail ops\.bad .*exit 4, expected 0/);
		expect(r.stdout).toContain('api: 2 of 3 checks met their expectation');
		const answers = ws.db().reviews[0]!.answers;
		const ok = answers['ops.ok']!;
		expect(ok.status).toBe('pending');
		expect(ok.checks?.[0]).toMatchObject({
			run: 'echo hello; echo oops >&2',
			exit: 0,
			ok: true,
			by: 'Alice',
			at: '2026-03-01T12:00:00.000Z',
			bytes: 11,
		});
		expect(ok.evidence[0]).toMatchObject({
			kind: 'check',
			ref: `.preflight/evidence/${ok.checks?.[0]?.log as string}.log`,
		});
		// mode pass: the runner signs, by check
		expect(answers['ops.auto']).toMatchObject({
			status: 'pass',
			note: 'by check',
			signedOff: {by: 'Alice'},
		});
		expect(answers['ops.bad']?.checks?.[0]).toMatchObject({exit: 4, ok: false});
		// Logs: content-addressed, 0600, the output interleaved
		const dir = join(ws.dir, '.preflight', 'evidence');
		for (const f of readdirSync(dir)) {
			const bytes = readFileSync(join(dir, f));
			expect(f).toBe(`${createHash('sha256').update(bytes).digest('hex')}.log`);
			expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
		}
		expect(readFileSync(join(ws.dir, ok.evidence[0]!.ref!), 'utf8')).toBe('hello\noops\n');
	}, 60_000);

	it('remembers the trust for the exact digest; a changed checklist must be trusted again', () => {
		const ws = setup();
		expect(ws.run(['check', 'ops.ok', '--system', 'api', '--trust']).code).toBe(0);
		expect(ws.run(['check', 'ops.ok', '--system', 'api']).code).toBe(0);
		const trustFile = join(ws.dir, 'config', 'preflight', 'trusted-checks.json');
		expect(statSync(trustFile).mode & 0o777).toBe(0o600);
		ws.write([...items, {id: 'ops.new', title: 'New', check: {run: 'echo sneaky'}}]);
		const r = ws.run(['check', 'ops.ok', '--system', 'api']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('ops.new: echo sneaky');
	}, 60_000);

	it('PREFLIGHT_TRUST_CHECKS trusts a digest for one run without recording it', () => {
		const ws = setup();
		const digest = /PREFLIGHT_TRUST_CHECKS=(sha256:[0-9a-f]{64})/.exec(
			ws.run(['check', '--system', 'api']).stderr,
		)?.[1];
		expect(digest).toBeDefined();
		const r = ws.run(['check', 'ops.ok', 'ops.auto', '--system', 'api'], {
			PREFLIGHT_TRUST_CHECKS: digest!,
		});
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('2 of 2 checks');
		expect(ws.run(['check', 'ops.ok', '--system', 'api']).code).toBe(2);
	}, 60_000);

	it('a PREFLIGHT_TRUST_CHECKS naming another digest is said to', () => {
		const ws = setup();
		const r = ws.run(['check', '--system', 'api'], {
			PREFLIGHT_TRUST_CHECKS: `sha256:${'0'.repeat(64)}`,
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(
			/PREFLIGHT_TRUST_CHECKS names another digest \(did the checklist change\?\); read the commands above, then set PREFLIGHT_TRUST_CHECKS=sha256:[0-9a-f]{64}$/m,
		);
	}, 60_000);

	it('a --jobs without a usable value is refused in one clear line', () => {
		const ws = setup();
		for (const [args, message] of [
			[['--jobs', '-1'], '--jobs must be a whole number from 1 to 999; see preflight --help'],
			[['--jobs'], '--jobs needs a value (--jobs N); see preflight --help'],
			[['--jobs', '--trust'], '--jobs needs a value (--jobs N); see preflight --help'],
			[['--json=yes'], '--json takes no value; see preflight --help'],
		] as const) {
			const r = ws.run(['check', '--system', 'api', ...args]);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr).toBe(`preflight: ${message}\n`);
		}
	}, 60_000);

	it('gate --run-checks --json carries the runs under checks', () => {
		const ws = setup();
		const r = ws.run(['gate', '--system', 'api', '--run-checks', '--trust', '--json']);
		const out = JSON.parse(r.stdout) as {checks: Array<{itemId: string; ok: boolean}>};
		expect(out.checks.map((c) => [c.itemId, c.ok])).toEqual([
			['ops.ok', true],
			['ops.auto', true],
			['ops.bad', false],
		]);
	}, 60_000);

	it("mode pass: a passing run leaves a person's fail standing and says why", () => {
		const ws = setup();
		const set = ws.run(['set', 'ops.auto', 'fail', '--note', 'broken', '--system', 'api']);
		expect(set.code, set.stderr).toBe(0);
		const r = ws.run(['check', 'ops.auto', '--system', 'api', '--trust']);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('ops.auto: not passed: Alice failed it');
		const a = ws.db().reviews[0]!.answers['ops.auto']!;
		expect(a).toMatchObject({status: 'fail', note: 'broken'});
		expect(a.checks?.[0]?.ok).toBe(true);
		const g = ws.run(['gate', '--system', 'api']);
		expect(g.code).toBe(1);
	}, 60_000);

	it('lists each line of a command written over several lines, indented under the first', () => {
		const ws = setup([{id: 'ops.multi', title: 'Multi', check: {run: 'echo ok\ntouch x\n'}}]);
		const r = ws.run(['check', '--system', 'api']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('  ops.multi: echo ok\n             touch x\n');
		expect(r.stderr).not.toContain('echo ok touch x');
	}, 60_000);

	it('refuses bad input with exit 2', () => {
		const ws = setup();
		expect(ws.run(['check', 'ops.plain', '--system', 'api', '--trust']).stderr).toContain(
			'ops.plain has no check',
		);
		expect(ws.run(['check', 'nothing.here', '--system', 'api', '--trust']).code).toBe(2);
		const jobs = ws.run(['check', '--system', 'api', '--trust', '--jobs', '0']);
		expect(jobs.code).toBe(2);
		expect(jobs.stderr).toContain('--jobs must be a whole number');
		expect(ws.run(['gate', '--trust']).code).toBe(2);
	}, 60_000);

	it('runs up to --jobs checks at once', () => {
		// Each waits for the other: they finish only when both run together.
		const wait = (mine: string, theirs: string) =>
			`touch ${mine}; i=0; while [ ! -f ${theirs} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; [ -f ${theirs} ]`;
		const ws = setup([
			{id: 'ops.a', title: 'A', check: {run: wait('a.flag', 'b.flag')}},
			{id: 'ops.b', title: 'B', check: {run: wait('b.flag', 'a.flag')}},
		]);
		const r = ws.run(['check', '--system', 'api', '--trust', '--jobs', '2']);
		expect(r.stdout).toContain('2 of 2 checks');
		expect(r.code).toBe(0);
	}, 90_000);

	it('--json prints the runs on stdout and progress elsewhere', () => {
		const ws = setup();
		const r = ws.run(['check', 'ops.ok', '--system', 'api', '--trust', '--json']);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout) as {
			ok: boolean;
			checks: Array<{itemId: string; exit: number}>;
		};
		expect(out.ok).toBe(true);
		expect(out.checks[0]).toMatchObject({itemId: 'ops.ok', exit: 0});
	}, 60_000);

	it('imported formats never carry commands', () => {
		const ws = workspace();
		const list = join(ws.dir, 'list.yaml');
		writeFileSync(list, 'Security:\n  - title: Rate limiting\n    check:\n      run: echo pwned\n');
		const r = ws.run(['check', '--system', 'api', '--checklist', list, '--trust']);
		expect(r.stdout).toContain('has no checks');
		expect(r.code).toBe(0);
	}, 60_000);
});

describe('checks keep passes honest', () => {
	it('gate --run-checks: a pass a later failed check contradicts blocks, naming the run', () => {
		const ws = setup();
		expect(
			ws.run(['set', 'ops.bad', 'pass', '--system', 'api', '--evidence', 'https://x.example/ok'])
				.code,
		).toBe(0);
		ws.setClock('2026-03-02T12:00:00.000Z');
		const r = ws.run(['gate', '--run-checks', '--trust']);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(
			/ops\.bad {2}Bad: check failed since sign-off \(run 2026-03-02T12:00:00\.000Z by Alice, exit 4\)/,
		);
		const json = ws.run(['gate', '--run-checks', '--json']);
		expect(json.code).toBe(1);
		const parsed = JSON.parse(json.stdout) as {blockers: Array<{itemId: string; reason: string}>};
		expect(parsed.blockers.find((b) => b.itemId === 'ops.bad')?.reason).toMatch(
			/^check failed since sign-off/,
		);
	}, 90_000);

	it('verify confirms each check log still has its hash, and catches an edited one', () => {
		const ws = setup();
		expect(ws.run(['check', 'ops.ok', '--system', 'api', '--trust']).code).toBe(0);
		const out = join(ws.dir, 'snap.json');
		expect(ws.run(['snapshot', '--out', out]).code).toBe(0);
		const good = ws.run(['verify', out]);
		expect(good.code).toBe(0);
		const ref = ws.db().reviews[0]!.answers['ops.ok']!.evidence[0]!.ref!;
		writeFileSync(join(ws.dir, ref), 'hello\nforged\n');
		const bad = ws.run(['verify', out]);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toContain(ref);
	}, 90_000);
});
