// Readiness over time (docs/decisions.md#history): the review's audit log
// replayed day by day (UTC). The log keeps each change's status, not the
// evidence or waiver behind it, so a day is judged by status alone: an item
// passes when it is pass, n/a or waived that day, and a required item that
// does not pass blocks. The verdict of today comes from evaluate(); this is its
// trend. Pure.
import type {Checklist, Decision, Review, Status} from './schemas.js';
import {sessionsOf, type Session} from './session.js';

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

/** Every day the audit log or the decisions name, oldest first, with the counts at its end. */
export function reviewHistory(checklist: Checklist, review: Review): HistoryDay[] {
	const sectionOf = new Map<string, number>();
	const required = new Set<string>();
	checklist.sections.forEach((s, i) => {
		for (const it of s.items) {
			sectionOf.set(it.id, i);
			if (it.level === 'required') required.add(it.id);
		}
	});
	const byDay = new Map<string, Array<{item: string; to: Status}>>();
	const entries = [...review.audit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	for (const e of entries) {
		const day = e.at.slice(0, 10);
		let list = byDay.get(day);
		if (!list) byDay.set(day, (list = []));
		if (sectionOf.has(e.item)) list.push({item: e.item, to: e.to});
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
		const sections = checklist.sections.map((s) => {
			const day: SectionDay = {id: s.id, answered: 0, passing: 0, blocking: 0};
			for (const it of s.items) {
				const st = status.get(it.id) ?? 'pending';
				if (st !== 'pending') day.answered++;
				if (passing.has(st)) day.passing++;
				else if (required.has(it.id)) day.blocking++;
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
	return days;
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
