import {sanitizeLine} from '../terminal/sanitize.js';
import {shownStatus, statusLabel, verdictLabel, type ShownStatus} from '../model/vocabulary.js';
import type {Snapshot, SnapshotItem} from './snapshot.js';

type Located = {item: SnapshotItem; sectionId: string};

/** How one item differs between two snapshots. */
export type ItemChange = {
	itemId: string;
	title: string;
	sectionId: string;
	/** Shown status (a stale pass counts as `stale`) before and after, when it changed. */
	status?: {from: ShownStatus; to: ShownStatus};
	/** pass → anything else, or an item that did not block and now does. */
	regression: boolean;
	/** The item's blocker reason before and after, when it started or stopped blocking or its reason changed. */
	blocking?: {from?: string; to?: string};
	evidence?: {added: string[]; removed: string[]; rehashed: string[]};
	signedOff?: {from?: SnapshotItem['signedOff']; to?: SnapshotItem['signedOff']};
	/** Note, justification or waiver edits. */
	details: string[];
};

export type SnapshotDiff = {
	review: {id: string; system: string; release?: string};
	from: {generatedAt: string; digest: string};
	to: {generatedAt: string; digest: string};
	verdict?: {from: Snapshot['verdict']; to: Snapshot['verdict']};
	checklist?: {from: string; to: string};
	/** Items whose status, evidence, sign-off or details changed: regressions first, then checklist order. */
	changed: ItemChange[];
	added: Array<{itemId: string; title: string; sectionId: string; status: ShownStatus}>;
	removed: Array<{itemId: string; title: string; sectionId: string; status: ShownStatus}>;
};

function index(snapshot: Snapshot): Map<string, Located> {
	const map = new Map<string, Located>();
	for (const s of snapshot.sections)
		for (const item of s.items) map.set(item.id, {item, sectionId: s.id});
	return map;
}

function evidenceKey(e: SnapshotItem['evidence'][number]): string {
	return `${e.kind}:${e.ref}`;
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Each blocking item's reason, by item id. */
function blockerReasons(snapshot: Snapshot): Map<string, string> {
	return new Map(snapshot.blockers.map((b) => [b.itemId, b.reason]));
}

function compareItem(
	before: Located,
	after: Located,
	blockedBefore: string | undefined,
	blockedAfter: string | undefined,
): ItemChange | undefined {
	const a = before.item;
	const b = after.item;
	const from = shownStatus(a);
	const to = shownStatus(b);
	const change: ItemChange = {
		itemId: b.id,
		title: b.title,
		sectionId: after.sectionId,
		// An item can start to block with its status unchanged: a pass whose
		// checklist item changed (re-review), a waiver that expired.
		regression:
			(from === 'pass' && to !== 'pass') ||
			(blockedBefore === undefined && blockedAfter !== undefined),
		details: [],
	};
	if (from !== to) change.status = {from, to};
	if (blockedBefore !== blockedAfter)
		change.blocking = {
			...(blockedBefore !== undefined ? {from: blockedBefore} : {}),
			...(blockedAfter !== undefined ? {to: blockedAfter} : {}),
		};
	const beforeEv = new Map(a.evidence.map((e) => [evidenceKey(e), e]));
	const afterEv = new Map(b.evidence.map((e) => [evidenceKey(e), e]));
	const added = [...afterEv.keys()].filter((k) => !beforeEv.has(k));
	const removed = [...beforeEv.keys()].filter((k) => !afterEv.has(k));
	const rehashed = [...afterEv.entries()]
		.filter(([k, e]) => beforeEv.has(k) && beforeEv.get(k)?.sha256 !== e.sha256)
		.map(([k]) => k);
	if (added.length || removed.length || rehashed.length)
		change.evidence = {
			added: added.map((k) => afterEv.get(k)?.ref ?? k),
			removed: removed.map((k) => beforeEv.get(k)?.ref ?? k),
			rehashed: rehashed.map((k) => afterEv.get(k)?.ref ?? k),
		};
	if (!same(a.signedOff, b.signedOff))
		change.signedOff = {
			...(a.signedOff ? {from: a.signedOff} : {}),
			...(b.signedOff ? {to: b.signedOff} : {}),
		};
	if ((a.note ?? '') !== (b.note ?? '')) change.details.push('note edited');
	if ((a.justification ?? '') !== (b.justification ?? ''))
		change.details.push('justification changed');
	if (!same(a.waiver, b.waiver)) change.details.push('waiver changed');
	if (a.title !== b.title) change.details.push('title changed');
	if (a.level !== b.level) change.details.push(`level ${a.level} → ${b.level}`);
	const changed =
		change.status ||
		change.blocking ||
		change.evidence ||
		change.signedOff ||
		change.details.length > 0;
	return changed ? change : undefined;
}

/** What changed from `older` to `newer` (two snapshots of the same review). */
export function diffSnapshots(older: Snapshot, newer: Snapshot): SnapshotDiff {
	const before = index(older);
	const after = index(newer);
	const blockedBefore = blockerReasons(older);
	const blockedAfter = blockerReasons(newer);
	const changed: ItemChange[] = [];
	const added: SnapshotDiff['added'] = [];
	for (const [id, now] of after) {
		const was = before.get(id);
		if (!was) {
			added.push({
				itemId: id,
				title: now.item.title,
				sectionId: now.sectionId,
				status: shownStatus(now.item),
			});
			continue;
		}
		const change = compareItem(was, now, blockedBefore.get(id), blockedAfter.get(id));
		if (change) changed.push(change);
	}
	const removed: SnapshotDiff['removed'] = [...before]
		.filter(([id]) => !after.has(id))
		.map(([id, was]) => ({
			itemId: id,
			title: was.item.title,
			sectionId: was.sectionId,
			status: shownStatus(was.item),
		}));
	// Stable sort: regressions first, checklist order otherwise.
	changed.sort((x, y) => Number(y.regression) - Number(x.regression));
	const c = (s: Snapshot) => `${s.checklist.id}@${s.checklist.version}`;
	return {
		review: {
			id: newer.review.id,
			system: newer.review.system,
			...(newer.review.release ? {release: newer.review.release} : {}),
		},
		from: {generatedAt: older.generatedAt, digest: older.digest},
		to: {generatedAt: newer.generatedAt, digest: newer.digest},
		...(older.verdict !== newer.verdict ? {verdict: {from: older.verdict, to: newer.verdict}} : {}),
		...(c(older) !== c(newer) ? {checklist: {from: c(older), to: c(newer)}} : {}),
		changed,
		added,
		removed,
	};
}

function signOffText(s: SnapshotItem['signedOff']): string {
	return s ? `${s.by} ${s.at}${s.commit ? ` @ ${s.commit.slice(0, 12)}` : ''}` : 'none';
}

/** The diff for a terminal: every piece of user text sanitised. */
export function renderDiffText(
	diff: SnapshotDiff,
	verdicts: {from: Snapshot['verdict']; to: Snapshot['verdict']},
): string {
	const t = sanitizeLine;
	const name = diff.review.release
		? `${diff.review.system} ${diff.review.release}`
		: diff.review.system;
	const out: string[] = [];
	out.push(`${t(name)}: ${t(diff.from.generatedAt)} → ${t(diff.to.generatedAt)}`);
	out.push(
		diff.verdict
			? `verdict: ${verdictLabel(diff.verdict.from)} → ${verdictLabel(diff.verdict.to)}`
			: `verdict: ${verdictLabel(verdicts.to)} (unchanged)`,
	);
	if (diff.checklist) out.push(`checklist: ${t(diff.checklist.from)} → ${t(diff.checklist.to)}`);
	const regressions = diff.changed.filter((c) => c.regression).length;
	if (diff.changed.length + diff.added.length + diff.removed.length === 0) {
		out.push('no item changed');
		return `${out.join('\n')}\n`;
	}
	if (diff.changed.length) {
		out.push(
			'',
			`changed (${diff.changed.length}${regressions ? `, ${regressions} regression${regressions === 1 ? '' : 's'}` : ''}):`,
		);
		for (const c of diff.changed) {
			const head = c.status
				? `${statusLabel(c.status.from)} → ${statusLabel(c.status.to)}`
				: 'status unchanged';
			out.push(`  ${c.regression ? 'REGRESSION ' : ''}${t(c.itemId)}  ${t(c.title)}: ${head}`);
			if (c.evidence) {
				for (const r of c.evidence.added) out.push(`      + evidence ${t(r)}`);
				for (const r of c.evidence.removed) out.push(`      - evidence ${t(r)}`);
				for (const r of c.evidence.rehashed)
					out.push(`      ~ evidence ${t(r)} (file hash changed)`);
			}
			if (c.signedOff)
				out.push(
					`      sign-off: ${t(signOffText(c.signedOff.from))} → ${t(signOffText(c.signedOff.to))}`,
				);
			if (c.blocking?.to !== undefined) out.push(`      now blocks: ${t(c.blocking.to)}`);
			else if (c.blocking?.from !== undefined)
				out.push(`      no longer blocks (was: ${t(c.blocking.from)})`);
			for (const d of c.details) out.push(`      ${t(d)}`);
		}
	}
	if (diff.added.length) {
		out.push('', `added (${diff.added.length}):`);
		for (const a of diff.added)
			out.push(`  + ${t(a.itemId)}  ${t(a.title)}: ${statusLabel(a.status)}`);
	}
	if (diff.removed.length) {
		out.push('', `removed (${diff.removed.length}):`);
		for (const r of diff.removed)
			out.push(`  - ${t(r.itemId)}  ${t(r.title)}: was ${statusLabel(r.status)}`);
	}
	return `${out.join('\n')}\n`;
}
