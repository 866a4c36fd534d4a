import {readFileSync} from 'node:fs';
import {sha256Hex} from '../model/canonical.js';
import {evidencePath} from '../system/evidence.js';
import type {ReadSnapshot} from './read.js';
import {snapshotDigest, type Snapshot} from './snapshot.js';
import {snapshotJson} from './write.js';

/** One file evidence as found now. */
export type FileCheck = {
	itemId: string;
	ref: string;
	path: string;
	state: 'ok' | 'changed' | 'missing' | 'unhashed';
	recorded?: string;
	actual?: string;
};

export type VerifyResult = {
	intact: boolean;
	/** The digest field as written in the file. */
	digest: string;
	/** The digest recomputed over the file's content. */
	recomputed: string;
	digestOk: boolean;
	/** The file is byte for byte what preflight writes for its content (catches whitespace edits). */
	bytesOk: boolean;
	/** Where the file breaks the snapshot format, when it does. */
	formatProblem?: string;
	files: FileCheck[];
};

function fileEvidence(snapshot: Snapshot): Array<{itemId: string; ref: string; sha256?: string}> {
	const out: Array<{itemId: string; ref: string; sha256?: string}> = [];
	for (const s of snapshot.sections)
		for (const item of s.items)
			for (const e of item.evidence)
				if (e.kind === 'file')
					out.push({itemId: item.id, ref: e.ref, ...(e.sha256 ? {sha256: e.sha256} : {})});
	return out;
}

function checkFile(e: {itemId: string; ref: string; sha256?: string}, cwd: string): FileCheck {
	const path = evidencePath(e.ref, cwd);
	let actual: string;
	try {
		actual = sha256Hex(readFileSync(path));
	} catch {
		return {itemId: e.itemId, ref: e.ref, path, state: 'missing'};
	}
	const base = {itemId: e.itemId, ref: e.ref, path, actual};
	if (!e.sha256) return {...base, state: 'unhashed'};
	return {...base, recorded: e.sha256, state: e.sha256 === actual ? 'ok' : 'changed'};
}

/**
 * Checks a snapshot: its digest against its content, its bytes against the form
 * preflight writes, and every file evidence's sha256 against the file now
 * (refs resolved as the app stores them, from `cwd`).
 */
export function verifySnapshot(read: ReadSnapshot, cwd: string): VerifyResult {
	const digest = typeof read.raw.digest === 'string' ? read.raw.digest : '';
	const recomputed = snapshotDigest(read.raw);
	const digestOk = digest === recomputed;
	const bytesOk = read.snapshot !== undefined && snapshotJson(read.snapshot) === read.text;
	const files = read.snapshot ? fileEvidence(read.snapshot).map((e) => checkFile(e, cwd)) : [];
	const filesOk = files.every((f) => f.state === 'ok' || f.state === 'unhashed');
	return {
		intact: digestOk && bytesOk && filesOk && read.problem === undefined,
		digest,
		recomputed,
		digestOk,
		bytesOk,
		...(read.problem ? {formatProblem: read.problem} : {}),
		files,
	};
}
