import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {useAppState} from '../state/context.js';

/** Two rows under the content: the last message, or the save error. */
export function MessageLine({width}: {width: number}) {
	const {message, saveError} = useAppState();
	return (
		<Box height={2} width={width} flexDirection="column" overflowY="hidden">
			{saveError ? (
				<Text color="red" wrap="truncate-end">
					✖ could not save: {sanitizeLine(saveError)}
				</Text>
			) : null}
			{message ? (
				<Text
					color={message.kind === 'error' ? 'red' : 'cyan'}
					wrap={saveError ? 'truncate-end' : 'wrap'}
				>
					{message.kind === 'error' ? '✖ ' : ''}
					{sanitizeLine(message.text)}
				</Text>
			) : null}
		</Box>
	);
}
