import {Box, Text} from 'ink';
import React from 'react';
import type {AuditEntry} from '../../model/schemas.js';
import {statusLabel} from '../../model/vocabulary.js';
import {sanitizeLine} from '../../terminal/sanitize.js';

/** One line of an item's history: when, who, the change and its detail. */
export function historyLine(e: AuditEntry): string {
	const when = e.at.slice(0, 16).replace('T', ' ');
	const change =
		e.from === e.to ? statusLabel(e.to) : `${statusLabel(e.from)} → ${statusLabel(e.to)}`;
	return `${when} ${e.by} · ${change}${e.detail ? ` · ${e.detail}` : ''}`;
}

/**
 * The item's history from the audit log, newest first, on a terminal tall
 * enough to have rows left under the detail: notes given with a fail that
 * were set aside by a later answer are found here.
 */
export function ItemHistory({
	entries,
	height,
	width,
}: {
	/** The item's audit entries, oldest first (as the log keeps them). */
	entries: readonly AuditEntry[];
	height: number;
	width: number;
}) {
	if (height < 2) return null;
	const shown = entries.slice(-(height - 1)).reverse();
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			<Text dimColor wrap="truncate-end">
				{entries.length
					? `history (${entries.length} change${entries.length === 1 ? '' : 's'}, newest first):`
					: 'history: no change yet'}
			</Text>
			{shown.map((e, i) => (
				<Text key={`${e.at}${i}`} dimColor wrap="truncate-end">
					{`  ${sanitizeLine(historyLine(e))}`}
				</Text>
			))}
		</Box>
	);
}
