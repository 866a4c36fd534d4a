import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {useAppState} from '../state/context.js';

/** The saved indicator: a write is either on disk, in flight, or failed. */
export function SavedIndicator() {
	const state = useAppState();
	if (state.saveError) return <Text color="red">✖ not saved</Text>;
	if (state.savedVersion < state.version) return <Text color="yellow">… saving</Text>;
	return <Text color="green">✔ saved</Text>;
}

export function Header({title, width}: {title: string; width: number}) {
	return (
		<Box width={width} height={1} justifyContent="space-between">
			<Box flexShrink={1}>
				<Text wrap="truncate-end">
					<Text bold color="cyan">
						preflight
					</Text>
					<Text dimColor> · </Text>
					{sanitizeLine(title)}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				<SavedIndicator />
			</Box>
		</Box>
	);
}
