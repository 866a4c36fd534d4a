// The key a snapshot is signed with: where it is configured, what its public
// half is, whether it may be used, and signing through ssh-keygen.
//
// Signing is delegated to `ssh-keygen -Y sign`, as git does for SSH commit
// signatures: it reads every private key format (passphrase-protected ones
// included, asking on the terminal itself), uses ssh-agent for a key it holds
// (a public key file is enough then), and no secret ever passes through
// preflight's memory. Verification is preflight's own (sshsig.ts): what a
// signature proves must not depend on a program found on PATH.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import type {KeySource} from './config.js';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {sizeText} from '../system/regular-file.js';

/** A key file larger than this is not a key. */
const MAX_KEY_BYTES = 64 * 1024;
import {fingerprintOf, KEY_TYPES, keyLine, parseKeyLine, type PublicKey} from './ssh-key.js';
import {checkSignature, SIGNATURE_NAMESPACE} from './sshsig.js';
import {WireReader} from './ssh-wire.js';

/** A key checked and ready: what ssh-keygen is given, and the public key the snapshot names. */
export type SigningKey = {
	source: KeySource;
	/** The file given to ssh-keygen -f: a private key, or a public key whose private half is in the agent. */
	path: string;
	publicKey: PublicKey;
	fingerprint: string;
	/** Only the agent can sign with it (a public key was named). */
	agentOnly: boolean;
	/** The private key file is protected by a passphrase. */
	encrypted: boolean;
};

const OPENSSH_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const OPENSSH_END = '-----END OPENSSH PRIVATE KEY-----';

/**
 * The public key and cipher of an `openssh-key-v1` private key file: both are
 * stored in the clear before the (possibly encrypted) private part, so no
 * passphrase is needed to name the signer.
 */
function opensshKeyHeader(text: string): {publicKey: PublicKey; cipher: string} {
	const start = text.indexOf(OPENSSH_BEGIN);
	const end = text.indexOf(OPENSSH_END);
	if (start < 0 || end < start) throw new Error('not an OpenSSH private key');
	const blob = Buffer.from(
		text.slice(start + OPENSSH_BEGIN.length, end).replace(/\s+/g, ''),
		'base64',
	);
	const magic = Buffer.from('openssh-key-v1\0');
	if (!blob.subarray(0, magic.length).equals(magic)) throw new Error('not an openssh-key-v1 key');
	const r = new WireReader(blob.subarray(magic.length));
	const cipher = r.name();
	r.name(); // kdf name
	r.string(); // kdf options
	const count = r.u32();
	if (count !== 1) throw new Error(`the file holds ${count} keys (one expected)`);
	const pub = r.string();
	const type = new WireReader(pub).name();
	return {publicKey: {type, blob: pub}, cipher};
}

function expandHome(path: string): string {
	return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

function readKeyFile(path: string, shown: string): string {
	let size: number;
	try {
		const stats = statSync(path);
		if (!stats.isFile())
			throw new PreflightError(`${shown} is not a key file (not a regular file)`);
		size = stats.size;
	} catch (error) {
		if (error instanceof PreflightError) throw error;
		throw new PreflightError(`${shown}: no such key file`);
	}
	if (size > MAX_KEY_BYTES)
		throw new PreflightError(
			`${shown} is larger than ${sizeText(MAX_KEY_BYTES)}: too large to be an SSH key`,
		);
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new PreflightError(
			`${shown} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
		);
	}
}

function needAgent(env: NodeJS.ProcessEnv, shown: string): void {
	if (!env.SSH_AUTH_SOCK)
		throw new PreflightError(
			`${shown} is a public key: its private half must be in ssh-agent, and SSH_AUTH_SOCK is not set`,
		);
}

/**
 * Checks the configured key before anything is written: it exists, is a key,
 * a private key file is not readable or writable by others (ssh-keygen
 * refuses such a file too; the reason is said here), a passphrase-protected
 * key has a terminal to ask on or an agent, and its public half is known
 * (from the key itself, `KEY.pub` beside it, or the agent for a public key).
 * `tempDir` holds a literal key (`key::ssh-ed25519 …`) written out for ssh-keygen.
 */
export function prepareSigningKey(
	source: KeySource,
	env: NodeJS.ProcessEnv,
	interactive: boolean,
	tempDir: string,
	inApp = false,
): SigningKey {
	const spec = source.spec.trim();
	const literal = spec.startsWith('key::')
		? spec.slice(5)
		: /^(ssh-|ecdsa-)/.test(spec)
			? spec
			: undefined;
	const shown = `${source.from} ${sanitizeLine(literal === undefined ? spec : 'key')}`;
	if (spec === '') throw new PreflightError(`${source.from} names no key`);
	const done = (
		publicKey: PublicKey,
		path: string,
		agentOnly: boolean,
		encrypted: boolean,
	): SigningKey => {
		// Refused before signing: a signature preflight cannot verify is no use.
		if (!(KEY_TYPES as readonly string[]).includes(publicKey.type))
			throw new PreflightError(
				`${shown} is a ${sanitizeLine(publicKey.type)} key: preflight verifies Ed25519, ECDSA (P-256, P-384, P-521) and RSA signatures`,
			);
		return {
			source,
			path,
			publicKey,
			fingerprint: fingerprintOf(publicKey.blob),
			agentOnly,
			encrypted,
		};
	};
	if (literal !== undefined) {
		const key = parseKeyLine(literal);
		if ('problem' in key) throw new PreflightError(`${shown}: ${key.problem}`);
		needAgent(env, shown);
		const path = join(tempDir, 'signing-key.pub');
		writeFileSync(path, `${keyLine(key)}\n`, {mode: 0o600});
		return done(key, path, true, false);
	}
	const path = resolve(expandHome(spec));
	const text = readKeyFile(path, shown);
	if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/m.test(text)) {
		const mode = statSync(path).mode & 0o777;
		if ((mode & 0o077) !== 0)
			throw new PreflightError(
				`${shown} can be read or written by others (mode ${mode.toString(8).padStart(4, '0')}): a private key must be yours alone; chmod 600 it`,
			);
		let publicKey: PublicKey;
		let encrypted: boolean;
		if (text.includes(OPENSSH_BEGIN)) {
			try {
				const header = opensshKeyHeader(text);
				publicKey = header.publicKey;
				encrypted = header.cipher !== 'none';
			} catch (error) {
				throw new PreflightError(`${shown}: ${(error as Error).message}`);
			}
		} else {
			// A PEM key (older RSA or ECDSA): its public half from KEY.pub beside it.
			let pubText: string;
			try {
				pubText = readKeyFile(`${path}.pub`, `${shown}.pub`);
			} catch (error) {
				throw new PreflightError(
					`${(error as Error).message} (a PEM private key does not hold its public half: preflight needs ${sanitizeLine(spec)}.pub beside it)`,
				);
			}
			const pub = parseKeyLine(pubText);
			if ('problem' in pub)
				throw new PreflightError(`${shown}.pub (needed for a PEM key): ${pub.problem}`);
			publicKey = pub;
			encrypted = /ENCRYPTED/.test(text);
		}
		// ssh-keygen cannot ask for the passphrase here: only an agent that holds
		// the key can sign. Said by preflight, before ssh-keygen runs: without a
		// prompt, ssh-keygen says "incorrect passphrase supplied" though none was typed.
		if (encrypted && !interactive && !agentHolds(publicKey, env)) {
			const add = `ssh-add ${sanitizeLine(spec)}`;
			throw new PreflightError(
				inApp
					? // Short: the app has two rows for a message, and the path may be long.
						`the key needs its passphrase, which the app cannot ask for: run ${add}, then w`
					: `${shown} is protected by a passphrase, there is no terminal to ask for it on, and ${
							env.SSH_AUTH_SOCK
								? 'ssh-agent does not hold it'
								: 'no ssh-agent is running (SSH_AUTH_SOCK is not set)'
						}: add it to ssh-agent (${add}) or run in a terminal`,
			);
		}
		return done(publicKey, path, false, encrypted);
	}
	const key = parseKeyLine(text.split('\n')[0] ?? '');
	if ('problem' in key) throw new PreflightError(`${shown} is not an SSH key: ${key.problem}`);
	needAgent(env, shown);
	return done(key, path, true, false);
}

/**
 * Whether the ssh-agent at SSH_AUTH_SOCK holds `key` (`ssh-add -L` lists its
 * public keys); false without an agent, or when ssh-add cannot ask it.
 */
function agentHolds(key: PublicKey, env: NodeJS.ProcessEnv): boolean {
	if (!env.SSH_AUTH_SOCK) return false;
	const r = spawnSync('ssh-add', ['-L'], {
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
		timeout: 10_000,
	});
	if (r.status !== 0 || typeof r.stdout !== 'string') return false;
	return r.stdout.split('\n').some((line) => {
		const held = parseKeyLine(line);
		return !('problem' in held) && held.blob.equals(key.blob);
	});
}

/** The last line ssh-keygen said, for the one-line error. */
function lastLine(text: string): string {
	const lines = text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	return lines.at(-1) ?? 'no reason given';
}

/** What ssh-keygen left: its exit status or the signal that ended it, and what it said. */
type KeygenOutcome = {
	status: number | null;
	signal: NodeJS.Signals | null;
	stderr: string;
	error?: NodeJS.ErrnoException;
};

/**
 * Runs ssh-keygen without blocking the event loop, so that a signal sent to
 * preflight meanwhile (ctrl+c at the passphrase prompt, kill) is handled at
 * once: `started` is given the child, so that the caller can pass the signal
 * on and clean up (spawnSync held every handler back until ssh-keygen ended).
 */
function runKeygen(
	args: string[],
	interactive: boolean,
	started: (child: ChildProcess) => void,
): Promise<KeygenOutcome> {
	return new Promise((done) => {
		const child = spawn('ssh-keygen', args, {
			stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'],
			// Without a terminal to ask on (a pipeline, or the app, whose terminal Ink
			// holds), ssh-keygen gets no controlling terminal either: a passphrase it
			// would ask for fails at once instead of drawing over the app.
			...(interactive ? {} : {detached: true, timeout: 60_000}),
		});
		let stderr = '';
		child.stdout?.resume();
		child.stderr?.setEncoding('utf8');
		child.stderr?.on('data', (chunk: string) => {
			if (stderr.length < 64 * 1024) stderr += chunk;
		});
		let error: NodeJS.ErrnoException | undefined;
		child.on('error', (e: NodeJS.ErrnoException) => {
			error = e;
			// A child that never started fires no 'close'.
			if (child.pid === undefined) done({status: null, signal: null, stderr, error});
		});
		child.on('close', (status, signal) =>
			done({status, signal, stderr, ...(error ? {error} : {})}),
		);
		started(child);
	});
}

/**
 * Signs `message` with `key` through `ssh-keygen -Y sign -n preflight`, in
 * `tempDir` (the message is not secret; ssh-keygen writes `<file>.sig` beside
 * it). A passphrase is asked for by ssh-keygen on the terminal (stdin is the
 * terminal when there is one, /dev/null otherwise), never in argv or the
 * environment. The signature is checked by preflight before it is returned:
 * it must verify, by the key the snapshot names. `started` is given the
 * running ssh-keygen (see runKeygen).
 */
export async function signWithSshKeygen(
	key: SigningKey,
	message: string | Uint8Array,
	tempDir: string,
	interactive: boolean,
	started: (child: ChildProcess) => void = () => undefined,
): Promise<string> {
	const file = join(tempDir, 'snapshot.json');
	writeFileSync(file, message, {mode: 0o600});
	const r = await runKeygen(
		['-Y', 'sign', '-n', SIGNATURE_NAMESPACE, '-f', key.path, file],
		interactive,
		started,
	);
	const shown = `${key.source.from} ${key.agentOnly ? key.fingerprint : sanitizeLine(key.source.spec)}`;
	if (r.error && r.error.code === 'ENOENT')
		throw new PreflightError(
			'ssh-keygen was not found on PATH: preflight signs through it (OpenSSH 8.2 or later)',
		);
	if (r.error && r.status === null && r.signal === null)
		throw new PreflightError(`ssh-keygen could not sign with ${shown}: ${r.error.message}`);
	if (r.status !== 0)
		throw new PreflightError(
			`ssh-keygen could not sign with ${shown}: ${
				r.signal ? `it was ended by ${r.signal}` : sanitizeLine(lastLine(r.stderr))
			}${
				key.encrypted && !interactive
					? ' (without a terminal, a passphrase-protected key must be in ssh-agent: ssh-add it)'
					: ''
			}`,
		);
	const armoured = readFileSync(`${file}.sig`, 'utf8');
	// ssh-keygen asks before replacing a signature: the next signing starts clean.
	rmSync(`${file}.sig`, {force: true});
	const check = checkSignature(
		armoured,
		typeof message === 'string' ? Buffer.from(message, 'utf8') : message,
	);
	if (!check.ok)
		throw new PreflightError(`the signature ssh-keygen made does not verify: ${check.problem}`);
	if (!check.publicKey.equals(key.publicKey.blob))
		throw new PreflightError(
			`ssh-keygen signed with ${check.fingerprint}, not with ${key.fingerprint} named by ${key.source.from}`,
		);
	return armoured;
}

/** A private folder for one signing, removed by the caller with removeTempDir. */
export function makeTempDir(): string {
	return mkdtempSync(join(tmpdir(), 'preflight-sign-'));
}

export function removeTempDir(dir: string): void {
	rmSync(dir, {recursive: true, force: true});
}
