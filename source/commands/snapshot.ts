import {reviewHistory} from '../model/history.js';
import {pastChecklists} from '../store/past-checklists.js';
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {renderJunit} from '../report/junit.js';
import {renderMarkdown} from '../report/markdown.js';
import {checkOutFile} from '../report/out-file.js';
import {attestationText, envelopeOf, statementOf, subjectOf} from '../report/intoto.js';
import {decisionSummary} from '../report/decision.js';
import {buildSnapshot, checkSnapshot, type Snapshot} from '../report/snapshot.js';
import {
	snapshotJson,
	snapshotStem,
	writeSnapshotFiles,
	writeSnapshotPair,
} from '../report/write.js';
import {snapshotsDir} from '../store/database.js';
import {writeFileDurably} from '../store/durable-write.js';
import {now} from '../system/clock.js';
import {configuredSigningKey} from '../signing/config.js';
import type {SnapshotSigning} from '../signing/sign-snapshot.js';
import {print, printError} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {judgeReview, renameNotes} from './common.js';

/**
 * The signing of this run, when a key is configured and the format is JSON:
 * the key checked before anything is judged or written (signing code loads
 * only then). `--sign` with another format is refused; a key from the
 * environment or git is simply not used for Markdown or JUnit.
 */
async function signingFor(
	flags: Invocation['flags'],
	format: string,
): Promise<SnapshotSigning | undefined> {
	if (flags['no-sign'] && flags.sign !== undefined)
		throw new PreflightError('--sign and --no-sign contradict each other');
	if (flags.sign !== undefined && format !== 'json' && format !== 'intoto')
		throw new PreflightError(
			'--sign signs the JSON snapshot or the in-toto attestation: it goes with --format json or intoto',
		);
	if (flags['no-sign'] || (format !== 'json' && format !== 'intoto')) return undefined;
	const source = configuredSigningKey(flags.sign, process.env, process.cwd());
	if (!source) return undefined;
	const {prepareSnapshotSigning} = await import('../signing/sign-snapshot.js');
	return prepareSnapshotSigning(source, process.env, {
		interactive: process.stdin.isTTY === true,
		handleSignals: true,
	});
}

const extensions = {json: 'json', md: 'md', junit: 'xml'} as const;
type Format = 'json' | 'md' | 'junit' | 'intoto';

/**
 * `preflight snapshot`: json (default) writes the .json and .md pair into the
 * snapshots folder beside the database; md and junit write one file; names are
 * `<system>-<release>-<UTC timestamp>` and never taken twice (see
 * writeSnapshotFiles). `--out FILE` writes exactly that file, within the limits
 * of checkOutFile (`--force` for an existing file that is not a snapshot).
 * Prints the path(s).
 */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const format = flags.format ?? 'json';
	// The parser already refuses it (this command's row names its formats); this tells the compiler.
	if (format === 'yaml' || format === 'csv')
		throw new PreflightError('--format must be one of json, md, junit, intoto');
	if (flags.subject && format !== 'intoto')
		throw new PreflightError(
			'--subject names what an attestation vouches for: it goes with --format intoto',
		);
	if (flags.force && !flags.out)
		throw new PreflightError('--force goes with --out (new snapshot files never replace anything)');
	const generatedAt = now();
	const signing = await signingFor(flags, format);
	try {
		return await write(flags, format, generatedAt, signing);
	} finally {
		signing?.dispose();
	}
}

async function write(
	flags: Invocation['flags'],
	format: Format,
	generatedAt: Date,
	signing: SnapshotSigning | undefined,
): Promise<number> {
	const {review, loaded, dbPath, evaluation, asOf, proposals, upgrade} = await judgeReview(
		flags,
		generatedAt,
	);
	// stdout is the paths written; answers waiting to be re-attached (not in the
	// snapshot: they are not judged) are said on stderr once it is written.
	const written = (...paths: string[]) => {
		print(...paths);
		if (signing)
			printError(`signed by ${signing.signer.fingerprint} (${signing.signer.key.split(' ')[0]})`);
		for (const line of renameNotes(review, proposals)) printError(line);
		return 0;
	};
	// Recorded only when --as-of named a moment: without it, the snapshot is judged when written.
	const judgedAt = flags['as-of'] === undefined ? undefined : asOf;
	const decision = decisionSummary(review, loaded);
	// The review's history (the audit replayed on each checklist version it was on), for the Markdown.
	const history = () =>
		reviewHistory(loaded.checklist, review, pastChecklists(dbPath, loaded.digest, upgrade?.from));
	const snapshot = buildSnapshot(evaluation, review, loaded, generatedAt, {
		...(judgedAt ? {asOf: judgedAt} : {}),
		...(decision ? {decision} : {}),
		...(signing ? {signer: signing.signer} : {}),
	});
	if (format === 'intoto') return writeAttestation(flags, snapshot, dbPath, signing, written);
	const render = {
		json: snapshotJson,
		md: (s: typeof snapshot) => renderMarkdown(s, judgedAt, history()),
		junit: (s: typeof snapshot) => renderJunit(s, judgedAt),
	}[format];
	if (flags.out) {
		const out = resolve(flags.out);
		checkOutFile(flags.out, out, dbPath, flags.force === true);
		if (signing) checkOutFile(`${flags.out}.sig`, `${out}.sig`, dbPath, flags.force === true);
		await checkSnapshot(snapshot);
		const text = render(snapshot);
		const signature = await signing?.sign(text);
		await writeFileDurably(out, text);
		if (signature === undefined) {
			await dropStaleSignature(out);
			return written(out);
		}
		await writeFileDurably(`${out}.sig`, signature);
		return written(out, `${out}.sig`);
	}
	const dir = snapshotsDir(dbPath);
	if (format === 'json') {
		const paths = await writeSnapshotPair(snapshot, dir, judgedAt, signing?.sign, history());
		return written(paths.json, paths.markdown, ...(paths.signature ? [paths.signature] : []));
	}
	await checkSnapshot(snapshot);
	const [path] = await writeSnapshotFiles(dir, snapshotStem(snapshot), [
		{ext: extensions[format], content: render(snapshot)},
	]);
	return written(path ?? '');
}

/**
 * After `--out FILE` was written without a `.sig` of its own: a `FILE.sig`
 * left from an earlier signed snapshot no longer fits (verify would refuse
 * it). One preflight wrote (an SSHSIG in namespace preflight) is removed; any
 * other file of that name is only pointed out. One line either way.
 */
async function dropStaleSignature(out: string): Promise<void> {
	if (!existsSync(`${out}.sig`)) return;
	const {removeStaleSignature} = await import('../signing/stale-signature.js');
	printError(
		removeStaleSignature(`${out}.sig`)
			? `removed ${sanitizeLine(out)}.sig: it signed the snapshot this file replaces`
			: `${sanitizeLine(out)}.sig is not a signature of this snapshot: verify will refuse it; remove it, or sign with --sign`,
	);
}

/**
 * `--format intoto`: an in-toto Statement whose predicate is the snapshot,
 * `<stem>.intoto.json`; signed, the DSSE envelope that carries it,
 * `<stem>.dsse.json`. One file, or exactly `--out`.
 */
async function writeAttestation(
	flags: Invocation['flags'],
	snapshot: Snapshot,
	dbPath: string,
	signing: SnapshotSigning | undefined,
	written: (...paths: string[]) => number,
): Promise<number> {
	await checkSnapshot(snapshot);
	const stem = snapshotStem(snapshot);
	const statement = statementOf(snapshot, (flags.subject ?? []).map(subjectOf), stem);
	const text = attestationText(signing ? await envelopeOf(statement, signing.signDsse) : statement);
	if (flags.out) {
		const out = resolve(flags.out);
		checkOutFile(flags.out, out, dbPath, flags.force === true);
		await writeFileDurably(out, text);
		// An attestation carries its signature inside: a .sig beside the file it replaced is stale.
		await dropStaleSignature(out);
		return written(out);
	}
	const [path] = await writeSnapshotFiles(snapshotsDir(dbPath), stem, [
		{ext: signing ? 'dsse.json' : 'intoto.json', content: text},
	]);
	return written(path ?? '');
}
