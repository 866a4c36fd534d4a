// Readiness over time (docs/decisions.md#history): the review's audit log
// replayed day by day (UTC). The log keeps each change's status, not the
// evidence or waiver behind it, so a day is judged by status alone: an item
// passes when it is pass, n/a or waived that day, and a required item that
// does not pass blocks. The verdict of today comes from evaluate(); this is its
// trend. Each day is judged on the checklist the review had at its end: the
// review's upgrades are in its audit log, and the checklist before each one
// is kept beside the database (store/checklist-copies.ts); without a copy a
// day is judged on the current checklist, and the caller says so. Pure: the
// copies come through `PastChecklists`.
import type {Checklist, Decision, Review, Status} from './schemas.js';
import {sessionsOf, type Session} from './session.js';
import {upgradeOf} from './upgrade.js';

/** One section's counts at the end of one day. */
export type SectionDay = {id: string; answered: number; passing: number; blocking: number};

/** The review at the end of one UTC day on which something changed. */
export type HistoryDay = {
	date: string;
	sections: SectionDay[];
	totals: {answered: number; passing: number; blocking: number};
	/** The go/no-go decisions taken that day. */
	decisions: Decision[];
	/** The sessions recorded that day, with who attended (model/session.ts). */
	sessions: Session[];
};

const passing: ReadonlySet<Status> = new Set(['pass', 'na', 'waived']);

/** A checklist version a review had: from `since` (an instant; '' for the review's start). */
export type ChecklistEra = {since: string; version: string; digest: string};

/** How to find the checklists a review had before its upgrades. */
export type PastChecklists = {
	/** The digest of the checklist history is given (the current one). */
	digest: string;
	/**
	 * The checklist the review had after its last recorded upgrade (as
	 * stored), when it is not the current one: a command judging on a newer
	 * checklist upgrades in memory only, and logs nothing.
	 */
	stored?: {version: string; digest: string};
	/** The checklist of this digest as kept, or undefined when no copy is. Called once a digest. */
	copyOf: (digest: string) => Checklist | undefined;
};

/**
 * The checklists the review had, oldest first, from its audit entries
 * `upgraded checklist A (sha256:…) → B (sha256:…)`, ending with `last`
 * (the one it has now) when that differs from the last upgrade's.
 */
function checklistEras(review: Review, last: {version: string; digest: string}): ChecklistEra[] {
	const upgrades = review.audit
		.map((e) => ({at: e.at, moved: upgradeOf(e)}))
		.filter((u): u is {at: string; moved: NonNullable<ReturnType<typeof upgradeOf>>} =>
			Boolean(u.moved),
		)
		.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	const first = upgrades[0]?.moved.from;
	const eras: ChecklistEra[] = [first ? {since: '', ...first} : {since: '', ...last}];
	for (const {at, moved} of upgrades) eras.push({since: at, ...moved.to});
	if (eras.at(-1)!.digest !== last.digest)
		eras.push({since: eras.length > 1 ? eras.at(-1)!.since : '', ...last});
	return eras;
}

/** A checklist version a day could not be judged on (no copy kept): the current one stood in. */
export type MissingChecklist = {version: string; digest: string};

/** Every day the audit log or the decisions name, oldest first, with the counts at its end. */
export function reviewHistory(
	checklist: Checklist,
	review: Review,
	past?: PastChecklists,
): HistoryDay[] {
	return reviewHistoryOver(checklist, review, past).days;
}

/**
 * The review day by day (see reviewHistory), each day judged on the checklist
 * in force at its end, and the versions that had no copy (judged on the
 * current checklist instead), each named once.
 */
export function reviewHistoryOver(
	checklist: Checklist,
	review: Review,
	past?: PastChecklists,
): {days: HistoryDay[]; missing: MissingChecklist[]} {
	const eras = past
		? checklistEras(review, past.stored ?? {version: checklist.version, digest: past.digest})
		: [];
	const missing: MissingChecklist[] = [];
	const judged = new Map<string, Checklist>();
	const checklistOn = (date: string): Checklist => {
		if (!past) return checklist;
		let era = eras[0]!;
		for (const e of eras) if (e.since.slice(0, 10) <= date) era = e;
		if (era.digest === past.digest) return checklist;
		let found = judged.get(era.digest);
		if (!found) {
			found = past.copyOf(era.digest);
			if (!found) {
				missing.push({version: era.version, digest: era.digest});
				found = checklist;
			}
			judged.set(era.digest, found);
		}
		return found;
	};
	const byDay = new Map<string, Array<{item: string; to: Status}>>();
	const entries = [...review.audit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	for (const e of entries) {
		const day = e.at.slice(0, 10);
		let list = byDay.get(day);
		if (!list) byDay.set(day, (list = []));
		if (e.item !== '*') list.push({item: e.item, to: e.to});
	}
	const decisionsOn = new Map<string, Decision[]>();
	for (const d of review.decisions ?? []) {
		const day = d.at.slice(0, 10);
		decisionsOn.set(day, [...(decisionsOn.get(day) ?? []), d]);
		if (!byDay.has(day)) byDay.set(day, []);
	}
	const sessionsOn = new Map<string, Session[]>();
	for (const session of sessionsOf(review)) {
		const day = session.at.slice(0, 10);
		sessionsOn.set(day, [...(sessionsOn.get(day) ?? []), session]);
	}
	const status = new Map<string, Status>();
	const days: HistoryDay[] = [];
	for (const date of [...byDay.keys()].sort()) {
		for (const {item, to} of byDay.get(date)!) status.set(item, to);
		const sections = checklistOn(date).sections.map((s) => {
			const day: SectionDay = {id: s.id, answered: 0, passing: 0, blocking: 0};
			for (const it of s.items) {
				const st = status.get(it.id) ?? 'pending';
				if (st !== 'pending') day.answered++;
				if (passing.has(st)) day.passing++;
				else if (it.level === 'required') day.blocking++;
			}
			return day;
		});
		const totals = {answered: 0, passing: 0, blocking: 0};
		for (const s of sections) {
			totals.answered += s.answered;
			totals.passing += s.passing;
			totals.blocking += s.blocking;
		}
		days.push({
			date,
			sections,
			totals,
			decisions: decisionsOn.get(date) ?? [],
			sessions: sessionsOn.get(date) ?? [],
		});
	}
	return {days, missing};
}

/**
 * The blockers at the end of each of the last `count` days up to `today`
 * (UTC), carried over the days nothing changed; days before the review's first
 * change are left out.
 */
export function blockerTrend(days: readonly HistoryDay[], today: Date, count: number): number[] {
	const out: number[] = [];
	const end = Date.parse(`${today.toISOString().slice(0, 10)}T00:00:00Z`);
	let i = 0;
	let last: number | undefined;
	for (let k = count - 1; k >= 0; k--) {
		const date = new Date(end - k * 86_400_000).toISOString().slice(0, 10);
		while (i < days.length && days[i]!.date <= date) last = days[i++]!.totals.blocking;
		if (last !== undefined) out.push(last);
	}
	return out;
}

const bars = '▁▂▃▄▅▆▇█';

/** Numbers as a one-line bar chart, 0 as the lowest bar and the largest as the highest. */
export function sparkline(values: readonly number[]): string {
	const max = Math.max(1, ...values);
	return values
		.map((v) => bars[Math.min(bars.length - 1, Math.round((v / max) * (bars.length - 1)))])
		.join('');
}
