import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

/** A checklist of required items `ids` in one section, at `version`. */
function checklistText(version: string, ids: string[]): string {
	return JSON.stringify({
		id: 'launch',
		title: 'Launch',
		version,
		sections: [
			{
				id: 'ops',
				title: 'Operations',
				items: ids.map((id) => ({id: `ops.${id}`, title: `Item ${id}`, level: 'required'})),
			},
		],
	});
}

/**
 * A review answered on checklist 1.0.0 (ops.b failed on 1 March), upgraded on
 * 3 March to 2.0.0, which no longer has ops.b.
 */
function upgradedReview() {
	const ws = workspace('2026-03-01T10:00:00.000Z');
	const checklist = join(ws.dir, 'checklist.json');
	writeFileSync(checklist, checklistText('1.0.0', ['a', 'b']));
	const run = (...args: string[]) => {
		const r = ws.run([...args, '--checklist', checklist]);
		expect(r.code, r.stderr).toBe(0);
		return r;
	};
	run('set', 'ops.a', 'pass', '--evidence', 'https://ci.example/1', '--system', 'svc');
	run('set', 'ops.b', 'fail');
	ws.setClock('2026-03-03T10:00:00.000Z');
	writeFileSync(checklist, checklistText('2.0.0', ['a']));
	run('upgrade');
	return {ws, checklist};
}

describe('preflight history across a checklist upgrade', () => {
	it('judges each day on the checklist the review had that day (the copy kept beside the database)', () => {
		const {ws, checklist} = upgradedReview();
		const text = ws.run(['history', '--checklist', checklist]);
		expect(text.code, text.stderr).toBe(0);
		// 1 March on 1.0.0: ops.b failed and blocked; 3 March on 2.0.0: it is gone.
		expect(text.stdout).toMatch(/2026-03-01 {2}2 answered · 1 passing · 1 blocking/);
		expect(text.stdout).toMatch(/2026-03-03 {2}1 answered · 1 passing · 0 blocking/);
		expect(text.stdout).not.toContain('note:');
		const json = JSON.parse(ws.run(['history', '--json', '--checklist', checklist]).stdout) as {
			days: Array<{date: string; totals: {blocking: number}}>;
			judgedOnCurrent?: unknown;
		};
		expect(json.days.map((d) => [d.date, d.totals.blocking])).toEqual([
			['2026-03-01', 1],
			['2026-03-03', 0],
		]);
		expect(json.judgedOnCurrent).toBeUndefined();
	});

	it('judges days on the current checklist when no copy of the old one is kept, and says so once', () => {
		const {ws, checklist} = upgradedReview();
		const copies = join(ws.dir, '.preflight', 'checklists');
		// The copy of 1.0.0 goes (copies are canonical JSON, named by digest).
		const old = readdirSync(copies).filter((f) =>
			readFileSync(join(copies, f), 'utf8').includes('"version":"1.0.0"'),
		);
		expect(old).toHaveLength(1);
		rmSync(join(copies, old[0]!));
		const history = () => ws.run(['history', '--checklist', checklist]);
		const text = history();
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout.match(/note:/g)).toHaveLength(1);
		expect(text.stdout).toContain(
			'note: no copy of checklist 1.0.0 is kept beside the database: the days on it are judged on checklist 2.0.0',
		);
		expect(text.stdout).toMatch(/2026-03-01 {2}1 answered · 1 passing · 0 blocking/);
		const json = JSON.parse(ws.run(['history', '--json', '--checklist', checklist]).stdout) as {
			judgedOnCurrent?: Array<{version: string; digest: string}>;
		};
		expect(json.judgedOnCurrent).toEqual([
			{version: '1.0.0', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/)},
		]);
	});

	it('judges every day on the stored checklist when a newer one is given without an upgrade', () => {
		const ws = workspace('2026-03-01T10:00:00.000Z');
		const checklist = join(ws.dir, 'checklist.json');
		writeFileSync(checklist, checklistText('1.0.0', ['a', 'b']));
		expect(ws.run(['set', 'ops.b', 'fail', '--system', 'svc', '--checklist', checklist]).code).toBe(
			0,
		);
		writeFileSync(checklist, checklistText('2.0.0', ['a']));
		const text = ws.run(['history', '--checklist', checklist]);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toMatch(/2026-03-01 {2}1 answered · 0 passing · 2 blocking/);
	});
});
