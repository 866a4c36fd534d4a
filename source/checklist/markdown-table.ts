// GFM tables that are checklists: a row per item. A table is one when it has
// a column of task boxes, or a task-like column (Item, Check, Task,
// Requirement, Control…) beside a Status or Done column.
import type {Block, Inline} from './markdown-parse.js';
import {oneLine, placer, plainOf, startColumn, type Placer} from './markdown-text.js';
import type {Position} from './problems.js';

/** One row read as an item: its title cell's Markdown and the other columns' text. */
export type TableItem = {
	title: string;
	place: Placer;
	pos: Position;
	/** `Column: value`, one per other column with a value. */
	extras: string[];
};

const boxCell = /^\[[ xX]\]$/;
const boxLead = /^\[[ xX]\][ \t]+/;
const taskHeader =
	/^(?:items?|checks?|tasks?|requirements?|controls?|(?:checklist|check) items?|criteri(?:on|a)|to ?-?dos?|actions?)$/i;
const statusHeader = /^(?:status|done|state|completed?|checked|result|ok|✓|✔|✅|☑)$/i;
const idHeader = /^(?:#|ids?|no\.?|nr\.?|num(?:ber)?|ref\.?)$/i;

type Cell = {content: string};

function cellsOf(row: Block): Cell[] {
	return row.children.map((c) => ({content: c.text ?? ''}));
}

/** Where each cell's content starts in its source line (0-based), left to right. */
function cellColumns(raw: string, cells: readonly Cell[]): number[] {
	const out: number[] = [];
	let from = 0;
	for (const cell of cells) {
		const at = cell.content ? raw.indexOf(cell.content, from) : -1;
		out.push(at >= 0 ? at : Math.max(from, startColumn(raw, '')));
		if (at >= 0) from = at + cell.content.length;
	}
	return out;
}

/** The rows of a task-like table as items, or undefined when the table is not one. */
export function tableItems(
	table: Block,
	lines: readonly string[],
	inline: Inline,
): TableItem[] | undefined {
	const head = table.children.find((b) => b.token.type === 'thead_open')?.children[0];
	const body = table.children.find((b) => b.token.type === 'tbody_open')?.children ?? [];
	if (!head || body.length === 0) return undefined;
	const headers = cellsOf(head).map((c) => oneLine(plainOf(inline, c.content, false)));
	const rows = body.map(cellsOf);
	const column = (j: number) => rows.map((r) => r[j]?.content.trim() ?? '').filter(Boolean);

	const boxColumn = headers.findIndex((_, j) => {
		const cells = column(j);
		return cells.length > 0 && cells.every((c) => boxCell.test(c));
	});
	const ledColumn = headers.findIndex((_, j) => {
		const cells = column(j);
		return cells.length > 0 && cells.every((c) => boxLead.test(c));
	});
	const named = headers.findIndex((h) => taskHeader.test(h));
	const status = headers.findIndex((h, j) => j !== named && statusHeader.test(h));
	let titleColumn: number;
	if (ledColumn >= 0) titleColumn = ledColumn;
	else if (named >= 0 && (boxColumn >= 0 || status >= 0)) titleColumn = named;
	else if (boxColumn >= 0)
		titleColumn = headers.findIndex(
			(h, j) => j !== boxColumn && j !== status && !idHeader.test(h) && column(j).length > 0,
		);
	else return undefined;
	if (titleColumn < 0) return undefined;

	const items: TableItem[] = [];
	body.forEach((row, r) => {
		const cells = rows[r] ?? [];
		const line = row.token.map?.[0] ?? 0;
		// A row without a box in a box column is a group label, not an item.
		if (boxColumn >= 0 && !boxCell.test(cells[boxColumn]?.content.trim() ?? '')) return;
		const raw = lines[line] ?? '';
		const columns = cellColumns(raw, cells);
		const cell = cells[titleColumn];
		if (!cell?.content.trim()) return;
		const lead = ledColumn >= 0 ? (boxLead.exec(cell.content)?.[0].length ?? 0) : 0;
		const start = (columns[titleColumn] ?? 0) + lead;
		const extras: string[] = [];
		cells.forEach((c, j) => {
			if (j === titleColumn || j === boxColumn || j === status) return;
			const value = oneLine(plainOf(inline, c.content, true));
			if (value) extras.push(`${headers[j] || `Column ${j + 1}`}: ${value}`);
		});
		items.push({
			title: cell.content.slice(lead),
			place: placer(line, cell.content.slice(lead), () => start),
			pos: {line: line + 1, column: start + 1},
			extras,
		});
	});
	return items;
}
