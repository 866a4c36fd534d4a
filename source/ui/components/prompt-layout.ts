import {cells, fitColumns} from '../../terminal/width.js';

/** A run of a prompt row drawn one way: the label, typed text, or the cell under the cursor. */
export type Segment = {text: string; kind: 'label' | 'value' | 'cursor'};

/** The rows of a prompt's label and value, each at most `width` cells. */
export type InputLayout = {
	rows: Segment[][];
	/** The whole value is shown (nothing cut before or after it). */
	whole: boolean;
};

/** Cells the value keeps on the label's row before the label moves above it. */
export const MIN_ROOM = 10;

type Cell = {text: string; width: number; kind: 'value' | 'cursor'};

/** The value as cells, the one under the cursor marked (a blank one when the cursor is at the end). */
function valueCells(value: string, cursor: number): Cell[] {
	const out: Cell[] = [];
	let at = 0;
	for (const ch of value) {
		out.push({text: ch, width: cells(ch), kind: at === cursor ? 'cursor' : 'value'});
		at += ch.length;
	}
	if (cursor >= value.length) out.push({text: ' ', width: 1, kind: 'cursor'});
	return out;
}

function push(row: Segment[], text: string, kind: Segment['kind']): void {
	const last = row.at(-1);
	if (last && last.kind === kind) last.text += text;
	else row.push({text, kind});
}

/**
 * Flows cells from `start` into rows (the first `firstRoom` wide, then
 * `width`), at most `maxRows`; says whether the cursor and the last cell made it.
 */
function flow(
	all: Cell[],
	start: number,
	first: Segment[],
	firstRoom: number,
	width: number,
	maxRows: number,
): {rows: Segment[][]; cursorShown: boolean; end: boolean} {
	const rows: Segment[][] = [first.map((s) => ({...s}))];
	let used = 0;
	let room = firstRoom;
	let cursorShown = false;
	const cellsFrom = start > 0 ? [{text: '…', width: 1, kind: 'value' as const}] : [];
	const list = [...cellsFrom, ...all.slice(start)];
	for (const [i, cell] of list.entries()) {
		if (used + cell.width > room && used > 0) {
			if (rows.length >= maxRows) return {rows, cursorShown, end: false};
			rows.push([]);
			used = 0;
			room = width;
		}
		push(rows.at(-1)!, cell.text, cell.kind);
		used += cell.width;
		if (cell.kind === 'cursor') cursorShown = true;
		if (i === list.length - 1) return {rows, cursorShown, end: true};
	}
	return {rows, cursorShown, end: true};
}

/**
 * Lays a prompt's label and value out over at most `maxRows` rows of `width`
 * cells. The value continues under the label, as a terminal wraps a long
 * command line, so a 70-character URL stays whole at 60 columns on two rows.
 * When it still does not fit, the rows show the part around the cursor, with
 * "…" for what is cut before it. A label too long to leave the value
 * MIN_ROOM cells moves to a row of its own (or, on a single row, is cut).
 */
export function layoutInput(
	label: string,
	value: string,
	cursor: number,
	width: number,
	maxRows: number,
): InputLayout {
	const all = valueCells(value, cursor);
	const labelWidth = cells(label);
	const above = maxRows >= 2 && labelWidth + 1 + MIN_ROOM > width;
	let head: Segment[][] = [];
	let first: Segment[] = [];
	let firstRoom = width;
	let valueRows = maxRows;
	if (above) {
		head = [[{text: fitColumns(label, width), kind: 'label'}]];
		valueRows = maxRows - 1;
	} else {
		const shown =
			labelWidth + 1 + MIN_ROOM > width
				? fitColumns(label, Math.max(1, width - 1 - MIN_ROOM))
				: label;
		first = [{text: `${shown} `, kind: 'label'}];
		firstRoom = Math.max(1, width - cells(shown) - 1);
	}
	const whole = flow(all, 0, first, firstRoom, width, valueRows);
	if (whole.cursorShown && whole.end) return {rows: [...head, ...whole.rows], whole: true};
	if (whole.cursorShown) return {rows: [...head, ...whole.rows], whole: false};
	// Start late enough that the cursor lands on the last row: walk back from it
	// over the room there is, less a cell per row (a wide character that does
	// not fit at the end of a row leaves one blank) and one for the "…".
	const cursorAt = all.findIndex((c) => c.kind === 'cursor');
	let budget = firstRoom + (valueRows - 1) * width - valueRows - 1 - all[cursorAt]!.width;
	let start = cursorAt;
	while (start > 0 && budget >= all[start - 1]!.width) {
		budget -= all[start - 1]!.width;
		start--;
	}
	const late = flow(all, start, first, firstRoom, width, valueRows);
	return {rows: [...head, ...late.rows], whole: false};
}

/**
 * Which of a row of items (each `widths[i]` cells, `gap` cells apart) fit in
 * `room` cells, from the first, or from where `current` is still shown.
 */
export function itemsWindow(
	widths: readonly number[],
	current: number,
	room: number,
	gap: number,
): {from: number; to: number} {
	const fill = (from: number) => {
		let used = 0;
		let to = from;
		while (to < widths.length && used + (to > from ? gap : 0) + widths[to]! <= room) {
			used += (to > from ? gap : 0) + widths[to]!;
			to++;
		}
		// One item at least, cut by the row if it must be.
		return Math.max(to, Math.min(from + 1, widths.length));
	};
	let from = 0;
	let to = fill(from);
	while (current >= to && from < current) to = fill(++from);
	return {from, to};
}
