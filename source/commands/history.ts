import type {Invocation} from '../cli/args.js';
import {reviewHistory} from '../model/history.js';
import {attendedBy} from '../report/decision.js';
import {now} from '../system/clock.js';
import {print, printJson} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {judgeReview, reviewName} from './common.js';

/** `preflight history`: the review day by day from its audit log, the sessions and the decisions taken. */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const {review, loaded} = await judgeReview(flags, now());
	const days = reviewHistory(loaded.checklist, review);
	if (flags.json) {
		printJson({
			review: {
				id: review.id,
				system: review.system,
				...(review.release ? {release: review.release} : {}),
			},
			days,
		});
		return 0;
	}
	print(
		`${sanitizeLine(reviewName(review))}: ${days.length} day${days.length === 1 ? '' : 's'} with changes (answered / passing / blocking, judged by status)`,
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
