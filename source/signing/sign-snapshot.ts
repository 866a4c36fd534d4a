// What `snapshot` loads when a key is configured: the key checked, and a
// signer that signs the snapshot's JSON text. Nothing here runs for an
// unsigned snapshot.
import {signalExitCode} from '../system/signals.js';
import type {ChildProcess} from 'node:child_process';
import {PreflightError} from '../errors.js';
import type {SnapshotSigner} from '../report/snapshot.js';
import type {KeySource} from './config.js';
import {keyLine} from './ssh-key.js';
import {dearmor} from './sshsig.js';
import {makeTempDir, prepareSigningKey, removeTempDir, signWithSshKeygen} from './signing-key.js';

/** A checked key: who the snapshot names as signer, and how to sign its text. */
export type SnapshotSigning = {
	signer: SnapshotSigner;
	/** The armoured SSHSIG signature of `text` (namespace preflight). */
	sign(text: string): Promise<string>;
	/** A DSSE signature over `pae`: the SSHSIG blob in base64, keyid the key's fingerprint. */
	signDsse(pae: Buffer): Promise<{keyid: string; sig: string}>;
	/** Removes the private temp folder; call once, signed or not. */
	dispose(): void;
};

/** How the signing treats the process: see prepareSnapshotSigning. */
export type SigningOptions = {
	/** A terminal ssh-keygen may ask a passphrase on (stdin is one). */
	interactive: boolean;
	/**
	 * The signing answers SIGINT, SIGTERM and SIGHUP itself (a command; the app
	 * has its own handlers and leaves this off).
	 */
	handleSignals: boolean;
	/** Signing for the app's `w`: messages say what to do there. */
	inApp?: boolean;
};

/** Signals that end a command while it signs. */
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Checks the key (see prepareSigningKey); throws a PreflightError naming the
 * problem. The private temp folder it makes is removed by dispose, on every
 * error, when the process exits (process.exit included), and, with
 * `handleSignals`, on SIGINT, SIGTERM and SIGHUP: a signal while ssh-keygen
 * runs (ctrl+c at its passphrase prompt) is passed on to it, and the signing
 * then fails with the shell's code for the signal (130, 143, 129); a signal at
 * any other moment removes the folder and exits with that code at once, as
 * the signal would have ended the process.
 */
export function prepareSnapshotSigning(
	source: KeySource,
	env: NodeJS.ProcessEnv,
	options: SigningOptions,
): SnapshotSigning {
	const {interactive} = options;
	const tempDir = makeTempDir();
	let child: ChildProcess | undefined;
	let caught: NodeJS.Signals | undefined;
	const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
	const onExit = () => {
		if (running()) child?.kill('SIGTERM');
		removeTempDir(tempDir);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		caught ??= signal;
		if (running()) {
			child?.kill(signal);
			return;
		}
		release();
		process.stderr.write(`preflight: interrupted (${signal})\n`);
		process.exit(signalExitCode(signal));
	};
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		process.off('exit', onExit);
		if (options.handleSignals) for (const s of ENDING_SIGNALS) process.off(s, onSignal);
		removeTempDir(tempDir);
	};
	process.on('exit', onExit);
	if (options.handleSignals) for (const s of ENDING_SIGNALS) process.on(s, onSignal);
	const sign = async (message: string | Uint8Array): Promise<string> => {
		if (caught) throw interrupted(caught);
		try {
			const armoured = await signWithSshKeygen(key, message, tempDir, interactive, (c) => {
				child = c;
			});
			// A signal that came as ssh-keygen finished still ends the command.
			if (caught) throw interrupted(caught);
			return armoured;
		} catch (error) {
			// ssh-keygen ended by the signal preflight was sent: that, not its exit, is
			// the reason. ctrl+c at its prompt reaches both processes, and its end may
			// be seen before preflight's own handler has run: its signal says so too.
			const ended = child?.signalCode;
			if (!caught && ended && ENDING_SIGNALS.includes(ended)) caught = ended;
			if (caught) throw interrupted(caught);
			throw error;
		} finally {
			child = undefined;
		}
	};
	let key: ReturnType<typeof prepareSigningKey>;
	try {
		key = prepareSigningKey(source, env, interactive, tempDir, options.inApp === true);
	} catch (error) {
		release();
		throw error;
	}
	return {
		signer: {key: keyLine(key.publicKey), fingerprint: key.fingerprint},
		sign: (text) => sign(text),
		signDsse: async (pae) => ({
			keyid: key.fingerprint,
			sig: dearmor(await sign(pae)).toString('base64'),
		}),
		dispose: release,
	};
}

function interrupted(signal: NodeJS.Signals): PreflightError {
	return new PreflightError(
		`interrupted (${signal}) while signing: nothing was written`,
		signalExitCode(signal),
	);
}
