// A signing interrupted or failed leaves no temp folder behind: ssh-keygen is
// replaced on PATH by a script that waits (as at a passphrase prompt) or fails,
// and preflight is sent SIGINT or SIGTERM while it waits.
import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, ensureBuilt, workspace} from './cli.js';

const hasKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;

async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
	expect(check()).toBe(true);
}

describe.skipIf(!hasKeygen)('an interrupted or failed signing', () => {
	const ws = workspace();
	const key = join(ws.dir, 'key');
	const fakeBin = join(ws.dir, 'bin');
	const tmp = join(ws.dir, 'tmp');
	const started = join(ws.dir, 'keygen-started');

	beforeAll(() => {
		ensureBuilt();
		const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
		expect(made.status, String(made.stderr)).toBe(0);
		mkdirSync(fakeBin);
		mkdirSync(tmp);
		expect(ws.run(['set', 'security.secrets', 'fail', '--system', 'api']).code).toBe(0);
	});
	afterAll(() => rmSync(ws.dir, {recursive: true, force: true}));

	function fakeKeygen(body: string): void {
		const path = join(fakeBin, 'ssh-keygen');
		writeFileSync(path, `#!/bin/sh\n${body}\n`);
		chmodSync(path, 0o755);
	}

	const signFolders = () => readdirSync(tmp).filter((n) => n.startsWith('preflight-sign-'));

	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
	] as const)
		it(`${signal} while ssh-keygen waits removes the temp folder and exits ${code}`, async () => {
			rmSync(started, {force: true});
			fakeKeygen(`touch '${started}'\nexec sleep 60`);
			const out = join(ws.dir, `${signal}.json`);
			const child = spawn(
				process.execPath,
				[cliPath, 'snapshot', '--sign', key, '--out', out, '--db', ws.db],
				{
					cwd: ws.dir,
					env: {
						PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
						HOME: ws.dir,
						TMPDIR: tmp,
						PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z',
						PREFLIGHT_REVIEWER: 'Alice',
					},
					stdio: ['ignore', 'pipe', 'pipe'],
				},
			);
			let stderr = '';
			child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
			const ended = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((done) =>
				child.on('close', (code, sig) => done({code, signal: sig})),
			);
			await until(() => existsSync(started));
			expect(signFolders()).toHaveLength(1);
			child.kill(signal);
			const result = await ended;
			expect(result, stderr).toEqual({code, signal: null});
			expect(stderr).toContain(`interrupted (${signal})`);
			expect(signFolders()).toEqual([]);
			expect(existsSync(out)).toBe(false);
		});

	// ctrl+c at ssh-keygen's prompt reaches both processes; preflight may see
	// ssh-keygen end before its own handler runs. Here only ssh-keygen gets it.
	it('an ssh-keygen ended by SIGINT is an interruption: exit 130, nothing written, no temp folder', () => {
		fakeKeygen('kill -INT $$\nsleep 5');
		const own = join(ws.dir, 'tmp-sigint');
		mkdirSync(own);
		const out = join(ws.dir, 'sigint.json');
		const r = ws.run(['snapshot', '--sign', key, '--out', out], {
			PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
			TMPDIR: own,
		});
		expect(r.code, r.stderr).toBe(130);
		expect(r.stderr).toBe('preflight: interrupted (SIGINT) while signing: nothing was written\n');
		expect(readdirSync(own)).toEqual([]);
		expect(existsSync(out)).toBe(false);
	});

	it('an ssh-keygen that fails leaves no temp folder either', () => {
		fakeKeygen("echo 'something went wrong' >&2\nexit 1");
		const own = join(ws.dir, 'tmp-failed');
		mkdirSync(own);
		const r = ws.run(['snapshot', '--sign', key, '--out', join(ws.dir, 'failed.json')], {
			PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
			TMPDIR: own,
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('something went wrong');
		expect(readdirSync(own)).toEqual([]);
	});
});
