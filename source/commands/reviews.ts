import type {Invocation} from '../cli/args.js';
import {conflictsIn, evaluate, progressOf} from '../model/evaluate.js';
import {onChecklist} from '../model/upgrade.js';
import {checklistFor, openStore} from '../session.js';
import {now} from '../system/clock.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {cell, reviewName} from './common.js';
import {countOf, verdictLine} from '../model/vocabulary.js';
import {print, printJson} from '../terminal/print.js';
import {cells} from '../terminal/width.js';
import {reviewDue, reviewDueJson, reviewDueShort} from '../model/review-due.js';

/** `preflight reviews [--json]`: every review in the database, with progress and verdict. */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const loaded = await checklistFor(flags);
	const store = await openStore(flags);
	const reviews = store.data.reviews;
	await store.close();
	const at = now();
	// A review made with another checklist cannot be judged against this one:
	// say which checklist it needs instead of showing a misleading verdict.
	const rows = reviews.map((review) => {
		const judged = onChecklist(review, loaded.checklist, loaded.digest, at);
		if (!judged)
			return {review, otherChecklist: `${review.checklist.id} ${review.checklist.version}`};
		const evaluation = evaluate(loaded.checklist, judged, at, loaded.team);
		const due = reviewDue(loaded.checklist, judged, at);
		return {review, evaluation, progress: progressOf(evaluation.totals), due};
	});
	if (flags.json) {
		printJson(
			rows.map(({review, evaluation, progress, due}) => ({
				id: review.id,
				system: review.system,
				...(review.release ? {release: review.release} : {}),
				checklist: {
					id: review.checklist.id,
					version: review.checklist.version,
					digest: review.checklist.digest,
				},
				createdAt: review.createdAt,
				updatedAt: review.updatedAt,
				...(evaluation && progress
					? {
							progress: {done: progress.done, total: progress.total},
							verdict: evaluation.verdict,
							blockers: evaluation.blockers.length,
							conflicts: conflictsIn(evaluation),
							...(due ? {reviewDue: reviewDueJson(due)} : {}),
						}
					: {
							verdict: null,
							note: `uses checklist ${review.checklist.id}; pass it with --checklist`,
						}),
			})),
		);
		return 0;
	}
	if (rows.length === 0) {
		print(`no reviews in ${sanitizeLine(store.path)}; start one with preflight --system NAME`);
		return 0;
	}
	const names = rows.map((r) => sanitizeLine(reviewName(r.review)));
	const width = Math.min(40, Math.max(6, ...names.map(cells)));
	print(`${cell('review', width)}  progress  verdict`);
	rows.forEach(({evaluation, progress, otherChecklist, due}, i) => {
		const name = names[i] ?? '';
		if (!evaluation || !progress) {
			print(
				`${cell(name, width)}  ${'—'.padEnd(8)}  uses checklist ${sanitizeLine(otherChecklist ?? '?')} (pass it with --checklist)`,
			);
			return;
		}
		const conflicts = conflictsIn(evaluation);
		print(
			`${cell(name, width)}  ${`${progress.done}/${progress.total}`.padEnd(8)}  ${verdictLine(evaluation.verdict, evaluation.blockers.length)}${conflicts ? ` · ⚠ ${countOf(conflicts, 'conflict')}` : ''}${due ? ` · ${reviewDueShort(due)}` : ''}`,
		);
	});
	return 0;
}
