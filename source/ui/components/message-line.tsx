import {Box, Text} from 'ink';
import React from 'react';
import {isOpenableUrl, terminalHyperlink} from '../../system/open-link.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {cells} from '../../terminal/width.js';
import {checksStatus} from '../state/checks.js';
import {useAppState} from '../state/context.js';

/**
 * A link on a row of its own, as a terminal hyperlink (OSC 8) when it fits
 * the row whole; a link cut at the edge is shown as plain text, so that no
 * cut could leave the terminal inside an unfinished escape sequence. Ink 6.8
 * passes OSC sequences through and measures them as zero columns.
 */
function LinkLine({url, width}: {url: string; width: number}) {
	const text = sanitizeLine(url);
	const whole = isOpenableUrl(url) && text === url && cells(url) < width;
	return <Text wrap="truncate-end">{whole ? terminalHyperlink(url) : text}</Text>;
}

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
			{message?.link ? <LinkLine url={message.link} width={width} /> : null}
			{status ? (
				<Text color="yellow" wrap="truncate-end">
					⠿ {status}
				</Text>
			) : null}
		</Box>
	);
}
