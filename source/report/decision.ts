// The go/no-go decision (docs/decisions.md): what it is taken on, and whether
// it still stands. A decision records the digest of the snapshot of the review
// as judged at that moment; the same snapshot built again later from the
// review as it is then gives the same digest only when nothing changed.
import type {LoadedChecklist} from '../checklist/load.js';
import {evaluate, type Evaluation} from '../model/evaluate.js';
import type {Actor} from '../model/actor.js';
import type {Decision, Review} from '../model/schemas.js';
import {buildSnapshot} from './snapshot.js';

/**
 * The review a decision is taken on: without its decisions and its
 * review-level audit entries (`*`: decisions among them), so that recording a
 * decision does not change what it was taken on.
 */
function decisionBasis(review: Review): Review {
	const {decisions: _d, ...rest} = review;
	return {...rest, audit: review.audit.filter((e) => e.item !== '*')};
}

/** The digest of the (unsigned) snapshot of the review judged and generated at `at`. */
export function decisionDigest(
	review: Review,
	loaded: LoadedChecklist,
	at: Date,
): {digest: string; evaluation: Evaluation} {
	const basis = decisionBasis(review);
	const evaluation = evaluate(loaded.checklist, basis, at, loaded.team);
	return {digest: buildSnapshot(evaluation, basis, loaded, at).digest, evaluation};
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
		review: {
			...review,
			decisions: [...(review.decisions ?? []), recorded],
			updatedAt: at,
			audit: [
				...review.audit,
				{
					at,
					by: actor.by,
					item: '*',
					from: 'pending',
					to: 'pending',
					detail: `decision: ${decision}${recorded.note ? ` — ${recorded.note}` : ''} (${digest})${recorded.attendees ? ` · attended by ${recorded.attendees.join(', ')}` : ''}`,
				},
			],
		},
	};
}

/** Where the last decision stands against the review as it is now. */
export type DecisionStanding =
	| {state: 'none'}
	| {state: 'go' | 'no-go'; decision: Decision}
	| {state: 'void'; decision: Decision};

/** The last decision, and whether the review changed after it (then it is void). */
export function decisionStanding(review: Review, loaded: LoadedChecklist): DecisionStanding {
	const decision = review.decisions?.at(-1);
	if (!decision) return {state: 'none'};
	const {digest} = decisionDigest(review, loaded, new Date(decision.at));
	if (digest !== decision.digest) return {state: 'void', decision};
	return {state: decision.decision, decision};
}

/** ` · attended by Ann, Bo Li` for a decision taken in a session with attendees, else ''. */
export function attendedBy(decision: Decision): string {
	return decision.attendees?.length ? ` · attended by ${decision.attendees.join(', ')}` : '';
}

/** One line on a decision's standing, for status, gate and the summary. */
export function standingLine(standing: DecisionStanding): string {
	switch (standing.state) {
		case 'none':
			return 'decision: none recorded';
		case 'void':
			return `decision: ${standing.decision.decision} by ${standing.decision.by} at ${standing.decision.at} is void: the review changed after it`;
		default:
			return `decision: ${standing.state} by ${standing.decision.by} at ${standing.decision.at}${standing.decision.note ? ` — ${standing.decision.note}` : ''}${attendedBy(standing.decision)}`;
	}
}
