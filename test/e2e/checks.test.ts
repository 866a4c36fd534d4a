import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadChecklist} from '../../source/checklist/load.js';
import {readDatabaseFile} from '../database-file.js';
import {tempDir, until, useSessions} from './pty.js';

const {open} = useSessions();

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('x in a real terminal', () => {
	it('asks to trust, streams the output, and esc kills the whole process group', async () => {
		const cwd = tempDir();
		const checklist = join(cwd, 'checks.json');
		writeFileSync(
			checklist,
			JSON.stringify({
				id: 'e2e',
				title: 'E2E checks',
				version: '1',
				sections: [
					{
						id: 'ops',
						title: 'Ops',
						items: [
							{
								id: 'ops.gateway',
								title: 'Gateway answers',
								check: {
									run: "sleep 300 & echo $! > grandchild.pid; printf 'out-%s\\n' one two; wait",
									timeout: 'PT10M',
								},
							},
						],
					},
				],
			}),
		);
		const app = open(['--system', 'api', '--checklist', checklist], {
			cwd,
			env: {
				PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z',
				PREFLIGHT_REVIEWER: 'Alice',
				HOME: cwd,
				XDG_CONFIG_HOME: join(cwd, 'config'),
			},
		});
		await app.waitFor('check: sleep 300');
		app.type('x');
		await app.waitFor('Trust the 1 command of this checklist');
		expect(app.screen()).toContain('ops.gateway: sleep 300 & echo $! > grandchild.pid');
		app.type('yes');
		app.press('enter');
		await app.waitFor('out-two');
		await app.waitFor(/running \d+\.\d s · esc cancels/);
		const pid = Number(readFileSync(join(cwd, 'grandchild.pid'), 'utf8').trim());
		expect(alive(pid)).toBe(true);
		app.press('esc');
		await app.waitFor('✖ failed cancelled');
		await until(() => !alive(pid), 'the grandchild sleep to be killed');
		app.type('q');
		expect(await app.exit).toBe(0);
		const db = readDatabaseFile(join(cwd, '.preflight', 'db.json'));
		expect(db.reviews[0]!.answers['ops.gateway']!.checks?.[0]?.stopped).toBe('cancelled');
	}, 90_000);

	it('preflight check on a terminal shows a line per running check with its elapsed time', async () => {
		const cwd = tempDir();
		const checklist = join(cwd, 'checks.json');
		writeFileSync(
			checklist,
			JSON.stringify({
				id: 'e2e',
				title: 'E2E checks',
				version: '1',
				sections: [
					{
						id: 'ops',
						title: 'Ops',
						items: [
							// Runs until the test has seen its progress line.
							{
								id: 'ops.wait',
								title: 'Waits',
								check: {run: 'while [ ! -f go ]; do sleep 0.05; done'},
							},
						],
					},
				],
			}),
		);
		const app = open(['check', '--system', 'api', '--checklist', checklist, '--trust'], {
			cwd,
			env: {HOME: cwd, XDG_CONFIG_HOME: join(cwd, 'config'), PREFLIGHT_REVIEWER: 'Alice'},
		});
		await app.waitFor(/⠿ ops\.wait {2}\d+\.\d s/);
		writeFileSync(join(cwd, 'go'), '');
		await app.waitFor('api: 1 of 1 checks met their expectation');
		expect(app.screen()).toMatch(/✔ ok {3}ops\.wait/);
		expect(app.screen()).not.toContain('⠿');
		expect(await app.exit).toBe(0);
	}, 90_000);

	it('v hands the terminal to $PAGER with the log, then the app carries on', async () => {
		const cwd = tempDir();
		const checklist = join(cwd, 'checks.json');
		writeFileSync(
			checklist,
			JSON.stringify({
				id: 'e2e',
				title: 'E2E checks',
				version: '1',
				sections: [
					{
						id: 'ops',
						title: 'Ops',
						items: [
							{id: 'ops.hello', title: 'Says hello', check: {run: 'echo hello-from-check'}},
							{id: 'ops.other', title: 'Other item'},
						],
					},
				],
			}),
		);
		const pager = join(cwd, 'pager.sh');
		writeFileSync(pager, '#!/bin/sh\ncat "$1" > paged.txt\n', {mode: 0o755});
		const app = open(['--system', 'api', '--checklist', checklist], {
			cwd,
			env: {
				HOME: cwd,
				XDG_CONFIG_HOME: join(cwd, 'config'),
				PREFLIGHT_REVIEWER: 'Alice',
				PREFLIGHT_TRUST_CHECKS: loadChecklist(checklist).digest,
				PAGER: pager,
			},
		});
		await app.waitFor('check: echo hello-from-check');
		app.type('x');
		await app.waitFor('✔ met exit 0');
		app.type('v');
		await app.waitFor('Check log:');
		expect(readFileSync(join(cwd, 'paged.txt'), 'utf8')).toBe('hello-from-check\n');
		expect(app.buffer()).toBe('alternate');
		app.type('j');
		await app.waitFor('id: ops.other');
		app.type('q');
		expect(await app.exit).toBe(0);
	}, 90_000);
});
