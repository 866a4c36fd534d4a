// Review intervals are said in words wherever they are printed (docs/app.md):
// status and the Markdown snapshot say `every 1 year and 6 months`, never `P1Y6M`.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

describe('the whole-review interval in words', () => {
	it('status and the Markdown snapshot say it alike', () => {
		const ws = workspace('2025-01-10T10:00:00.000Z');
		const checklist = {
			id: 'mini',
			title: 'Mini',
			version: '1',
			reviewEvery: 'P1Y6M',
			sections: [{id: 's', title: 'S', items: [{id: 's.a', title: 'A', evidenceRequired: false}]}],
		};
		writeFileSync(join(ws.dir, 'c.json'), JSON.stringify(checklist));
		const run = (args: string[]) => ws.run([...args, '--checklist', 'c.json']);
		expect(run(['set', 's.a', 'pass', '--system', 'api']).code).toBe(0);
		const status = run(['status']);
		expect(status.stdout).toContain('every 1 year and 6 months');
		const snap = run(['snapshot']);
		expect(snap.code, snap.stderr).toBe(0);
		const md = readFileSync(snap.stdout.trim().split('\n')[1]!, 'utf8');
		expect(md).toContain(
			'| Review due again | 2026-07-10 (every 1 year and 6 months, from the start',
		);
		expect(md).not.toMatch(/every P\d/);
	});
});
