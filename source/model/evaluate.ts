import {sanitize} from '../terminal/sanitize.js';
import {checkStale, contradiction, latestRun} from './checks.js';
import {addDuration, parseDuration} from './duration.js';
import {reviewEveryText} from './vocabulary.js';
import {ownValue} from './records.js';
import {judgeSignOffs, ruleOf, type SignJudgement, type Team} from './team.js';
import {conflictOf, conflictReason} from './conflicts.js';
import type {
	Answer,
	Conflict,
	Checklist,
	ChecklistItem,
	ChecklistSection,
	Review,
	Status,
} from './schemas.js';

/** Counts shown everywhere a review is summarised (app, status, snapshot). */
export type Totals = {
	items: number;
	pass: number;
	fail: number;
	na: number;
	waived: number;
	pending: number;
	stale: number;
	blockers: number;
};

/** One item judged at a moment: its answer, whether it is stale and why it blocks. */
export type ItemResult = {
	item: ChecklistItem;
	sectionId: string;
	answer: Answer;
	stale: boolean;
	/** Why the item keeps the review from being ready; undefined when it does not block. */
	blocker?: string;
	/** For recommended items: what would block were the item required. */
	concern?: string;
	/** Who may sign the item and whose sign-offs count (docs/team.md). */
	signing: SignJudgement;
	/**
	 * The answers two merged branches gave the item (model/conflicts.ts): the
	 * item then has no answer (`answer` is pending) and blocks, whatever its level.
	 */
	conflict?: Conflict;
};

export type SectionResult = {
	section: ChecklistSection;
	totals: Totals;
	items: ItemResult[];
};

export type Evaluation = {
	asOf: Date;
	verdict: 'ready' | 'not-ready';
	totals: Totals;
	sections: SectionResult[];
	blockers: ItemResult[];
};

export const pendingAnswer: Answer = Object.freeze({status: 'pending', evidence: []}) as Answer;

export function emptyTotals(): Totals {
	return {items: 0, pass: 0, fail: 0, na: 0, waived: 0, pending: 0, stale: 0, blockers: 0};
}

/** The item's answer; pending when none is stored (an id such as `constructor` included). */
export function answerFor(review: Review, itemId: string): Answer {
	return ownValue(review.answers, itemId) ?? pendingAnswer;
}

/** True when a pass was signed off longer ago than the item's review interval. */
export function isStale(item: ChecklistItem, answer: Answer, asOf: Date): boolean {
	// A check run is a sign-off of sorts: one older than the interval is stale too.
	return checkStale(item, answer, asOf) || signOffStale(item, answer, asOf);
}

/** True when a pass's sign-off (not its check's last run) is older than the item's review interval. */
function signOffStale(item: ChecklistItem, answer: Answer, asOf: Date): boolean {
	if (answer.status !== 'pass' || !item.reviewEvery || !answer.signedOff) return false;
	const every = parseDuration(item.reviewEvery);
	if (!every) return false;
	// "Older than" the interval (README, "The verdict"): at exactly the interval it still holds.
	return addDuration(new Date(answer.signedOff.at), every).getTime() < asOf.getTime();
}

/** A waiver holds through the whole of its expiry day (UTC). */
export function waiverExpired(expires: string, asOf: Date): boolean {
	const end = new Date(`${expires}T00:00:00.000Z`);
	end.setUTCDate(end.getUTCDate() + 1);
	return asOf.getTime() >= end.getTime();
}

/** Why this answer would keep a review from being ready, or undefined. */
export function problemWith(item: ChecklistItem, answer: Answer, asOf: Date): string | undefined {
	if (answer.reReview && answer.status !== 'pending')
		return 'the checklist item changed after this answer: re-review it';
	switch (answer.status) {
		case 'pending':
			return 'not answered yet';
		case 'fail':
			return answer.note ? `failed: ${firstLine(answer.note)}` : 'failed';
		case 'pass':
			if (item.evidenceRequired && answer.evidence.length === 0)
				return 'passed without the evidence it requires';
			{
				const contradicted = contradiction(item, answer);
				if (contradicted) return firstLine(contradicted);
			}
			if (checkStale(item, answer, asOf))
				return `stale: check last run ${latestRun(answer)?.at.slice(0, 10)}, ${reviewEveryText(item.reviewEvery ?? '')}`;
			if (signOffStale(item, answer, asOf))
				return `stale: signed off ${answer.signedOff?.at.slice(0, 10)}, ${reviewEveryText(item.reviewEvery ?? '')}`;
			return undefined;
		case 'na':
			return answer.justification?.trim() ? undefined : 'not applicable without a justification';
		case 'waived': {
			const w = answer.waiver;
			if (!w || !w.reason.trim() || !w.owner.trim() || !w.expires)
				return 'waiver lacks a reason, owner or expiry date';
			if (waiverExpired(w.expires, asOf)) return `waiver expired on ${w.expires}`;
			return undefined;
		}
	}
}

// Sanitised before it is cut: cutting first could leave half an escape
// sequence that the sanitiser would then remove together with the "…".
function firstLine(text: string): string {
	const line = sanitize(text).split('\n')[0] ?? '';
	return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function count(totals: Totals, r: ItemResult): void {
	totals.items++;
	totals[r.answer.status satisfies Status]++;
	if (r.stale) totals.stale++;
	if (r.blocker) totals.blockers++;
}

/**
 * Judges a review against its checklist at `asOf`: the verdict rule (README,
 * "The verdict"), with owners and approvals judged against `team` (without a
 * team file anyone may sign; the number of approvals still holds).
 */
export function evaluate(
	checklist: Checklist,
	review: Review,
	asOf: Date,
	team?: Team,
): Evaluation {
	const totals = emptyTotals();
	const blockers: ItemResult[] = [];
	const sections = checklist.sections.map((section): SectionResult => {
		const sectionTotals = emptyTotals();
		const items = section.items.map((item): ItemResult => {
			const answer = answerFor(review, item.id);
			const signing = judgeSignOffs(team, ruleOf(section, item), answer);
			const conflict = conflictOf(review, item.id);
			const problem = conflict
				? conflictReason(conflict)
				: (problemWith(item, answer, asOf) ?? signing.problem);
			const result: ItemResult = {
				item,
				sectionId: section.id,
				answer,
				stale: isStale(item, answer, asOf),
				signing,
			};
			if (conflict) result.conflict = conflict;
			// A conflict blocks a recommended item too: until someone settles it the
			// review does not know its answer, which is not an accepted gap.
			if (problem && (item.level === 'required' || conflict)) {
				result.blocker = problem;
				blockers.push(result);
			} else if (problem) {
				result.concern = problem;
			}
			count(sectionTotals, result);
			count(totals, result);
			return result;
		});
		return {section, totals: sectionTotals, items};
	});
	return {
		asOf,
		verdict: blockers.length === 0 ? 'ready' : 'not-ready',
		totals,
		sections,
		blockers,
	};
}

/**
 * How many of the checklist's items are conflicts (model/conflicts.ts); each
 * blocks, so they are among the blockers. What every count of conflicts shows.
 */
export function conflictsIn(evaluation: Pick<Evaluation, 'blockers'>): number {
	let n = 0;
	for (const b of evaluation.blockers) if (b.conflict) n++;
	return n;
}

/** Answered items (anything but pending) over all items. */
export function progressOf(totals: Totals): {done: number; total: number; ratio: number} {
	const done = totals.items - totals.pending;
	return {done, total: totals.items, ratio: totals.items === 0 ? 1 : done / totals.items};
}

/**
 * Answered items split in two: done (a pass, n/a or waiver that holds) and
 * needing work (a fail, a stale pass, an expired waiver…, in recommended items
 * too); the rest is open. What the bars show, in the app and in `status`.
 */
export function progressSplit(items: readonly ItemResult[]): {settled: number; blocking: number} {
	let settled = 0;
	let blocking = 0;
	for (const r of items) {
		if (r.answer.status === 'pending') continue;
		if (r.blocker ?? r.concern) blocking++;
		else settled++;
	}
	return {settled, blocking};
}
