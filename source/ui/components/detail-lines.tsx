import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {fitColumns, wrapLines} from './wrap.js';

/** A line of a list screen's detail: its text, bold for a heading line. */
export type DetailLine = {text: string; bold?: boolean};

/** How far a wrapped line's continuation is indented: under the text after a label. */
const HANG = '      ';

/**
 * The detail under a list (renames, orphans): each line wrapped whole to the
 * width, its continuation lines indented, as many as `height` rows hold.
 */
export function DetailLines({
	lines,
	width,
	height,
}: {
	lines: readonly DetailLine[];
	width: number;
	height: number;
}) {
	const rows = lines
		.flatMap((line) =>
			wrapLines(sanitizeLine(line.text), width - HANG.length).map((text, k) => ({
				text: k === 0 ? text : `${HANG}${text.trimStart()}`,
				bold: line.bold === true,
			})),
		)
		.slice(0, height);
	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			{rows.map((line, i) => (
				<Text key={i} wrap="truncate-end" bold={line.bold}>
					{fitColumns(line.text, width)}
				</Text>
			))}
		</Box>
	);
}
