import type {Invocation} from '../cli/args.js';
import {conflictIds} from '../model/conflicts.js';
import {markedForLater} from '../model/later.js';
import {conflictsIn, progressSplit} from '../model/evaluate.js';
import {findItem} from '../model/review.js';
import {describeUpgrade, orphanCount} from '../model/upgrade.js';
import {now} from '../system/clock.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {
	blockerLines,
	blockersFor,
	blockersJson,
	cell,
	CONFLICT_HOW,
	conflictLines,
	judgeReview,
	orphanLines,
	proposalLines,
	renameNotes,
	renamesJson,
	reviewName,
} from './common.js';
import {answeredLine, barText, laterLook, verdictLine} from '../model/vocabulary.js';
import {print, printJson} from '../terminal/print.js';
import {launchLines, launchOutlook} from '../model/launch.js';
import {listActions, noNextStep} from '../model/actions.js';
import {decisionStanding, standingJson, standingLine} from '../report/decision.js';
import {cells} from '../terminal/width.js';
import {reviewDue, reviewDueJson, reviewDueLine} from '../model/review-due.js';

/** `preflight status`: totals, per section, verdict and blockers of one review. */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const {review, loaded, upgrade, asOf, evaluation, proposals} = await judgeReview(flags, now());
	const role = flags.owner;
	const blockers = blockersFor(evaluation, role, loaded);
	const standing = decisionStanding(review, loaded);
	const launch = launchOutlook(loaded.checklist, review, evaluation, asOf, loaded.team);
	const due = reviewDue(loaded.checklist, review, asOf);
	const open = listActions(review, loaded.checklist, asOf);
	const bare = Object.keys(review.answers)
		.filter((id) => noNextStep(review.answers[id]))
		.sort();
	// Marked to discuss later (the app's m): listed, never judged.
	const later = markedForLater(evaluation.sections);
	if (flags.json) {
		printJson({
			review: {
				id: review.id,
				system: review.system,
				...(review.release ? {release: review.release} : {}),
			},
			checklist: {
				id: loaded.checklist.id,
				title: loaded.checklist.title,
				version: loaded.checklist.version,
				digest: loaded.digest,
			},
			asOf: asOf.toISOString(),
			verdict: evaluation.verdict,
			totals: evaluation.totals,
			sections: evaluation.sections.map((s) => ({
				id: s.section.id,
				title: s.section.title,
				totals: s.totals,
			})),
			...(role !== undefined ? {owner: role} : {}),
			conflicts: conflictsIn(evaluation),
			blockers: blockersJson(evaluation, blockers),
			later: later.map((m) => ({item: m.id, title: m.title, by: m.later.by, at: m.later.at})),
			...(launch
				? {
						launch: {
							date: launch.date,
							asOf: launch.at.toISOString(),
							verdict: launch.evaluation.verdict,
							blockers: launch.evaluation.blockers.length,
							goStale: launch.goStale.map((r) => r.item.id),
							waiversExpire: launch.waiversExpire.map((r) => r.item.id),
							actionsDueAfter: launch.dueAfter.map((a) => ({
								item: a.item,
								n: a.n,
								due: a.action.due,
							})),
							...(launch.reviewDueBy ? {reviewDueBy: launch.reviewDueBy.due.toISOString()} : {}),
						},
					}
				: {}),
			actions: {
				open: open.length,
				overdue: open.filter((a) => a.overdue).length,
				noNextStep: bare,
			},
			decision: standingJson(standing),
			...(due ? {reviewDue: reviewDueJson(due)} : {}),
			...renamesJson(review, proposals),
			...(upgrade
				? {
						checklistChanged: {
							from: upgrade.from,
							to: upgrade.to,
							added: upgrade.added,
							removed: upgrade.removed,
							changed: upgrade.changed,
							renamed: upgrade.renamed,
							matched: upgrade.matched,
							orphaned: upgrade.orphaned,
						},
					}
				: {}),
		});
		return 0;
	}
	const c = loaded.checklist;
	print(
		`${sanitizeLine(reviewName(review))} — ${sanitizeLine(c.title)} ${sanitizeLine(c.version)}, as of ${asOf.toISOString()}`,
	);
	if (upgrade) print(`note: ${describeUpgrade(upgrade)}`);
	for (const line of renameNotes(review, proposals)) print(line);
	print(
		`verdict: ${verdictLine(evaluation.verdict, evaluation.blockers.length)}${launch ? ' (now)' : ''}`,
	);
	if (launch) {
		print(
			`on launch day ${launch.date}: ${verdictLine(launch.evaluation.verdict, launch.evaluation.blockers.length)}`,
		);
		for (const line of launchLines(launch)) print(`  ${sanitizeLine(line)}`);
	}
	print(`totals:  ${answeredLine(evaluation.totals)}`);
	if (open.length || bare.length)
		print(
			`actions: ${open.length} open${open.some((a) => a.overdue) ? ` (${open.filter((a) => a.overdue).length} overdue)` : ''}${bare.length ? ` · no next step: ${bare.map(sanitizeLine).join(', ')}` : ''}`,
		);
	print(sanitizeLine(standingLine(standing)));
	if (due) print(reviewDueLine(due));
	print('');
	const titles = evaluation.sections.map((s) => sanitizeLine(s.section.title));
	const width = Math.min(36, Math.max(...titles.map(cells), 8));
	evaluation.sections.forEach((s, i) => {
		const {settled, blocking} = progressSplit(s.items);
		const bar = barText(settled, blocking, s.totals.items, 10);
		print(`  ${cell(titles[i] ?? '', width)} ${bar}  ${answeredLine(s.totals)}`);
	});
	if (role !== undefined) {
		print('');
		print(
			`blockers ${sanitizeLine(role)} may settle (${blockers.length} of ${evaluation.blockers.length}):`,
		);
		for (const line of blockerLines(evaluation, blockers)) print(line);
	} else if (evaluation.blockers.length) {
		print('');
		print(`blockers (${evaluation.blockers.length}):`);
		for (const line of blockerLines(evaluation)) print(line);
	}
	if (later.length) {
		print('');
		print(`to discuss later (${later.length}):`);
		for (const m of later)
			print(
				`  ${laterLook.glyph} ${sanitizeLine(m.id)}  ${sanitizeLine(m.title)} (marked by ${sanitizeLine(m.later.by)}, ${m.later.at})`,
			);
	}
	const conflicts = conflictLines(evaluation);
	if (conflicts.length) {
		const n = conflictsIn(evaluation);
		print('');
		print(`conflicts (${n}): items the merged branches answered differently; ${CONFLICT_HOW}:`);
		for (const line of conflicts) print(line);
	}
	// A conflict on an item the checklist no longer has is not judged, as an orphan is not: said.
	const stray = conflictIds(review).filter((id) => !findItem(c, id));
	if (stray.length) {
		print('');
		print(
			`conflicts on items no longer in the checklist (${stray.length}), not judged: ${stray.map(sanitizeLine).join(', ')}`,
		);
	}
	if (proposals.length) {
		print('');
		print(`renames proposed (${proposals.length}), waiting for preflight upgrade or the app:`);
		for (const line of proposalLines(review, c, proposals)) print(line);
	}
	const orphans = orphanCount(review);
	if (orphans) {
		print('');
		print(`orphans (${orphans}): answers of items no longer in the checklist, not judged:`);
		for (const line of orphanLines(review)) print(line);
	}
	return 0;
}
