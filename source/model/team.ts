// Who may sign what: the team file's roles, the checklist's `owners` and
// `approvals`, and the rule that judges an item's sign-offs against them
// (docs/team.md). Pure: the team file is read in checklist/team-file.ts.
import {ownValue, withoutPrototype} from './records.js';
import {roleText} from './schemas.js';
import type {Answer, Checklist, ChecklistItem, ChecklistSection, SignOff} from './schemas.js';
import * as z from './zod.js';

const memberText = z.string().check(
	z.minLength(1, 'must not be empty'),
	z.refine((s) => s.trim().length > 0, 'must not be blank'),
);

/** `team.yaml`: each role mapped to its members, by git email or name. */
export const teamSchema = z.strictObject({
	roles: z
		.record(roleText, z.array(memberText).check(z.minLength(1, 'a role needs at least one member')))
		.check(z.overwrite(withoutPrototype)),
});
export type Team = z.infer<typeof teamSchema>;

/** What an item asks of its sign-offs: the roles that may sign (none: anyone) and how many must pass. */
export type SignRule = {owners: string[]; approvals: number};

/** An item's own owners and approvals, else its section's, else anyone and one. */
export function ruleOf(section: ChecklistSection, item: ChecklistItem): SignRule {
	return {
		owners: item.owners ?? section.owners ?? [],
		approvals: item.approvals ?? section.approvals ?? 1,
	};
}

/** The rule of the item with this id; anyone and one when the checklist has no such item. */
export function ruleFor(checklist: Checklist, itemId: string): SignRule {
	for (const s of checklist.sections)
		for (const it of s.items) if (it.id === itemId) return ruleOf(s, it);
	return {owners: [], approvals: 1};
}

/** Roles named by the checklist that the team file does not define, with where each is named. */
export function unknownRoles(
	checklist: Checklist,
	team: Team,
): Array<{role: string; where: string}> {
	const out: Array<{role: string; where: string}> = [];
	const check = (owners: readonly string[] | undefined, where: string) => {
		for (const role of owners ?? []) if (!ownValue(team.roles, role)) out.push({role, where});
	};
	for (const s of checklist.sections) {
		check(s.owners, `section ${s.id}`);
		for (const it of s.items) check(it.owners, `item ${it.id}`);
	}
	return out;
}

/** Two sign-offs are one person when their emails match (any case), else their names do. */
export function identityKey(s: Pick<SignOff, 'by' | 'email'>): string {
	const email = s.email?.trim().toLowerCase();
	return email ? `email:${email}` : `name:${s.by.normalize('NFC')}`;
}

function samePerson(a: Pick<SignOff, 'by' | 'email'>, b: Pick<SignOff, 'by' | 'email'>): boolean {
	return identityKey(a) === identityKey(b);
}

/** Every person whose pass stands on this answer, oldest first (none unless it is a pass). */
export function approversOf(answer: Answer): SignOff[] {
	if (answer.status !== 'pass') return [];
	if (answer.approvals?.length) return answer.approvals;
	return answer.signedOff ? [answer.signedOff] : [];
}

/**
 * The approvals after `signer` passes the item: their earlier approval (if
 * any) gives way to this one, everyone else's stands. `previous` is the
 * answer before, whose approvals count only if it was a pass.
 */
export function approvalsAfterPass(previous: Answer, signer: SignOff): SignOff[] {
	return [...approversOf(previous).filter((s) => !samePerson(s, signer)), signer];
}

/** Whether this person holds one of the roles (an email matches any case; a name exactly). */
export function holdsRole(
	team: Team,
	roles: readonly string[],
	s: Pick<SignOff, 'by' | 'email'>,
): boolean {
	const email = s.email?.trim().toLowerCase();
	const name = s.by.normalize('NFC');
	return roles.some((role) =>
		(ownValue(team.roles, role) ?? []).some((member) => {
			const m = member.trim();
			return (email !== undefined && m.toLowerCase() === email) || m.normalize('NFC') === name;
		}),
	);
}

/** Whether this person may settle an item under `rule`: anyone when there is no team file or no owners. */
export function mayApprove(
	team: Team | undefined,
	rule: SignRule,
	s: Pick<SignOff, 'by' | 'email'>,
): boolean {
	return !team || rule.owners.length === 0 || holdsRole(team, rule.owners, s);
}

/** An item's sign-offs judged under its rule. */
export type SignJudgement = {
	rule: SignRule;
	/** Distinct approvers who count (owners, or anyone when the item is open to anyone). */
	counted: SignOff[];
	/** Why the sign-offs do not settle the item, or undefined when they do (or it is not a pass, n/a or waiver). */
	problem?: string;
};

/** "security", "security or sre". */
export function rolesText(roles: readonly string[]): string {
	return roles.length <= 1
		? (roles[0] ?? '')
		: `${roles.slice(0, -1).join(', ')} or ${roles.at(-1) ?? ''}`;
}

/** "1 of 2 approvals". */
function approvalsText(have: number, need: number): string {
	return `${have} of ${need} approval${need === 1 ? '' : 's'}`;
}

/**
 * Judges the sign-offs of an answer: a pass needs `approvals` distinct
 * owners; an n/a or a waiver needs its signer to be an owner. A sign-off by
 * someone else is kept but does not count.
 */
export function judgeSignOffs(
	team: Team | undefined,
	rule: SignRule,
	answer: Answer,
): SignJudgement {
	const owned = rule.owners.length > 0 && team !== undefined;
	const needs = owned ? `needs ${rolesText(rule.owners)}` : undefined;
	if (answer.status === 'pass') {
		const counted = approversOf(answer).filter((s) => mayApprove(team, rule, s));
		if (counted.length >= rule.approvals) return {rule, counted};
		const parts = [
			...(needs ? [needs] : []),
			...(rule.approvals > 1 ? [approvalsText(counted.length, rule.approvals)] : []),
		];
		return {rule, counted, problem: parts.join(' · ')};
	}
	if (answer.status === 'na' || answer.status === 'waived') {
		const s = answer.signedOff;
		const counted = s && mayApprove(team, rule, s) ? [s] : [];
		if (counted.length || !needs) return {rule, counted};
		return {rule, counted, problem: needs};
	}
	return {rule, counted: []};
}

/** What the app's detail pane says of an item's rule: "needs security · 1 of 2 approvals"; empty when open to anyone with one approval. */
export function ruleLine(judgement: SignJudgement, answer: Answer): string {
	const {rule, counted} = judgement;
	const parts: string[] = [];
	if (rule.owners.length) parts.push(`needs ${rolesText(rule.owners)}`);
	if (rule.approvals > 1)
		parts.push(approvalsText(answer.status === 'pass' ? counted.length : 0, rule.approvals));
	return parts.join(' · ');
}
