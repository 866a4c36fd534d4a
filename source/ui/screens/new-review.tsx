import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {findReview, newReview} from '../../model/review.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Header} from '../components/header.js';
import {TextPrompt} from '../components/text-prompt.js';
import {actorFrom, useAppActions, useAppState} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

/** Two questions: the system under review, then its release (optional). */
export function NewReviewScreen({size}: {size: Size}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const [system, setSystem] = useState<string>();
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
			{system === undefined ? (
				<TextPrompt
					key="system"
					label="System under review:"
					width={width}
					onCancel={back}
					onSubmit={(text) => {
						if (!text.trim()) return 'name the system (for example checkout-api)';
						setSystem(text.trim());
						return undefined;
					}}
				/>
			) : (
				<TextPrompt
					key="release"
					label={`Release of ${system} (optional):`}
					hint="enter to start (empty for none) · esc to go back"
					width={width}
					onCancel={() => setSystem(undefined)}
					onSubmit={(text) => {
						const release = text.trim() || undefined;
						const existing = findReview(state.db.reviews, system, release);
						if (existing)
							dispatch({type: 'open-review', reviewId: existing.id, actor: actorFrom(services)});
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
