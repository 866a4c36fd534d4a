import type {Actor} from '../../model/actor.js';
import {invalidAnswer} from '../../model/review.js';
import type {Answer, ChecklistItem} from '../../model/schemas.js';
import type {Action} from '../state/types.js';

/**
 * The record action for an answer the rules allow (the same rules as `set`),
 * or why it may not be recorded. Keys and prompts both answer through it.
 */
export function recordOrRefuse(
	item: ChecklistItem,
	next: Answer,
	how: {now: Date; actor: Actor; advance: boolean; confirm: boolean},
): {error: string} | {action: Action} {
	const problem = invalidAnswer(item, next, how.now);
	if (problem) return {error: problem};
	const {actor, advance, confirm} = how;
	return {action: {type: 'record', itemId: item.id, answer: next, actor, advance, confirm}};
}
