import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {snapshotDigest} from '../../source/report/snapshot.js';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

function withChecklist(reviewEvery?: unknown) {
	const ws = workspace('2025-01-10T10:00:00.000Z');
	const checklist = {
		id: 'mini',
		title: 'Mini',
		version: '1',
		...(reviewEvery === undefined ? {} : {reviewEvery}),
		sections: [{id: 's', title: 'S', items: [{id: 's.a', title: 'A', evidenceRequired: false}]}],
	};
	writeFileSync(join(ws.dir, 'c.json'), JSON.stringify(checklist));
	const run = (args: string[]) => ws.run([...args, '--checklist', 'c.json']);
	return {...ws, run};
}

type GateJson = {
	ready: boolean;
	verdict: string;
	reviewDue?: {every: string; from: string; since: string; due: string; overdue: boolean};
};

describe('reviewEvery at the checklist top: gate, status, reviews, snapshots', () => {
	it('gate passes before the due moment and fails past it, with a reason line and a JSON field', () => {
		const ws = withChecklist('P1Y');
		expect(ws.run(['set', 's.a', 'pass', '--system', 'api']).code).toBe(0);
		const now = ws.run(['gate']);
		expect(now.code, now.stdout).toBe(0);
		expect(now.stdout).not.toContain('due again');
		expect(ws.run(['gate', '--as-of', '2026-01-09']).code).toBe(0);
		// The due day itself, judged at its end, is past the due moment (10:00 that day).
		const due = ws.run(['gate', '--as-of', '2026-01-10']);
		expect(due.code).toBe(1);
		expect(due.stdout).toContain('✔ READY');
		expect(due.stdout).toContain(
			'review due again since 2026-01-10 (every 1 year, from its start, 2025-01-10)',
		);
		expect(due.stdout).toContain('gate: the review is past due');
		const json = JSON.parse(ws.run(['gate', '--as-of', '2026-01-10', '--json']).stdout) as GateJson;
		expect(json).toMatchObject({ready: false, verdict: 'ready'});
		expect(json.reviewDue).toEqual({
			every: 'P1Y',
			from: 'start',
			since: '2025-01-10T10:00:00.000Z',
			due: '2026-01-10T10:00:00.000Z',
			overdue: true,
		});
		const fresh = JSON.parse(ws.run(['gate', '--json']).stdout) as GateJson;
		expect(fresh).toMatchObject({ready: true, reviewDue: {overdue: false}});
	});

	it('a go recorded on a READY review past due clears it; --as-of before the decision does not count it', () => {
		const ws = withChecklist('P1Y');
		ws.run(['set', 's.a', 'pass', '--system', 'api']);
		ws.setClock('2026-02-01T00:00:00.000Z');
		expect(ws.run(['gate']).code).toBe(1);
		const status = ws.run(['status']);
		expect(status.stdout).toContain('review due again since 2026-01-10');
		const go = ws.run(['decide', 'go', '--reviewer', 'Dana']);
		expect(go.code, go.stderr).toBe(0);
		const after = ws.run(['gate']);
		expect(after.code, after.stdout).toBe(0);
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as GateJson;
		expect(json.reviewDue).toMatchObject({
			from: 'decision',
			since: '2026-02-01T00:00:00.000Z',
			due: '2027-02-01T00:00:00.000Z',
			overdue: false,
		});
		expect(ws.run(['status']).stdout).toContain(
			'review due again 2027-02-01 (every 1 year, from the last decision, 2026-02-01)',
		);
		expect(ws.run(['gate', '--as-of', '2026-01-20']).code).toBe(1);
		expect(ws.run(['gate', '--as-of', '2027-02-02']).code).toBe(1);
		expect(ws.run(['reviews']).stdout).toContain('due again 2027-02-01');
		const listed = JSON.parse(ws.run(['reviews', '--json']).stdout) as Array<GateJson>;
		expect(listed[0]?.reviewDue?.due).toBe('2027-02-01T00:00:00.000Z');
	});

	it('status names a review that falls due before its launch day', () => {
		const ws = withChecklist('P1Y');
		ws.setClock('2025-01-10T10:00:00.000Z');
		ws.run(['set', 's.a', 'pass', '--system', 'api', '--launch', '2026-03-01']);
		ws.setClock('2025-12-01T00:00:00.000Z');
		const status = ws.run(['status']);
		expect(status.stdout).toContain('review due again by launch: 2026-01-10');
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as {
			launch: {reviewDueBy?: string};
		};
		expect(json.launch.reviewDueBy).toBe('2026-01-10T10:00:00.000Z');
	});

	it('snapshots carry reviewDue inside the digest, and verify them intact', () => {
		const ws = withChecklist('P6M');
		ws.run(['set', 's.a', 'pass', '--system', 'api']);
		ws.setClock('2025-09-01T00:00:00.000Z');
		const snap = ws.run(['snapshot']);
		expect(snap.code, snap.stderr).toBe(0);
		const [jsonPath, mdPath] = snap.stdout.trim().split('\n');
		const written = JSON.parse(readFileSync(jsonPath!, 'utf8')) as GateJson;
		expect(written.reviewDue).toMatchObject({due: '2025-07-10T10:00:00.000Z', overdue: true});
		expect(readFileSync(mdPath!, 'utf8')).toContain(
			'| Review due again | **past due** since 2025-07-10',
		);
		const verified = ws.run(['verify', jsonPath!]);
		expect(verified.code, verified.stdout).toBe(0);
	});

	it('verify refuses a re-digested snapshot whose reviewDue contradicts its decisions', () => {
		const ws = withChecklist('P1Y');
		ws.run(['set', 's.a', 'pass', '--system', 'api']);
		ws.setClock('2025-03-01T00:00:00.000Z');
		expect(ws.run(['decide', 'go', '--reviewer', 'Dana']).code).toBe(0);
		ws.setClock('2025-09-01T00:00:00.000Z');
		const snap = ws.run(['snapshot']);
		expect(snap.code, snap.stderr).toBe(0);
		const jsonPath = snap.stdout.trim().split('\n')[0]!;
		const written = JSON.parse(readFileSync(jsonPath, 'utf8')) as GateJson & {digest?: string};
		expect(written.reviewDue).toMatchObject({from: 'decision', since: '2025-03-01T00:00:00.000Z'});
		// Since moved to a day with no decision, due moved with it, the digest recomputed.
		const forge = (edit: (due: NonNullable<GateJson['reviewDue']>) => void) => {
			const forged = structuredClone(written);
			edit(forged.reviewDue!);
			const {digest: _d, ...body} = forged;
			forged.digest = snapshotDigest(body as Parameters<typeof snapshotDigest>[0]);
			const path = join(ws.dir, 'forged.json');
			writeFileSync(path, `${JSON.stringify(forged, null, 2)}\n`);
			return ws.run(['verify', path]);
		};
		const moved = forge((due) => {
			due.since = '2025-08-01T00:00:00.000Z';
			due.due = '2026-08-01T00:00:00.000Z';
		});
		expect(moved.code, moved.stdout + moved.stderr).not.toBe(0);
		expect(moved.stdout + moved.stderr).toContain(
			"reviewDue counts from a decision at 2025-08-01T00:00:00.000Z, but the snapshot's latest decision at or before 2025-09-01T00:00:00.000Z was at 2025-03-01T00:00:00.000Z",
		);
		const start = forge((due) => {
			due.from = 'start';
		});
		expect(start.code).not.toBe(0);
		expect(start.stdout + start.stderr).toMatch(/reviewDue counts from the start/);
	});

	it('without reviewEvery nothing is due and nothing is said', () => {
		const ws = withChecklist();
		ws.run(['set', 's.a', 'pass', '--system', 'api']);
		ws.setClock('2040-01-01T00:00:00.000Z');
		const gate = ws.run(['gate']);
		expect(gate.code).toBe(0);
		for (const args of [
			['gate'],
			['gate', '--json'],
			['status'],
			['status', '--json'],
			['reviews'],
			['reviews', '--json'],
		]) {
			const out = ws.run(args).stdout;
			expect(out, args.join(' ')).not.toMatch(/due again|reviewDue/);
		}
		const snap = ws.run(['snapshot']);
		const [jsonPath] = snap.stdout.trim().split('\n');
		expect(readFileSync(jsonPath!, 'utf8')).not.toContain('reviewDue');
	});

	it('an invalid or hostile reviewEvery is one clear line, exit 2, nothing written', () => {
		for (const bad of ['yearly', 'P1X', 'P1Y\u001b[31mred', 12]) {
			const ws = withChecklist(bad);
			const r = ws.run(['set', 's.a', 'pass', '--system', 'api']);
			expect(r.code, String(bad)).toBe(2);
			const lines = r.stderr.trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(r.stderr).toMatch(/reviewEvery/);
			expect(r.stderr).not.toContain('\u001b');
			expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
			const gate = ws.run(['gate']);
			expect(gate.code).toBe(2);
			expect(() => readFileSync(ws.db)).toThrow();
		}
	});
});
