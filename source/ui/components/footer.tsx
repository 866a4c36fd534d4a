import fastStringWidth from 'fast-string-width';
import {Box, Text} from 'ink';
import React from 'react';
import {bindingsFor, type ActionId, type Binding, type KeyScope} from '../keys.js';

/** Key hints for a screen, generated from the key table. */
export const Footer = React.memo(function Footer({
	scope,
	width,
	omit,
}: {
	/** The screen, or 'prompt' while a text prompt has the keys. */
	scope: KeyScope;
	width: number;
	/** Keys that do nothing in what is open now (path completion outside the evidence prompt). */
	omit?: readonly ActionId[];
}) {
	// Help and quit lead (a narrow terminal cuts the second row), then the
	// screen's keys in table order, its spare ones last, then back.
	const hints = bindingsFor(scope).filter((b) => b.hint && !omit?.includes(b.action));
	const global = hints.filter((b) => b.scopes.includes('global'));
	const own = hints.filter((b) => !global.includes(b));
	const ordered = [
		...global.filter((b) => b.action !== 'back'),
		...own.filter((b) => !b.spare),
		...own.filter((b) => b.spare),
		...global.filter((b) => b.action === 'back'),
	];
	// Hints flow into rows two columns apart, as a wrapping flex row would lay
	// them out, but as one Text per row rather than one per hint: Ink lays out
	// and draws every node on every frame. While they take more than two rows,
	// the ranked hints give way (highest rank first); rows past the second are
	// cut.
	const yielding = ordered
		.filter((b) => b.givesWay !== undefined)
		.sort((x, y) => (y.givesWay ?? 0) - (x.givesWay ?? 0));
	let shown = ordered;
	let rows = layRows(shown, scope, width);
	for (const b of yielding) {
		if (rows.length <= 2) break;
		shown = shown.filter((x) => x !== b);
		rows = layRows(shown, scope, width);
	}
	return (
		<Box height={2} width={width} flexDirection="column" overflowY="hidden">
			{rows.slice(0, 2).map((row) => (
				<Text key={row[0]!.action} wrap="truncate-end">
					{row.map((b, i) => (
						<React.Fragment key={b.action}>
							{i > 0 ? '  ' : ''}
							<Text bold>{b.hintKeys ?? b.keys}</Text>
							<Text dimColor> {b.hints?.[scope] ?? b.hint}</Text>
						</React.Fragment>
					))}
				</Text>
			))}
		</Box>
	);
});

/** Hints in rows of `width` columns, two columns apart, in order. */
function layRows(hints: readonly Binding[], scope: KeyScope, width: number): Binding[][] {
	const rows: Binding[][] = [];
	let used = 0;
	for (const b of hints) {
		const w = Math.min(
			width,
			fastStringWidth(`${b.hintKeys ?? b.keys} ${b.hints?.[scope] ?? b.hint}`),
		);
		const row = rows.at(-1);
		if (row && used + 2 + w <= width) {
			row.push(b);
			used += 2 + w;
		} else {
			rows.push([b]);
			used = w;
		}
	}
	return rows;
}
