import fastStringWidth from 'fast-string-width';
import React from 'react';
import {findItem} from '../../model/review.js';
import {completePath} from '../../system/complete-path.js';
import {evidenceBase, parseEvidence} from '../../system/evidence.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {fitColumns} from '../../terminal/width.js';
import {promptAnswer, prompts, stepOf, type PromptContext} from '../intents/prompts.js';
import {actorFrom, useAppActions, useAppState} from '../state/context.js';
import {evidenceUsedElsewhere} from '../evidence-suggestions.js';
import {currentReview} from '../state/selectors.js';
import type {Prompt} from '../state/types.js';
import {TextPrompt, type TextPromptProps} from './text-prompt.js';

/**
 * A prompt label naming an item: the title is cut so that the label leaves
 * `typing` columns (24 unless the answer is short: the prompt shows 4 fewer
 * typed characters, and scrolls longer values). Labels are kept short so that
 * at 80 columns the title is rarely cut.
 */
function promptLabel(
	before: string,
	title: string,
	after: string,
	width: number,
	typing = 24,
): string {
	const room = Math.max(10, Math.min(40, width - fastStringWidth(before + after) - typing));
	return `${before}${fitColumns(sanitizeLine(title), room)}${after}`;
}

/**
 * The open prompt, drawn from its row in the prompt table: label, hint, first
 * value, and what enter and esc do. Every prompt names its item: after f the
 * focus has moved on, so "the focused item" is not always the one it is for.
 */
export function PromptArea({
	prompt,
	width,
	onKey,
}: {
	prompt: Prompt;
	width: number;
	/** Keys the screen takes before the prompt does (true when taken). */
	onKey?: TextPromptProps['onKey'];
}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const review = currentReview(state);
	// The filter and "Who is here?" are about no one item.
	const item = 'itemId' in prompt ? findItem(state.loaded.checklist, prompt.itemId) : undefined;
	if ('itemId' in prompt && (!review || !item)) return null;
	const step = stepOf(prompt);
	const spec = prompts[step];
	// Made when needed: a sign-off is dated when enter is pressed, not when the prompt opened.
	const context = (): PromptContext => {
		const now = services.now();
		return {
			prompt,
			item,
			answer: promptAnswer(review, item),
			review,
			filter: state.filter,
			now,
			actor: actorFrom(services),
			reviewer: sanitizeLine(services.reviewer()),
			parseEvidence: (text) => parseEvidence(text, services.cwd, now),
		};
	};
	const shown = context();
	const l = spec.label(shown);
	const label = item ? promptLabel(l.before, item.title, l.after, width, l.typing) : l.before;
	const live = spec.live;
	const evidence =
		spec.evidence && item && review
			? {
					// Tab completes paths from where file evidence is stored relative to
					// (the repository root); the database and its lock are never offered.
					complete: (text: string) =>
						completePath(text, {
							base: evidenceBase(services.cwd),
							skip: (p: string) => p === services.dbPath || p === `${services.dbPath}.lock`,
						}),
					suggestions: evidenceUsedElsewhere(review, item.id, services.cwd),
					suggestionsTitle: 'used in this review',
				}
			: {};
	return (
		<TextPrompt
			{...evidence}
			key={step}
			{...(onKey ? {onKey} : {})}
			label={label}
			initial={spec.initial(shown)}
			hint={spec.hint(shown)}
			width={width}
			onCancel={() => dispatch(spec.cancel(context()))}
			onSubmit={(text) => {
				const outcome = spec.submit(text, context());
				if ('error' in outcome) return outcome.error;
				dispatch(outcome.action);
				return undefined;
			}}
			{...(live ? {onChange: (text: string) => dispatch(live(text, context()))} : {})}
		/>
	);
}
