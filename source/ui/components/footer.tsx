import {Box, Text} from 'ink';
import React from 'react';
import {bindingsFor, type Scope} from '../keys.js';

/** Key hints for a screen, generated from the key table. */
export function Footer({scope, width}: {scope: Exclude<Scope, 'global'>; width: number}) {
	const hints = bindingsFor(scope).filter((b) => b.hint);
	return (
		<Box height={2} width={width} flexWrap="wrap" columnGap={2} overflow="hidden">
			{hints.map((b) => (
				<Text key={b.action} wrap="truncate-end">
					<Text bold>{b.hintKeys ?? b.keys}</Text>
					<Text dimColor> {b.hint}</Text>
				</Text>
			))}
		</Box>
	);
}
