import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';
import {cells, fitColumns} from '../../terminal/width.js';

/**
 * A framed panel with its title in the top border, so that what sits side by
 * side reads as separate lists: the title line is drawn as text (Ink's borders
 * carry no title), the rest of the frame by Ink's border.
 */
export function Panel({
	title,
	width,
	height,
	focused = false,
	children,
}: {
	/** Shown in the top border, cut to fit. */
	title: string;
	/** Columns, frame included. */
	width: number;
	/** Rows, frame included. */
	height: number;
	/** Drawn in the accent colour: where the keys act. */
	focused?: boolean;
	children: ReactNode;
}) {
	const label = fitColumns(title, Math.max(1, width - 6));
	const rule = '─'.repeat(Math.max(0, width - 5 - cells(label)));
	const color = focused ? 'cyan' : 'gray';
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			<Text wrap="truncate-end">
				<Text color={color}>╭─ </Text>
				<Text bold={focused}>{label}</Text>
				<Text color={color}>{` ${rule}╮`}</Text>
			</Text>
			<Box
				borderStyle="round"
				borderTop={false}
				borderColor={color}
				flexDirection="column"
				flexGrow={1}
				overflowY="hidden"
			>
				{children}
			</Box>
		</Box>
	);
}
