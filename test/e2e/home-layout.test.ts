import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, tempDir, useSessions} from './pty.js';

const {open} = useSessions();

/** Runs the built CLI without a terminal, at `now`. */
function cli(cwd: string, now: string, args: string[]) {
	const r = runCli(
		cwd,
		[...args, '--checklist', 'c.json'],
		{HOME: cwd, PREFLIGHT_NOW: now, PREFLIGHT_REVIEWER: 'Alice'},
		{timeout: 120_000},
	);
	expect(r.status, r.stderr).toBe(0);
}

const LONG = 'payments-gateway-settlement-and-reconciliation';

describe('home at 80×24 in a real terminal', () => {
	it('no row wraps and the header stays, with a long name, due again and a launch date', async () => {
		const cwd = tempDir();
		writeFileSync(
			join(cwd, 'c.json'),
			JSON.stringify({
				id: 'mini',
				title: 'Mini',
				version: '1',
				reviewEvery: 'P1Y',
				sections: [
					{
						id: 's',
						title: 'S',
						items: [
							{id: 's.a', title: 'A', evidenceRequired: false, reviewEvery: 'P15M'},
							{id: 's.b', title: 'B', evidenceRequired: false},
						],
					},
				],
			}),
		);
		cli(cwd, '2026-01-10T10:00:00Z', ['set', 's.a', 'pass', '--system', 'pay']);
		cli(cwd, '2026-02-01T13:00:00Z', [
			'set',
			's.b',
			'fail',
			'--system',
			LONG,
			'--release',
			'2.4',
			'--note',
			'x',
		]);
		cli(cwd, '2026-02-01T13:00:00Z', [
			'set',
			's.a',
			'pass',
			'--system',
			LONG,
			'--release',
			'2.4',
			'--launch',
			'2027-06-01',
		]);
		const app = open(['--checklist', 'c.json'], {
			cwd,
			cols: 80,
			rows: 24,
			env: {PREFLIGHT_NOW: '2027-03-01T00:00:00Z', PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		const screen = await app.waitFor('q/ctrl+c quit');
		const lines = screen.split('\n');
		expect(lines[0]).toMatch(/^preflight · 2 reviews/);
		expect(lines[1]).toBe('Mini');
		// Every row is one terminal row: none runs on into the next.
		const buffer = app.xterm.buffer.active;
		for (let y = 0; y < app.xterm.rows; y++)
			expect(buffer.getLine(buffer.viewportY + y)?.isWrapped, lines[y]).toBe(false);
		const row = lines.findIndex((l) => l.includes(' 2.4 '));
		// The verdict whole at the row's end; the name cut in the system.
		expect(lines[row]).toMatch(/^ {2}payments-.*… 2\.4 .*✖ NOT READY · 1 blocker$/);
		expect(lines[row + 1]).toMatch(/^ {4}due again since 2027-02-01$/);
		expect(lines[row + 2]).toMatch(/^ {4}(by )?launch 2027-06-01: ✖ .*1 go stale/);
		expect(screen).toMatch(/› pay .*✖ NOT READY · 1 blocker\n {4}due again since 2027-01-10\n/);
	});

	it('a 40-character release beside a one-letter system stays whole; at 60×20 the verdict too', async () => {
		const cwd = tempDir();
		writeFileSync(
			join(cwd, 'c.json'),
			JSON.stringify({
				id: 'mini',
				title: 'Mini',
				version: '1',
				sections: [
					{id: 's', title: 'S', items: [{id: 's.a', title: 'A', evidenceRequired: false}]},
				],
			}),
		);
		const release = `${'r'.repeat(36)}-rc9`;
		cli(cwd, '2026-03-02T13:00:00Z', [
			'set',
			's.a',
			'fail',
			'--system',
			'x',
			'--release',
			release,
			'--note',
			'n',
		]);
		const app = open(['--checklist', 'c.json'], {
			cwd,
			cols: 80,
			rows: 24,
			env: {PREFLIGHT_NOW: '2026-03-02T13:00:00Z', PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		let screen = await app.waitFor('q/ctrl+c quit');
		expect(screen).toMatch(new RegExp(`› x ${release} .*✖ NOT READY · 1 blocker$`, 'm'));
		app.resize(60, 20);
		screen = await app.waitUntil(
			(s) => /› x …r+-rc9 ✖ NOT READY · 1 blocker$/m.test(s),
			'home at 60 columns',
		);
		// The release cut at its start only because the system is as short as it gets.
		for (const l of screen.split('\n')) expect(l.length).toBeLessThanOrEqual(60);
	});
});
