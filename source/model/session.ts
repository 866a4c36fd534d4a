// Who attended a session of a review (docs/decisions.md#who-attended): a
// review-level audit entry (`*`) per session with attendees, and the
// attendees carried by each decision taken in it.
import {withReviewEntry} from './review-log.js';
import type {Actor} from './actor.js';
import type {AuditEntry, Decision, Review} from './schemas.js';
import {hasUnsafeName} from '../terminal/sanitize.js';
import {characters, MAX_NAME, MAX_NOTE, tooLong} from './text-limits.js';

/** The start of a session's audit detail; the names follow, comma-separated. */
const SESSION_PREFIX = 'session: attended by ';

/** The names of a comma-separated list, each trimmed. */
export function attendeeNames(text: string): string[] {
	return text.split(',').map((name) => name.trim());
}

/**
 * Why a comma-separated list of attendees is refused (`what` names where it
 * came from, such as `--attendees`), or undefined when it is a list of plain
 * names, none empty and none twice (ignoring case and Unicode form).
 */
export function attendeesProblem(text: string, what: string): string | undefined {
	if (!text.trim()) return `${what} needs at least one name ("Ann, Bo Li")`;
	// The whole list is recorded on one line (the audit log, each decision): a short paragraph at most.
	const list = tooLong(text.trim(), MAX_NOTE, what);
	if (list) return list;
	if (hasUnsafeName(text))
		return `${what} must not contain control characters, escape sequences, or invisible or direction marks`;
	const names = attendeeNames(text);
	if (names.some((n) => n === ''))
		return `${what} has an empty name: separate the names with single commas ("Ann, Bo Li")`;
	const long = names.find((n) => characters(n) > MAX_NAME);
	if (long !== undefined)
		return `${what} has a name ${characters(long)} characters long: at most ${MAX_NAME} are allowed`;
	const keys = names.map((n) => n.normalize('NFC').toLowerCase());
	if (new Set(keys).size !== keys.length) return `${what} names someone twice: give each name once`;
	return undefined;
}

/** The audit detail of a session with these attendees. */
function sessionDetail(attendees: readonly string[]): string {
	return `${SESSION_PREFIX}${attendees.join(', ')}`;
}

/** The attendees a review-level audit entry records, or undefined when it is no session's. */
export function sessionAttendees(entry: AuditEntry): string[] | undefined {
	if (entry.item !== '*' || !entry.detail?.startsWith(SESSION_PREFIX)) return undefined;
	const names = attendeeNames(entry.detail.slice(SESSION_PREFIX.length)).filter(Boolean);
	return names.length ? names : undefined;
}

/** One recorded session: when, who recorded it, who attended. */
export type Session = {at: string; by: string; attendees: string[]};

/** The review's sessions with attendees, oldest first. */
export function sessionsOf(review: Review): Session[] {
	const sessions: Session[] = [];
	for (const e of review.audit) {
		const attendees = sessionAttendees(e);
		if (attendees) sessions.push({at: e.at, by: e.by, attendees});
	}
	return sessions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The attendees last recorded on the review, or undefined when none ever were:
 * those of its latest session or of its latest decision that names them
 * (`decide --attendees` records no session), whichever is later.
 */
export function lastAttendees(review: Review): string[] | undefined {
	const session = sessionsOf(review).at(-1);
	const decision = (review.decisions ?? [])
		.filter((d) => d.attendees?.length)
		.reduce<Decision | undefined>((last, d) => (!last || d.at >= last.at ? d : last), undefined);
	if (decision?.attendees && (!session || decision.at > session.at)) return decision.attendees;
	return session?.attendees;
}

/**
 * The review with a session recorded: one audit entry about the review as a
 * whole (`*`), which the decision digest leaves out (report/decision.ts), so
 * recording who attended never voids a decision.
 */
export function withSession(review: Review, attendees: readonly string[], actor: Actor): Review {
	return withReviewEntry(review, actor, sessionDetail(attendees));
}
