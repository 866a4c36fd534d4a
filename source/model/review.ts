import {isEmptyAnswer} from './empty-answer.js';
import {randomHex} from '../random.js';
import {answerFor, waiverExpired} from './evaluate.js';
import type {
	ActionItem,
	Answer,
	Checklist,
	ChecklistItem,
	Database,
	Evidence,
	Review,
	Status,
} from './schemas.js';
import {hasUnsafeName} from '../terminal/sanitize.js';
import {emptyRecord, recordFrom} from './records.js';
import {isoDate} from './schemas.js';
import {storedItems} from './renames.js';
import * as z from './zod.js';
import type {Actor} from './actor.js';
import {approvalsAfterPass, approversOf, identityKey} from './team.js';
import {conflictAnswerText, conflictOf, withoutConflict} from './conflicts.js';

export function newReview(
	checklist: Checklist,
	checklistDigest: string,
	system: string,
	release: string | undefined,
	now: Date,
): Review {
	const at = now.toISOString();
	return {
		id: `r-${randomHex(4)}`,
		system: system.normalize('NFC'),
		...(release ? {release: release.normalize('NFC')} : {}),
		checklist: {
			id: checklist.id,
			version: checklist.version,
			digest: checklistDigest,
			items: storedItems(checklist),
		},
		createdAt: at,
		updatedAt: at,
		answers: emptyRecord(),
		audit: [],
	};
}

/**
 * Whether two names are the same to a person: "café" typed precomposed or as e +
 * combining accent is one name (Unicode NFC). New reviews store names in NFC;
 * names stored earlier in another form are still found.
 */
export function sameName(a: string, b: string): boolean {
	return a === b || a.normalize('NFC') === b.normalize('NFC');
}

/** Looks up reviews by system and release (an omitted release matches an absent one). */
export function findReview<R extends {system: string; release?: string}>(
	reviews: readonly R[],
	system: string,
	release?: string,
): R | undefined {
	return reviews.find(
		(r) => sameName(r.system, system) && sameName(r.release ?? '', release ?? ''),
	);
}

/** How a review is named to people: its system, and its release when it has one. */
export function reviewName(review: {system: string; release?: string}): string {
	return review.release ? `${review.system} ${review.release}` : review.system;
}

/** The database with `review` in place of the review of the same id. */
export function replaceReview(db: Database, review: Review): Database {
	return {...db, reviews: db.reviews.map((r) => (r.id === review.id ? review : r))};
}

export function findItem(checklist: Checklist, itemId: string): ChecklistItem | undefined {
	for (const s of checklist.sections) for (const it of s.items) if (it.id === itemId) return it;
	return undefined;
}

/**
 * Why an answer may not be recorded for this item, or undefined when it may.
 * The same rules hold in the app and for `preflight set`.
 */
export function invalidAnswer(item: ChecklistItem, answer: Answer, now: Date): string | undefined {
	switch (answer.status) {
		case 'pass':
			if (item.evidenceRequired && answer.evidence.length === 0)
				return `“${item.title}” needs at least one evidence link to pass`;
			return undefined;
		case 'na':
			if (!answer.justification?.trim()) return 'not applicable needs a justification';
			return undefined;
		case 'waived': {
			const w = answer.waiver;
			if (!w?.reason.trim()) return 'a waiver needs a reason';
			if (!w.owner.trim()) return 'a waiver needs an owner';
			// A name, as system and reviewer names are (see hasUnsafeName).
			if (hasUnsafeName(w.owner.trim()))
				return 'a waiver owner must not contain control characters, escape sequences, or invisible or direction marks';
			if (!z.safeParse(isoDate, w.expires).success)
				return `waiver expiry "${w.expires}" is not a date as YYYY-MM-DD`;
			if (waiverExpired(w.expires, now)) return `waiver expiry ${w.expires} has already passed`;
			return undefined;
		}
		default:
			return undefined;
	}
}

/**
 * Builds the answer that results from setting a status, keeping evidence and
 * note. Choosing a status is a fresh judgement, so a re-review mark is dropped.
 * A note given with a fail says why it failed: once the item passes (or is
 * n/a or waived) it no longer describes the answer, so it is set aside, and
 * recordAnswer keeps it in the audit log as the item's history.
 */
export function withStatus(
	previous: Answer,
	status: Status,
	extra: {justification?: string; waiver?: Answer['waiver']; note?: string} = {},
): Answer {
	const next: Answer = {status, evidence: previous.evidence};
	const leavesFail = previous.status === 'fail' && status !== 'fail' && status !== 'pending';
	const note = extra.note ?? (leavesFail ? undefined : previous.note);
	if (note) next.note = note;
	if (status === 'na') next.justification = extra.justification ?? previous.justification;
	if (status === 'waived') next.waiver = extra.waiver ?? previous.waiver;
	if (previous.signedOff) next.signedOff = previous.signedOff;
	// The approvals of a pass stand while it stays one (recordAnswer adds the signer's).
	if (status === 'pass' && previous.status === 'pass' && previous.approvals)
		next.approvals = previous.approvals;
	// Action items belong to the item, not to one status: a pass→fail keeps them.
	if (previous.actions?.length) next.actions = previous.actions;
	// The check's runs are facts about the item, not part of the judgement: they stay.
	if (previous.checks) next.checks = previous.checks;
	// A mark to discuss later is about the meeting, not the status: it stays until cleared.
	if (previous.later) next.later = previous.later;
	return next;
}

function evidenceKey(e: Evidence): string {
	return `${e.kind}:${e.ref}`;
}

export function withEvidence(previous: Answer, evidence: Evidence): Answer {
	if (previous.evidence.some((e) => evidenceKey(e) === evidenceKey(evidence))) return previous;
	return {...previous, evidence: [...previous.evidence, evidence]};
}

export function withoutEvidence(previous: Answer, index: number): Answer {
	return {...previous, evidence: previous.evidence.filter((_, i) => i !== index)};
}

export function withNote(previous: Answer, note: string): Answer {
	const next = {...previous};
	if (note.trim()) next.note = note;
	else delete next.note;
	return next;
}

function describeChange(before: Answer, after: Answer): string | undefined {
	const parts: string[] = [];
	const added = after.evidence.filter((e) => !before.evidence.some((b) => b.ref === e.ref));
	const removed = before.evidence.filter((e) => !after.evidence.some((a) => a.ref === e.ref));
	for (const e of added) parts.push(`evidence added: ${e.ref}`);
	for (const e of removed) parts.push(`evidence removed: ${e.ref}`);
	if (before.status === 'fail' && after.status !== 'fail' && before.note && !after.note)
		parts.push(`note given with the fail: ${before.note}`);
	else if ((before.note ?? '') !== (after.note ?? ''))
		// The text itself, so that the history keeps every note ever given.
		parts.push(after.note ? `note: ${after.note}` : 'note removed');
	if (after.status === 'na' && before.justification !== after.justification)
		parts.push(`justification: ${after.justification ?? ''}`);
	if (after.status === 'waived' && after.waiver && before.waiver !== after.waiver)
		parts.push(
			`waiver: ${after.waiver.reason} (owner ${after.waiver.owner}, expires ${after.waiver.expires})`,
		);
	parts.push(...describeActions(before.actions ?? [], after.actions ?? []));
	return parts.length ? parts.join('; ') : undefined;
}

/** Action items added or closed between two answers, for the audit log. */
function describeActions(before: readonly ActionItem[], after: readonly ActionItem[]): string[] {
	const parts: string[] = [];
	after.forEach((a, i) => {
		const was = before[i];
		if (!was || was.addedAt !== a.addedAt || was.what !== a.what)
			parts.push(`action added: ${a.what} (owner ${a.owner}, due ${a.due})`);
		else if (a.done && !was.done) parts.push(`action done: ${a.what}`);
	});
	return parts;
}

/**
 * Records `next` as the item's answer: the sign-off is renewed when the status
 * is chosen (a new status, or the same one again to re-confirm), a reset clears
 * it, and the change is appended to the audit log. Editing evidence or the note
 * is not a sign-off: it would hand the credit to whoever removed a link and
 * make a stale pass fresh without anyone confirming it; the audit log says who
 * changed what. Returns the same review when nothing changed.
 */
export function recordAnswer(
	review: Review,
	itemId: string,
	next: Answer,
	actor: Actor,
	detail?: string,
	options: {
		/** A status chosen again (p on a passed item): renews the sign-off even when nothing else changed, e.g. to re-confirm a stale pass. */
		confirm?: boolean;
		/** Put back an earlier answer exactly as it was, sign-off included (undo): nobody signs anything off by undoing. */
		restore?: boolean;
	} = {},
): Review {
	const {confirm = false, restore = false} = options;
	const before = answerFor(review, itemId);
	const same = JSON.stringify(before) === JSON.stringify(next);
	// On a conflicted item any answer is news: it settles the conflict ("answer afresh").
	const conflicted = conflictOf(review, itemId) !== undefined;
	if (same && !conflicted && !(confirm && next.status !== 'pending')) return review;
	const at = actor.at.toISOString();
	const answer: Answer = {...next};
	if (restore) return withAnswer(review, itemId, answer, before, actor, detail);
	// A pass chosen by someone who had not approved the passed item adds an
	// approval (evidence given with it or not); by someone who had, re-confirms theirs.
	const adds =
		confirm &&
		next.status === 'pass' &&
		before.status === 'pass' &&
		!approversOf(before).some((s) => identityKey(s) === identityKey(actor));
	if ((same && !conflicted) || adds)
		detail = [detail, adds ? 'approval added' : 're-confirmed'].filter(Boolean).join('; ');
	// Confirming an item marked for re-review is a sign-off too.
	const resigned =
		same || adds || before.status !== next.status || (before.reReview === true && !next.reReview);
	if (answer.status === 'pending') delete answer.signedOff;
	else if (resigned)
		answer.signedOff = {
			by: actor.by,
			...(actor.email ? {email: actor.email} : {}),
			at,
			...(actor.commit ? {commit: actor.commit} : {}),
		};
	// The two-person rule (model/team.ts): a pass keeps everyone else's
	// approval and renews the signer's own; any other status starts afresh.
	if (answer.status !== 'pass') delete answer.approvals;
	else if (resigned && answer.signedOff) {
		const approvals = approvalsAfterPass(before, answer.signedOff);
		if (approvals.length > 1) answer.approvals = approvals;
		else delete answer.approvals;
	}
	return withAnswer(review, itemId, answer, before, actor, detail);
}

/**
 * Stores `answer` for the item, appending the change to the audit log. An
 * item in conflict is answered afresh: the conflict goes, and the audit
 * entry says which answers were set aside.
 */
function withAnswer(
	review: Review,
	itemId: string,
	answer: Answer,
	before: Answer,
	actor: Actor,
	detail: string | undefined,
): Review {
	const at = actor.at.toISOString();
	if (answer.status !== 'na') delete answer.justification;
	if (answer.status !== 'waived') delete answer.waiver;
	const answers = recordFrom(Object.entries(review.answers));
	if (isEmptyAnswer(answer)) delete answers[itemId];
	else answers[itemId] = answer;
	const conflict = conflictOf(review, itemId);
	const afresh = conflict
		? `conflict answered afresh; set aside: ${conflict.answers.map(conflictAnswerText).join(' · ')}`
		: undefined;
	const description = [afresh, detail, describeChange(before, answer)].filter(Boolean).join('; ');
	return {
		...withoutConflict(review, itemId),
		answers,
		updatedAt: at,
		audit: [
			...review.audit,
			{
				at,
				by: actor.by,
				item: itemId,
				from: before.status,
				to: answer.status,
				...(description ? {detail: description} : {}),
			},
		],
	};
}

/** Every distinct person who signed off an item or changed the review, in first-seen order. */
export function reviewersOf(review: Review): string[] {
	const seen = new Set<string>();
	for (const e of review.audit) seen.add(e.by);
	// The answers of a conflict are sign-offs too: their signers reviewed the item.
	const conflicted = Object.values(review.conflicts ?? {}).flatMap((c) => c.answers);
	for (const a of [...Object.values(review.answers), ...conflicted]) {
		for (const s of a.approvals ?? []) seen.add(s.by);
		if (a.signedOff) seen.add(a.signedOff.by);
	}
	return [...seen];
}
