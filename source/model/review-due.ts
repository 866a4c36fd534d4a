// When the whole review is due again (docs/decisions.md#re-review): a
// checklist's top-level `reviewEvery` counts from the last review held — its
// latest go/no-go decision, or with none its start — with the calendar
// arithmetic of an item's staleness. Pure.
import {addDuration, parseDuration} from './duration.js';
import type {Checklist, Review} from './schemas.js';
import {everyText} from './vocabulary.js';

/** Reviews due within this many days are "soon due" (home, status). */
export const SOON_DAYS = 30;

/** When a review is due again, judged at one moment. */
export type ReviewDue = {
	/** The checklist's `reviewEvery`, as written (`P1Y`). */
	every: string;
	/** What the interval counts from: the latest decision, or the review's start. */
	from: 'decision' | 'start';
	/** The moment counted from (ISO). */
	since: string;
	/** The moment the review is due again. */
	due: Date;
	/** Past due: the moment judged at is after `due` (as a pass is stale after its interval). */
	overdue: boolean;
	/** Not past due, but due within SOON_DAYS. */
	soon: boolean;
};

/**
 * When the review is due again as judged at `asOf`, or undefined when the
 * checklist sets no `reviewEvery`. Decisions recorded after `asOf` are not
 * counted: judged as of then, they had not been taken.
 */
export function reviewDue(checklist: Checklist, review: Review, asOf: Date): ReviewDue | undefined {
	const every = checklist.reviewEvery ? parseDuration(checklist.reviewEvery) : undefined;
	if (!checklist.reviewEvery || !every) return undefined;
	const t = asOf.getTime();
	let last: string | undefined;
	for (const d of review.decisions ?? [])
		if (Date.parse(d.at) <= t && (last === undefined || Date.parse(d.at) > Date.parse(last)))
			last = d.at;
	const since = last ?? review.createdAt;
	const due = addDuration(new Date(since), every);
	const overdue = due.getTime() < t;
	const soonEnd = addDuration(asOf, {...zero, days: SOON_DAYS});
	return {
		every: checklist.reviewEvery,
		from: last === undefined ? 'start' : 'decision',
		since,
		due,
		overdue,
		soon: !overdue && due.getTime() <= soonEnd.getTime(),
	};
}

const zero = {years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0};

/** `2026-01-10`: the UTC day of the due moment. */
export function dueDay(due: ReviewDue): string {
	return due.due.toISOString().slice(0, 10);
}

/** Short, for a row: `due again since 2026-01-10`, `due again 2026-01-10`. */
export function reviewDueShort(due: ReviewDue): string {
	return due.overdue ? `due again since ${dueDay(due)}` : `due again ${dueDay(due)}`;
}

/**
 * One line for status, gate and the summary:
 * `review due again since 2026-01-10 (every 1 year, from the decision of 2025-01-10)`.
 */
export function reviewDueLine(due: ReviewDue): string {
	const from =
		due.from === 'decision'
			? `from the last decision, ${due.since.slice(0, 10)}`
			: `from its start, ${due.since.slice(0, 10)}`;
	return `review ${reviewDueShort(due)} (${everyText(due.every)}, ${from})`;
}

/** The machine-readable form, for `--json` and snapshots. */
export function reviewDueJson(due: ReviewDue) {
	return {
		every: due.every,
		from: due.from,
		since: due.since,
		due: due.due.toISOString(),
		overdue: due.overdue,
	};
}
