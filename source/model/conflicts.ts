import {isEmptyAnswer} from './empty-answer.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Actor} from './actor.js';
import {ownValue, recordFrom} from './records.js';
import type {Answer, Conflict, Review} from './schemas.js';
import {statusLooks} from './vocabulary.js';

// An item two merged branches changed in different ways (model/merge.ts) is a
// conflict: it holds every side's answer and has no answer of its own, so it
// blocks the verdict until a reviewer keeps one of the answers
// (resolveConflict) or answers afresh (recordAnswer clears it).

/** The item's conflict, when it has one (an id such as `constructor` included). */
export function conflictOf(review: Review, itemId: string): Conflict | undefined {
	return ownValue(review.conflicts, itemId);
}

/** How many items of the review are conflicts. */
export function conflictCount(review: Review): number {
	return review.conflicts ? Object.keys(review.conflicts).length : 0;
}

/** The ids of the conflicted items, in no particular order. */
export function conflictIds(review: Review): string[] {
	return review.conflicts ? Object.keys(review.conflicts) : [];
}

/**
 * One answer of a conflict in a few words: `pass by Ana`, `fail by Bo`, and
 * for a side that cleared the item, `pending (cleared)`. Names are sanitised:
 * a merged database holds whatever the other branch wrote.
 */
export function conflictAnswerText(answer: Answer): string {
	const word = statusLooks[answer.status].word;
	if (answer.status === 'pending') return `${word} (cleared)`;
	return answer.signedOff ? `${word} by ${sanitizeLine(answer.signedOff.by)}` : word;
}

/** Why a conflict blocks: `conflict: pass by Ana · fail by Bo — pick one or answer afresh`. */
export function conflictReason(conflict: Conflict): string {
	return `conflict: ${conflict.answers.map(conflictAnswerText).join(' · ')} — pick one or answer afresh`;
}

/** The review without the item's conflict (and without `conflicts` once none is left). */
export function withoutConflict(review: Review, itemId: string): Review {
	if (!conflictOf(review, itemId)) return review;
	const rest = Object.entries(review.conflicts!).filter(([id]) => id !== itemId);
	const next: Review = {...review};
	if (rest.length) next.conflicts = recordFrom(rest);
	else delete next.conflicts;
	return next;
}

/**
 * Keeps answer `index` (from 0) of the item's conflict: it becomes the item's
 * answer exactly as it was, sign-offs and approvals included (picking is not
 * signing: whoever resolves is named in the audit log, not in the answer),
 * and the conflict goes. Throws when the item has no conflict or no such
 * answer: callers offer only the answers there are.
 */
export function resolveConflict(
	review: Review,
	itemId: string,
	index: number,
	actor: Actor,
): Review {
	const conflict = conflictOf(review, itemId);
	if (!conflict) throw new Error(`item "${itemId}" has no conflict to resolve`);
	const kept = conflict.answers[index];
	if (!kept)
		throw new Error(
			`the conflict on "${itemId}" has ${conflict.answers.length} answers: there is no answer ${index + 1}`,
		);
	const at = actor.at.toISOString();
	const answers = recordFrom(Object.entries(review.answers));
	if (isEmptyAnswer(kept)) delete answers[itemId];
	else answers[itemId] = kept;
	const others = conflict.answers.filter((_, i) => i !== index).map(conflictAnswerText);
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
				from: 'pending',
				to: kept.status,
				detail: `conflict resolved: kept answer ${index + 1} of ${conflict.answers.length} (${conflictAnswerText(kept)}); set aside: ${others.join(' · ')}`,
			},
		],
	};
}

/**
 * Puts a conflict back on the item (undo of a resolution or of an answer
 * given afresh): the item's answer goes, the conflict returns as it was.
 */
export function restoreConflict(
	review: Review,
	itemId: string,
	conflict: Conflict,
	actor: Actor,
): Review {
	const at = actor.at.toISOString();
	const before = ownValue(review.answers, itemId);
	const answers = recordFrom(Object.entries(review.answers).filter(([id]) => id !== itemId));
	const conflicts = recordFrom([...Object.entries(review.conflicts ?? {}), [itemId, conflict]]);
	return {
		...review,
		answers,
		conflicts,
		updatedAt: at,
		audit: [
			...review.audit,
			{
				at,
				by: actor.by,
				item: itemId,
				from: before?.status ?? 'pending',
				to: 'pending',
				detail: `undo: the conflict is back (${conflict.answers.map(conflictAnswerText).join(' · ')})`,
			},
		],
	};
}
