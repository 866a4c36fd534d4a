import type {Invocation} from '../cli/args.js';
import {defaultChecklistPath, loadChecklist, type LoadedChecklist} from '../checklist/load.js';
import {PreflightError, withinLimits} from '../errors.js';
import {isAttestation, readAttestation, type ReadAttestation} from '../report/read-attestation.js';
import {readSnapshotOr, type ReadSnapshot} from '../report/read.js';
import {verifySnapshot} from '../report/verify.js';
import {checklistFor} from '../session.js';
import type {SignatureReport} from '../signing/verify-signature.js';
import type {SnapshotSigner} from '../report/snapshot.js';
import {now} from '../system/clock.js';
import {readRegularText} from '../system/regular-file.js';
import {print, printJson} from '../terminal/print.js';

/**
 * The checklist to compare the items with: `--checklist` when given (its digest
 * must be the snapshot's, or verify says so and fails), else the bundled
 * checklist when the snapshot was judged on it, else none.
 */
async function checklistToCompare(
	inv: Invocation,
	read: ReadSnapshot,
): Promise<LoadedChecklist | undefined> {
	if (inv.flags.checklist !== undefined) return checklistFor(inv.flags);
	if (!read.snapshot) return undefined;
	const bundled = loadChecklist(defaultChecklistPath());
	return bundled.digest === read.snapshot.checklist.digest ? bundled : undefined;
}

/**
 * `preflight verify FILE`: digest, bytes, preflight's rules, the checklist and
 * file evidence. Exit 0 intact, 1 changed. Every line is printed through the
 * sanitiser (terminal/print): all of it may come from an edited file.
 */
/**
 * The signature beside the snapshot (`FILE.sig`), checked when it is there,
 * when the snapshot names a signer, or when --allowed-signers or
 * --require-signature ask; undefined otherwise (nothing of signing loads).
 * A signature file that cannot be read is a bad signature.
 */
async function signatureOf(
	inv: Invocation,
	file: string,
	read: ReadSnapshot,
	attestation: ReadAttestation | undefined,
): Promise<SignatureReport | undefined> {
	const {flags} = inv;
	const named = read.snapshot?.signer;
	if (attestation) return attestationSignature(inv, file, attestation, named);
	const sigPath = `${file}.sig`;
	const sig = readRegularText(sigPath, 64 * 1024);
	if (
		!sig.ok &&
		sig.kind === 'missing' &&
		!named &&
		!flags['allowed-signers'] &&
		!flags['require-signature']
	)
		return undefined;
	const {checkSnapshotSignature, readAllowedSigners} =
		await import('../signing/verify-signature.js');
	const signers = flags['allowed-signers']
		? readAllowedSigners(flags['allowed-signers'])
		: undefined;
	if (!sig.ok && sig.kind !== 'missing')
		return {
			file: sigPath,
			state: 'bad',
			ok: false,
			allowedSignersChecked: signers !== undefined,
			problem: `${sigPath} ${sig.text}`,
			limits: (await import('../signing/verify-signature.js')).SIGNATURE_LIMITS,
		};
	return checkSnapshotSignature(
		sigPath,
		sig.ok ? sig.text : undefined,
		Buffer.from(read.text, 'utf8'),
		named,
		signers,
		now(),
	);
}

/**
 * An attestation's signature: a DSSE envelope's signatures over its PAE (one
 * that verifies, by an allowed key, is enough), or none for a bare Statement.
 */
async function attestationSignature(
	inv: Invocation,
	file: string,
	attestation: ReadAttestation,
	named: SnapshotSigner | undefined,
): Promise<SignatureReport | undefined> {
	const {flags} = inv;
	if (
		!attestation.signatures.length &&
		!named &&
		!flags['allowed-signers'] &&
		!flags['require-signature']
	)
		return undefined;
	const {checkSnapshotSignature, readAllowedSigners} =
		await import('../signing/verify-signature.js');
	const {armor} = await import('../signing/sshsig.js');
	const signers = flags['allowed-signers']
		? readAllowedSigners(flags['allowed-signers'])
		: undefined;
	const what = `${file} (DSSE)`;
	if (!attestation.signatures.length)
		return {
			...checkSnapshotSignature(what, undefined, Buffer.alloc(0), named, signers, now()),
			problem:
				attestation.kind === 'statement'
					? 'a bare in-toto Statement carries no signature (snapshot --format intoto --sign writes a signed DSSE envelope)'
					: 'the DSSE envelope has no signatures',
		};
	const reports = attestation.signatures.map((s) =>
		checkSnapshotSignature(what, armor(s.blob), s.signed, named, signers, now()),
	);
	return reports.find((r) => r.ok) ?? reports[0];
}

function signatureLines(s: SignatureReport): string[] {
	const who = s.principals?.length
		? `${s.principals.join(', ')} (${s.keyType} ${s.fingerprint})`
		: `${s.keyType} key ${s.fingerprint}`;
	const lines: string[] = [];
	if (s.state === 'valid')
		lines.push(
			s.allowedSignersChecked
				? `✔ signed by ${who}, allowed to sign in namespace preflight`
				: `✔ signature by ${who} verifies; whose key it is was not checked: pass --allowed-signers FILE`,
		);
	else if (s.state === 'missing')
		lines.push(`✖ not signed: ${s.problem ?? `${s.file} is missing`}`);
	else if (s.state === 'unknown-key')
		lines.push(`✖ signature by an unknown key: ${s.problem ?? ''}`);
	else lines.push(`✖ bad signature (${s.file}): ${s.problem ?? ''}`);
	lines.push(`note: ${s.limits}`);
	return lines;
}

export async function run(inv: Invocation): Promise<number> {
	// The parser gave the one argument the command table declares.
	const [file = ''] = inv.positionals;
	if (inv.flags['require-signature'] && !inv.flags['allowed-signers'])
		throw new PreflightError(
			'--require-signature needs --allowed-signers FILE: a signature by a key nobody listed proves nothing',
		);
	const got = readSnapshotOr(file, isAttestation, (raw) => readAttestation(file, raw));
	const attestation = 'attestation' in got ? got.attestation : undefined;
	const read = 'snapshot' in got ? got.snapshot : got.attestation.read;
	const signature = await signatureOf(inv, file, read, attestation);
	const checklist = await checklistToCompare(inv, read);
	const checked = withinLimits(file, () => verifySnapshot(read, process.cwd(), checklist));
	// A subject naming the snapshot's file with another sha256: the predicate changed.
	// …or an envelope whose payloadType was changed.
	const subjectOk =
		attestation?.subjectMismatch === undefined && attestation?.payloadTypeProblem === undefined;
	const result = {
		...checked,
		intact: checked.intact && subjectOk && (signature?.ok ?? true),
	};
	if (inv.flags.json) {
		printJson({
			file,
			...result,
			...(signature ? {signature} : {}),
			...(attestation
				? {
						attestation: {
							kind: attestation.kind,
							subjects: attestation.subjects,
							subjectIsSnapshot: attestation.subjectIsSnapshot,
							...(attestation.payloadTypeProblem
								? {payloadTypeProblem: attestation.payloadTypeProblem}
								: {}),
							...(attestation.subjectMismatch
								? {subjectMismatch: attestation.subjectMismatch}
								: {}),
						},
					}
				: {}),
		});
		return result.intact ? 0 : 1;
	}
	const verdict = result.intact
		? '✔ intact'
		: checked.intact && subjectOk
			? '✖ SIGNATURE NOT ACCEPTED'
			: '✖ CHANGED';
	const lines: string[] = [`${file}: ${verdict}`];
	const say = (line: string) => lines.push(`  ${line}`);
	if (attestation) {
		say(
			`in-toto Statement v1${attestation.kind === 'envelope' ? ' in a DSSE envelope' : ''}; its predicate is the snapshot checked below`,
		);
		if (attestation.payloadTypeProblem) say(`✖ ${attestation.payloadTypeProblem}`);
		const mismatch = attestation.subjectMismatch;
		if (mismatch)
			say(
				`✖ subject mismatch: its subject names the snapshot itself (${mismatch.name}) with sha256 ${mismatch.sha256 || '(none)'}, but the predicate hashes to ${mismatch.predicate}: the predicate was changed after the Statement was made`,
			);
		if (attestation.subjectIsSnapshot)
			say(
				`✔ its subject is the snapshot itself (sha256 ${attestation.subjects[0]?.digest.sha256 ?? ''})`,
			);
		else
			for (const s of attestation.subjects)
				if (s.name !== mismatch?.name)
					say(`vouches for ${s.name} (sha256 ${s.digest.sha256 || '(none)'})`);
	}
	if (signature) signatureLines(signature).slice(0, -1).forEach(say);
	else say(`? not signed (${attestation ? 'a bare Statement' : `no ${file}.sig`})`);
	if (result.formatProblem) say(`✖ does not fit the snapshot format: ${result.formatProblem}`);
	say(
		result.digestOk
			? `✔ digest ${result.digest} matches the content`
			: `✖ digest mismatch: the file says ${result.digest || '(none)'}, its content hashes to ${result.recomputed}`,
	);
	if (!result.bytesOk && result.digestOk && !result.formatProblem)
		say('✖ the bytes differ from what preflight wrote (whitespace, escaping or key order edited)');
	for (const problem of result.inconsistencies) say(`✖ inconsistent: ${problem}`);
	if (!result.formatProblem && result.inconsistencies.length === 0)
		say(
			result.checklist
				? `✔ answers, verdict, totals and blockers keep preflight's rules; items, levels and titles match checklist ${result.checklist}`
				: "✔ answers, verdict, totals and blockers keep preflight's rules",
		);
	if (!result.formatProblem && !result.checklist)
		say(
			'? levels, titles and evidence rules not compared with a checklist: pass --checklist FILE (the one the snapshot was judged on)',
		);
	if (result.decisionDigest)
		say(
			`decision digest ${result.decisionDigest}: what a go/no-go recorded on the review at ${read.snapshot?.generatedAt ?? '?'} records`,
		);
	if (result.formatProblem) say('file evidence not checked: the snapshot is not readable as one');
	else if (result.files.length === 0) say('no file evidence');
	for (const f of result.files) {
		const where = `${f.itemId}: ${f.ref}`;
		if (f.state === 'ok') say(`✔ ${where} unchanged`);
		else if (f.state === 'missing') say(`✖ ${where} is missing (${f.path})`);
		else if (f.state === 'unreadable') say(`✖ ${where} not checked: ${f.path} ${f.problem ?? ''}`);
		else if (f.state === 'changed')
			say(
				`✖ ${where} changed since sign-off (sha256 now ${f.actual?.slice(0, 12)}…, was ${f.recorded?.slice(0, 12)}…)`,
			);
		else say(`✖ ${where} has no recorded sha256 to compare`);
	}
	say(`note: ${result.limits}`);
	if (signature) say(signatureLines(signature).at(-1) ?? '');
	print(...lines);
	return result.intact ? 0 : 1;
}
