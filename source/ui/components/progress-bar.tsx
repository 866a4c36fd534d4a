import {Text} from 'ink';
import React from 'react';
import {barCells, barGlyphs} from '../../model/vocabulary.js';

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
			<Text color="green">{barGlyphs.settled.repeat(cells.settled)}</Text>
			<Text color="red">{barGlyphs.blocking.repeat(cells.blocking)}</Text>
			<Text dimColor>{barGlyphs.open.repeat(cells.open)}</Text>
		</Text>
	);
}
