import {Box, Text} from 'ink';
import React from 'react';
import {progressSplit, type SectionResult} from '../../model/evaluate.js';
import {BAR_LEGEND} from '../../model/vocabulary.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {fitColumns} from '../../terminal/width.js';
import {Panel} from './panel.js';
import {AnswersBar} from './progress-bar.js';
import {windowStart} from './window.js';

/** One section's row: marker and title take what the bar and count leave. */
const SectionRow = React.memo(function SectionRow({
	result: s,
	current,
	dimmed,
	matches,
	barWidth,
	width,
}: {
	result: SectionResult;
	current: boolean;
	dimmed: boolean;
	/** With a filter on, how many of its items match. */
	matches: number | undefined;
	barWidth: number;
	/** Columns of the row. */
	width: number;
}) {
	const {settled, blocking} = progressSplit(s.items);
	// Cut by our own measure (see ItemRow): marker 2, bar and count, gaps.
	const titleW = width - 2 - 1 - barWidth - 1 - 5 - (matches === undefined ? 0 : 5);
	const done = s.totals.items - s.totals.pending;
	return (
		<Box height={1}>
			<Box flexGrow={1} flexShrink={1}>
				<Text
					wrap="truncate-end"
					bold={current}
					color={current ? 'cyan' : undefined}
					dimColor={dimmed}
				>
					{`${current ? '▸ ' : '  '}${fitColumns(sanitizeLine(s.section.title), Math.max(1, titleW))}`}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1} gap={1}>
				{matches === undefined ? null : <Text color="cyan">{`(${matches})`.padStart(4)}</Text>}
				<AnswersBar settled={settled} blocking={blocking} total={s.totals.items} width={barWidth} />
				<Box width={5} justifyContent="flex-end">
					<Text dimColor>{`${done}/${s.totals.items}`}</Text>
				</Box>
			</Box>
		</Box>
	);
});

/**
 * The list of sections in a framed panel: a bar each (done, needing work and
 * open items apart), the current one marked, and with a filter on the number
 * of matches in each (sections without any dimmed).
 */
export const SectionsPanel = React.memo(function SectionsPanel({
	sections,
	current,
	matches,
	height,
	width,
}: {
	sections: readonly SectionResult[];
	current: number;
	/** Matches per section while a filter is on. */
	matches: readonly number[] | undefined;
	height: number;
	width: number;
}) {
	const rows = Math.max(1, height - 2);
	const start = windowStart(current, sections.length, rows);
	const barWidth = 6;
	// A spare row under the list explains the bars (the help overlay does too).
	const legend = sections.length < rows;
	return (
		<Panel title={matches ? 'Sections · (matches)' : 'Sections'} width={width} height={height}>
			{sections.slice(start, start + rows).map((s, k) => (
				<SectionRow
					key={s.section.id}
					result={s}
					current={start + k === current}
					dimmed={matches?.[start + k] === 0}
					matches={matches?.[start + k]}
					barWidth={barWidth}
					width={width - 2}
				/>
			))}
			{legend ? (
				<Box flexGrow={1} alignItems="flex-end">
					<Text dimColor wrap="truncate-end">
						{BAR_LEGEND}
					</Text>
				</Box>
			) : null}
		</Panel>
	);
});
