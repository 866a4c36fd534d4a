// What `snapshot` loads when a key is configured: the key checked, and a
// signer that signs the snapshot's JSON text. Nothing here runs for an
// unsigned snapshot.
import type {SnapshotSigner} from '../report/snapshot.js';
import type {KeySource} from './config.js';
import {keyLine} from './ssh-key.js';
import {dearmor} from './sshsig.js';
import {makeTempDir, prepareSigningKey, removeTempDir, signWithSshKeygen} from './signing-key.js';

/** A checked key: who the snapshot names as signer, and how to sign its text. */
export type SnapshotSigning = {
	signer: SnapshotSigner;
	/** The armoured SSHSIG signature of `text` (namespace preflight). */
	sign(text: string): string;
	/** A DSSE signature over `pae`: the SSHSIG blob in base64, keyid the key's fingerprint. */
	signDsse(pae: Buffer): {keyid: string; sig: string};
	/** Removes the private temp folder; call once, signed or not. */
	dispose(): void;
};

/** Checks the key (see prepareSigningKey); throws a PreflightError naming the problem. */
export function prepareSnapshotSigning(
	source: KeySource,
	env: NodeJS.ProcessEnv,
	interactive: boolean,
): SnapshotSigning {
	const tempDir = makeTempDir();
	try {
		const key = prepareSigningKey(source, env, interactive, tempDir);
		return {
			signer: {key: keyLine(key.publicKey), fingerprint: key.fingerprint},
			sign: (text) => signWithSshKeygen(key, text, tempDir, interactive),
			signDsse: (pae) => ({
				keyid: key.fingerprint,
				sig: dearmor(signWithSshKeygen(key, pae, tempDir, interactive)).toString('base64'),
			}),
			dispose: () => removeTempDir(tempDir),
		};
	} catch (error) {
		removeTempDir(tempDir);
		throw error;
	}
}
