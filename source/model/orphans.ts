// Answers whose items left the checklist (orphans) and the renames proposed
// for them: listing them, attaching one to an item by hand, accepting or
// declining proposals. upgradeReview (upgrade.ts) makes them.
import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Actor} from './actor.js';
import {compareText, mapOf, ownValue, recordFrom} from './records.js';
import {itemFingerprint} from './renames.js';
import type {
	Answer,
	AuditEntry,
	Checklist,
	ChecklistItem,
	Orphan,
	Proposal,
	Review,
} from './schemas.js';

/** A checklist item by id, and its section's id. */
export function itemIndex(
	checklist: Checklist,
): Map<string, {item: ChecklistItem; section: string}> {
	const out = new Map<string, {item: ChecklistItem; section: string}>();
	for (const s of checklist.sections)
		for (const it of s.items) out.set(it.id, {item: it, section: s.id});
	return out;
}

/** The review with these orphans and proposals; an empty one is left out of the record. */
export function withOrphans(
	review: Review,
	orphans: ReadonlyMap<string, Orphan>,
	proposals: readonly Proposal[],
): Review {
	const {orphans: _o, proposals: _p, ...rest} = review;
	return {
		...rest,
		...(orphans.size ? {orphans: recordFrom(orphans)} : {}),
		...(proposals.length ? {proposals: [...proposals]} : {}),
	};
}

/**
 * The review's proposals that can still be taken: the orphan is still there,
 * and the item is in the checklist with no answer yet.
 */
export function pendingProposals(review: Review, checklist: Checklist): Proposal[] {
	if (!review.proposals?.length) return [];
	const items = itemIndex(checklist);
	return review.proposals.filter(
		(p) =>
			ownValue(review.orphans, p.from) !== undefined &&
			items.has(p.to) &&
			ownValue(review.answers, p.to) === undefined &&
			ownValue(review.conflicts, p.to) === undefined,
	);
}

/** How many answers the review keeps as orphans. */
export function orphanCount(review: Review): number {
	return review.orphans ? Object.keys(review.orphans).length : 0;
}

/** The review's orphans, by old id, in the order of the ids (as the database file has them). */
export function orphansOf(review: Review): Array<[id: string, orphan: Orphan]> {
	return Object.entries(review.orphans ?? {}).sort(([a], [b]) => compareText(a, b));
}

/** Why an orphan cannot be attached to this item, or undefined when it can. */
export function cannotAttach(
	review: Review,
	checklist: Checklist,
	oldId: string,
	newId: string,
): string | undefined {
	return attachProblem(
		{
			system: review.system,
			orphan: (id) => ownValue(review.orphans, id),
			answer: (id) => ownValue(review.answers, id),
			conflicted: (id) => ownValue(review.conflicts, id) !== undefined,
		},
		itemIndex(checklist),
		checklist,
		oldId,
		newId,
	);
}

/** What attachProblem looks up in a review: its orphans, answers and conflicts by id. */
type AttachLookups = {
	system: string;
	orphan: (id: string) => Orphan | undefined;
	answer: (id: string) => Answer | undefined;
	/** The item is a conflict (model/conflicts.ts): it has no answer, but two are waiting. */
	conflicted: (id: string) => boolean;
};

function attachProblem(
	review: AttachLookups,
	items: ReadonlyMap<string, {item: ChecklistItem}>,
	checklist: Checklist,
	oldId: string,
	newId: string,
): string | undefined {
	if (review.orphan(oldId) === undefined)
		return `no orphaned answer "${sanitizeLine(oldId)}" in the review of ${sanitizeLine(review.system)}`;
	const target = items.get(newId);
	if (!target)
		return `no item "${sanitizeLine(newId)}" in checklist ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)}`;
	const answer = review.answer(newId);
	if (answer !== undefined)
		return `“${sanitizeLine(target.item.title)}” has an answer already (${answer.status}); reset it first to attach another`;
	if (review.conflicted(newId))
		return `“${sanitizeLine(target.item.title)}” is a conflict: keep one of its answers or answer it afresh first`;
	return undefined;
}

/**
 * Moves orphans' answers to items, in order, skipping a pair that cannot be
 * done (see cannotAttach) at its turn. Done in one pass, so that accepting
 * 10,000 proposals costs what accepting one does, times 10,000.
 */
function attachAll(
	review: Review,
	checklist: Checklist,
	pairs: ReadonlyArray<{from: string; to: string; why: string}>,
	actor: Actor,
): {review: Review; attached: number[]} {
	const items = itemIndex(checklist);
	const orphans = mapOf(review.orphans);
	const answers = mapOf(review.answers);
	const at = actor.at.toISOString();
	const audit: AuditEntry[] = [];
	const attached: number[] = [];
	const view: AttachLookups = {
		system: review.system,
		orphan: (id) => orphans.get(id),
		answer: (id) => answers.get(id),
		conflicted: (id) => ownValue(review.conflicts, id) !== undefined,
	};
	pairs.forEach(({from, to, why}, index) => {
		if (attachProblem(view, items, checklist, from, to)) return;
		const orphan = orphans.get(from)!;
		const same = orphan.item?.print === itemFingerprint(items.get(to)!.item);
		const answer: Answer =
			same || orphan.answer.status === 'pending'
				? orphan.answer
				: {...orphan.answer, reReview: true};
		orphans.delete(from);
		answers.set(to, answer);
		const title = orphan.item?.title;
		audit.push({
			at,
			by: actor.by,
			item: to,
			from: 'pending',
			to: answer.status,
			detail: `answer of ${from}${title ? ` (“${title}”)` : ''} re-attached: ${why}${answer.reReview ? '; needs re-review' : ''}`,
		});
		attached.push(index);
	});
	if (attached.length === 0) return {review, attached};
	const taken = new Set(attached.map((i) => pairs[i]!));
	const fromTaken = new Set([...taken].map((p) => p.from));
	const toTaken = new Set([...taken].map((p) => p.to));
	return {
		review: withOrphans(
			{...review, answers: recordFrom(answers), updatedAt: at, audit: [...review.audit, ...audit]},
			orphans,
			(review.proposals ?? []).filter((p) => !fromTaken.has(p.from) && !toTaken.has(p.to)),
		),
		attached,
	};
}

/**
 * Moves an orphan's answer to an item (a rename accepted, or chosen by hand).
 * When the item's title or guidance is not what the answer was given against,
 * the answer is marked for re-review, as for a changed item. Throws when it
 * cannot be done (see cannotAttach).
 */
export function attachOrphan(
	review: Review,
	checklist: Checklist,
	oldId: string,
	newId: string,
	actor: Actor,
	why: string,
): Review {
	const problem = cannotAttach(review, checklist, oldId, newId);
	if (problem) throw new PreflightError(problem);
	return attachAll(review, checklist, [{from: oldId, to: newId, why}], actor).review;
}

/** Takes these proposals (each while it can still be taken), in order; returns the review and the ones taken. */
export function acceptProposals(
	review: Review,
	checklist: Checklist,
	proposals: readonly Proposal[],
	actor: Actor,
): {review: Review; accepted: Proposal[]} {
	const {review: out, attached} = attachAll(
		review,
		checklist,
		proposals.map((p) => ({
			from: p.from,
			to: p.to,
			why: `rename proposed with score ${p.score.toFixed(2)}, accepted`,
		})),
		actor,
	);
	return {review: out, accepted: attached.map((i) => proposals[i]!)};
}

/** Declines these proposals: their answers stay orphans (attachable by hand), and the log says so. */
export function declineProposals(
	review: Review,
	proposals: readonly Proposal[],
	actor: Actor,
): Review {
	if (proposals.length === 0) return review;
	const at = actor.at.toISOString();
	const declined = new Set(proposals.map((p) => `${p.from}\u0000${p.to}`));
	const left = (review.proposals ?? []).filter((p) => !declined.has(`${p.from}\u0000${p.to}`));
	const {proposals: _p, ...rest} = review;
	return {
		...rest,
		...(left.length ? {proposals: left} : {}),
		updatedAt: at,
		audit: [
			...review.audit,
			...proposals.map((p): AuditEntry => ({
				at,
				by: actor.by,
				item: p.from,
				from: ownValue(review.orphans, p.from)?.answer.status ?? 'pending',
				to: 'pending',
				detail: `rename to ${p.to} declined: the answer stays an orphan`,
			})),
		],
	};
}
