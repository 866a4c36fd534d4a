import {Box, Text} from 'ink';
import React from 'react';
import {bindingsFor, type Scope} from '../keys.js';

/** Key hints for a screen, generated from the key table. */
export const Footer = React.memo(function Footer({
	scope,
	width,
}: {
	scope: Exclude<Scope, 'global'>;
	width: number;
}) {
	// Screen keys first, then the global ones; when a narrow terminal cuts the
	// second row, help and quit must still show, so they lead that group.
	const hints = bindingsFor(scope).filter((b) => b.hint);
	const global = hints.filter((b) => b.scopes.includes('global'));
	const ordered = [
		...global.filter((b) => b.action !== 'back'),
		...hints.filter((b) => !global.includes(b)),
		...global.filter((b) => b.action === 'back'),
	];
	return (
		<Box height={2} width={width} flexWrap="wrap" columnGap={2} overflowY="hidden">
			{ordered.map((b) => (
				<Text key={b.action} wrap="truncate-end">
					<Text bold>{b.hintKeys ?? b.keys}</Text>
					<Text dimColor> {b.hint}</Text>
				</Text>
			))}
		</Box>
	);
});
