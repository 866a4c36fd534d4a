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
