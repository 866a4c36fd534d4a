import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import type {KeyScope} from '../keys.js';
import type {Size} from '../use-terminal-size.js';
import {DetailLines, type DetailLine} from './detail-lines.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {MessageLine} from './message-line.js';
import {outOfViewLine, windowStart} from './window.js';
import {fitColumns} from './wrap.js';

/**
 * Rows of a list screen (renames, orphans): the list gets a row per entry (and
 * one saying how many are out of view) up to what leaves the detail at least
 * 4 rows (6 from 22 rows up); the detail gets every row the list leaves.
 */
export function listScreenRows(
	rows: number,
	count = Number.POSITIVE_INFINITY,
): {listH: number; detailH: number} {
	const minDetail = rows >= 22 ? 6 : 4;
	// header 1, intro 2, a blank 1, detail, message 2, footer 2, one row spare
	const free = Math.max(2, rows - 9);
	const listH = Math.max(1, Math.min(count, free - minDetail));
	return {listH, detailH: Math.max(1, free - listH)};
}

/** One row of the list: what stands before its text (a score, a status) and the text. */
export type ListEntry = {key: string; lead: ReactNode; text: string};

/** A detail line that is shown only when the detail has 6 rows or more. */
export type ListDetailLine = DetailLine & {spare?: boolean};

/**
 * A screen of decisions over a list: a header, two lines saying what it is
 * and what the keys do, the entries one per row with the focused one marked
 * (scrolled to stay in view), the focused entry's detail wrapped below, the
 * message line and the footer's keys.
 */
export function ListScreen({
	size,
	title,
	intro,
	hint,
	entries,
	focus,
	leadWidth,
	fitList = false,
	detail,
	scope,
}: {
	size: Size;
	title: string;
	intro: string;
	hint: string;
	entries: readonly ListEntry[];
	focus: number;
	/** Columns the marker and the lead take before the text. */
	leadWidth: number;
	/** The list takes only the rows its entries need, leaving the rest to the detail. */
	fitList?: boolean;
	detail: readonly ListDetailLine[];
	scope: KeyScope;
}) {
	const width = size.columns;
	const {listH, detailH} = listScreenRows(size.rows, fitList ? entries.length : undefined);
	const rows = entries.length > listH && listH > 1 ? listH - 1 : listH;
	const start = windowStart(focus, entries.length, rows);
	return (
		<Box flexDirection="column" width={width}>
			<Header title={title} width={width} />
			<Box height={2} flexDirection="column">
				<Text wrap="truncate-end">{fitColumns(intro, width)}</Text>
				<Text wrap="truncate-end" dimColor>
					{fitColumns(hint, width)}
				</Text>
			</Box>
			<Box flexDirection="column" height={listH}>
				{entries.slice(start, start + rows).map((entry, k) => {
					const focused = start + k === focus;
					return (
						<Box key={entry.key} height={1} overflowY="hidden">
							<Text color="cyan">{focused ? '› ' : '  '}</Text>
							{entry.lead}
							<Box flexShrink={1}>
								<Text wrap="truncate-end" inverse={focused}>
									{fitColumns(sanitizeLine(entry.text), width - leadWidth)}
								</Text>
							</Box>
						</Box>
					);
				})}
				{rows < listH ? (
					<Text dimColor wrap="truncate-end">
						{outOfViewLine(start, Math.max(0, entries.length - start - rows))}
					</Text>
				) : null}
			</Box>
			<Box height={1} />
			<DetailLines
				lines={detail.filter((l) => !l.spare || detailH >= 6)}
				width={width}
				height={detailH}
			/>
			<MessageLine width={width} />
			<Footer scope={scope} width={width} />
		</Box>
	);
}
