import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {conflictsIn} from '../model/evaluate.js';
import {now} from '../system/clock.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {
	blockerLines,
	blockersJson,
	CONFLICT_HOW,
	judgeReview,
	renameNotes,
	renamesJson,
	reviewName,
} from './common.js';
import {countOf, verdictLine} from '../model/vocabulary.js';
import {print, printJson} from '../terminal/print.js';
import type {ChecksOutcome} from './check.js';
import {
	decisionStanding,
	standingJson,
	standingLine,
	type DecisionStanding,
} from '../report/decision.js';
import {reviewDue, reviewDueJson, reviewDueLine} from '../model/review-due.js';

/** `preflight gate`: the CI check before deploy. Exit 0 ready, 1 not ready. */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	// With --require-decision, a go on the review as it is now is needed too: with
	// --run-checks, judged before the checks record new runs (they would void any
	// decision by being new); the checks' results then count in the verdict as always.
	let standing: DecisionStanding | undefined;
	if (flags['require-decision'] && flags['run-checks']) {
		const before = await judgeReview(flags, now());
		standing = decisionStanding(before.review, before.loaded);
	}
	// The checks' lines go to stderr with --json, so that stdout stays one JSON document.
	let ran: ChecksOutcome | undefined;
	if (flags['run-checks']) {
		ran = await (await import('./check.js')).runChecksFor(flags, [], false, flags.json === true);
		// Stopped by a signal: the runs are recorded as cancelled, and the gate ends as the signal would.
		if (ran.signal) return ran.code;
	} else if (flags.trust || flags.jobs !== undefined)
		throw new PreflightError('--trust and --jobs go with --run-checks');
	const {review, loaded, asOf, evaluation, proposals} = await judgeReview(flags, now());
	// Without checks run in between, the review judged is the one decided on.
	if (flags['require-decision'] && !standing) standing = decisionStanding(review, loaded);
	const decided = standing === undefined || standing.state === 'go';
	// A review past its checklist's reviewEvery fails the gate whatever its
	// items say (docs/decisions.md#re-review); a decision recorded after
	// re-reviewing it clears that. The verdict itself stays the items'.
	const due = reviewDue(loaded.checklist, review, asOf);
	const ready = evaluation.verdict === 'ready' && decided && !due?.overdue;
	if (flags.json) {
		printJson({
			ready,
			verdict: evaluation.verdict,
			asOf: asOf.toISOString(),
			review: {
				id: review.id,
				system: review.system,
				...(review.release ? {release: review.release} : {}),
			},
			checklist: {id: loaded.checklist.id, version: loaded.checklist.version},
			totals: evaluation.totals,
			conflicts: conflictsIn(evaluation),
			blockers: blockersJson(evaluation),
			...renamesJson(review, proposals),
			...(ran ? {checks: ran.checks} : {}),
			...(due ? {reviewDue: reviewDueJson(due)} : {}),
			...(standing ? {decision: standingJson(standing)} : {}),
		});
		return ready ? 0 : 1;
	}
	print(
		`${sanitizeLine(reviewName(review))}: ${verdictLine(evaluation.verdict, evaluation.blockers.length)} as of ${asOf.toISOString()}`,
	);
	for (const line of blockerLines(evaluation)) print(line);
	const conflicts = conflictsIn(evaluation);
	if (conflicts) print(`${countOf(conflicts, 'conflict')} (⚠): ${CONFLICT_HOW}`);
	// Orphans never count toward the verdict: said, so that nobody takes a pass for complete.
	for (const line of renameNotes(review, proposals)) print(line);
	if (due?.overdue) {
		print(reviewDueLine(due));
		print(
			'gate: the review is past due: review it again, then record a decision with preflight decide',
		);
	}
	if (standing) {
		print(sanitizeLine(standingLine(standing)));
		if (!decided)
			print(
				standing.state === 'void'
					? 'gate: a go on the review as it is now is required: record one again with preflight decide go'
					: 'gate: a go is required (--require-decision): record one with preflight decide go',
			);
	}
	return ready ? 0 : 1;
}
