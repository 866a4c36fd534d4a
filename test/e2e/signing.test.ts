// Signing where a terminal matters: the app's `w` with a configured key, and a
// passphrase-protected key unlocked on the terminal by ssh-keygen.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir, useSessions} from './pty.js';

const NOW = '2026-03-01T12:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';
const hasKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;

function newKey(dir: string, name: string, passphrase = ''): string {
	const path = join(dir, name);
	const r = spawnSync('ssh-keygen', [
		'-q',
		'-t',
		'ed25519',
		'-N',
		passphrase,
		'-C',
		name,
		'-f',
		path,
	]);
	expect(r.status, String(r.stderr)).toBe(0);
	return path;
}

function sshVerify(file: string, pub: string, dir: string): number | null {
	const signers = join(dir, 'allowed_signers');
	writeFileSync(signers, `me ${readFileSync(pub, 'utf8')}`);
	return spawnSync(
		'ssh-keygen',
		['-Y', 'verify', '-f', signers, '-I', 'me', '-n', 'preflight', '-s', `${file}.sig`],
		{input: readFileSync(file)},
	).status;
}

describe.skipIf(!hasKeygen)('signing with a terminal', () => {
	const {open} = useSessions();

	it("the summary's w signs with the configured key and shows its fingerprint", async () => {
		const cwd = tempDir();
		const key = newKey(cwd, 'app-key');
		const env = {
			HOME: cwd,
			PREFLIGHT_NOW: NOW,
			PREFLIGHT_REVIEWER: 'Alice',
			PREFLIGHT_SIGNING_KEY: key,
		};
		const app = open(['--system', 'demo'], {cwd, cols: 160, env});
		await app.waitFor(FOOTER);
		app.type('s');
		await app.waitFor('NOT READY');
		app.type('w');
		const shown = await app.waitFor(/signed by SHA256:\S+: \S+\.json\.sig/);
		const sig = /signed by SHA256:\S+: (\S+\.json\.sig)/.exec(shown)?.[1] ?? '';
		const json = sig.replace(/\.sig$/, '');
		const snapshot = JSON.parse(readFileSync(json, 'utf8'));
		expect(shown).toContain(snapshot.signer.fingerprint);
		expect(sshVerify(json, `${key}.pub`, cwd)).toBe(0);
	});

	it("the summary's w with a passphrase-protected key says, in full, to ssh-add it", async () => {
		const cwd = tempDir();
		const key = newKey(cwd, 'locked', 'a passphrase');
		const sock = join(cwd, 'agent.sock');
		const agent = spawnSync('ssh-agent', ['-s', '-a', sock], {encoding: 'utf8'});
		expect(agent.status, agent.stderr).toBe(0);
		const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]);
		try {
			// Without an agent, and with one that does not hold the key: the same advice.
			for (const agentEnv of [{}, {SSH_AUTH_SOCK: sock}] as Array<Record<string, string>>) {
				const env = {
					HOME: cwd,
					PREFLIGHT_NOW: NOW,
					PREFLIGHT_REVIEWER: 'Alice',
					PREFLIGHT_SIGNING_KEY: key,
					...agentEnv,
				};
				const app = open(['--system', 'demo'], {cwd, cols: 80, env});
				await app.waitFor(FOOTER);
				app.type('s');
				await app.waitFor('NOT READY');
				app.type('w');
				const shown = await app.waitFor('then w');
				const text = shown.split('\n').join(' ').replace(/\s+/g, ' ');
				expect(text).toContain(
					`✖ snapshot not written: the key needs its passphrase, which the app cannot ask for: run ssh-add ${key}, then w`,
				);
				expect(text).not.toContain('no terminal');
				expect(text).not.toContain('incorrect passphrase');
				app.kill();
			}
		} finally {
			process.kill(pid);
		}
	});

	it('asks for a passphrase on the terminal, never in argv or the environment', async () => {
		const cwd = tempDir();
		const passphrase = 'open sesame 42';
		const key = newKey(cwd, 'locked', passphrase);
		const out = join(cwd, 'snap.json');
		const env = {HOME: cwd, PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice'};
		const db = join(cwd, 'db.json');
		const set = spawnSync(
			process.execPath,
			[
				join(import.meta.dirname, '..', '..', 'dist', 'preflight.js'),
				'set',
				'security.secrets',
				'fail',
				'--system',
				'demo',
				'--db',
				db,
			],
			{cwd, env: {PATH: process.env.PATH ?? '', ...env}},
		);
		expect(set.status, String(set.stderr)).toBe(0);
		const run = open(['snapshot', '--sign', key, '--out', out, '--db', db], {cwd, env});
		await run.waitFor(/passphrase/i);
		run.type(`${passphrase}\r`);
		expect(await run.exit).toBe(0);
		expect(run.raw()).not.toContain(passphrase);
		expect(sshVerify(out, `${key}.pub`, cwd)).toBe(0);
	});

	it('ctrl+c at the passphrase prompt exits 130 and leaves no temp folder', async () => {
		const cwd = tempDir();
		const key = newKey(cwd, 'locked', 'a passphrase');
		const tmp = join(cwd, 'tmp');
		mkdirSync(tmp);
		const db = join(cwd, 'db.json');
		const out = join(cwd, 'snap.json');
		const env = {HOME: cwd, PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', TMPDIR: tmp};
		const set = spawnSync(
			process.execPath,
			[
				join(import.meta.dirname, '..', '..', 'dist', 'preflight.js'),
				'set',
				'security.secrets',
				'fail',
				'--system',
				'demo',
				'--db',
				db,
			],
			{cwd, env: {PATH: process.env.PATH ?? '', ...env}},
		);
		expect(set.status, String(set.stderr)).toBe(0);
		const run = open(['snapshot', '--system', 'demo', '--sign', key, '--out', out, '--db', db], {
			cwd,
			env,
		});
		await run.waitFor(/passphrase/i);
		expect(readdirSync(tmp).filter((n) => n.startsWith('preflight-sign-'))).toHaveLength(1);
		run.type('\u0003');
		expect(await run.exit).toBe(130);
		expect(readdirSync(tmp)).toEqual([]);
		expect(existsSync(out)).toBe(false);
	});
});
