// SSH public keys: parsing the one-line form, fingerprints, and turning a key
// blob into a Node KeyObject that node:crypto verifies with. Pure; no I/O.
import {createHash, createPublicKey, type KeyObject} from 'node:crypto';
import {WireError, WireReader} from './ssh-wire.js';

/** The key types preflight verifies: Ed25519, ECDSA on the NIST curves, RSA. */
export const KEY_TYPES = [
	'ssh-ed25519',
	'ecdsa-sha2-nistp256',
	'ecdsa-sha2-nistp384',
	'ecdsa-sha2-nistp521',
	'ssh-rsa',
] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** A public key: its type and its wire blob (what fingerprints and signatures name). */
export type PublicKey = {type: string; blob: Buffer};

/** `SHA256:` + unpadded base64 of the blob's sha256, as ssh-keygen -l prints it. */
export function fingerprintOf(blob: Uint8Array): string {
	return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key in a .pub file's form, without comment: `ssh-ed25519 AAAA…`. */
export function keyLine(key: PublicKey): string {
	return `${key.type} ${key.blob.toString('base64')}`;
}

function isBase64(text: string): boolean {
	return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

/**
 * `TYPE BASE64 [comment]` → the key, or a reason it is not one (the blob must
 * decode and name the same type as the line).
 */
export function parseKeyLine(line: string): PublicKey | {problem: string} {
	const [type = '', data = ''] = line.trim().split(/\s+/);
	if (!type || !data) return {problem: 'not a public key (TYPE BASE64 expected)'};
	if (!isBase64(data)) return {problem: `the ${type} key is not valid base64`};
	const blob = Buffer.from(data, 'base64');
	try {
		const inner = new WireReader(blob).name();
		if (inner !== type) return {problem: `the key says ${inner} inside, ${type} outside`};
	} catch {
		return {problem: `the ${type} key does not decode`};
	}
	return {type, blob};
}

const CURVES = {
	'ecdsa-sha2-nistp256': {id: 'nistp256', crv: 'P-256', size: 32, hash: 'sha256'},
	'ecdsa-sha2-nistp384': {id: 'nistp384', crv: 'P-384', size: 48, hash: 'sha384'},
	'ecdsa-sha2-nistp521': {id: 'nistp521', crv: 'P-521', size: 66, hash: 'sha512'},
} as const;

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** A key ready to verify with: the KeyObject, and per signature algorithm the digest node:crypto applies. */
export type VerifyingKey = {
	type: KeyType;
	key: KeyObject;
	/** Verifies `data` against the signature blob's inner bytes for `algorithm`. */
	curve?: (typeof CURVES)[keyof typeof CURVES];
};

/**
 * The Node KeyObject for a public key blob. Throws WireError for a blob that
 * does not decode or a type preflight does not verify (security keys `sk-…`,
 * DSA, certificates).
 */
export function verifyingKey(blob: Uint8Array): VerifyingKey {
	const r = new WireReader(blob);
	const type = r.name();
	if (type === 'ssh-ed25519') {
		const pk = r.string();
		r.end();
		if (pk.length !== 32) throw new WireError('an Ed25519 key is 32 bytes');
		return {
			type,
			key: createPublicKey({key: {kty: 'OKP', crv: 'Ed25519', x: b64url(pk)}, format: 'jwk'}),
		};
	}
	if (type === 'ssh-rsa') {
		const e = r.mpint();
		const n = r.mpint();
		r.end();
		if (n.length * 8 < 1024) throw new WireError('an RSA key under 1024 bits');
		return {
			type,
			key: createPublicKey({key: {kty: 'RSA', n: b64url(n), e: b64url(e)}, format: 'jwk'}),
		};
	}
	if (type in CURVES) {
		const curve = CURVES[type as keyof typeof CURVES];
		const id = r.name();
		const q = r.string();
		r.end();
		if (id !== curve.id) throw new WireError(`an ${type} key on curve ${id}`);
		if (q.length !== 1 + 2 * curve.size || q[0] !== 4)
			throw new WireError('an ECDSA point that is not uncompressed');
		const x = q.subarray(1, 1 + curve.size);
		const y = q.subarray(1 + curve.size);
		return {
			type: type as KeyType,
			curve,
			key: createPublicKey({
				key: {kty: 'EC', crv: curve.crv, x: b64url(x), y: b64url(y)},
				format: 'jwk',
			}),
		};
	}
	throw new WireError(`${type} keys are not supported (Ed25519, ECDSA and RSA are)`);
}
