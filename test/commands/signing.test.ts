// Signed snapshots end to end, with the system's ssh-keygen and ssh-agent:
// preflight's signatures verify with ssh-keygen -Y verify, ssh-keygen's with
// preflight, for every key kind, from files and from an agent; and the four
// kinds of tampering are each told apart from an intact snapshot.
import {spawnSync} from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	existsSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {snapshotDigest} from '../../source/report/snapshot.js';
import {snapshotJson} from '../../source/report/write.js';
import {wireString} from '../../source/signing/ssh-wire.js';
import {ensureBuilt, workspace} from './cli.js';

const hasKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;
const kinds = {
	ed25519: ['-t', 'ed25519'],
	ecdsa256: ['-t', 'ecdsa', '-b', '256'],
	ecdsa384: ['-t', 'ecdsa', '-b', '384'],
	ecdsa521: ['-t', 'ecdsa', '-b', '521'],
	rsa: ['-t', 'rsa', '-b', '3072'],
} as const;

function keygen(args: string[], input?: string) {
	const r = spawnSync('ssh-keygen', args, {encoding: 'utf8', input: input ?? ''});
	return {code: r.status, out: `${r.stdout}${r.stderr}`};
}

describe.skipIf(!hasKeygen)('signed snapshots with ssh-keygen', () => {
	const ws = workspace();
	const keys = join(ws.dir, 'keys');
	const key = (name: string) => join(keys, name);
	const sock = join(ws.dir, 'agent.sock');
	let agentPid: number | undefined;
	const agentEnv = () => ({SSH_AUTH_SOCK: sock});

	/** A fresh key of that kind, with this comment and, optionally, a passphrase. */
	function newKey(name: string, kind: keyof typeof kinds, passphrase = '') {
		const r = keygen(['-q', ...kinds[kind], '-N', passphrase, '-C', name, '-f', key(name)]);
		expect(r.code, r.out).toBe(0);
		return readFileSync(`${key(name)}.pub`, 'utf8').trim();
	}

	function allowed(name: string, lines: string[]): string {
		const path = join(ws.dir, name);
		writeFileSync(path, `${lines.join('\n')}\n`);
		return path;
	}

	/** ssh-keygen's own verdict on a signature preflight wrote. */
	function sshVerify(file: string, signers: string, principal: string) {
		return keygen(
			['-Y', 'verify', '-f', signers, '-I', principal, '-n', 'preflight', '-s', `${file}.sig`],
			readFileSync(file, 'utf8'),
		);
	}

	function snapshotFiles(): string[] {
		try {
			return readdirSync(join(ws.dir, '.preflight', 'snapshots')).sort();
		} catch {
			return [];
		}
	}

	beforeAll(() => {
		ensureBuilt();
		spawnSync('mkdir', [keys]);
		const r = ws.run(['set', 'security.secrets', 'fail', '--system', 'api']);
		expect(r.code, r.stderr).toBe(0);
	});

	afterAll(() => {
		if (agentPid !== undefined) process.kill(agentPid);
		rmSync(ws.dir, {recursive: true, force: true});
	});

	for (const kind of Object.keys(kinds) as Array<keyof typeof kinds>)
		it(`${kind}: preflight signs, ssh-keygen verifies; ssh-keygen signs, preflight verifies`, () => {
			const pub = newKey(`${kind}@example.com`, kind);
			const signers = allowed(`${kind}.allowed`, [`${kind}@example.com ${pub}`]);
			const out = join(ws.dir, `${kind}.json`);
			const made = ws.run(['snapshot', '--sign', key(`${kind}@example.com`), '--out', out]);
			expect(made.code, made.stderr).toBe(0);
			expect(made.stdout.trim().split('\n')).toEqual([out, `${out}.sig`]);
			const snapshot = JSON.parse(readFileSync(out, 'utf8'));
			expect(snapshot.formatVersion).toBe(2);
			expect(snapshot.signer.key).toBe(pub.split(' ').slice(0, 2).join(' '));
			expect(sshVerify(out, signers, `${kind}@example.com`).code).toBe(0);
			const checked = ws.run(['verify', out, '--allowed-signers', signers, '--require-signature']);
			expect(checked.code, checked.stdout).toBe(0);
			expect(checked.stdout).toContain(`✔ signed by ${kind}@example.com (`);
			expect(checked.stdout).toContain(snapshot.signer.fingerprint);
			expect(checked.stdout).toContain('vouched for these exact bytes');

			// An unsigned snapshot signed by ssh-keygen itself.
			const plain = join(ws.dir, `${kind}-plain.json`);
			expect(ws.run(['snapshot', '--out', plain]).code).toBe(0);
			const signed = keygen([
				'-Y',
				'sign',
				'-n',
				'preflight',
				'-f',
				key(`${kind}@example.com`),
				plain,
			]);
			expect(signed.code, signed.out).toBe(0);
			const theirs = ws.run(['verify', plain, '--allowed-signers', signers]);
			expect(theirs.code, theirs.stdout).toBe(0);
			expect(theirs.stdout).toContain(`✔ signed by ${kind}@example.com (`);

			// Tampered, each way, with this kind of key: never intact.
			const text = readFileSync(out, 'utf8');
			const tampered = (name: string, content: string, sigFrom = `${out}.sig`) => {
				const path = join(ws.dir, `${kind}-${name}.json`);
				writeFileSync(path, content);
				copyFileSync(sigFrom, `${path}.sig`);
				return ws.run(['verify', path, '--allowed-signers', signers]).code;
			};
			expect(tampered('byte', text.replace('"api"', '"apj"'))).toBe(1);
			const edited = JSON.parse(text);
			edited.verdict = 'ready';
			edited.digest = snapshotDigest(edited);
			expect(tampered('redigested', snapshotJson(edited))).toBe(1);
			expect(tampered('swapped', text, `${plain}.sig`)).toBe(1);
			const stranger = allowed(`${kind}.stranger`, [
				`${kind}@example.com ${newKey(`${kind}-other`, kind)}`,
			]);
			expect(ws.run(['verify', out, '--allowed-signers', stranger]).code).toBe(1);
		});

	it('tells each kind of tampering apart from an intact snapshot', () => {
		const pub = newKey('tamper', 'ed25519');
		const other = newKey('stranger', 'ed25519');
		const signers = allowed('tamper.allowed', [`tamper ${pub}`]);
		const a = join(ws.dir, 'a.json');
		const b = join(ws.dir, 'b.json');
		expect(ws.run(['snapshot', '--sign', key('tamper'), '--out', a]).code).toBe(0);
		ws.setClock('2026-03-02T12:00:00.000Z');
		expect(ws.run(['snapshot', '--sign', key('tamper'), '--out', b]).code).toBe(0);
		const verify = (file: string, list = signers) =>
			ws.run(['verify', file, '--allowed-signers', list, '--require-signature']);
		expect(verify(a).code).toBe(0);
		const text = readFileSync(a, 'utf8');
		const copy = (name: string, content: string) => {
			const path = join(ws.dir, name);
			writeFileSync(path, content);
			copyFileSync(`${a}.sig`, `${path}.sig`);
			return path;
		};

		// 1. One byte.
		const oneByte = copy('one-byte.json', text.replace('"fail"', '"pass"'));
		const r1 = verify(oneByte);
		expect(r1.code).toBe(1);
		expect(r1.stdout).toContain('✖ bad signature');
		expect(sshVerify(oneByte, signers, 'tamper').code).not.toBe(0);

		// 2. An edit with its digest recomputed: every other check passes, the signature does not.
		const edited = JSON.parse(text);
		edited.review.system = 'api-edited';
		edited.digest = snapshotDigest(edited);
		const redigested = copy('redigested.json', snapshotJson(edited));
		const r2 = verify(redigested);
		expect(r2.code).toBe(1);
		expect(r2.stdout).toContain('SIGNATURE NOT ACCEPTED');
		expect(r2.stdout).toContain('✔ digest');
		expect(r2.stdout).toContain('the signature does not match the file');

		// 3. The signature of another snapshot by the same key.
		const swapped = join(ws.dir, 'swapped.json');
		writeFileSync(swapped, text);
		copyFileSync(`${b}.sig`, `${swapped}.sig`);
		const r3 = verify(swapped);
		expect(r3.code).toBe(1);
		expect(r3.stdout).toContain('✖ bad signature');

		// 4. A key the allowed signers do not list, and one listed only for git.
		const strangers = allowed('strangers.allowed', [`stranger ${other}`]);
		const r4 = verify(a, strangers);
		expect(r4.code).toBe(1);
		expect(r4.stdout).toContain('✖ signature by an unknown key');
		const gitOnly = allowed('git-only.allowed', [`tamper namespaces="git" ${pub}`]);
		expect(verify(a, gitOnly).stdout).toContain('allows namespaces git, not preflight');
		const expired = allowed('expired.allowed', [`tamper valid-before="20260101Z" ${pub}`]);
		expect(verify(a, expired).code).toBe(1);

		// A missing signature, and a signature re-made over the file by a stranger.
		rmSync(`${swapped}.sig`);
		const r5 = verify(swapped);
		expect(r5.code).toBe(1);
		expect(r5.stdout).toContain('✖ not signed');
		expect(keygen(['-Y', 'sign', '-n', 'preflight', '-f', key('stranger'), swapped]).code).toBe(0);
		expect(
			verify(swapped, allowed('both.allowed', [`tamper ${pub}`, `stranger ${other}`])).stdout,
		).toContain('but the snapshot names');
	});

	it('signs with a key held by ssh-agent, named by its .pub file or by its passphrase-protected file', () => {
		const started = spawnSync('ssh-agent', ['-s', '-a', sock], {encoding: 'utf8'});
		expect(started.status, started.stderr).toBe(0);
		agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(started.stdout)?.[1]);
		const passphrase = 'correct horse battery staple';
		const pub = newKey('agent', 'ecdsa256', passphrase);
		const askpass = join(ws.dir, 'askpass.sh');
		writeFileSync(askpass, `#!/bin/sh\necho '${passphrase}'\n`, {mode: 0o700});
		const added = spawnSync('ssh-add', [key('agent')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				PATH: process.env.PATH ?? '',
				SSH_AUTH_SOCK: sock,
				SSH_ASKPASS: askpass,
				SSH_ASKPASS_REQUIRE: 'force',
				DISPLAY: 'none',
			},
		});
		expect(added.status, added.stderr).toBe(0);
		const signers = allowed('agent.allowed', [`agent@example.com ${pub}`]);

		// Fresh keys of each kind, in the agent only: named by their .pub file.
		for (const kind of Object.keys(kinds) as Array<keyof typeof kinds>) {
			const name = `agent-${kind}`;
			const kindPub = newKey(name, kind);
			const add = spawnSync('ssh-add', ['-q', key(name)], {
				env: {PATH: process.env.PATH ?? '', SSH_AUTH_SOCK: sock},
			});
			expect(add.status, String(add.stderr)).toBe(0);
			rmSync(key(name)); // only the .pub stays on disk
			const list = allowed(`${name}.allowed`, [`${name} ${kindPub}`]);
			const out = join(ws.dir, `${name}.json`);
			const r = ws.run(['snapshot', '--sign', `${key(name)}.pub`, '--out', out], agentEnv());
			expect(r.code, r.stderr).toBe(0);
			expect(sshVerify(out, list, name).code).toBe(0);
			expect(ws.run(['verify', out, '--allowed-signers', list]).code).toBe(0);
			writeFileSync(out, readFileSync(out, 'utf8').replace('"api"', '"apj"'));
			expect(ws.run(['verify', out, '--allowed-signers', list]).code).toBe(1);
			expect(sshVerify(out, list, name).code).not.toBe(0);
		}

		// Only the public half on disk: the agent signs.
		const pubOnly = join(ws.dir, 'agent-only.pub');
		writeFileSync(pubOnly, `${pub}\n`);
		const viaPub = join(ws.dir, 'via-pub.json');
		const r1 = ws.run(['snapshot', '--sign', pubOnly, '--out', viaPub], agentEnv());
		expect(r1.code, r1.stderr).toBe(0);
		expect(sshVerify(viaPub, signers, 'agent@example.com').code).toBe(0);
		expect(ws.run(['verify', viaPub, '--allowed-signers', signers]).code).toBe(0);

		// The passphrase-protected file, no terminal: the agent signs, nothing is asked.
		const viaFile = join(ws.dir, 'via-file.json');
		const r2 = ws.run(['snapshot', '--out', viaFile], {
			...agentEnv(),
			PREFLIGHT_SIGNING_KEY: key('agent'),
		});
		expect(r2.code, r2.stderr).toBe(0);
		expect(ws.run(['verify', viaFile, '--allowed-signers', signers]).code).toBe(0);
		for (const r of [r1, r2]) expect(`${r.stdout}${r.stderr}`).not.toContain(passphrase);

		// git's own setting, as git signs commits with it.
		spawnSync('git', ['init', '-q'], {cwd: ws.dir});
		spawnSync('git', ['config', 'gpg.format', 'ssh'], {cwd: ws.dir});
		spawnSync('git', ['config', 'user.signingkey', pubOnly], {cwd: ws.dir});
		const before = snapshotFiles().length;
		const r3 = ws.run(['snapshot'], agentEnv());
		expect(r3.code, r3.stderr).toBe(0);
		expect(r3.stdout).toMatch(/\.json\.sig\n$/);
		expect(snapshotFiles().length).toBe(before + 3);
		const r4 = ws.run(['snapshot', '--no-sign'], agentEnv());
		expect(r4.stdout).not.toContain('.sig');
		rmSync(join(ws.dir, '.git'), {recursive: true, force: true});

		// Without the agent, the same file has no terminal to ask on: refused, nothing written.
		process.kill(agentPid);
		agentPid = undefined;
		const files = snapshotFiles();
		const r5 = ws.run(['snapshot', '--sign', key('agent')]);
		expect(r5.code).toBe(2);
		expect(r5.stderr).toContain(
			'is protected by a passphrase, there is no terminal to ask for it on, and no ssh-agent is running',
		);
		const r6 = ws.run(['snapshot', '--sign', pubOnly]);
		expect(r6.code).toBe(2);
		expect(r6.stderr).toContain('SSH_AUTH_SOCK is not set');
		expect(snapshotFiles()).toEqual(files);
	});

	it('a passphrase-protected key the agent does not hold is refused by preflight, before ssh-keygen asks', () => {
		const emptySock = join(ws.dir, 'empty-agent.sock');
		const started = spawnSync('ssh-agent', ['-s', '-a', emptySock], {encoding: 'utf8'});
		expect(started.status, started.stderr).toBe(0);
		const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(started.stdout)?.[1]);
		try {
			newKey('locked-cli', 'ed25519', 'a passphrase');
			const pem = keygen([
				'-q',
				'-t',
				'rsa',
				'-b',
				'2048',
				'-m',
				'PEM',
				'-N',
				'pem pass',
				'-f',
				key('locked-pem'),
			]);
			expect(pem.code, pem.out).toBe(0);
			const files = snapshotFiles();
			for (const name of ['locked-cli', 'locked-pem']) {
				const r = ws.run(['snapshot', '--sign', key(name)], {SSH_AUTH_SOCK: emptySock});
				expect(r.code, r.stderr).toBe(2);
				expect(r.stderr.trim().split('\n')).toEqual([
					`preflight: --sign ${key(name)} is protected by a passphrase, there is no terminal to ask for it on, and ssh-agent does not hold it: add it to ssh-agent (ssh-add ${key(name)}) or run in a terminal`,
				]);
				expect(r.stderr).not.toContain('incorrect passphrase');
			}
			expect(snapshotFiles()).toEqual(files);
		} finally {
			process.kill(pid);
		}
	});

	it('a PEM key without its .pub: the message says a PEM key needs it', () => {
		const pem = keygen([
			'-q',
			'-t',
			'rsa',
			'-b',
			'2048',
			'-m',
			'PEM',
			'-N',
			'',
			'-f',
			key('bare-pem'),
		]);
		expect(pem.code, pem.out).toBe(0);
		rmSync(`${key('bare-pem')}.pub`);
		const r = ws.run(['snapshot', '--sign', key('bare-pem')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain(`--sign ${key('bare-pem')}.pub: no such key file`);
		expect(r.stderr).toContain(
			`a PEM private key does not hold its public half: preflight needs ${key('bare-pem')}.pub beside it`,
		);
	});

	it('refuses a key others can read, a missing key and bad usage with one line, writing nothing', () => {
		newKey('loose', 'ed25519');
		chmodSync(key('loose'), 0o644);
		const files = snapshotFiles();
		const r1 = ws.run(['snapshot', '--sign', key('loose')]);
		expect(r1.code).toBe(2);
		expect(r1.stderr).toMatch(/can be read or written by others \(mode 0644\)/);
		expect(r1.stderr.trim().split('\n')).toHaveLength(1);
		expect(ws.run(['snapshot', '--sign', key('nothing-here')]).stderr).toContain(
			'no such key file',
		);
		expect(ws.run(['snapshot', '--sign', key('loose'), '--format', 'md']).code).toBe(2);
		// A key whose signatures preflight could not verify is refused before anything is signed.
		const dss = Buffer.concat([wireString('ssh-dss'), wireString(Buffer.alloc(20, 7))]);
		const r0 = ws.run(['snapshot', '--sign', `key::ssh-dss ${dss.toString('base64')}`], {
			SSH_AUTH_SOCK: sock,
		});
		expect(r0.code).toBe(2);
		expect(r0.stderr).toContain('is a ssh-dss key: preflight verifies Ed25519, ECDSA');
		expect(snapshotFiles()).toEqual(files);
		const plain = join(ws.dir, 'plain.json');
		expect(ws.run(['snapshot', '--out', plain]).code).toBe(0);
		const r2 = ws.run(['verify', plain, '--require-signature']);
		expect(r2.code).toBe(2);
		expect(r2.stderr).toContain('--require-signature needs --allowed-signers');
		const badList = allowed('bad.allowed', ['alice nonsense ssh-ed25519 AAAA']);
		const r3 = ws.run(['verify', plain, '--allowed-signers', badList]);
		expect(r3.code).toBe(2);
		expect(r3.stderr).toMatch(/bad\.allowed: line 1: unknown option nonsense/);
		expect(ws.run(['verify', plain]).stdout).toContain('? not signed');
	});

	it('writes an in-toto Statement, signed in a DSSE envelope, that verify and ssh-keygen check', () => {
		const pub = newKey('attest', 'ed25519');
		const signers = allowed('attest.allowed', [`attest ${pub}`]);
		const bare = ws.run(['snapshot', '--format', 'intoto']);
		expect(bare.code, bare.stderr).toBe(0);
		expect(bare.stdout.trim()).toMatch(/\.intoto\.json$/);
		const statement = JSON.parse(readFileSync(bare.stdout.trim(), 'utf8'));
		expect(statement).toMatchObject({
			_type: 'https://in-toto.io/Statement/v1',
			predicateType: 'urn:preflight:readiness-snapshot:2',
			predicate: {format: 'preflight-snapshot', formatVersion: 2},
		});
		expect(statement.subject).toHaveLength(1);
		const plain = ws.run(['verify', bare.stdout.trim()]);
		expect(plain.code, plain.stdout).toBe(0);
		expect(plain.stdout).toContain('its subject is the snapshot itself');
		expect(ws.run(['verify', bare.stdout.trim(), '--allowed-signers', signers]).code).toBe(1);

		const artifact = 'a'.repeat(64);
		const signed = ws.run([
			'snapshot',
			'--format',
			'intoto',
			'--sign',
			key('attest'),
			'--subject',
			`app.tar.gz=sha256:${artifact}`,
		]);
		expect(signed.code, signed.stderr).toBe(0);
		const path = signed.stdout.trim();
		expect(path).toMatch(/\.dsse\.json$/);
		const envelope = JSON.parse(readFileSync(path, 'utf8'));
		expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
		const payload = Buffer.from(envelope.payload, 'base64');
		expect(JSON.parse(payload.toString()).subject).toEqual([
			{name: 'app.tar.gz', digest: {sha256: artifact}},
		]);
		const ok = ws.run(['verify', path, '--allowed-signers', signers, '--require-signature']);
		expect(ok.code, ok.stdout).toBe(0);
		expect(ok.stdout).toContain('vouches for app.tar.gz');
		expect(ok.stdout).toContain('✔ signed by attest');

		// ssh-keygen checks the DSSE signature over the PAE too.
		const type = envelope.payloadType as string;
		const pae = Buffer.concat([
			Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `),
			payload,
		]);
		const paePath = join(ws.dir, 'pae.bin');
		writeFileSync(paePath, pae);
		const b64 = envelope.signatures[0].sig as string;
		writeFileSync(
			`${paePath}.sig`,
			`-----BEGIN SSH SIGNATURE-----\n${b64.match(/.{1,70}/g)?.join('\n')}\n-----END SSH SIGNATURE-----\n`,
		);
		const r = spawnSync(
			'ssh-keygen',
			['-Y', 'verify', '-f', signers, '-I', 'attest', '-n', 'preflight', '-s', `${paePath}.sig`],
			{input: pae},
		);
		expect(r.status, String(r.stderr)).toBe(0);

		// The predicate edited inside the payload: the signature no longer holds.
		const statement2 = JSON.parse(payload.toString());
		statement2.predicate.review.system = 'other';
		const tampered = join(ws.dir, 'tampered.dsse.json');
		writeFileSync(
			tampered,
			JSON.stringify({
				...envelope,
				payload: Buffer.from(JSON.stringify(statement2)).toString('base64'),
			}),
		);
		const bad = ws.run(['verify', tampered, '--allowed-signers', signers]);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toContain('✖ bad signature');
		expect(ws.run(['snapshot', '--subject', `x=sha256:${artifact}`]).code).toBe(2);
	});

	it('an unsigned snapshot over a signed one removes the .sig preflight wrote, and nothing else', () => {
		newKey('stale', 'ed25519');
		const out = join(ws.dir, 'stale.json');
		expect(ws.run(['snapshot', '--sign', key('stale'), '--out', out]).code).toBe(0);
		expect(existsSync(`${out}.sig`)).toBe(true);
		const plain = ws.run(['snapshot', '--no-sign', '--out', out]);
		expect(plain.code, plain.stderr).toBe(0);
		expect(plain.stderr.trim().split('\n')).toEqual([
			`preflight: removed ${out}.sig: it signed the snapshot this file replaces`,
		]);
		expect(existsSync(`${out}.sig`)).toBe(false);
		expect(ws.run(['verify', out]).code).toBe(0);

		// An attestation written over a signed snapshot: its signature is inside, the .sig goes.
		expect(ws.run(['snapshot', '--sign', key('stale'), '--out', out]).code).toBe(0);
		const attested = ws.run([
			'snapshot',
			'--format',
			'intoto',
			'--sign',
			key('stale'),
			'--out',
			out,
		]);
		expect(attested.code, attested.stderr).toBe(0);
		expect(attested.stderr).toContain(`removed ${out}.sig`);
		expect(existsSync(`${out}.sig`)).toBe(false);

		// Not preflight's: a signature in another namespace, and a plain text file, stay.
		const other = keygen(['-Y', 'sign', '-n', 'git', '-f', key('stale'), out]);
		expect(other.code, other.out).toBe(0);
		const theirs = readFileSync(`${out}.sig`, 'utf8');
		const kept = ws.run(['snapshot', '--no-sign', '--out', out]);
		expect(kept.code).toBe(0);
		expect(kept.stderr).toContain(`${out}.sig is not a signature of this snapshot`);
		expect(readFileSync(`${out}.sig`, 'utf8')).toBe(theirs);
		writeFileSync(`${out}.sig`, 'my notes\n');
		expect(ws.run(['snapshot', '--no-sign', '--out', out]).code).toBe(0);
		expect(readFileSync(`${out}.sig`, 'utf8')).toBe('my notes\n');
	});

	it('records asOf in format 2, and still reads format 1', () => {
		const judged = join(ws.dir, 'judged.json');
		expect(ws.run(['snapshot', '--as-of', '2026-06-01', '--out', judged]).code).toBe(0);
		const two = JSON.parse(readFileSync(judged, 'utf8'));
		expect(two.asOf).toBe('2026-06-01T23:59:59.999Z');
		expect(ws.run(['verify', judged]).code).toBe(0);
		const {asOf: _asOf, ...rest} = two;
		const one = {...rest, formatVersion: 1};
		one.digest = snapshotDigest(one);
		const old = join(ws.dir, 'format-1.json');
		writeFileSync(old, snapshotJson(one));
		expect(ws.run(['verify', old]).code).toBe(0);
		expect(ws.run(['diff', old, judged]).code).toBe(0);
		const wrong = {...two, formatVersion: 1};
		wrong.digest = snapshotDigest(wrong);
		writeFileSync(old, snapshotJson(wrong));
		const r = ws.run(['verify', old]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('format 1 has no asOf or signer');
	});
});
