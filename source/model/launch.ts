// The launch date (docs/decisions.md): a review may name the day it ships, and
// is then judged twice, now and at the end of that UTC day (the --as-of
// judgement), naming what changes in between: passes that go stale, waivers
// that expire, action items due after it. Pure.
import {withReviewEntry} from './review-log.js';
import type {Actor} from './actor.js';
import {listActions, type ListedAction} from './actions.js';
import {evaluate, waiverExpired, type Evaluation, type ItemResult} from './evaluate.js';
import type {Checklist, Review} from './schemas.js';
import {isoDate} from './schemas.js';
import type {Team} from './team.js';
import {parseAsOf} from './time.js';
import {dueDay, reviewDue, type ReviewDue} from './review-due.js';
import * as z from './zod.js';

/** The years a launch date may fall in: a day someone could ship on, as a date input takes it. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

/** Why `text` cannot be a launch date, or undefined. */
export function invalidLaunchDate(text: string): string | undefined {
	if (!z.safeParse(isoDate, text).success)
		return `launch date "${text}" is not a date as YYYY-MM-DD`;
	const year = Number(text.slice(0, 4));
	if (year < FIRST_YEAR || year > LAST_YEAR)
		return `launch date ${text} is not a day to launch on: give a year from ${FIRST_YEAR} to ${LAST_YEAR}`;
	return undefined;
}

/**
 * Why a valid launch date deserves a second look, or undefined: a day before
 * `now`'s (UTC) is accepted (a launch may be recorded after the fact) but said:
 * it is more often a typo, and its "on launch day" judgement is not a forecast.
 */
export function pastLaunchDate(date: string, now: Date, short = false): string | undefined {
	const today = now.toISOString().slice(0, 10);
	if (date >= today) return undefined;
	// Short, where a label has already said it is the launch date (the form).
	return `${short ? '' : 'launch date '}${date} is in the past: today is ${today} (UTC)`;
}

/** The review with its launch date set (or cleared with undefined), audited as a review-level change (`*`). */
export function withLaunchDate(review: Review, date: string | undefined, actor: Actor): Review {
	if (review.launchDate === date) return review;
	const {launchDate: _old, ...rest} = review;
	return withReviewEntry(
		{...rest, ...(date ? {launchDate: date} : {})},
		actor,
		date
			? `launch date: ${date}${review.launchDate ? ` (was ${review.launchDate})` : ''}`
			: `launch date removed (was ${review.launchDate ?? ''})`,
	);
}

/** The review judged on launch day, and what differs from now. */
export type LaunchOutlook = {
	date: string;
	/** The end of the launch day (UTC), as `--as-of DATE` judges. */
	at: Date;
	evaluation: Evaluation;
	/** Passes fresh now that are stale on launch day. */
	goStale: ItemResult[];
	/** Waivers in force now that have expired by launch day. */
	waiversExpire: ItemResult[];
	/** Open action items due after the launch day. */
	dueAfter: ListedAction[];
	/** The whole review, not due again now, is due again by the end of launch day. */
	reviewDueBy?: ReviewDue;
};

/** The launch-day judgement of a review with a launch date; undefined without one. */
export function launchOutlook(
	checklist: Checklist,
	review: Review,
	now: Evaluation,
	nowAt: Date,
	team?: Team,
): LaunchOutlook | undefined {
	const date = review.launchDate;
	if (!date) return undefined;
	const parsed = parseAsOf(date);
	if (!parsed.ok) return undefined;
	const at = parsed.date;
	const evaluation = evaluate(checklist, review, at, team);
	const before = new Map<string, ItemResult>();
	for (const s of now.sections) for (const r of s.items) before.set(r.item.id, r);
	const goStale: ItemResult[] = [];
	const waiversExpire: ItemResult[] = [];
	for (const s of evaluation.sections)
		for (const r of s.items) {
			const was = before.get(r.item.id);
			if (r.stale && was && !was.stale) goStale.push(r);
			const w = r.answer.status === 'waived' ? r.answer.waiver : undefined;
			if (w && !waiverExpired(w.expires, nowAt) && waiverExpired(w.expires, at))
				waiversExpire.push(r);
		}
	const dueAfter = listActions(review, checklist, nowAt).filter(
		(a) => a.open && a.action.due > date,
	);
	const dueThen = reviewDue(checklist, review, at);
	const dueBy =
		dueThen?.overdue && !reviewDue(checklist, review, nowAt)?.overdue ? dueThen : undefined;
	return {
		date,
		at,
		evaluation,
		goStale,
		waiversExpire,
		dueAfter,
		...(dueBy ? {reviewDueBy: dueBy} : {}),
	};
}

/** The lines that name what launch day changes, for status and the summary. */
export function launchLines(outlook: LaunchOutlook): string[] {
	const lines: string[] = [];
	if (outlook.goStale.length)
		lines.push(`goes stale by launch: ${outlook.goStale.map((r) => r.item.id).join(', ')}`);
	if (outlook.waiversExpire.length)
		lines.push(
			`waiver expires by launch: ${outlook.waiversExpire.map((r) => `${r.item.id} (${r.answer.waiver?.expires ?? ''})`).join(', ')}`,
		);
	if (outlook.dueAfter.length)
		lines.push(
			`action items due after launch: ${outlook.dueAfter.map((a) => `${a.item} ${a.n} (${a.action.due})`).join(', ')}`,
		);
	if (outlook.reviewDueBy) lines.push(`review due again by launch: ${dueDay(outlook.reviewDueBy)}`);
	return lines;
}
