// OpenSSH's SSHSIG format (PROTOCOL.sshsig in OpenSSH): the armoured
// signature `ssh-keygen -Y sign` writes, decoded and verified with node:crypto.
// Pure; no I/O. Verification never calls ssh-keygen: what a signature proves
// must not depend on a program found on PATH.
import {createHash, verify as cryptoVerify} from 'node:crypto';
import {fingerprintOf, verifyingKey} from './ssh-key.js';
import {WireError, WireReader, wireString, wireU32} from './ssh-wire.js';

/** The namespace preflight signs in: a signature made for git or e-mail never verifies here. */
export const SIGNATURE_NAMESPACE = 'preflight';

const MAGIC = Buffer.from('SSHSIG');
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const HASHES = ['sha256', 'sha512'] as const;

/** A decoded SSHSIG blob. */
export type SshSignature = {
	publicKey: Buffer;
	namespace: string;
	reserved: Buffer;
	hashAlgorithm: string;
	/** The signature blob: its algorithm name and the signature bytes. */
	algorithm: string;
	signature: Buffer;
};

/**
 * The armoured text → its blob; a WireError when the armour is broken. As in
 * ssh-keygen (sshsig_dearmor), the armour ends at the END line: whatever
 * follows it (a newline, blank lines, a note) is not part of the signature
 * and is ignored, so that the two verifiers agree on which files verify.
 */
export function dearmor(text: string): Buffer {
	const normal = text.replace(/\r\n/g, '\n').trimStart();
	const end = normal.indexOf(`\n${END}`);
	if (!normal.startsWith(`${BEGIN}\n`) || end < 0)
		throw new WireError(`not an SSH signature (no ${BEGIN} … ${END})`);
	const body = normal
		.slice(BEGIN.length + 1, end)
		.split('\n')
		.join('');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0)
		throw new WireError('the signature is not valid base64');
	return Buffer.from(body, 'base64');
}

/** A blob as ssh-keygen armours it: base64 in lines of 70. */
export function armor(blob: Uint8Array): string {
	const b64 = Buffer.from(blob).toString('base64');
	const lines = b64.match(/.{1,70}/g) ?? [];
	return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

/** Decodes an SSHSIG blob; a WireError names what is wrong. */
export function decodeSignature(blob: Uint8Array): SshSignature {
	const r = new WireReader(blob);
	if (!r.bytes(6).equals(MAGIC)) throw new WireError('not an SSHSIG blob');
	const version = r.u32();
	if (version !== 1) throw new WireError(`SSHSIG version ${version} (1 is known)`);
	const publicKey = r.string();
	const namespace = r.name();
	const reserved = r.string();
	const hashAlgorithm = r.name();
	const sigBlob = r.string();
	r.end();
	const s = new WireReader(sigBlob);
	const algorithm = s.name();
	const signature = s.string();
	// A security key's signature carries flags and a counter after it; those keys are refused anyway.
	return {publicKey, namespace, reserved, hashAlgorithm, algorithm, signature};
}

/** Encodes an SSHSIG blob (for tests, and for any future signer in preflight itself). */
export function encodeSignature(sig: SshSignature): Buffer {
	return Buffer.concat([
		MAGIC,
		wireU32(1),
		wireString(sig.publicKey),
		wireString(sig.namespace),
		wireString(sig.reserved),
		wireString(sig.hashAlgorithm),
		wireString(Buffer.concat([wireString(sig.algorithm), wireString(sig.signature)])),
	]);
}

/** What is signed: the preamble, namespace, reserved field, hash name and the message's hash. */
export function signedData(
	namespace: string,
	hashAlgorithm: string,
	message: Uint8Array,
	reserved: Uint8Array = Buffer.alloc(0),
): Buffer {
	return Buffer.concat([
		MAGIC,
		wireString(namespace),
		wireString(reserved),
		wireString(hashAlgorithm),
		wireString(createHash(hashAlgorithm).update(message).digest()),
	]);
}

/** The outcome of checking a signature against a message (who may sign is checked elsewhere). */
export type SignatureCheck =
	| {ok: true; publicKey: Buffer; keyType: string; fingerprint: string}
	| {ok: false; problem: string; publicKey?: Buffer; fingerprint?: string};

/** ECDSA's (mpint r, mpint s) as the fixed-width r‖s node:crypto reads with ieee-p1363. */
function p1363(signature: Buffer, size: number): Buffer {
	const r = new WireReader(signature);
	const rr = r.mpint();
	const ss = r.mpint();
	r.end();
	if (rr.length > size || ss.length > size) throw new WireError('an ECDSA signature too long');
	const out = Buffer.alloc(2 * size);
	rr.copy(out, size - rr.length);
	ss.copy(out, 2 * size - ss.length);
	return out;
}

/**
 * Checks an armoured SSHSIG signature of `message` in `namespace`: the
 * namespace, the hash algorithm (sha256 or sha512), and the signature by the
 * key it names, with node:crypto. RSA must be rsa-sha2-256 or -512 (SHA-1 is
 * refused, as OpenSSH refuses it for SSHSIG).
 */
export function checkSignature(
	armoured: string,
	message: Uint8Array,
	namespace = SIGNATURE_NAMESPACE,
): SignatureCheck {
	let sig: SshSignature;
	try {
		sig = decodeSignature(dearmor(armoured));
	} catch (error) {
		return {
			ok: false,
			problem: error instanceof WireError ? error.message : 'not an SSH signature',
		};
	}
	const fingerprint = fingerprintOf(sig.publicKey);
	const failed = (problem: string): SignatureCheck => ({
		ok: false,
		problem,
		publicKey: sig.publicKey,
		fingerprint,
	});
	if (sig.namespace !== namespace)
		return failed(`made for namespace "${sig.namespace}", not "${namespace}"`);
	if (!(HASHES as readonly string[]).includes(sig.hashAlgorithm))
		return failed(`hash ${sig.hashAlgorithm} is not sha256 or sha512`);
	try {
		const key = verifyingKey(sig.publicKey);
		const data = signedData(namespace, sig.hashAlgorithm, message, sig.reserved);
		let good: boolean;
		if (key.type === 'ssh-ed25519') {
			if (sig.algorithm !== 'ssh-ed25519')
				return failed(`an ${sig.algorithm} signature by an Ed25519 key`);
			good = cryptoVerify(null, data, key.key, sig.signature);
		} else if (key.type === 'ssh-rsa') {
			const digest = {'rsa-sha2-256': 'sha256', 'rsa-sha2-512': 'sha512'}[sig.algorithm];
			if (!digest)
				return failed(`RSA signature algorithm ${sig.algorithm} (rsa-sha2-256 or -512 expected)`);
			good = cryptoVerify(digest, data, key.key, sig.signature);
		} else {
			const curve = key.curve!;
			if (sig.algorithm !== key.type)
				return failed(`an ${sig.algorithm} signature by an ${key.type} key`);
			good = cryptoVerify(
				curve.hash,
				data,
				{key: key.key, dsaEncoding: 'ieee-p1363'},
				p1363(sig.signature, curve.size),
			);
		}
		if (!good)
			return failed(
				'the signature does not match the file: it was changed after signing, or the signature is for another file',
			);
		return {ok: true, publicKey: sig.publicKey, keyType: key.type, fingerprint};
	} catch (error) {
		if (error instanceof WireError) return failed(error.message);
		return failed('the signature or its key does not decode');
	}
}
