import fastStringWidth from 'fast-string-width';
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {useKeys} from '../input/use-keys.js';
import {useScroll} from '../use-scroll.js';
import {bindingsFor, type ActionId, type Binding, type Scope} from '../keys.js';
import type {ScrollMove} from '../scroll.js';
import {useAppActions} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

const groupOrder: Binding['group'][] = [
	'Move',
	'Answer',
	'Conflicts',
	'Renames',
	'Evidence and notes',
	'Screens',
];
// Cells between two columns.
const GAP = 3;
// Narrower than this, a label is not worth wrapping: one column instead.
const MIN_LABEL_WIDTH = 16;

/** A label in rows of at most `max` cells, broken after a space or a `/`. */
export function wrapHelpLabel(label: string, max: number): string[] {
	const rows: string[] = [];
	let rest = label;
	while (fastStringWidth(rest) > max) {
		const head = rest.slice(0, max + 1);
		const cut = Math.max(head.lastIndexOf(' '), head.lastIndexOf('/') + 1);
		if (cut <= 0) break;
		rows.push(rest.slice(0, cut).trimEnd());
		rest = rest.slice(cut).trimStart();
	}
	rows.push(rest);
	return rows;
}

/** One line of a help column: a group heading, a key, or a blank between groups. */
export type HelpLine =
	| {kind: 'heading'; text: string}
	| {kind: 'key'; keys: string; label: string}
	/** The rest of a long label, on the rows under its key. */
	| {kind: 'more'; label: string}
	| {kind: 'blank'};

/** A column of the overlay: its lines and the width its keys and labels need. */
export type HelpColumn = {lines: HelpLine[]; keyWidth: number; width: number};

type Group = {title: string; rows: {keys: string; label: string}[]};

/** A column of `groups`; labels wider than `wrapAt` go on on the rows under their key. */
function column(groups: Group[], spaced: boolean, wrapAt = Infinity): HelpColumn {
	const lines: HelpLine[] = [];
	let keyWidth = 0;
	let labelWidth = 0;
	for (const [i, g] of groups.entries()) {
		if (spaced && i > 0) lines.push({kind: 'blank'});
		lines.push({kind: 'heading', text: g.title});
		for (const r of g.rows) {
			const [first = '', ...more] = wrapHelpLabel(r.label, wrapAt);
			lines.push({kind: 'key', keys: r.keys, label: first});
			for (const label of more) lines.push({kind: 'more', label});
			keyWidth = Math.max(keyWidth, fastStringWidth(r.keys));
			for (const label of [first, ...more])
				labelWidth = Math.max(labelWidth, fastStringWidth(label));
		}
	}
	const headings = Math.max(0, ...groups.map((g) => fastStringWidth(g.title)));
	return {lines, keyWidth, width: Math.max(headings, keyWidth + 1 + labelWidth)};
}

/**
 * Lays the key table of a screen out in `width` × `height` cells: two columns
 * when both fit side by side with their labels whole, else one, else two with
 * the longest labels on two rows; blank lines
 * between groups only when there is room for them; and when the keys still do
 * not fit (60×16, the smallest supported terminal, cannot show them all), one
 * column taller than `height`, which the overlay scrolls.
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
	const fits = (two: HelpColumn[]) => two[0]!.width + GAP + two[1]!.width <= width;
	const layouts = (spaced: boolean): HelpColumn[][] => {
		const one = [column(groups, spaced)];
		if (!best) return [one];
		const two = best.map((gs) => column(gs, spaced));
		if (fits(two)) return [two, one];
		// Two columns with the longest labels of one of them (the filter's
		// words) on two rows, before one column taller than the overlay.
		const [left, right] = two as [HelpColumn, HelpColumn];
		const wrapRight = width - GAP - left.width - right.keyWidth - 1;
		const wrapLeft = width - GAP - right.width - left.keyWidth - 1;
		const wrapped =
			wrapRight >= MIN_LABEL_WIDTH
				? [left, column(best[1], spaced, wrapRight)]
				: wrapLeft >= MIN_LABEL_WIDTH
					? [column(best[0], spaced, wrapLeft), right]
					: undefined;
		return wrapped && fits(wrapped) ? [one, wrapped] : [one];
	};
	const tallest = (cols: HelpColumn[]) => Math.max(...cols.map((c) => c.lines.length));
	// Prefer spaced groups when they fit, then unspaced; two columns before one.
	for (const spaced of [true, false])
		for (const cols of layouts(spaced)) if (tallest(cols) <= height) return cols;
	return layouts(false).at(-1)!;
}

/** Keys in a run of help lines (what an indicator counts). */
const keyCount = (lines: readonly HelpLine[]) => lines.filter((l) => l.kind === 'key').length;

/** What is out of view above and below a scrolled column, in words. */
export function outOfView(lines: readonly HelpLine[], offset: number, height: number) {
	const say = (hidden: readonly HelpLine[], where: string, glyph: string) => {
		if (hidden.length === 0) return undefined;
		const n = keyCount(hidden);
		return n === 0 ? `${glyph} more ${where}` : `${glyph} ${n} key${n === 1 ? '' : 's'} ${where}`;
	};
	return {
		above: say(lines.slice(0, offset), 'above', '↑'),
		below: say(lines.slice(offset + height), 'below', '↓'),
	};
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
		case 'more':
			return (
				<Box>
					<Box width={keyWidth + 1} flexShrink={0}>
						<Text bold>{line.kind === 'key' ? line.keys : ''}</Text>
					</Box>
					<Box flexGrow={1} flexShrink={1}>
						<Text wrap="truncate-end">{line.label}</Text>
					</Box>
				</Box>
			);
		case 'blank':
			return <Text> </Text>;
	}
}

/** The `?` overlay, generated from the same key table the handlers use. */
export function HelpOverlay({scope, size}: {scope: Exclude<Scope, 'global'>; size: Size}) {
	const {dispatch} = useAppActions();
	// Inside the border (2) and padding (2); rows: the overlay is one row short of
	// the terminal, less the border, the title and the closing line.
	const width = Math.max(10, size.columns - 4);
	const height = Math.max(1, size.rows - 1 - 2 - 2);
	const cols = useMemo(() => helpLayout(scope, width, height), [scope, width, height]);
	const tallest = Math.max(...cols.map((c) => c.lines.length));
	const scroll = useScroll(tallest, height);
	// The overlay's own keys, from the key table's 'help' scope.
	const moves: Partial<Record<ActionId, ScrollMove>> = {
		'prev-item': 'line-up',
		'next-item': 'line-down',
		'page-up': 'page-up',
		'page-down': 'page-down',
		'scroll-top': 'top',
		'scroll-bottom': 'bottom',
	};
	useKeys('help', (action) => {
		if (action === 'quit') dispatch({type: 'quit'});
		else if (action === 'back' || action === 'help') dispatch({type: 'toggle-help'});
		else if (moves[action]) scroll.move(moves[action]);
	});
	const scrolls = tallest > height;
	const view = scrolls
		? outOfView(cols[0]!.lines, scroll.offset, height)
		: {above: undefined, below: undefined};
	// A blank line under the title when there is a row to spare.
	const spare = height - tallest > 0;
	return (
		<Box
			flexDirection="column"
			width={size.columns}
			height={size.rows - 1}
			borderStyle="round"
			paddingX={1}
			overflowY="hidden"
		>
			<Box justifyContent="space-between">
				<Text bold wrap="truncate-end">{`Keys — ${scope} screen`}</Text>
				{view.above ? <Text color="yellow">{view.above}</Text> : null}
			</Box>
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
						{(scrolls ? c.lines.slice(scroll.offset, scroll.offset + height) : c.lines).map(
							(line, k) => (
								<Line key={scroll.offset + k} line={line} keyWidth={c.keyWidth} />
							),
						)}
					</Box>
				))}
			</Box>
			<Text wrap="truncate-end">
				{view.below ? <Text color="yellow">{`${view.below} · `}</Text> : null}
				<Text dimColor>
					{scrolls
						? '↑↓ pgup pgdn scroll · esc or ? closes'
						: 'esc or ? closes · prompts take all keys until enter/esc'}
				</Text>
			</Text>
		</Box>
	);
}
