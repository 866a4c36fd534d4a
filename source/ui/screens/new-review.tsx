import {Box, Text} from 'ink';
import React, {useReducer} from 'react';
import {findReview, newReview, reviewName} from '../../model/review.js';
import {MAX_NAME, tooLong} from '../../model/text-limits.js';
import {hasUnsafeName, sanitizeLine} from '../../terminal/sanitize.js';
import {Header} from '../components/header.js';
import {TextPrompt} from '../components/text-prompt.js';
import {invalidLaunchDate, pastLaunchDate, withLaunchDate} from '../../model/launch.js';

type Step = 'system' | 'release' | 'launch';
import {useDraft} from '../prompt-drafts.js';
import {actorFrom, useAppActions, useAppState} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

/** Three questions: the system under review, its release (optional), its launch date (optional). */
export function NewReviewScreen({size}: {size: Size}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	// The name survives esc on the release question, which goes back to it; the
	// form's place survives the terminal crossing the size limit (a draft).
	// pastKept: the past launch date already said once; enter on it again keeps it.
	const form = useDraft<{step: Step; system: string; release?: string; pastKept?: string}>(
		'new-review-form',
		() => ({
			step: 'system',
			system: '',
		}),
	);
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	const {system, step} = form;
	const setSystem = (name: string) => (form.system = name);
	const setStep = (next: Step) => {
		form.step = next;
		redraw();
	};
	const width = size.columns;
	const back = () => dispatch({type: 'go', screen: 'home'});
	return (
		<Box flexDirection="column" width={width}>
			<Header title="New review" width={width} />
			<Box height={1} />
			<Text>
				{sanitizeLine(
					`Checklist: ${state.loaded.checklist.title} (${state.loaded.checklist.version})`,
				)}
			</Text>
			<Box height={1} />
			{step === 'system' ? (
				<TextPrompt
					key="system"
					draftKey="system"
					label="System under review:"
					initial={system}
					width={width}
					onCancel={back}
					onSubmit={(text) => {
						if (!text.trim()) return 'name the system (for example checkout-api)';
						const long = tooLong(text.trim(), MAX_NAME, 'a system name');
						if (long) return long;
						if (hasUnsafeName(text.trim()))
							return 'a name may not hold control characters or invisible or direction marks';
						setSystem(text.trim());
						setStep('release');
						return undefined;
					}}
				/>
			) : step === 'release' ? (
				<TextPrompt
					key="release"
					draftKey="release"
					label={`Release of ${system} (optional):`}
					hint="enter to start (empty for none) · esc to go back"
					width={width}
					onCancel={() => setStep('system')}
					onSubmit={(text) => {
						const release = text.trim() || undefined;
						const long = release && tooLong(release, MAX_NAME, 'a release');
						if (long) return long;
						if (release && hasUnsafeName(release))
							return 'a release may not hold control characters or invisible or direction marks';
						const existing = findReview(state.db.reviews, system, release);
						// Say so, or it looks as if a new review had been started.
						if (existing) {
							dispatch({
								type: 'open-review',
								reviewId: existing.id,
								actor: actorFrom(services),
								notice: `${reviewName(existing)} already has a review — opened it`,
							});
							return undefined;
						}
						form.release = release;
						setStep('launch');
						return undefined;
					}}
				/>
			) : (
				<TextPrompt
					key="launch"
					draftKey="launch"
					label={`Launch date of ${reviewName({system, ...(form.release ? {release: form.release} : {})})} (optional, YYYY-MM-DD):`}
					hint="enter to start (empty for none) · esc to go back"
					width={width}
					rows={3}
					onCancel={() => setStep('release')}
					onSubmit={(text) => {
						const launch = text.trim();
						const invalid = launch ? invalidLaunchDate(launch) : undefined;
						if (invalid) return invalid;
						// A day before today is asked about once: a typo more often than a launch recorded late.
						// A warning, not a refusal: the doubt on one row, what to do on the next.
						const past = launch ? pastLaunchDate(launch, services.now(), true) : undefined;
						if (past && form.pastKept !== launch) {
							form.pastKept = launch;
							return {warning: past, then: 'enter keeps it, or change it'};
						}
						const actor = actorFrom(services);
						const review = newReview(
							state.loaded.checklist,
							state.loaded.digest,
							system,
							form.release,
							services.now(),
						);
						dispatch({
							type: 'add-review',
							review: launch ? withLaunchDate(review, launch, actor) : review,
							actor,
						});
						return undefined;
					}}
				/>
			)}
		</Box>
	);
}
