import {Box, Text} from 'ink';
import React from 'react';
import type {ItemResult} from '../../model/evaluate.js';
import type {ChecklistItem} from '../../model/schemas.js';
import type {Placed} from '../state/selectors.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {cells, fitColumns} from '../../terminal/width.js';
import {laterLook} from '../../model/vocabulary.js';
import {Panel} from './panel.js';
import {statusLook} from './status.js';
import {outOfViewLine, windowStart} from './window.js';

/** Columns of a list's status: the longest glyph and word (`○ pending`) and a space. */
export const STATUS_WIDTH = 10;
/**
 * The same while a review has a conflict: `⚠ conflict` is a column wider. Only
 * then, so that titles keep their column everywhere else.
 */
export const CONFLICT_STATUS_WIDTH = 11;

/** One row of the item list; re-rendered only when it changes. */
const ItemRow = React.memo(function ItemRow({
	item,
	result: r,
	focused,
	section,
	width,
	statusWidth,
}: {
	item: ChecklistItem;
	result: ItemResult | undefined;
	focused: boolean;
	/** The item's section, shown when the list spans sections (a filter). */
	section: string | undefined;
	/** Columns of the row. */
	width: number;
	/** Columns of the status (glyph and word) and the space after it. */
	statusWidth: number;
}) {
	const look = statusLook(
		r?.answer.status ?? 'pending',
		r?.stale,
		r?.answer.reReview,
		r?.conflict !== undefined,
	);
	// An answer that still blocks (a pass without evidence, an expired waiver) is marked.
	const blocks = r?.blocker && r.answer.status !== 'pending' && r.answer.status !== 'fail';
	// The section's name takes at most a quarter of the row: the title matters more.
	const sectionW =
		section === undefined ? 0 : Math.min(16, Math.floor(width / 4), cells(section) + 2);
	// Cut by our own measure of display width before Ink lays it out: Ink's
	// measure of emoji and CJK can differ from the terminal's by a column.
	// Marked to discuss later: the glyph leads the title, so a cut keeps it.
	const title = fitColumns(
		`${r?.answer.later ? `${laterLook.glyph} ` : ''}${sanitizeLine(item.title)}${item.level === 'recommended' ? ' (recommended)' : ''}${blocks ? ' !' : ''}`,
		Math.max(1, width - statusWidth - 2 - (sectionW ? sectionW + 1 : 0)),
	);
	return (
		<Box height={1}>
			<Box width={2} flexShrink={0}>
				<Text color="cyan">{focused ? '›' : ' '}</Text>
			</Box>
			<Box width={statusWidth} flexShrink={0}>
				<Text color={look.color}>{`${look.glyph} ${look.word}`}</Text>
			</Box>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate-end" bold={focused} inverse={focused}>
					{title}
				</Text>
			</Box>
			{section === undefined ? null : (
				<Box flexShrink={0} marginLeft={1} width={sectionW}>
					<Text wrap="truncate-end" dimColor>
						{fitColumns(`· ${section}`, sectionW)}
					</Text>
				</Box>
			)}
		</Box>
	);
});

/**
 * The items, framed in a panel titled with their section (or the filter) when
 * `framed`, the focused one marked; only the rows in view are drawn (and only
 * they are looked up: a key press costs the same at 26 items or 10,000).
 */
export function ItemsPanel({
	title,
	items,
	results,
	sectionTitle,
	focusedId,
	empty,
	height,
	width,
	framed,
	statusWidth = STATUS_WIDTH,
}: {
	title: string;
	/** The listed items, with the section each stands in. */
	items: readonly Placed[];
	results: ReadonlyMap<string, ItemResult>;
	/** The title of an item's section, when the list spans sections (a filter). */
	sectionTitle?: (sectionIndex: number) => string;
	focusedId: string | undefined;
	/** Shown when there is no row. */
	empty: string;
	/** Rows, frame included. */
	height: number;
	width: number;
	framed: boolean;
	/**
	 * Columns of the status: STATUS_WIDTH, or CONFLICT_STATUS_WIDTH while the
	 * review has a conflict (`⚠ conflict` is a column wider than the others).
	 */
	statusWidth?: number;
}) {
	const inner = Math.max(1, height - (framed ? 2 : 0));
	// A list that does not fit gives its last row to saying what is out of view
	// (not with two rows or fewer: then the items matter more than the count).
	const cut = items.length > inner && inner >= 3;
	const shown = cut ? inner - 1 : inner;
	const focus = Math.max(
		0,
		items.findIndex((p) => p.item.id === focusedId),
	);
	const start = windowStart(focus, items.length, shown);
	const list =
		items.length === 0 ? (
			<Text dimColor wrap="truncate-end">
				{empty}
			</Text>
		) : (
			[
				...items
					.slice(start, start + shown)
					.map(({item, sectionIndex}) => (
						<ItemRow
							key={item.id}
							item={item}
							result={results.get(item.id)}
							focused={item.id === focusedId}
							section={sectionTitle && sanitizeLine(sectionTitle(sectionIndex))}
							width={width - (framed ? 2 : 0)}
							statusWidth={statusWidth}
						/>
					)),
				cut ? (
					<Text key="more" dimColor wrap="truncate-end">
						{outOfViewLine(start, Math.max(0, items.length - start - shown))}
					</Text>
				) : null,
			]
		);
	if (framed)
		return (
			<Panel title={title} width={width} height={height} focused>
				{list}
			</Panel>
		);
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			{list}
		</Box>
	);
}
