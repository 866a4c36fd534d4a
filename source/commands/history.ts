import type {Invocation} from '../cli/args.js';
import {reviewHistoryOver} from '../model/history.js';
import {attendedBy} from '../report/decision.js';
import {pastChecklists} from '../store/past-checklists.js';
import {now} from '../system/clock.js';
import {print, printJson} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {judgeReview, reviewName} from './common.js';

/** `preflight history`: the review day by day from its audit log, the sessions and the decisions taken. */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const {review, loaded, dbPath, upgrade} = await judgeReview(flags, now());
	// Each day on the checklist the review had that day (its upgrades are audited).
	const {days, missing} = reviewHistoryOver(
		loaded.checklist,
		review,
		pastChecklists(dbPath, loaded.digest, upgrade?.from),
	);
	if (flags.json) {
		printJson({
			review: {
				id: review.id,
				system: review.system,
				...(review.release ? {release: review.release} : {}),
			},
			days,
			// The versions no copy is kept of: their days were judged on the current checklist.
			...(missing.length ? {judgedOnCurrent: missing} : {}),
		});
		return 0;
	}
	print(
		`${sanitizeLine(reviewName(review))}: ${days.length} day${days.length === 1 ? '' : 's'} with changes (answered / passing / blocking, judged by status)`,
	);
	if (missing.length)
		print(
			`note: no copy of checklist ${missing.map((m) => m.version).join(', ')} is kept beside the database: the days on ${missing.length === 1 ? 'it are' : 'them are'} judged on checklist ${loaded.checklist.version}`,
		);
	for (const d of days) {
		const sections = d.sections
			.map((s) => `${sanitizeLine(s.id)} ${s.answered}/${s.passing}/${s.blocking}`)
			.join(' · ');
		print(
			`  ${d.date}  ${d.totals.answered} answered · ${d.totals.passing} passing · ${d.totals.blocking} blocking   ${sections}`,
		);
		for (const x of d.sessions)
			print(`    session at ${x.at}: attended by ${sanitizeLine(x.attendees.join(', '))}`);
		for (const x of d.decisions)
			print(
				`    decision: ${x.decision} by ${sanitizeLine(x.by)} at ${x.at}${x.note ? ` — ${sanitizeLine(x.note)}` : ''}${sanitizeLine(attendedBy(x))}`,
			);
	}
	return 0;
}
