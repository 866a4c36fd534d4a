import {Box, Text} from 'ink';
import React from 'react';
import {useKeys} from '../use-keys.js';
import {bindingsFor, type Binding, type Scope} from '../keys.js';
import {useAppActions} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

// Two columns so that the whole table fits an 80x24 terminal.
const columns: Binding['group'][][] = [
	['Move', 'Answer'],
	['Evidence and notes', 'Screens'],
];

/** The `?` overlay, generated from the same key table the handlers use. */
export function HelpOverlay({scope, size}: {scope: Exclude<Scope, 'global'>; size: Size}) {
	const {dispatch} = useAppActions();
	useKeys(scope, (action) => {
		if (action === 'quit') dispatch({type: 'quit'});
		else if (action === 'back' || action === 'help') dispatch({type: 'toggle-help'});
	});
	const list = bindingsFor(scope);
	return (
		<Box
			flexDirection="column"
			width={size.columns}
			height={size.rows - 1}
			borderStyle="round"
			paddingX={1}
			overflowY="hidden"
		>
			<Text bold>{`Keys — ${scope === 'review' ? 'review' : scope} screen`}</Text>
			<Box>
				{columns.map((column) => (
					<Box key={column.join()} flexDirection="column" width="50%" paddingRight={2}>
						{column.map((g) => {
							const rows = list.filter((b) => b.group === g);
							if (rows.length === 0) return null;
							return (
								<Box key={g} flexDirection="column" marginTop={1}>
									<Text bold color="cyan">
										{g}
									</Text>
									{rows.map((b) => (
										<Text key={b.action} wrap="truncate-end">
											<Text bold>{b.keys.padEnd(14)}</Text>
											{b.labels?.[scope] ?? b.label}
										</Text>
									))}
								</Box>
							);
						})}
					</Box>
				))}
			</Box>
			<Box marginTop={1}>
				<Text dimColor>Prompts take every key until enter or esc. esc or ? closes this help.</Text>
			</Box>
		</Box>
	);
}
