import type {LoadedChecklist} from '../checklist/load.js';
import {evidencePath} from '../system/evidence.js';
import {hashEvidenceFile} from '../system/evidence-file.js';
import type {ReadSnapshot} from './read.js';
import {decisionDigestOf, snapshotDigest, type Snapshot} from './snapshot.js';
import {ruleProblems} from './verify-rules.js';
import {snapshotJson} from './write.js';

/** One file evidence as found now. */
export type FileCheck = {
	itemId: string;
	ref: string;
	path: string;
	/** `unreadable`: there, but not a regular file, too large or not readable (see `problem`); `unhashed`: no sha256 recorded to compare. */
	state: 'ok' | 'changed' | 'missing' | 'unreadable' | 'unhashed';
	recorded?: string;
	actual?: string;
	/** Why the file could not be hashed, for `unreadable`. */
	problem?: string;
};

export type VerifyResult = {
	intact: boolean;
	/** Where the snapshot breaks preflight's rules or its checklist (empty when it keeps them). */
	inconsistencies: string[];
	/** The digest field as written in the file. */
	digest: string;
	/** The digest recomputed over the file's content. */
	recomputed: string;
	digestOk: boolean;
	/** The file is byte for byte what preflight writes for its content (catches whitespace edits). */
	bytesOk: boolean;
	/** Where the file breaks the snapshot format, when it does. */
	formatProblem?: string;
	/** The checklist the items were compared with (its path), when one was. */
	checklist?: string;
	files: FileCheck[];
	/**
	 * The snapshot's decision digest (docs/decisions.md): what a go/no-go
	 * recorded on the review at its `generatedAt` records. Absent when the
	 * file is not readable as a snapshot.
	 */
	decisionDigest?: string;
	/** What these checks cannot prove. */
	limits: string;
};

/** What a digest without a signature cannot prove: printed by every verify. */
export const VERIFY_LIMITS =
	'the digest has no secret: whoever edits a snapshot can recompute it, so these checks show that the file keeps preflight’s rules (and matches the checklist it was compared with), not who wrote it, when, or that its answers are what the database held; keep snapshots in git or sign them';

function fileEvidence(snapshot: Snapshot): Array<{itemId: string; ref: string; sha256?: string}> {
	const out: Array<{itemId: string; ref: string; sha256?: string}> = [];
	for (const s of snapshot.sections)
		for (const item of s.items)
			for (const e of item.evidence)
				if (e.kind === 'file' || e.kind === 'check')
					out.push({itemId: item.id, ref: e.ref, ...(e.sha256 ? {sha256: e.sha256} : {})});
	return out;
}

/** Hashes the file now: only a regular file, bounded in size (see hashEvidenceFile). */
function checkFile(e: {itemId: string; ref: string; sha256?: string}, cwd: string): FileCheck {
	const path = evidencePath(e.ref, cwd);
	const base = {itemId: e.itemId, ref: e.ref, path};
	const hashed = hashEvidenceFile(path);
	if (!hashed.ok)
		return hashed.kind === 'missing'
			? {...base, state: 'missing'}
			: {...base, state: 'unreadable', problem: hashed.text};
	const found = {...base, actual: hashed.sha256};
	if (!e.sha256) return {...found, state: 'unhashed'};
	return {...found, recorded: e.sha256, state: e.sha256 === hashed.sha256 ? 'ok' : 'changed'};
}

/**
 * Checks a snapshot: its digest against its content, its bytes against the form
 * preflight writes, its items against preflight's rules and, with `checklist`,
 * against the checklist it records (see ruleProblems), and every file
 * evidence's sha256 against the file now (refs resolved as the app stores
 * them, from `cwd`). A file evidence without a recorded sha256 is not intact:
 * preflight records one for every file.
 */
export function verifySnapshot(
	read: ReadSnapshot,
	cwd: string,
	checklist?: LoadedChecklist,
): VerifyResult {
	const digest = typeof read.raw.digest === 'string' ? read.raw.digest : '';
	const recomputed = snapshotDigest(read.raw);
	const digestOk = digest === recomputed;
	const bytesOk = read.snapshot !== undefined && snapshotJson(read.snapshot) === read.text;
	const files = read.snapshot ? fileEvidence(read.snapshot).map((e) => checkFile(e, cwd)) : [];
	const filesOk = files.every((f) => f.state === 'ok');
	const problems = read.snapshot ? ruleProblems(read.snapshot, checklist) : [];
	return {
		intact: digestOk && bytesOk && filesOk && problems.length === 0 && read.problem === undefined,
		inconsistencies: problems,
		digest,
		recomputed,
		digestOk,
		bytesOk,
		...(read.problem ? {formatProblem: read.problem} : {}),
		...(checklist && read.snapshot ? {checklist: checklist.path} : {}),
		files,
		...(read.snapshot ? {decisionDigest: decisionDigestOf(read.snapshot)} : {}),
		limits: VERIFY_LIMITS,
	};
}
