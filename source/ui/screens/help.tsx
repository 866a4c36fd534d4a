import fastStringWidth from 'fast-string-width';
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {useKeys} from '../input/use-keys.js';
import {bindingsFor, type Binding, type Scope} from '../keys.js';
import {useAppActions} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

const groupOrder: Binding['group'][] = ['Move', 'Answer', 'Evidence and notes', 'Screens'];
// Cells between two columns.
const GAP = 3;

/** One line of a help column: a group heading, a key, a blank, or what was left out. */
export type HelpLine =
	| {kind: 'heading'; text: string}
	| {kind: 'key'; keys: string; label: string}
	| {kind: 'blank'}
	| {kind: 'more'; count: number};

/** A column of the overlay: its lines and the width its keys and labels need. */
export type HelpColumn = {lines: HelpLine[]; keyWidth: number; width: number};

type Group = {title: string; rows: {keys: string; label: string}[]};

function column(groups: Group[], spaced: boolean): HelpColumn {
	const lines: HelpLine[] = [];
	let keyWidth = 0;
	let labelWidth = 0;
	for (const [i, g] of groups.entries()) {
		if (spaced && i > 0) lines.push({kind: 'blank'});
		lines.push({kind: 'heading', text: g.title});
		for (const r of g.rows) {
			lines.push({kind: 'key', ...r});
			keyWidth = Math.max(keyWidth, fastStringWidth(r.keys));
			labelWidth = Math.max(labelWidth, fastStringWidth(r.label));
		}
	}
	const headings = Math.max(0, ...groups.map((g) => fastStringWidth(g.title)));
	return {lines, keyWidth, width: Math.max(headings, keyWidth + 1 + labelWidth)};
}

/** Keeps `height` lines; when some keys do not fit, the last line says how many. */
function cut(col: HelpColumn, height: number): HelpColumn {
	if (col.lines.length <= height) return col;
	const kept = col.lines.slice(0, Math.max(0, height - 1));
	// A heading or blank with none of its keys under it says nothing.
	while (kept.length > 0 && kept.at(-1)!.kind !== 'key') kept.pop();
	const shown = kept.filter((l) => l.kind === 'key').length;
	const total = col.lines.filter((l) => l.kind === 'key').length;
	return {...col, lines: [...kept, {kind: 'more', count: total - shown}]};
}

/**
 * Lays the key table of a screen out in `width` × `height` cells: two columns
 * when both fit side by side with their labels whole, else one; blank lines
 * between groups only when there is room for them; and when the keys still do
 * not fit, a last line saying how many were left out rather than dropping them
 * silently (60×16, the smallest supported terminal, cannot show them all).
 */
export function helpLayout(
	scope: Exclude<Scope, 'global'>,
	width: number,
	height: number,
): HelpColumn[] {
	const list = bindingsFor(scope);
	const groups: Group[] = groupOrder
		.map((title) => ({
			title,
			rows: list
				.filter((b) => b.group === title)
				.map((b) => ({keys: b.keys, label: b.labels?.[scope] ?? b.label})),
		}))
		.filter((g) => g.rows.length > 0);
	const lineCount = (gs: Group[]) => gs.reduce((n, g) => n + 1 + g.rows.length, 0);
	// The split into two runs of groups (in table order) with the shortest taller half.
	let best: [Group[], Group[]] | undefined;
	for (let i = 1; i < groups.length; i++) {
		const split: [Group[], Group[]] = [groups.slice(0, i), groups.slice(i)];
		const tall = (s: [Group[], Group[]]) => Math.max(lineCount(s[0]), lineCount(s[1]));
		if (!best || tall(split) < tall(best)) best = split;
	}
	const layouts = (spaced: boolean): HelpColumn[][] => {
		const one = [column(groups, spaced)];
		if (!best) return [one];
		const two = best.map((gs) => column(gs, spaced));
		const twoFit = two[0]!.width + GAP + two[1]!.width <= width;
		return twoFit ? [two, one] : [one];
	};
	const tallest = (cols: HelpColumn[]) => Math.max(...cols.map((c) => c.lines.length));
	// Prefer spaced groups when they fit, then unspaced; two columns before one.
	for (const spaced of [true, false])
		for (const cols of layouts(spaced)) if (tallest(cols) <= height) return cols;
	return layouts(false)[0]!.map((c) => cut(c, height));
}

function Line({line, keyWidth}: {line: HelpLine; keyWidth: number}) {
	switch (line.kind) {
		case 'heading':
			return (
				<Text bold color="cyan" wrap="truncate-end">
					{line.text}
				</Text>
			);
		case 'key':
			return (
				<Text wrap="truncate-end">
					<Text bold>{line.keys.padEnd(keyWidth + 1)}</Text>
					{line.label}
				</Text>
			);
		case 'blank':
			return <Text> </Text>;
		case 'more':
			return (
				<Text color="yellow" wrap="truncate-end">
					{`… ${line.count} more — enlarge the terminal`}
				</Text>
			);
	}
}

/** The `?` overlay, generated from the same key table the handlers use. */
export function HelpOverlay({scope, size}: {scope: Exclude<Scope, 'global'>; size: Size}) {
	const {dispatch} = useAppActions();
	useKeys(scope, (action) => {
		if (action === 'quit') dispatch({type: 'quit'});
		else if (action === 'back' || action === 'help') dispatch({type: 'toggle-help'});
	});
	// Inside the border (2) and padding (2); rows: the overlay is one row short of
	// the terminal, less the border, the title and the closing line.
	const width = Math.max(10, size.columns - 4);
	const height = Math.max(1, size.rows - 1 - 2 - 2);
	const cols = useMemo(() => helpLayout(scope, width, height), [scope, width, height]);
	// A blank line under the title when there is a row to spare.
	const spare = height - Math.max(...cols.map((c) => c.lines.length)) > 0;
	return (
		<Box
			flexDirection="column"
			width={size.columns}
			height={size.rows - 1}
			borderStyle="round"
			paddingX={1}
			overflowY="hidden"
		>
			<Text bold>{`Keys — ${scope} screen`}</Text>
			<Box marginTop={spare ? 1 : 0} flexGrow={1}>
				{cols.map((c, i) => (
					<Box
						key={i}
						flexDirection="column"
						// The last column takes what is left, so a cut label uses the whole width.
						width={i === cols.length - 1 ? undefined : c.width}
						flexGrow={i === cols.length - 1 ? 1 : 0}
						flexShrink={i === cols.length - 1 ? 1 : 0}
						marginRight={i === cols.length - 1 ? 0 : GAP}
					>
						{c.lines.map((line, k) => (
							<Line key={k} line={line} keyWidth={c.keyWidth} />
						))}
					</Box>
				))}
			</Box>
			<Text dimColor wrap="truncate-end">
				esc or ? closes · prompts take all keys until enter/esc
			</Text>
		</Box>
	);
}
