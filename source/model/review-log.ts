import type {Actor} from './actor.js';
import type {Review} from './schemas.js';

/**
 * The review with an audit entry about no one item (`*`: a launch date, a
 * session, a decision) appended, and `updatedAt` moved to it.
 */
export function withReviewEntry(review: Review, actor: Actor, detail: string): Review {
	const at = actor.at.toISOString();
	return {
		...review,
		updatedAt: at > review.updatedAt ? at : review.updatedAt,
		audit: [...review.audit, {at, by: actor.by, item: '*', from: 'pending', to: 'pending', detail}],
	};
}
