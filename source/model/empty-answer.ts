import type {Answer} from './schemas.js';

/**
 * An answer that holds nothing worth storing: pending, with no evidence, note,
 * action item or discuss-later mark. A review keeps no entry for such an answer (the item reads
 * as pending), wherever the answer comes from: a person, a merge, a conflict
 * resolved, an upgrade.
 */
export function isEmptyAnswer(answer: Answer): boolean {
	return (
		answer.status === 'pending' &&
		answer.evidence.length === 0 &&
		!answer.note &&
		!answer.actions?.length &&
		!answer.later
	);
}
