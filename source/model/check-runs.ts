// Recording a check run in a review, the same way for `preflight check` and
// the app: the run joins the answer's latest runs, its log becomes the item's
// check evidence (replacing the previous run's), and in mode pass a run that
// met its expectation passes the item under recordAnswer's rules, signed by
// whoever ran it, as a person's pass would be, but only over a pending item
// or a pass (renewed): a person's fail, n/a or waiver stands.
import type {Actor} from './actor.js';
import {modeOf, runText, withRun} from './checks.js';
import {answerFor} from './evaluate.js';
import {invalidAnswer, recordAnswer, withStatus} from './review.js';
import type {Answer, CheckRun, ChecklistItem, Review} from './schemas.js';

/** The note a pass by a check carries (when the item had none). */
export const BY_CHECK = 'by check';

const heldBy: Record<'fail' | 'na' | 'waived', string> = {
	fail: 'failed it',
	na: 'marked it n/a',
	waived: 'waived it',
};

/**
 * Why a run that met its expectation in mode pass does not pass the item: a
 * person's fail, n/a or waiver stands over any check ("not passed: Bob failed
 * it"). Undefined when the run passes the item (or is not a mode-pass pass).
 */
export function passHeldBack(
	item: ChecklistItem,
	answer: Answer,
	run: CheckRun,
): string | undefined {
	if (!item.check || modeOf(item.check) !== 'pass' || !run.ok) return undefined;
	if (answer.status === 'pending' || answer.status === 'pass') return undefined;
	return `not passed: ${answer.signedOff?.by ?? 'a person'} ${heldBy[answer.status]}`;
}

/**
 * The review with `run` recorded for `item`; `logRef` is where its log is,
 * as a file evidence ref. A pass the run would give that the item's rules
 * refuse (see invalidAnswer) is not given: the run is still recorded.
 */
export function recordRun(
	review: Review,
	item: ChecklistItem,
	run: CheckRun,
	logRef: string,
	actor: Actor,
): Review {
	const before = answerFor(review, item.id);
	let next: Answer = withRun(before, run);
	next = {
		...next,
		evidence: [
			...next.evidence.filter((e) => e.kind !== 'check'),
			{kind: 'check', ref: logRef, sha256: run.log, addedAt: run.at},
		],
	};
	const held = passHeldBack(item, before, run);
	const detail = `check ${runText(run)}${run.ok ? '' : ' (failed)'}${held ? `; ${held}` : ''}`;
	if (item.check && modeOf(item.check) === 'pass' && run.ok && !held) {
		const passed = withStatus(next, 'pass', next.note ? {} : {note: BY_CHECK});
		if (!invalidAnswer(item, passed, actor.at))
			return recordAnswer(review, item.id, passed, actor, `${detail}; ${BY_CHECK}`, {
				confirm: true,
			});
	}
	return recordAnswer(review, item.id, next, actor, detail);
}
