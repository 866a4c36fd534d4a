import type {Actor} from '../../model/actor.js';
import type {Review} from '../../model/schemas.js';
import {replaceReview} from '../../model/review.js';
import {lastAttendees, withSession} from '../../model/session.js';
import {currentReview} from './selectors.js';
import type {ActionOf, State} from './types.js';

/**
 * A review just opened: with attendees known for this session, the session is
 * recorded on it (once per run); without, and when the review had attendees
 * recorded before (a session or a decision), "Who is here?" is asked, offering
 * the latest. A team that never names attendees is never asked. While renames are asked
 * about first, the question is left out.
 */
export function sessionOnOpen(state: State, actor: Actor): State {
	const review = currentReview(state);
	if (!review || state.sessionOn?.includes(review.id)) return state;
	const sessionOn = [...(state.sessionOn ?? []), review.id];
	if (state.attendees) {
		const recorded = recordSession({...state, sessionOn}, review, state.attendees, actor);
		return {...recorded, message: state.message ?? recorded.message};
	}
	const offered = lastAttendees(review);
	if (!offered || (state.screen !== 'review' && state.screen !== 'summary')) return state;
	return {
		...state,
		sessionOn,
		screen: 'review',
		prompt: {kind: 'attendees', offered, then: state.screen},
	};
}

/** The answer to "Who is here?": the session recorded with them, or (esc) nothing. */
export function attend(state: State, action: ActionOf<'attend'>): State {
	const asked = state.prompt?.kind === 'attendees' ? state.prompt : undefined;
	const review = currentReview(state);
	const next: State = {...state, prompt: undefined, screen: asked?.then ?? state.screen};
	if (!action.attendees?.length || !review)
		return {
			...next,
			message: {kind: 'info', text: 'No attendees recorded for this session.'},
		};
	return recordSession(
		{...next, attendees: action.attendees},
		review,
		action.attendees,
		action.actor,
	);
}

/** The session recorded on `review`, saying so. */
function recordSession(
	state: State,
	review: Review,
	attendees: readonly string[],
	actor: Actor,
): State {
	return {
		...state,
		db: replaceReview(state.db, withSession(review, attendees, actor)),
		version: state.version + 1,
		message: {kind: 'info', text: `Session recorded: attended by ${attendees.join(', ')}.`},
	};
}
