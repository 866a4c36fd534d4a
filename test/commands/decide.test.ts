import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {snapshotDigest} from '../../source/report/snapshot.js';
import {ensureBuilt, root, workspace} from './cli.js';

beforeAll(ensureBuilt);

const checklist = JSON.parse(
	readFileSync(join(root, 'data', 'checklists', 'ai-infrastructure.json'), 'utf8'),
) as {sections: Array<{items: Array<{id: string}>}>};
const itemIds = checklist.sections.flatMap((s) => s.items.map((i) => i.id));

describe('preflight decide and gate --require-decision', () => {
	it('refuses a go while NOT READY (exit 2, nothing written), records a no-go', () => {
		const ws = workspace();
		ws.run(['set', itemIds[0]!, 'fail', '--system', 'payments']);
		const before = readFileSync(ws.db, 'utf8');
		for (const [args, message] of [
			[['decide', 'go'], /NOT READY/],
			[['decide', 'maybe'], /use go or no-go/],
			[['decide'], /usage/],
			[['decide', 'go', '--json'], /does not apply/],
		] as Array<[string[], RegExp]>) {
			const r = ws.run(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(message);
		}
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
		const noGo = ws.run(['decide', 'no-go', '--note', 'manual QA missing', '--reviewer', 'Dana']);
		expect(noGo.code, noGo.stderr).toBe(0);
		expect(noGo.stdout).toMatch(/no-go recorded by Dana at .* on sha256:[0-9a-f]{64}/);
		const gate = ws.run(['gate', '--require-decision']);
		expect(gate.code).toBe(1);
		expect(gate.stdout).toContain('decision: no-go by Dana');
	});

	it('a go on a ready review passes the gate until the review changes; snapshots carry it', () => {
		const ws = workspace();
		writeFileSync(join(ws.dir, 'runbook.md'), '# runbook\n');
		for (const id of itemIds)
			expect(
				ws.run(['set', id, 'pass', '--system', 'payments', '--evidence', 'runbook.md']).code,
			).toBe(0);
		expect(ws.run(['gate', '--require-decision']).code).toBe(1);
		ws.setClock('2026-03-01T13:00:00.000Z');
		const go = ws.run(['decide', 'go', '--reviewer', 'Dana', '--note', 'ship it']);
		expect(go.code, go.stderr).toBe(0);
		ws.setClock('2026-03-02T09:00:00.000Z');
		const pass = ws.run(['gate', '--require-decision']);
		expect(pass.code, pass.stdout).toBe(0);
		expect(pass.stdout).toContain('decision: go by Dana at 2026-03-01T13:00:00.000Z — ship it');
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as {decision: {state: string}};
		expect(json.decision.state).toBe('go');

		const snap = ws.run(['snapshot']);
		expect(snap.code, snap.stderr).toBe(0);
		const [jsonPath, mdPath] = snap.stdout.trim().split('\n');
		const snapshot = JSON.parse(readFileSync(jsonPath!, 'utf8')) as {
			decisions: Array<{decision: string; digest: string}>;
		};
		expect(snapshot.decisions).toEqual([expect.objectContaining({decision: 'go'})]);
		expect(readFileSync(mdPath!, 'utf8')).toMatch(/\| Decision \| \*\*GO\*\* \(stands\) by Dana/);
		expect(ws.run(['verify', jsonPath!]).code).toBe(0);

		// Any change after the decision voids it.
		ws.run(['set', itemIds[0]!, 'pass', '--evidence', 'https://ci.example/again']);
		const voided = ws.run(['gate', '--require-decision']);
		expect(voided.code).toBe(1);
		expect(voided.stdout).toContain('is void: the review changed after it');
		// Without the flag the gate is as before.
		expect(ws.run(['gate']).code).toBe(0);
		expect(readdirSync(join(ws.dir, '.preflight', 'snapshots'))).toHaveLength(2);
	});
});

describe('preflight help decide', () => {
	it("describes --note as the decision's note, and set's as the item's", () => {
		const ws = workspace();
		const decide = ws.run(['help', 'decide']);
		expect(decide.code).toBe(0);
		expect(decide.stdout).toMatch(/--note TEXT +the decision's note/);
		expect(decide.stdout).not.toContain("the item's note");
		expect(ws.run(['help', 'set']).stdout).toMatch(/--note TEXT +the item's note/);
	});
});

describe('set --launch and status on launch day', () => {
	it('records the launch date, and status judges the review now and on that day', () => {
		const ws = workspace();
		const r = ws.run([
			'set',
			'security.data-retention',
			'waived',
			'--system',
			'payments',
			'--waiver-reason',
			'vendor',
			'--waiver-owner',
			'Dana',
			'--waiver-expires',
			'2026-03-20',
			'--launch',
			'2026-04-01',
		]);
		expect(r.code, r.stderr).toBe(0);
		const text = ws.run(['status']).stdout;
		expect(text).toMatch(/verdict: .* \(now\)/);
		expect(text).toContain('on launch day 2026-04-01: ✖ NOT READY · 26 blockers');
		expect(text).toContain('waiver expires by launch: security.data-retention (2026-03-20)');
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as {
			launch: {date: string; verdict: string; waiversExpire: string[]};
		};
		expect(json.launch).toMatchObject({
			date: '2026-04-01',
			verdict: 'not-ready',
			waiversExpire: ['security.data-retention'],
		});
	});

	it('refuses a launch date that is not a day: one line, exit 2, nothing written', () => {
		const ws = workspace();
		ws.run(['set', 'security.secrets', 'fail', '--system', 'payments']);
		const before = readFileSync(ws.db, 'utf8');
		const r = ws.run(['set', 'security.secrets', 'fail', '--launch', '2026-02-30']);
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('launch date "2026-02-30" is not a date');
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
	});
});

describe('set --launch DATE alone', () => {
	it('sets, keeps and removes the launch date without answering an item', () => {
		const ws = workspace();
		const created = ws.run(['set', '--launch', '2026-04-01', '--system', 'payments']);
		expect(created.code, created.stderr).toBe(0);
		expect(created.stdout.trim()).toBe('payments: launch date 2026-04-01 [review created]');
		const again = ws.run(['set', '--launch', '2026-04-01']);
		expect(again.stdout.trim()).toBe('payments: launch date 2026-04-01 (unchanged)');
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as {
			launch?: {date: string};
			totals: {pending: number};
		};
		expect(json.launch?.date).toBe('2026-04-01');
		expect(json.totals.pending).toBe(26);
		const removed = ws.run(['set', '--launch', '']);
		expect(removed.stdout.trim()).toBe('payments: no launch date');
		expect(JSON.parse(ws.run(['status', '--json']).stdout)).not.toHaveProperty('launch');
	});

	it('refuses an answer flag without ITEM STATUS, one argument, or none: exit 2, nothing written', () => {
		const ws = workspace();
		ws.run(['set', '--launch', '2026-04-01', '--system', 'payments']);
		const before = readFileSync(ws.db, 'utf8');
		for (const [args, message] of [
			[['set', '--launch', '2026-04-02', '--note', 'x'], /--note goes with ITEM STATUS/],
			[['set', '--launch', '2026-04-02', '--evidence', 'https://x.io'], /--evidence goes with/],
			[['set', 'security.secrets'], /usage: preflight set ITEM STATUS/],
			[['set'], /usage: preflight set ITEM STATUS/],
			[['set', '--launch', '2026-13-01'], /is not a date/],
		] as Array<[string[], RegExp]>) {
			const r = ws.run(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(message);
		}
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
	});
});

describe('preflight history', () => {
	it('lists the days with changes and the decisions, as text and JSON; refuses arguments', () => {
		const ws = workspace('2026-03-01T10:00:00.000Z');
		ws.run(['set', 'security.secrets', 'fail', '--system', 'payments']);
		ws.setClock('2026-03-03T10:00:00.000Z');
		ws.run(['set', 'security.secrets', 'na', '--justification', 'no secrets']);
		ws.run(['decide', 'no-go', '--reviewer', 'Dana']);
		const text = ws.run(['history']);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain('2 days with changes');
		expect(text.stdout).toMatch(/2026-03-01 {2}1 answered · 0 passing · 26 blocking/);
		expect(text.stdout).toMatch(/2026-03-03 {2}1 answered · 1 passing · 25 blocking/);
		expect(text.stdout).toContain('decision: no-go by Dana');
		const json = JSON.parse(ws.run(['history', '--json']).stdout) as {
			days: Array<{date: string; totals: {blocking: number}}>;
		};
		expect(json.days.map((d) => [d.date, d.totals.blocking])).toEqual([
			['2026-03-01', 26],
			['2026-03-03', 25],
		]);
		const snap = ws.run(['snapshot', '--format', 'md', '--out', 'snap.md']);
		expect(snap.code, snap.stderr).toBe(0);
		expect(readFileSync(join(ws.dir, 'snap.md'), 'utf8')).toContain('```mermaid');
		const bad = ws.run(['history', 'payments']);
		expect(bad.code).toBe(2);
		expect(bad.stderr.trim().split('\n')).toHaveLength(1);
	});
});

describe('gate --run-checks --require-decision', () => {
	it('judges the decision on the review before the new check runs, and their results in the verdict', () => {
		const ws = workspace();
		const checklist = join(ws.dir, 'checklist.json');
		writeFileSync(
			checklist,
			JSON.stringify({
				id: 'demo',
				title: 'Demo',
				version: '1',
				sections: [
					{id: 'ops', title: 'Ops', items: [{id: 'ops.ok', title: 'OK', check: {run: 'true'}}]},
				],
			}),
		);
		const env = {XDG_CONFIG_HOME: join(ws.dir, 'config')};
		const run = (args: string[]) => ws.run([...args, '--checklist', checklist], env);
		const set = run([
			'set',
			'ops.ok',
			'pass',
			'--system',
			'api',
			'--evidence',
			'https://x.example/ok',
		]);
		expect(set.code, set.stderr).toBe(0);
		expect(run(['decide', 'go']).code).toBe(0);
		ws.setClock('2026-03-02T12:00:00.000Z');
		const gate = run(['gate', '--run-checks', '--trust', '--require-decision']);
		expect(gate.code, gate.stdout + gate.stderr).toBe(0);
		expect(gate.stdout).toContain('decision: go by Alice');
		// The runs it recorded are a change: a gate after them without re-deciding says so.
		const after = run(['gate', '--require-decision']);
		expect(after.code).toBe(1);
		expect(after.stdout).toContain('is void');
	}, 90_000);
});

describe('decide --attendees', () => {
	it('records who attended with the decision; bad lists are one line, exit 2, nothing written', () => {
		const ws = workspace('2026-03-01T10:00:00.000Z');
		ws.run(['set', 'security.secrets', 'fail', '--system', 'payments']);
		const before = readFileSync(ws.db, 'utf8');
		for (const bad of [
			'',
			'Ann,,Bo',
			'Ann, ANN',
			'Ann\u001b]0;x\u0007',
			`Ann, ${'B'.repeat(5000)}`,
		]) {
			const r = ws.run(['decide', 'no-go', '--attendees', bad]);
			expect(r.code, bad).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toContain('--attendees');
		}
		// A decision's note: said when given, and a short paragraph at most.
		for (const [note, message] of [
			['', /^preflight: --note is empty: give the note's text, or leave --note out\n$/],
			['  ', /--note is empty/],
			[
				'n'.repeat(100_000),
				/^preflight: --note is 100000 characters long: at most 2000 are allowed\n$/,
			],
			// Quoted in the log, status, gate and snapshots: one line of printable text.
			...['a\u001b[2Jb', 'x\u202ey', 'x\ny', 'bell\u0007', 'osc \u001b]8;;http://evil\u0007'].map(
				(note): [string, RegExp] => [
					note,
					/^preflight: --note must be one line without control characters, escape sequences, or direction marks\n$/,
				],
			),
		] as Array<[string, RegExp]>) {
			const r = ws.run(['decide', 'no-go', '--note', note]);
			expect(r.code).toBe(2);
			expect(r.stderr).toMatch(message);
		}
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
		const r = ws.run(['decide', 'no-go', '--attendees', 'Ann, Bo Li', '--reviewer', 'Dana']);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/no-go recorded by Dana .* · attended by Ann, Bo Li$/m);
		const stored = JSON.parse(readFileSync(ws.db, 'utf8')) as {
			reviews: Array<{decisions: Array<{attendees?: string[]}>}>;
		};
		expect(stored.reviews[0]!.decisions[0]!.attendees).toEqual(['Ann', 'Bo Li']);
		expect(ws.run(['status']).stdout).toContain('· attended by Ann, Bo Li');
		const history = ws.run(['history']);
		expect(history.stdout).toContain('decision: no-go by Dana');
		expect(history.stdout).toContain('attended by Ann, Bo Li');
		const json = JSON.parse(ws.run(['history', '--json']).stdout) as {
			days: Array<{decisions: Array<{attendees?: string[]}>; sessions: unknown[]}>;
		};
		expect(json.days.at(-1)!.decisions[0]!.attendees).toEqual(['Ann', 'Bo Li']);
		expect(json.days.at(-1)!.sessions).toEqual([]);
		const snap = ws.run(['snapshot']);
		const [jsonPath, mdPath] = snap.stdout.trim().split('\n');
		const snapshot = JSON.parse(readFileSync(jsonPath!, 'utf8')) as {
			decisions: Array<{attendees?: string[]}>;
		};
		expect(snapshot.decisions[0]!.attendees).toEqual(['Ann', 'Bo Li']);
		expect(readFileSync(mdPath!, 'utf8')).toContain('attended by Ann, Bo Li');
		expect(ws.run(['verify', jsonPath!]).code).toBe(0);
	});
});

describe('decide: what a decision is taken on, and snapshots of its standing', () => {
	/** A workspace with every item passed, at 13:00. */
	function ready() {
		const ws = workspace();
		writeFileSync(join(ws.dir, 'runbook.md'), '# runbook\n');
		for (const id of itemIds)
			expect(
				ws.run(['set', id, 'pass', '--system', 'payments', '--evidence', 'runbook.md']).code,
			).toBe(0);
		ws.setClock('2026-03-01T13:00:00.000Z');
		return ws;
	}
	const decisionDigestLine = (stdout: string) =>
		/decision digest (sha256:[0-9a-f]{64})/.exec(stdout)?.[1];

	it('records the decision digest of the unsigned snapshot written at that moment, earlier decisions in it', () => {
		const ws = ready();
		expect(ws.run(['decide', 'no-go', '--note', 'first look']).code).toBe(0);
		ws.setClock('2026-03-01T14:00:00.000Z');
		const before = join(ws.dir, 'before.json');
		expect(ws.run(['snapshot', '--no-sign', '--out', before]).code).toBe(0);
		const snapshot = JSON.parse(readFileSync(before, 'utf8')) as {decisions: unknown[]};
		expect(snapshot.decisions).toHaveLength(1);
		const verify = ws.run(['verify', before]);
		expect(verify.code, verify.stdout).toBe(0);
		const promised = decisionDigestLine(verify.stdout);
		expect(promised).toBeDefined();
		const go = ws.run(['decide', 'go']);
		expect(go.code, go.stderr).toBe(0);
		expect(go.stdout).toContain(`on ${promised}`);
		expect(ws.run(['gate', '--require-decision']).code).toBe(0);
	});

	it('verify finds a decision summary removed or a void go made standing (re-digested)', () => {
		const ws = ready();
		expect(ws.run(['decide', 'go', '--reviewer', 'Ann']).code).toBe(0);
		// The same moment: no change after it, but its decision digest is no longer the go's.
		expect(ws.run(['set', itemIds[0]!, 'pass', '--evidence', 'https://ci.example/same']).code).toBe(
			0,
		);
		const sameMoment = join(ws.dir, 'same.json');
		expect(ws.run(['snapshot', '--no-sign', '--out', sameMoment]).code).toBe(0);
		ws.setClock('2026-03-01T14:00:00.000Z');
		// An action item added: a change whose moment the snapshot shows.
		expect(
			ws.run(['action', 'add', itemIds[1]!, 'watch it', '--owner', 'Bo', '--due', '2026-04-01'])
				.code,
		).toBe(0);
		const later = join(ws.dir, 'later.json');
		expect(ws.run(['snapshot', '--no-sign', '--out', later]).code).toBe(0);
		const forged = (path: string, edit: (s: Record<string, unknown>) => void) => {
			const s = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
			edit(s);
			s.digest = snapshotDigest(s);
			const out = join(ws.dir, `forged-${Math.random().toString(36).slice(2)}.json`);
			writeFileSync(out, `${JSON.stringify(s, null, 2)}\n`);
			return ws.run(['verify', out]);
		};
		for (const path of [sameMoment, later]) {
			const intact = ws.run(['verify', path]);
			expect(intact.code, intact.stdout).toBe(0);
			expect(JSON.parse(readFileSync(path, 'utf8')).decision.state).toBe('void');
			const removed = forged(path, (s) => delete s.decision);
			expect(removed.code).toBe(1);
			expect(removed.stdout).toContain(
				'the snapshot has decisions but no decision (where the last one stands)',
			);
		}
		const standing = (s: Record<string, unknown>) => {
			const d = s.decision as {state: string; reason?: string};
			d.state = 'standing';
			delete d.reason;
		};
		const atMoment = forged(sameMoment, standing);
		expect(atMoment.code).toBe(1);
		expect(atMoment.stdout).toMatch(
			/decision stands, but judged at its moment the snapshot's decision digest is sha256:[0-9a-f]{64}, not the decision's/,
		);
		const afterIt = forged(later, standing);
		expect(afterIt.code).toBe(1);
		expect(afterIt.stdout).toContain(
			`decision stands, but the snapshot shows a change after it (${itemIds[1]} action item added at 2026-03-01T14:00:00.000Z), which voids it`,
		);
	});

	it('a void go: the Markdown and JSON snapshots say so and why; verify checks the summary', () => {
		const ws = ready();
		expect(ws.run(['decide', 'go', '--reviewer', 'Ann']).code).toBe(0);
		ws.setClock('2026-03-01T14:00:00.000Z');
		const standing = ws.run(['snapshot', '--no-sign']);
		const [standingJson, standingMd] = standing.stdout.trim().split('\n');
		expect(readFileSync(standingMd!, 'utf8')).toMatch(
			/\| Decision \| \*\*GO\*\* \(stands\) by Ann/,
		);
		expect(JSON.parse(readFileSync(standingJson!, 'utf8')).decision).toMatchObject({
			state: 'standing',
			decision: 'go',
			by: 'Ann',
		});
		ws.run(['set', itemIds[0]!, 'pass', '--evidence', 'https://ci.example/again']);
		ws.setClock('2026-03-01T15:00:00.000Z');
		const md = join(ws.dir, 'x.md');
		expect(ws.run(['snapshot', '--format', 'md', '--out', md]).code).toBe(0);
		const row = readFileSync(md, 'utf8')
			.split('\n')
			.find((l) => l.startsWith('| Decision |'));
		expect(row).toMatch(
			/^\| Decision \| \*\*VOID\*\* \(GO\) by Ann .*Void: the review changed after it \(/,
		);
		expect(row).toContain(`(${itemIds[0]} pass: evidence added: https`);
		expect(row).toContain('ci.example/again, by Alice at 2026-03-01T14:00:00.000Z) |');
		expect(row).not.toMatch(/\*\*GO\*\*/);
		const json = join(ws.dir, 'x.json');
		expect(ws.run(['snapshot', '--no-sign', '--out', json]).code).toBe(0);
		const written = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown> & {
			decision: {state: string; reason: string};
		};
		expect(written.decision).toMatchObject({state: 'void', decision: 'go', by: 'Ann'});
		expect(written.decision.reason).toContain('evidence added');
		expect(ws.run(['verify', json]).code).toBe(0);
		// A summary that lies about the last decision is found, digest recomputed or not.
		const edited = {...written, decision: {...written.decision, state: 'standing'}};
		writeFileSync(json, `${JSON.stringify(edited, null, 2)}\n`);
		const bad = ws.run(['verify', json]);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toContain('decision stands but gives a reason it is void');
	});

	it('a launch date moved and moved back voids a go, and gate says what changed', () => {
		const ws = ready();
		expect(ws.run(['decide', 'go']).code).toBe(0);
		ws.setClock('2026-03-01T14:00:00.000Z');
		expect(ws.run(['set', '--launch', '2026-04-01']).code).toBe(0);
		expect(ws.run(['set', '--launch', '']).code).toBe(0);
		const gate = ws.run(['gate', '--require-decision']);
		expect(gate.code).toBe(1);
		expect(gate.stdout).toContain('is void: the review changed after it (launch date: 2026-04-01');
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as {
			decision: {state: string; reason: string};
		};
		expect(json.decision).toMatchObject({
			state: 'void',
			reason: expect.stringMatching(/^launch date: 2026-04-01, by Alice at/),
		});
	});
});
