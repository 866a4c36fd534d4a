// The go/no-go decision (docs/decisions.md): what it is taken on, and whether
// it still stands. A decision records the decision digest of the snapshot of
// the review at that moment (what is judged and reported as the review's
// state: not its decisions, when it is due again, or discuss-later marks). It
// stands while nothing of that changed after it: no recorded change after it
// but sessions, decisions and marks, and the same decision digest when the
// snapshot is built again at its moment.
import {withReviewEntry} from '../model/review-log.js';
import type {LoadedChecklist} from '../checklist/load.js';
import {evaluate, type Evaluation} from '../model/evaluate.js';
import type {Actor} from '../model/actor.js';
import {LATER_CLEARED, LATER_MARKED} from '../model/later.js';
import type {AuditEntry, Decision, Review} from '../model/schemas.js';
import {sessionAttendees} from '../model/session.js';
import {buildSnapshot, type DecisionSummary} from './snapshot.js';

/** The audit detail of a decision starts so (item `*`). */
const DECISION_PREFIX = 'decision: ';

/**
 * The digest a decision taken at `at` records: that of the unsigned snapshot
 * of the review judged and generated at `at`, as a decision is taken on it
 * (`decisionView`: without its decisions, reviewDue and discuss-later marks).
 */
export function decisionDigest(
	review: Review,
	loaded: LoadedChecklist,
	at: Date,
): {digest: string; evaluation: Evaluation} {
	const evaluation = evaluate(loaded.checklist, review, at, loaded.team);
	return {
		digest: buildSnapshot(evaluation, review, loaded, at, {decisionView: true}).digest,
		evaluation,
	};
}

/**
 * The digest decisions recorded by earlier versions took: the snapshot of the
 * review without its decisions (marks and reviewDue included). Such a
 * decision still stands while that digest matches.
 */
function earlierDigest(review: Review, loaded: LoadedChecklist, at: Date): string {
	const {decisions: _d, ...rest} = review;
	const basis = {...rest, audit: review.audit.filter((e) => e.item !== '*')};
	return buildSnapshot(evaluate(loaded.checklist, basis, at, loaded.team), basis, loaded, at)
		.digest;
}

/** Why a decision may not be recorded now, or undefined when it may. */
function refusedDecision(
	decision: Decision['decision'],
	evaluation: Evaluation,
): string | undefined {
	if (decision === 'go' && evaluation.verdict !== 'ready')
		return `a go is refused while the verdict is NOT READY (${evaluation.blockers.length} blocker${evaluation.blockers.length === 1 ? '' : 's'}): nothing ships until everything checks out; accepted risks are waivers, each with its owner and expiry`;
	return undefined;
}

/** The review with a decision recorded (and audited, as item `*`), taken at the actor's moment. */
export function withDecision(
	review: Review,
	loaded: LoadedChecklist,
	decision: Decision['decision'],
	actor: Actor,
	note?: string,
	attendees?: readonly string[],
): {review: Review; decision: Decision} | {error: string} {
	const {digest, evaluation} = decisionDigest(review, loaded, actor.at);
	const refused = refusedDecision(decision, evaluation);
	if (refused) return {error: refused};
	const at = actor.at.toISOString();
	const recorded: Decision = {
		decision,
		by: actor.by,
		...(actor.email ? {email: actor.email} : {}),
		at,
		...(actor.commit ? {commit: actor.commit} : {}),
		verdict: evaluation.verdict,
		digest,
		...(note?.trim() ? {note: note.trim()} : {}),
		...(attendees?.length ? {attendees: [...attendees]} : {}),
	};
	return {
		decision: recorded,
		review: withReviewEntry(
			{...review, decisions: [...(review.decisions ?? []), recorded]},
			actor,
			`${DECISION_PREFIX}${decision}${recorded.note ? ` — ${recorded.note}` : ''} (${digest})${attendedBy(recorded)}`,
		),
	};
}

/** Where the last decision stands against the review as it is now. */
export type DecisionStanding =
	| {state: 'none'}
	| {state: 'go' | 'no-go'; decision: Decision}
	| {state: 'void'; decision: Decision; reason: string};

/**
 * A recorded change that leaves what a decision is taken on as it was: a
 * session (who attended), a decision, a discuss-later mark set or cleared.
 */
function outsideDecision(entry: AuditEntry): boolean {
	if (entry.item === '*')
		return Boolean(entry.detail?.startsWith(DECISION_PREFIX) || sessionAttendees(entry));
	return [LATER_MARKED, LATER_CLEARED].some(
		(mark) => entry.detail === mark || entry.detail === `${mark} (undo)`,
	);
}

/**
 * The first recorded change after the decision that voids it: any audit entry
 * of a later moment but those outside what it was taken on. Changed back or
 * not: a launch date moved and moved back, a fail turned back into a pass,
 * void it all the same. (Entries of the decision's very moment cannot be told
 * before it from after it once stored: the store orders them by time alone.
 * What they changed, the decision digest still tells.)
 */
function changeAfter(review: Review, decision: Decision): AuditEntry | undefined {
	const at = Date.parse(decision.at);
	return review.audit.find((e) => Date.parse(e.at) > at && !outsideDecision(e));
}

/** What a change recorded after a decision was, in a few words. */
function changeWords(entry: AuditEntry): string {
	const what =
		entry.item === '*'
			? (entry.detail ?? 'a review-level change')
			: `${entry.item} ${entry.from === entry.to ? entry.to : `${entry.from} → ${entry.to}`}${entry.detail ? `: ${entry.detail}` : ''}`;
	const short = what.length > 100 ? `${what.slice(0, 99)}…` : what;
	return `${short}, by ${entry.by} at ${entry.at}`;
}

/** The last decision, and whether the review changed after it (then it is void, and why). */
export function decisionStanding(review: Review, loaded: LoadedChecklist): DecisionStanding {
	const decision = review.decisions?.at(-1);
	if (!decision) return {state: 'none'};
	const change = changeAfter(review, decision);
	if (change) return {state: 'void', decision, reason: changeWords(change)};
	const at = new Date(decision.at);
	const {digest} = decisionDigest(review, loaded, at);
	if (digest !== decision.digest && earlierDigest(review, loaded, at) !== decision.digest)
		return {
			state: 'void',
			decision,
			reason: `judged at its moment, it is not what the decision was taken on: its decision digest is now ${digest}`,
		};
	return {state: decision.decision, decision};
}

/** The decision summary a snapshot carries: the last decision, standing or void (and why). */
export function decisionSummary(
	review: Review,
	loaded: LoadedChecklist,
): DecisionSummary | undefined {
	const standing = decisionStanding(review, loaded);
	if (standing.state === 'none') return undefined;
	const d = standing.decision;
	return {
		state: standing.state === 'void' ? 'void' : 'standing',
		decision: d.decision,
		by: d.by,
		at: d.at,
		digest: d.digest,
		...(standing.state === 'void' ? {reason: standing.reason} : {}),
	};
}

/** ` · attended by Ann, Bo Li` for a decision taken in a session with attendees, else ''. */
export function attendedBy(decision: Decision): string {
	return decision.attendees?.length ? ` · attended by ${decision.attendees.join(', ')}` : '';
}

/** A decision's standing as `status --json` and `gate --json` give it. */
export function standingJson(standing: DecisionStanding): {
	state: DecisionStanding['state'];
	recorded?: Decision;
	reason?: string;
} {
	return {
		state: standing.state,
		...(standing.state !== 'none' ? {recorded: standing.decision} : {}),
		...(standing.state === 'void' ? {reason: standing.reason} : {}),
	};
}

/** One line on a decision's standing, for status, gate and the summary. */
export function standingLine(standing: DecisionStanding): string {
	switch (standing.state) {
		case 'none':
			return 'decision: none recorded';
		case 'void':
			return `decision: ${standing.decision.decision} by ${standing.decision.by} at ${standing.decision.at} is void: the review changed after it (${standing.reason})`;
		default:
			return `decision: ${standing.state} by ${standing.decision.by} at ${standing.decision.at}${standing.decision.note ? ` — ${standing.decision.note}` : ''}${attendedBy(standing.decision)}`;
	}
}
