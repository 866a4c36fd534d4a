// `preflight check` and `gate --run-checks` stopped by SIGINT, SIGTERM or
// SIGHUP kill every check's process group (background children included),
// record the runs as cancelled and exit with the shell's code for the signal.
import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {readDatabaseFile} from '../database-file.js';
import {cliPath, ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
	expect(check()).toBe(true);
}

/** The pids whose command line holds `marker`. */
function withMarker(marker: string): string[] {
	const ps = spawnSync('ps', ['-eo', 'pid,args'], {encoding: 'utf8'}).stdout;
	return ps
		.split('\n')
		.filter((l) => l.includes(marker) && !l.includes('ps -eo'))
		.map((l) => l.trim().split(/\s+/)[0]!);
}

describe('a signal while checks run', () => {
	for (const [command, signal, code] of [
		['check', 'SIGTERM', 143],
		['check', 'SIGHUP', 129],
		['check', 'SIGINT', 130],
		['gate', 'SIGTERM', 143],
	] as const)
		it(`${command}: ${signal} kills every group, records the runs cancelled, exits ${code}`, async () => {
			const ws = workspace();
			// A unique sleep length marks this test's processes in ps.
			const marker = `1000.${parseInt(randomBytes(4).toString('hex'), 16)}`;
			const checklist = join(ws.dir, 'checklist.json');
			writeFileSync(
				checklist,
				JSON.stringify({
					id: 'demo',
					title: 'Demo',
					version: '1',
					sections: [
						{
							id: 'ops',
							title: 'Ops',
							items: [
								{
									id: 'ops.a',
									title: 'A',
									check: {run: `sh -c 'sleep ${marker} & sleep ${marker}'`},
								},
								{id: 'ops.b', title: 'B', check: {run: `sleep ${marker} & sleep ${marker}`}},
							],
						},
					],
				}),
			);
			const args =
				command === 'check'
					? ['check', '--system', 'api', '--trust']
					: ['gate', '--system', 'api', '--run-checks', '--trust'];
			if (command === 'gate')
				expect(
					ws.run(['set', 'ops.a', 'pending', '--system', 'api', '--checklist', checklist]).code,
				).toBe(0);
			const child = spawn(
				process.execPath,
				[cliPath, ...args, '--checklist', checklist, '--db', ws.db],
				{
					cwd: ws.dir,
					env: {
						PATH: process.env.PATH ?? '',
						HOME: ws.dir,
						XDG_CONFIG_HOME: join(ws.dir, 'config'),
						PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z',
						PREFLIGHT_REVIEWER: 'Alice',
					},
					stdio: ['ignore', 'pipe', 'pipe'],
				},
			);
			let stderr = '';
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			child.stdout.resume();
			const ended = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
			try {
				// Both checks' four sleeps are running.
				await until(() => withMarker(`sleep ${marker}`).length >= 4);
				child.kill(signal);
				expect(await ended, stderr).toBe(code);
				await until(() => withMarker(marker).length === 0);
				const answers = readDatabaseFile(ws.db).reviews[0]!.answers;
				for (const id of ['ops.a', 'ops.b'])
					expect(answers[id]?.checks?.at(-1)).toMatchObject({stopped: 'cancelled', ok: false});
			} finally {
				child.kill('SIGKILL');
				for (const pid of withMarker(marker))
					try {
						process.kill(Number(pid), 'SIGKILL');
					} catch {
						// gone
					}
			}
		}, 60_000);
});
