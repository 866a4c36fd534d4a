// Reading an in-toto attestation preflight wrote (report/intoto.ts): a bare
// Statement, or a DSSE envelope carrying one. Every layer is held to a zod
// schema; the predicate is then read as a snapshot.
import {sha256Hex} from '../model/canonical.js';
import {PreflightError} from '../errors.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {DSSE_PAYLOAD_TYPE, pae, PREDICATE_TYPE, STATEMENT_TYPE, type Subject} from './intoto.js';
import {snapshotFromValue, type ReadSnapshot} from './read.js';
import {snapshotJson, snapshotStem} from './write.js';

/** Whether a parsed JSON file is an attestation rather than a snapshot. */
export function isAttestation(raw: unknown): boolean {
	if (typeof raw !== 'object' || raw === null) return false;
	return '_type' in raw || 'payloadType' in raw;
}

const envelopeSchema = () =>
	z.strictObject({
		payloadType: z.string(),
		payload: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'payload is not base64')),
		signatures: z.array(z.looseObject({keyid: z.optional(z.string()), sig: z.string()})),
	});

const statementSchema = () =>
	z.strictObject({
		_type: z.literal(STATEMENT_TYPE),
		subject: z
			.array(
				z.looseObject({
					name: z.optional(z.string()),
					digest: z.record(z.string(), z.string()),
				}),
			)
			.check(z.minLength(1, 'subject lists no artifact')),
		predicateType: z.literal(PREDICATE_TYPE),
		predicate: z.record(z.string(), z.unknown()),
	});

/** An attestation as read: the snapshot it carries, its subjects and its signatures. */
export type ReadAttestation = {
	kind: 'statement' | 'envelope';
	read: ReadSnapshot;
	subjects: Subject[];
	/** The single subject is the snapshot itself (no --subject was given when it was written). */
	subjectIsSnapshot: boolean;
	/**
	 * A subject that names the snapshot's own file (`<stem>.json`, the name
	 * preflight gives it) with a sha256 that is not the predicate's: the
	 * predicate was changed after the Statement was made.
	 */
	subjectMismatch?: {name: string; sha256: string; predicate: string};
	/** A DSSE envelope whose payloadType is not in-toto's, over an in-toto Statement: edited. */
	payloadTypeProblem?: string;
	/** Each DSSE signature: what it signs (the PAE) and the SSHSIG blob. */
	signatures: Array<{keyid?: string; blob: Buffer; signed: Buffer}>;
};

function firstIssue(error: {
	issues: ReadonlyArray<{path: PropertyKey[]; message: string}>;
}): string {
	const issue = error.issues[0];
	return `${issue?.path.map(String).join('.') || 'top'}: ${sanitizeLine(issue?.message ?? 'invalid')}`;
}

/** Reads an attestation's layers; bad input (not an attestation preflight reads) is exit 2. */
export function readAttestation(path: string, raw: unknown): ReadAttestation {
	const shown = sanitizeLine(path);
	let statementRaw: unknown = raw;
	let kind: ReadAttestation['kind'] = 'statement';
	const signatures: ReadAttestation['signatures'] = [];
	let payloadTypeProblem: string | undefined;
	if (typeof raw === 'object' && raw !== null && 'payloadType' in raw) {
		kind = 'envelope';
		const envelope = z.safeParse(envelopeSchema(), raw);
		if (!envelope.success)
			throw new PreflightError(`${shown}: not a DSSE envelope (${firstIssue(envelope.error)})`);
		// Another payloadType over a payload that is still a Statement preflight
		// wrote is an edit (the signatures, made over the type, no longer hold):
		// a changed file, exit 1. A payload that is not a Statement is bad input.
		if (envelope.data.payloadType !== DSSE_PAYLOAD_TYPE)
			payloadTypeProblem = `the envelope's payloadType is ${sanitizeLine(envelope.data.payloadType)}, not ${DSSE_PAYLOAD_TYPE}: it was changed`;
		const payload = Buffer.from(envelope.data.payload, 'base64');
		const signed = pae(envelope.data.payloadType, payload);
		for (const s of envelope.data.signatures)
			signatures.push({
				...(s.keyid ? {keyid: s.keyid} : {}),
				blob: Buffer.from(s.sig, 'base64'),
				signed,
			});
		try {
			statementRaw = JSON.parse(payload.toString('utf8'));
		} catch {
			throw new PreflightError(`${shown}: the envelope's payload is not JSON`);
		}
	}
	const statement = z.safeParse(statementSchema(), statementRaw);
	if (!statement.success)
		throw new PreflightError(
			`${shown}: not a preflight in-toto Statement (${firstIssue(statement.error)})`,
		);
	const predicate = statement.data.predicate;
	if (predicate.format !== 'preflight-snapshot')
		throw new PreflightError(`${shown}: the predicate is not a preflight snapshot`);
	// The bytes preflight would write for the predicate as it stands: the bytes
	// check then sees key order and members as written.
	const text = `${JSON.stringify(predicate, null, 2)}\n`;
	const read = snapshotFromValue(path, text, predicate);
	const subjects = statement.data.subject.map((s) => ({
		name: s.name ?? '_',
		digest: {sha256: s.digest.sha256 ?? ''},
	}));
	const own = read.snapshot ? sha256Hex(snapshotJson(read.snapshot)) : undefined;
	const ownName = read.snapshot ? `${snapshotStem(read.snapshot)}.json` : undefined;
	// The snapshot's own file: named by the predicate as it stands, or (an edit
	// of the system, release or time changes that name) the one subject,
	// named as preflight names a snapshot (`…-YYYYMMDDTHHMMSSZ.json`).
	const namesSnapshot = (name: string) =>
		name === ownName || (subjects.length === 1 && /-\d{8}T\d{6}Z(-\d+)?\.json$/.test(name));
	const mismatch =
		own === undefined
			? undefined
			: subjects.find((s) => namesSnapshot(s.name) && s.digest.sha256 !== own);
	return {
		kind,
		read,
		subjects,
		subjectIsSnapshot: subjects.length === 1 && subjects[0]?.digest.sha256 === own,
		...(payloadTypeProblem ? {payloadTypeProblem} : {}),
		...(mismatch && own
			? {subjectMismatch: {name: mismatch.name, sha256: mismatch.digest.sha256, predicate: own}}
			: {}),
		signatures,
	};
}
