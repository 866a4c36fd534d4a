import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {findReview, newReview, reviewName} from '../../model/review.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Header} from '../components/header.js';
import {TextPrompt} from '../components/text-prompt.js';
import {actorFrom, useAppActions, useAppState} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

/** Two questions: the system under review, then its release (optional). */
export function NewReviewScreen({size}: {size: Size}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	// The name survives esc on the release question, which goes back to it.
	const [system, setSystem] = useState('');
	const [step, setStep] = useState<'system' | 'release'>('system');
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
					label="System under review:"
					initial={system}
					width={width}
					onCancel={back}
					onSubmit={(text) => {
						if (!text.trim()) return 'name the system (for example checkout-api)';
						setSystem(text.trim());
						setStep('release');
						return undefined;
					}}
				/>
			) : (
				<TextPrompt
					key="release"
					label={`Release of ${system} (optional):`}
					hint="enter to start (empty for none) · esc to go back"
					width={width}
					onCancel={() => setStep('system')}
					onSubmit={(text) => {
						const release = text.trim() || undefined;
						const existing = findReview(state.db.reviews, system, release);
						// Say so, or it looks as if a new review had been started.
						if (existing)
							dispatch({
								type: 'open-review',
								reviewId: existing.id,
								actor: actorFrom(services),
								notice: `${reviewName(existing)} already has a review — opened it`,
							});
						else
							dispatch({
								type: 'add-review',
								review: newReview(
									state.loaded.checklist,
									state.loaded.digest,
									system,
									release,
									services.now(),
								),
								actor: actorFrom(services),
							});
						return undefined;
					}}
				/>
			)}
		</Box>
	);
}
