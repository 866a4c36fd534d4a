import {holdsRole, mayApprove, type SignRule, type Team} from '../../model/team.js';
import type {Answer, ChecklistItem, SignOff} from '../../model/schemas.js';

const statusWords: Record<string, Answer['status']> = {
	pending: 'pending',
	pass: 'pass',
	passed: 'pass',
	fail: 'fail',
	failed: 'fail',
	na: 'na',
	'n/a': 'na',
	waived: 'waived',
	waive: 'waived',
};

/**
 * What a filter asks for: a status word, `mine` (the items the reviewer may
 * settle), `role:NAME` or `@NAME` (the items a role may settle), else text.
 */
export type FilterQuery =
	| {kind: 'text'; text: string}
	| {kind: 'status'; status: Answer['status']}
	| {kind: 'mine'}
	| {kind: 'role'; role: string}
	/** `conflict`: the items two merged branches answered differently. */
	| {kind: 'conflict'}
	/** `later`: the items marked to discuss later (m). */
	| {kind: 'later'};

/** The filter words that are not statuses or roles, as typed (`conflicts` as well as `conflict`). */
const namedWords: Record<string, FilterQuery> = {
	mine: {kind: 'mine'},
	later: {kind: 'later'},
	conflict: {kind: 'conflict'},
	conflicts: {kind: 'conflict'},
};

/**
 * The words a filter understands, as help names them:
 * `status/mine/later/conflict/@role` (a status word, the named words, a role).
 */
export const filterWordsText = [
	'status',
	...Object.keys(namedWords).filter(
		(w) => !w.endsWith('s') || !Object.hasOwn(namedWords, w.slice(0, -1)),
	),
	'@role',
].join('/');

/** Reads a filter: a word (status, mine, later, conflict, role) wins over text. */
export function parseFilter(filter: string): FilterQuery {
	const q = filter.trim().toLowerCase();
	if (Object.hasOwn(statusWords, q)) return {kind: 'status', status: statusWords[q]!};
	if (Object.hasOwn(namedWords, q)) return namedWords[q]!;
	// Role names keep their case: the team file's are matched exactly.
	const t = filter.trim();
	const role = /^(?:role:|@)\s*(\S+)$/i.exec(t)?.[1];
	if (role) return {kind: 'role', role};
	return {kind: 'text', text: q};
}

/** The status a filter names (a status word wins over text), or undefined. */
export function filterStatus(filter: string): Answer['status'] | undefined {
	const query = parseFilter(filter);
	return query.kind === 'status' ? query.status : undefined;
}

/**
 * What the list's title says a word filter is: "(status)", "(you may settle)",
 * "(role security)"; a role the team file does not define is said to be so.
 */
export function filterKindText(filter: string, team?: Team): string {
	const query = parseFilter(filter);
	switch (query.kind) {
		case 'status':
			return ' (status)';
		case 'mine':
			return ' (you may settle)';
		case 'conflict':
			return ' (conflicts)';
		case 'later':
			return ' (to discuss later)';
		case 'role':
			return team && !Object.hasOwn(team.roles, query.role)
				? ` (role ${query.role}: not in the team file)`
				: ` (role ${query.role})`;
		case 'text':
			return '';
	}
}

/** Who may sign what, for `mine` and `role:` filters. */
export type FilterContext = {
	rule: SignRule;
	team?: Team;
	/** The reviewer; without one, `mine` matches what anyone may settle. */
	me?: Pick<SignOff, 'by' | 'email'>;
	/** The item is a conflict (model/conflicts.ts), for the `conflict` filter. */
	conflict?: boolean;
};

/**
 * Whether the item is the reviewer's: one of their roles owns it, or nobody
 * does (then anyone may settle it); without a team file, every item is.
 */
export function isMine(context: FilterContext): boolean {
	const {rule, team, me} = context;
	if (!me) return !team || rule.owners.length === 0;
	return mayApprove(team, rule, me);
}

/** Whether one of the reviewer's roles owns the item (not merely open to anyone). */
export function isOwnedByMe(context: FilterContext): boolean {
	const {rule, team, me} = context;
	return Boolean(team && me && rule.owners.length > 0 && holdsRole(team, rule.owners, me));
}

/**
 * Filter text: a status word (pass, fail, pending, na, waived) matches by
 * status; `conflict`, the conflicts a merge left; `later`, the items marked
 * to discuss later; `mine`, the items the
 * reviewer may settle; `role:NAME` or `@NAME`,
 * the items whose owners name that role; anything else matches item id, title
 * or guidance, case-insensitively.
 */
export function matchesFilter(
	filter: string,
	item: ChecklistItem,
	answer: Answer,
	context: FilterContext = {rule: {owners: [], approvals: 1}},
): boolean {
	if (!filter.trim()) return true;
	const query = parseFilter(filter);
	switch (query.kind) {
		case 'status':
			return answer.status === query.status;
		case 'mine':
			return isMine(context);
		case 'role':
			return context.rule.owners.includes(query.role);
		case 'conflict':
			return context.conflict === true;
		case 'later':
			return answer.later !== undefined;
		case 'text':
			return (
				item.title.toLowerCase().includes(query.text) ||
				item.id.toLowerCase().includes(query.text) ||
				item.guidance.toLowerCase().includes(query.text)
			);
	}
}
