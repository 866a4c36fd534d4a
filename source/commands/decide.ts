import {actorFor} from './common.js';
import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {reviewName} from '../model/review.js';
import {attendeeNames} from '../model/session.js';
import {decisionNoteProblem} from '../model/text-limits.js';
import {describeUpgrade, upgradeReview} from '../model/upgrade.js';
import {attendedBy, withDecision} from '../report/decision.js';
import {checklistFor, lockWaitMs, openStore, selectReview} from '../session.js';
import {saveReview} from './save-review.js';
import {now} from '../system/clock.js';
import {print} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/** `preflight decide go|no-go [--note T] [--attendees NAMES]`: the decision, recorded with its digest. */
export async function run(inv: Invocation): Promise<number> {
	const {flags, positionals} = inv;
	const [word = ''] = positionals;
	const decision = word.toLowerCase();
	if (decision !== 'go' && decision !== 'no-go')
		throw new PreflightError(`unknown decision "${sanitizeLine(word)}": use go or no-go`);
	const noteProblem =
		flags.note === undefined ? undefined : decisionNoteProblem(flags.note, '--note');
	if (noteProblem) throw new PreflightError(noteProblem);
	const loaded = await checklistFor(flags);
	const at = now();
	const actor = actorFor(flags.reviewer, at);
	const store = await openStore(flags, {what: 'preflight decide', waitMs: lockWaitMs()});
	try {
		// Taken on the review as it stands against the checklist now, as set answers it.
		const original = selectReview(store, flags);
		const upgrade = upgradeReview(original, loaded.checklist, loaded.digest, actor);
		if (upgrade.report) print(`note: ${describeUpgrade(upgrade.report)}`);
		const attendees = flags.attendees === undefined ? undefined : attendeeNames(flags.attendees);
		const result = withDecision(upgrade.review, loaded, decision, actor, flags.note, attendees);
		if ('error' in result) throw new PreflightError(result.error);
		const notes = await saveReview(store, original, result.review, loaded, at);
		if (notes.length) print(...notes);
		const d = result.decision;
		print(
			`${sanitizeLine(reviewName(result.review))}: ${d.decision} recorded by ${sanitizeLine(d.by)} at ${d.at}${d.commit ? ` (commit ${d.commit.slice(0, 7)})` : ''} on ${d.digest}${sanitizeLine(attendedBy(d))}`,
		);
		return 0;
	} finally {
		await store.close();
	}
}
