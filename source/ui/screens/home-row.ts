// What a home row says beside its verdict: conflicts, when the whole review is
// due again, and what changes by launch day. Pure, so that its wording and its
// fitting are tested without Ink.
import type {LaunchOutlook} from '../../model/launch.js';
import {dueDay, type ReviewDue} from '../../model/review-due.js';
import {
	blockersText,
	countOf,
	statusLooks,
	verdictLine,
	verdictLooks,
	type Verdict,
} from '../../model/vocabulary.js';
import {firstThatFits} from '../components/fit-line.js';
import {cells, fitColumns} from '../components/wrap.js';

/** Between the parts of a row. */
export const SEPARATOR = ' · ';

/** What a review's second row on home is made of; each part may be absent. */
export type RowNotes = {
	conflicts: number;
	due?: ReviewDue;
	launch?: LaunchOutlook;
};

/** Whether the review has anything for a second row: due again (or soon), or a launch date, or conflicts. */
export function hasNotes(notes: RowNotes): boolean {
	return (
		notes.conflicts > 0 ||
		Boolean(notes.due && (notes.due.overdue || notes.due.soon)) ||
		notes.launch !== undefined
	);
}

/** `2 go stale · 1 waiver expires · 1 action due after`: what launch day changes, counted. */
export function launchChanges(launch: LaunchOutlook, short = false): string[] {
	return [
		launch.goStale.length ? `${launch.goStale.length} ${short ? 'stale' : 'go stale'}` : '',
		launch.waiversExpire.length
			? short
				? `${countOf(launch.waiversExpire.length, 'waiver')} ends`
				: countOf(launch.waiversExpire.length, 'waiver expires', 'waivers expire')
			: '',
		launch.dueAfter.length
			? `${countOf(launch.dueAfter.length, 'action')} ${short ? 'late' : 'due after'}`
			: '',
		launch.reviewDueBy ? (short ? 'review due' : 'review due again') : '',
	].filter(Boolean);
}

/**
 * The launch outlook as a part of a row: `by launch 2027-03-01: ✖ NOT READY · 3
 * blockers · 2 go stale · …`; short, `launch 2027-03-01: ✖ 3 blockers · …`;
 * shorter, the changes too (`2 stale · 1 waiver ends · 1 action late`).
 */
export function launchPart(launch: LaunchOutlook, short: boolean, shorter = false): string {
	const e = launch.evaluation;
	const verdict = short
		? e.verdict === 'ready'
			? verdictLooks.ready.glyph
			: `${verdictLooks['not-ready'].glyph} ${blockersText(e.blockers.length)}`
		: verdictLine(e.verdict, e.blockers.length);
	return [
		`${short ? 'launch' : 'by launch'} ${launch.date}: ${verdict}`,
		...launchChanges(launch, shorter),
	].join(' · ');
}

export function duePart(due: ReviewDue, short: boolean): string {
	const word = short ? 'due' : 'due again';
	return due.overdue ? `${word} since ${dueDay(due)}` : `${word} ${dueDay(due)}`;
}

/** One part of the second row, with what it is (for its colour). */
export type NotePart = {
	kind: 'conflict' | 'due' | 'due-soon' | 'launch';
	text: string;
	/** The launch-day verdict, for the launch part's colour. */
	verdict?: Verdict;
};

/**
 * The second row of a review on home in at most `width` columns, as parts
 * joined by ` · `: conflicts, the due marker, then the launch outlook (`by
 * launch 2027-03-01: ✖ NOT READY · 3 blockers · 2 go stale · 1 waiver expires ·
 * 1 action due after`). Too long, the due marker shortens first (`due since
 * 2026-01-10`), then the launch verdict and the conflicts (`launch 2027-03-01:
 * ✖ 3 blockers · …`, `⚠ 2`), then what changes by launch (`2 stale · 1 waiver
 * ends · 1 action late`); only then is the end cut.
 */
export function noteParts(notes: RowNotes, width: number): NotePart[] {
	const levels = [0, 1, 2, 3, 4].map((level) => {
		const parts: NotePart[] = [];
		if (notes.conflicts)
			parts.push({
				kind: 'conflict',
				text: `${statusLooks.conflict.glyph} ${level >= 3 ? notes.conflicts : countOf(notes.conflicts, 'conflict')}`,
			});
		const due = notes.due;
		if (due && (due.overdue || due.soon))
			parts.push({kind: due.overdue ? 'due' : 'due-soon', text: duePart(due, level >= 1)});
		if (notes.launch)
			parts.push({
				kind: 'launch',
				text: launchPart(notes.launch, level >= 2, level >= 4),
				verdict: notes.launch.evaluation.verdict,
			});
		return parts;
	});
	const joined = (parts: NotePart[]) => parts.map((p) => p.text).join(SEPARATOR);
	const text = firstThatFits(levels.map(joined), width);
	const chosen = levels.find((parts) => joined(parts) === text);
	if (chosen) return chosen;
	// Even the shortest is too long: cut, part by part, at the same place.
	const out: NotePart[] = [];
	let left = width;
	for (const [i, part] of (levels.at(-1) ?? []).entries()) {
		const piece = (i ? SEPARATOR : '') + part.text;
		if (cells(piece) <= left) {
			out.push({...part, text: piece.slice(i ? SEPARATOR.length : 0)});
			left -= cells(piece);
			continue;
		}
		if (left > cells(SEPARATOR) || (!i && left > 0))
			out.push({...part, text: fitColumns(part.text, left - (i ? cells(SEPARATOR) : 0))});
		break;
	}
	return out;
}

/**
 * Whether the due marker and the launch outlook, shortened as far as they go,
 * may not share one row of `width` columns: then each takes its own. Told
 * without judging the review, from the widest counts a checklist of `items`
 * items can give.
 */
export function launchOwnRow(items: number, width: number): boolean {
	const n = String(items).replace(/./g, '9');
	const widest = `${'⚠'} ${n} · due since 2026-01-10 · launch 2026-01-10: ✖ ${n} blockers · ${n} stale · ${n} waivers ends · ${n} actions late`;
	return cells(widest) > width;
}
