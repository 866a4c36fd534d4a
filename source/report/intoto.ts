// The in-toto attestation of a snapshot: a Statement v1 (in-toto/attestation
// spec/v1/statement.md) whose predicate is the snapshot and whose subjects are
// the release artifacts it vouches for, and the DSSE envelope that carries it
// signed (secure-systems-lab/dsse, envelope.md and protocol.md).
import {sha256Hex} from '../model/canonical.js';
import type {Snapshot} from './snapshot.js';
import {snapshotJson} from './write.js';

/** The Statement's type, always this for version 1. */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The payload type of a DSSE envelope carrying an in-toto Statement. */
export const DSSE_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/**
 * preflight's predicate type: the predicate is a snapshot of format 2
 * (docs/snapshots-and-verify.md). A URN: preflight has no web address of its
 * own to name it by, and a type URI need not resolve.
 */
export const PREDICATE_TYPE = 'urn:preflight:readiness-snapshot:2';

/** One artifact the attestation vouches for. */
export type Subject = {name: string; digest: {sha256: string}};

export type Statement = {
	_type: typeof STATEMENT_TYPE;
	subject: Subject[];
	predicateType: typeof PREDICATE_TYPE;
	predicate: Snapshot;
};

export type DsseEnvelope = {
	payloadType: string;
	payload: string;
	signatures: Array<{keyid: string; sig: string}>;
};

/** `NAME=sha256:HEX` (checked by the flag's schema) → a subject. */
export function subjectOf(flag: string): Subject {
	const at = flag.lastIndexOf('=sha256:');
	return {name: flag.slice(0, at), digest: {sha256: flag.slice(at + '=sha256:'.length)}};
}

/**
 * The Statement: the named subjects, or without any the snapshot itself,
 * named `<stem>.json` with the sha256 of the JSON preflight writes for it.
 */
export function statementOf(snapshot: Snapshot, subjects: Subject[], stem: string): Statement {
	return {
		_type: STATEMENT_TYPE,
		subject: subjects.length
			? subjects
			: [{name: `${stem}.json`, digest: {sha256: sha256Hex(snapshotJson(snapshot))}}],
		predicateType: PREDICATE_TYPE,
		predicate: snapshot,
	};
}

/** The text written: two-space JSON and a trailing newline, like a snapshot. */
export function attestationText(value: Statement | DsseEnvelope): string {
	return `${JSON.stringify(value, null, 2)}\n`;
}

/** DSSE's pre-authentication encoding: what each signature signs. */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
	const type = Buffer.from(payloadType, 'utf8');
	return Buffer.concat([
		Buffer.from(`DSSEv1 ${type.length} `),
		type,
		Buffer.from(` ${payload.length} `),
		Buffer.from(payload),
	]);
}

/**
 * The envelope for a Statement, its one signature made by `sign` over the PAE:
 * an SSHSIG blob (namespace preflight, base64 without armour), keyid the key's
 * SHA256 fingerprint.
 */
export async function envelopeOf(
	statement: Statement,
	sign: (pae: Buffer) => Promise<{keyid: string; sig: string}>,
): Promise<DsseEnvelope> {
	const payload = Buffer.from(JSON.stringify(statement), 'utf8');
	return {
		payloadType: DSSE_PAYLOAD_TYPE,
		payload: payload.toString('base64'),
		signatures: [await sign(pae(DSSE_PAYLOAD_TYPE, payload))],
	};
}
