// What `verify` loads when a snapshot has a signature beside it or one is
// asked for: the allowed signers file read and validated, and the signature
// checked by preflight itself (sshsig.ts).
import {PreflightError} from '../errors.js';
import type {SnapshotSigner} from '../report/snapshot.js';
import {readUserFile} from '../system/read-text.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {
	AllowedSignersError,
	parseAllowedSigners,
	signersFor,
	type AllowedSigner,
} from './allowed-signers.js';
import {fingerprintOf} from './ssh-key.js';
import {checkSignature, SIGNATURE_NAMESPACE} from './sshsig.js';

/** What a signature proves and what it does not: said by every verify that checks one. */
export const SIGNATURE_LIMITS =
	'a signature proves that the holder of the key vouched for these exact bytes; it does not prove that the answers are true, that the evidence was looked at, or when it was signed (an SSH signature carries no time: generatedAt is the signer’s own word), and it is only as good as the allowed signers file that names the key';

/** An allowed signers file read and validated: bad input is exit 2, naming the file and line. */
export function readAllowedSigners(path: string): AllowedSigner[] {
	const shown = `--allowed-signers ${sanitizeLine(path)}`;
	const text = readUserFile(path, '--allowed-signers', 1024 * 1024);
	try {
		const signers = parseAllowedSigners(text);
		if (signers.length === 0) throw new PreflightError(`${shown} lists no signers`);
		return signers;
	} catch (error) {
		if (error instanceof AllowedSignersError)
			throw new PreflightError(`${shown}: ${sanitizeLine(error.message)}`);
		throw error;
	}
}

/** The signature check's outcome, as `verify` reports it (also its --json `signature`). */
export type SignatureReport = {
	/** The signature file (`FILE.sig`). */
	file: string;
	/** valid: verifies and, when allowed signers were given, by a key they list for preflight. */
	state: 'valid' | 'missing' | 'bad' | 'unknown-key';
	ok: boolean;
	fingerprint?: string;
	keyType?: string;
	/** The principals the allowed signers file gives the key (with --allowed-signers). */
	principals?: string[];
	/** Whether the signer was checked against an allowed signers file. */
	allowedSignersChecked: boolean;
	problem?: string;
	limits: string;
};

/**
 * Checks `sigText` (undefined: no signature file) over the snapshot's bytes:
 * the SSHSIG signature in namespace preflight, that its key is the signer the
 * snapshot itself names (format 2: a signature moved from another snapshot,
 * or a file re-signed by someone else, is told apart), and with `signers`
 * that the key may sign in namespace preflight at `at` (as ssh-keygen -Y
 * verify checks validity at the time of checking).
 */
export function checkSnapshotSignature(
	file: string,
	sigText: string | undefined,
	bytes: Uint8Array,
	named: SnapshotSigner | undefined,
	signers: readonly AllowedSigner[] | undefined,
	at: Date,
): SignatureReport {
	const base = {file, allowedSignersChecked: signers !== undefined, limits: SIGNATURE_LIMITS};
	if (sigText === undefined)
		return {
			...base,
			state: 'missing',
			ok: false,
			problem: named
				? `the snapshot names signer ${named.fingerprint}, but ${file} is missing`
				: `${file} is missing`,
		};
	const check = checkSignature(sigText, bytes);
	if (!check.ok)
		return {
			...base,
			state: 'bad',
			ok: false,
			...(check.fingerprint ? {fingerprint: check.fingerprint} : {}),
			problem: check.problem,
		};
	const signed = {fingerprint: check.fingerprint, keyType: check.keyType};
	if (named && named.fingerprint !== check.fingerprint)
		return {
			...base,
			...signed,
			state: 'bad',
			ok: false,
			problem: `signed by ${check.fingerprint}, but the snapshot names ${named.fingerprint} as its signer`,
		};
	if (
		named &&
		fingerprintOf(Buffer.from(named.key.split(' ')[1] ?? '', 'base64')) !== named.fingerprint
	)
		return {
			...base,
			...signed,
			state: 'bad',
			ok: false,
			problem: 'the signer the snapshot names has a key and a fingerprint that disagree',
		};
	if (!signers) return {...base, ...signed, state: 'valid', ok: true};
	const match = signersFor(signers, check.publicKey, SIGNATURE_NAMESPACE, at);
	if (!match.ok)
		return {...base, ...signed, state: 'unknown-key', ok: false, problem: match.problem};
	return {...base, ...signed, state: 'valid', ok: true, principals: match.principals};
}
