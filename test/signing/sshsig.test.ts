import {generateKeyPairSync, sign as cryptoSign, type KeyObject} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {
	armor,
	checkSignature,
	decodeSignature,
	dearmor,
	encodeSignature,
	signedData,
	type SshSignature,
} from '../../source/signing/sshsig.js';
import {fingerprintOf, keyLine, parseKeyLine, verifyingKey} from '../../source/signing/ssh-key.js';
import {wireMpint, wireString, WireReader} from '../../source/signing/ssh-wire.js';

/** An SSH public key blob from a Node key, the way ssh-keygen writes one. */
function blobOf(pub: KeyObject): Buffer {
	const jwk = pub.export({format: 'jwk'});
	const b = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');
	if (jwk.kty === 'OKP') return Buffer.concat([wireString('ssh-ed25519'), wireString(b(jwk.x))]);
	if (jwk.kty === 'RSA')
		return Buffer.concat([wireString('ssh-rsa'), wireMpint(b(jwk.e)), wireMpint(b(jwk.n))]);
	const id = {'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521'}[jwk.crv ?? ''] ?? '';
	return Buffer.concat([
		wireString(`ecdsa-sha2-${id}`),
		wireString(id),
		wireString(Buffer.concat([Buffer.from([4]), b(jwk.x), b(jwk.y)])),
	]);
}

/** An SSHSIG signature made in the test with node:crypto (the format from PROTOCOL.sshsig). */
function sshsig(
	kind: 'ed25519' | 'p256' | 'p384' | 'p521' | 'rsa',
	message: Buffer,
	namespace = 'preflight',
	hash = 'sha512',
) {
	const pair =
		kind === 'ed25519'
			? generateKeyPairSync('ed25519')
			: kind === 'rsa'
				? generateKeyPairSync('rsa', {modulusLength: 2048})
				: generateKeyPairSync('ec', {
						namedCurve: {p256: 'P-256', p384: 'P-384', p521: 'P-521'}[kind],
					});
	const publicKey = blobOf(pair.publicKey);
	const data = signedData(namespace, hash, message);
	let algorithm: string;
	let signature: Buffer;
	if (kind === 'ed25519') {
		algorithm = 'ssh-ed25519';
		signature = cryptoSign(null, data, pair.privateKey);
	} else if (kind === 'rsa') {
		algorithm = 'rsa-sha2-512';
		signature = cryptoSign('sha512', data, pair.privateKey);
	} else {
		const size = {p256: 32, p384: 48, p521: 66}[kind];
		const digest = {p256: 'sha256', p384: 'sha384', p521: 'sha512'}[kind];
		const rs = cryptoSign(digest, data, {key: pair.privateKey, dsaEncoding: 'ieee-p1363'});
		algorithm = new WireReader(publicKey).name();
		signature = Buffer.concat([wireMpint(rs.subarray(0, size)), wireMpint(rs.subarray(size))]);
	}
	const sig: SshSignature = {
		publicKey,
		namespace,
		reserved: Buffer.alloc(0),
		hashAlgorithm: hash,
		algorithm,
		signature,
	};
	return {sig, text: armor(encodeSignature(sig)), publicKey};
}

const message = Buffer.from('{"format": "preflight-snapshot"}\n');

describe('SSHSIG', () => {
	it('encodes and decodes a signature blob, and its armour, losslessly', () => {
		const {sig, text} = sshsig('ed25519', message);
		expect(text.startsWith('-----BEGIN SSH SIGNATURE-----\n')).toBe(true);
		expect(text.split('\n').every((l) => l.length <= 70)).toBe(true);
		expect(decodeSignature(dearmor(text))).toEqual(sig);
	});

	for (const kind of ['ed25519', 'p256', 'p384', 'p521', 'rsa'] as const)
		it(`verifies ${kind} and refuses the same signature over another message`, () => {
			const {text, publicKey} = sshsig(kind, message);
			const good = checkSignature(text, message);
			expect(good).toMatchObject({ok: true, fingerprint: fingerprintOf(publicKey)});
			const changed = Buffer.from(message);
			changed[3] = (changed[3] ?? 0) ^ 1;
			expect(checkSignature(text, changed)).toMatchObject({ok: false});
		});

	it('takes sha256 as well as sha512, and refuses another namespace or hash', () => {
		expect(checkSignature(sshsig('ed25519', message, 'preflight', 'sha256').text, message).ok).toBe(
			true,
		);
		const git = checkSignature(sshsig('ed25519', message, 'git').text, message);
		expect(git).toMatchObject({ok: false, problem: 'made for namespace "git", not "preflight"'});
		const {sig} = sshsig('ed25519', message);
		const md5 = armor(encodeSignature({...sig, hashAlgorithm: 'md5'}));
		expect(checkSignature(md5, message)).toMatchObject({ok: false});
	});

	it('refuses a signature by one key that names another', () => {
		const a = sshsig('ed25519', message);
		const b = sshsig('ed25519', message);
		const swapped = armor(encodeSignature({...a.sig, publicKey: b.publicKey}));
		expect(checkSignature(swapped, message).ok).toBe(false);
	});

	it('refuses broken armour, truncated blobs and trailing bytes with a reason', () => {
		const {text, sig} = sshsig('ed25519', message);
		expect(checkSignature('hello', message)).toMatchObject({ok: false});
		expect(checkSignature(text.replace('A', '!'), message)).toMatchObject({ok: false});
		const blob = encodeSignature(sig);
		expect(checkSignature(armor(blob.subarray(0, blob.length - 5)), message)).toMatchObject({
			problem: 'truncated',
		});
		expect(checkSignature(armor(Buffer.concat([blob, Buffer.alloc(1)])), message)).toMatchObject({
			problem: 'trailing bytes',
		});
		const v2 = Buffer.from(blob);
		v2.writeUInt32BE(2, 6);
		expect(checkSignature(armor(v2), message)).toMatchObject({
			problem: 'SSHSIG version 2 (1 is known)',
		});
	});

	it('ignores what follows the END line, as ssh-keygen -Y verify does', () => {
		const {text} = sshsig('ed25519', message);
		expect(checkSignature(`${text}\n\n  \n`, message)).toMatchObject({ok: true});
		expect(checkSignature(`${text}a note after the signature\n`, message)).toMatchObject({
			ok: true,
		});
		expect(checkSignature(`${text.trimEnd()}junk`, message)).toMatchObject({ok: true});
		// The armour itself must still be whole.
		expect(checkSignature(`junk\n${text}`, message)).toMatchObject({ok: false});
		expect(checkSignature(text.replace('-----END SSH SIGNATURE-----', ''), message)).toMatchObject({
			ok: false,
		});
	});

	it('reads public key lines and refuses keys it does not verify', () => {
		const {publicKey} = sshsig('p256', message);
		const line = `${keyLine({type: 'ecdsa-sha2-nistp256', blob: publicKey})} me@host`;
		expect(parseKeyLine(line)).toMatchObject({type: 'ecdsa-sha2-nistp256'});
		expect(parseKeyLine('ssh-ed25519 notbase64!')).toHaveProperty('problem');
		expect(parseKeyLine(`ssh-ed25519 ${publicKey.toString('base64')}`)).toHaveProperty('problem');
		const dsa = Buffer.concat([wireString('ssh-dss'), wireString('x')]);
		expect(() => verifyingKey(dsa)).toThrow(/not supported/);
	});
});
