import {readFileSync} from 'node:fs';
import {sha256Hex} from '../model/canonical.js';
import {emptyTotals, type Totals} from '../model/evaluate.js';
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
	/** Where the verdict, totals or blockers disagree with the items (empty when they agree). */
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

/** The totals the items make, with `blockers` as given (blockers are listed apart from the items). */
function countItems(items: Snapshot['sections'][number]['items'], blockers: number): Totals {
	const c = emptyTotals();
	for (const item of items) {
		c.items++;
		c[item.status]++;
		if (item.stale) c.stale++;
	}
	c.blockers = blockers;
	return c;
}

function totalsProblem(where: string, stated: Totals, counted: Totals): string | undefined {
	const wrong = (Object.keys(counted) as Array<keyof Totals>).filter(
		(k) => stated[k] !== counted[k],
	);
	return wrong.length
		? `${where} totals do not match the items (${wrong.map((k) => `${k} says ${stated[k]}`).join(', ')})`
		: undefined;
}

/**
 * What the snapshot's own items contradict: totals that are not their counts, a
 * verdict that is not "ready exactly when nothing blocks", a blocker that names
 * no item or a recommended one, and a required item that is pending, failed or
 * stale but not listed as a blocker. A digest has no secret, so a snapshot
 * edited and re-digested passes the digest check; these catch the edits that
 * matter most (a verdict flipped, blockers removed).
 */
export function inconsistencies(snapshot: Snapshot): string[] {
	const out: string[] = [];
	const blocking = new Map(snapshot.blockers.map((b) => [b.itemId, b]));
	const items = new Map(snapshot.sections.flatMap((s) => s.items.map((i) => [i.id, i])));
	const expected = snapshot.blockers.length === 0 ? 'ready' : 'not-ready';
	if (snapshot.verdict !== expected)
		out.push(
			`verdict is ${snapshot.verdict} with ${snapshot.blockers.length} blocker${snapshot.blockers.length === 1 ? '' : 's'}`,
		);
	for (const b of snapshot.blockers) {
		const item = items.get(b.itemId);
		if (!item) out.push(`blocker ${b.itemId} names no item`);
		else if (item.level === 'recommended') out.push(`blocker ${b.itemId} is a recommended item`);
	}
	for (const item of items.values())
		if (
			item.level === 'required' &&
			(item.status === 'pending' || item.status === 'fail' || item.stale) &&
			!blocking.has(item.id)
		)
			out.push(`${item.id} is ${item.stale ? 'stale' : item.status} but not listed as a blocker`);
	const all = snapshot.sections.flatMap((s) => s.items);
	const overall = totalsProblem(
		'overall',
		snapshot.totals,
		countItems(all, snapshot.blockers.length),
	);
	if (overall) out.push(overall);
	for (const s of snapshot.sections) {
		const blockers = s.items.filter((i) => blocking.has(i.id)).length;
		const problem = totalsProblem(`section ${s.id}`, s.totals, countItems(s.items, blockers));
		if (problem) out.push(problem);
	}
	return out;
}

/**
 * Checks a snapshot: its digest against its content, its bytes against the form
 * preflight writes, its verdict, totals and blockers against its items (see
 * inconsistencies), and every file evidence's sha256 against the file now
 * (refs resolved as the app stores them, from `cwd`).
 */
export function verifySnapshot(read: ReadSnapshot, cwd: string): VerifyResult {
	const digest = typeof read.raw.digest === 'string' ? read.raw.digest : '';
	const recomputed = snapshotDigest(read.raw);
	const digestOk = digest === recomputed;
	const bytesOk = read.snapshot !== undefined && snapshotJson(read.snapshot) === read.text;
	const files = read.snapshot ? fileEvidence(read.snapshot).map((e) => checkFile(e, cwd)) : [];
	const filesOk = files.every((f) => f.state === 'ok' || f.state === 'unhashed');
	const problems = read.snapshot ? inconsistencies(read.snapshot) : [];
	return {
		intact: digestOk && bytesOk && filesOk && problems.length === 0 && read.problem === undefined,
		inconsistencies: problems,
		digest,
		recomputed,
		digestOk,
		bytesOk,
		...(read.problem ? {formatProblem: read.problem} : {}),
		files,
	};
}
