import type {Actor} from './actor.js';
import type {Answer} from './schemas.js';

/** A "discuss later" mark: who set it and when. */
export type LaterMark = NonNullable<Answer['later']>;

/** The audit detail of setting and of clearing the mark. */
export const LATER_MARKED = 'marked to discuss later';
export const LATER_CLEARED = 'discuss-later mark cleared';

/**
 * The answer with its "discuss later" mark set (by the actor, now) or
 * cleared. The mark is a note for the meeting, not a judgement: status,
 * sign-off and evidence stay as they are.
 */
export function withLater(answer: Answer, marked: boolean, actor: Actor): Answer {
	const {later: _was, ...rest} = answer;
	if (!marked) return rest;
	return {...rest, later: {by: actor.by, at: actor.at.toISOString()}};
}

/**
 * Two marks both sides changed differently, chosen the same whichever side is
 * which: a mark over none (leaving it marked costs a minute at the meeting;
 * losing it loses the question), else the earlier mark (it was raised first).
 */
export function laterOfBoth(
	a: LaterMark | undefined,
	b: LaterMark | undefined,
): LaterMark | undefined {
	if (!a || !b) return a ?? b;
	if (a.at !== b.at) return a.at < b.at ? a : b;
	return a.by <= b.by ? a : b;
}

/** The items of a checklist whose answers are marked to discuss later, in checklist order. */
export function markedForLater(
	sections: ReadonlyArray<{
		items: ReadonlyArray<{item: {id: string; title: string}; answer: Answer}>;
	}>,
): Array<{id: string; title: string; later: LaterMark}> {
	return sections.flatMap((s) =>
		s.items.flatMap(({item, answer}) =>
			answer.later ? [{id: item.id, title: item.title, later: answer.later}] : [],
		),
	);
}
