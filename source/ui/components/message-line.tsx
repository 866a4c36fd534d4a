import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {checksStatus} from '../state/checks.js';
import {useAppState} from '../state/context.js';

/**
 * Two rows under the content: the last message, or the save error; while
 * checks run, the second row says how many ("3 checks running…") until the
 * last ends, whatever message comes and goes above it.
 */
export function MessageLine({width}: {width: number}) {
	const state = useAppState();
	const {message, saveError} = state;
	const status = saveError ? undefined : checksStatus(state);
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
					wrap={saveError || status ? 'truncate-end' : 'wrap'}
				>
					{message.kind === 'error' ? '✖ ' : ''}
					{sanitizeLine(message.text)}
				</Text>
			) : null}
			{status ? (
				<Text color="yellow" wrap="truncate-end">
					⠿ {status}
				</Text>
			) : null}
		</Box>
	);
}
