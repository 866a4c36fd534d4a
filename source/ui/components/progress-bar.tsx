import {Text} from 'ink';
import React from 'react';

/** A bar of `width` cells: █ for done, ░ for the rest (readable without colour). */
export function ProgressBar({
	ratio,
	width,
	color = 'green',
}: {
	ratio: number;
	width: number;
	color?: string;
}) {
	const w = Math.max(1, width);
	const filled = Math.round(Math.max(0, Math.min(1, ratio)) * w);
	return (
		<Text>
			<Text color={color}>{'█'.repeat(filled)}</Text>
			<Text dimColor>{'░'.repeat(w - filled)}</Text>
		</Text>
	);
}

/** Cells for each part of a bar: settled, blocking and open items of `total`, rounded so they add to `width`. */
export function barCells(
	settled: number,
	blocking: number,
	total: number,
	width: number,
): {settled: number; blocking: number; open: number} {
	const w = Math.max(1, width);
	if (total <= 0) return {settled: w, blocking: 0, open: 0};
	const ok = Math.round((settled / total) * w);
	// A blocking answer always shows, however many items there are.
	const bad = Math.min(w - ok, Math.max(blocking > 0 ? 1 : 0, Math.round((blocking / total) * w)));
	return {settled: ok, blocking: bad, open: w - ok - bad};
}

/** The legend of AnswersBar, for panel titles and help. */
export const BAR_LEGEND = '█ done ▒ needs work ░ open';

/**
 * A section's bar that tells a pass from a fail: █ done (pass, n/a, a waiver
 * that holds), ▒ answered but needing work (a fail, a stale pass, an expired
 * waiver…), ░ open. The shades differ without colour.
 */
export function AnswersBar({
	settled,
	blocking,
	total,
	width,
}: {
	settled: number;
	blocking: number;
	total: number;
	width: number;
}) {
	const cells = barCells(settled, blocking, total, width);
	return (
		<Text>
			<Text color="green">{'█'.repeat(cells.settled)}</Text>
			<Text color="red">{'▒'.repeat(cells.blocking)}</Text>
			<Text dimColor>{'░'.repeat(cells.open)}</Text>
		</Text>
	);
}
