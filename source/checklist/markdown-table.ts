// GFM tables that are checklists: a row per item. A table is one when it has
// a column of task boxes or check marks (`[ ]`, ☐, ✅, `:white_check_mark:`,
// `&#9744;`…), or a task-like column header (Item, Check, Task, Check name,
// Requirement, Control…). In a file where nothing else reads as an item, a
// Name or Title column makes a table one too (see `loose`).
import {isId} from './ids.js';
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
	/** From a Level, Priority or Severity column whose words say it. */
	level?: 'required' | 'recommended';
	/** From an ID column whose cells are typeable ids, each once in the table. */
	id?: string;
};

const boxLead = /^\[[ xX]\][ \t]+/;
/** A task box or a check mark, as a character, an HTML entity or an emoji shortcode. */
const markCell =
	/^(?:\[[ xX]\]|[☐☑☒✅✔✓✗✘❌⬜⬛🔲🔳]\uFE0F?|&#(?:9744|9745|9746|10003|10004|10060|x261[0-2]|x271[34]|x274c);|:(?:white_check_mark|heavy_check_mark|ballot_box_with_check|x|white_large_square|black_square_button|white_square_button|negative_squared_cross_mark):)$/iu;
const taskHeader =
	/^(?:items?|checks?|tasks?|requirements?|controls?|(?:checklist|check|task|item|control) (?:items?|names?|titles?)|criteri(?:on|a)|to ?-?dos?|actions?|checkpoints?|questions?|(?:best )?practices?|recommendations?|features?)$/i;
/** Headers that name an item's column only in a file with no other items. */
const looseHeader = /^(?:names?|titles?|what|topics?)$/i;
const levelHeader = /^(?:level|priority|severity|importance|criticality)$/i;
const statusHeader = /^(?:status|done|state|completed?|checked|result|ok|✓|✔|✅|☑)$/i;
const idHeader = /^(?:#|ids?|no\.?|nr\.?|num(?:ber)?|ref\.?)$/i;
/** A column whose cells can be the items' ids (a `#` or No. column only numbers the rows). */
const ownIdHeader = /^ids?$/i;

type Cell = {content: string};

/** `required` or `recommended` from a level cell's words (`Critical 🔴`, `Nice to have`). */
export function levelWord(text: string): 'required' | 'recommended' | undefined {
	const words = text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	if (
		/^(?:critical|required|must|must have|mandatory|blocker|blocking|high|highest|essential|p0|p1)\b/.test(
			words,
		)
	)
		return 'required';
	if (
		/^(?:should|should have|nice to have|could|could have|recommended|optional|advanced|medium|low|lowest|minor|p2|p3|p4)\b/.test(
			words,
		)
	)
		return 'recommended';
	return undefined;
}

/** Tags that break text into blocks; other tags (em, code, a) sit inside words. */
const blockTagRe =
	/<\/?(?:p|br|div|li|ul|ol|details|summary|table|tr|td|th|h[1-6]|hr|pre|blockquote)\b[^>]*>/gi;
const summaryRe = /<summary>([\s\S]*?)<\/summary>/i;

/**
 * `<details><summary>Title</summary>body</details>` in one line of Markdown:
 * the summary is the title and the rest, tags dropped, its guidance. `offset`
 * is where the title starts in `src`.
 */
export function splitSummary(
	src: string,
): {title: string; rest: string; offset: number} | undefined {
	const summary = summaryRe.exec(src);
	if (!summary?.[1]?.trim()) return undefined;
	const body = src.slice(0, summary.index) + src.slice(summary.index + summary[0].length);
	return {
		title: summary[1],
		rest: body.replace(blockTagRe, ' ').replace(/<[^>]*>/g, ''),
		offset: summary.index + summary[0].indexOf('>') + 1,
	};
}

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

/**
 * The ID column whose cells can be the items' ids: each row that is an item has
 * one, typeable (ids.ts `isId`) and given once in the table; -1 when none.
 */
function ownIdColumn(
	headers: readonly string[],
	rows: readonly Cell[][],
	titleColumn: number,
	boxColumn: number,
	text: (cell: string) => string,
): number {
	const j = headers.findIndex((h, k) => k !== titleColumn && ownIdHeader.test(h));
	if (j < 0) return -1;
	const seen = new Set<string>();
	for (const r of rows) {
		if (!r[titleColumn]?.content.trim()) continue;
		if (boxColumn >= 0 && !markCell.test(r[boxColumn]?.content.trim() ?? '')) continue;
		const id = text(r[j]?.content ?? '');
		if (!isId(id) || seen.has(id)) return -1;
		seen.add(id);
	}
	return seen.size > 0 ? j : -1;
}

/** The rows of a task-like table as items, or undefined when the table is not one. */
export function tableItems(
	table: Block,
	lines: readonly string[],
	inline: Inline,
	/** A Name or Title column makes the table a checklist (when nothing else in the file is one). */
	loose = false,
): TableItem[] | undefined {
	const head = table.children.find((b) => b.token.type === 'thead_open')?.children[0];
	const body = table.children.find((b) => b.token.type === 'tbody_open')?.children ?? [];
	if (!head || body.length === 0) return undefined;
	const headers = cellsOf(head).map((c) => oneLine(plainOf(inline, c.content, false)));
	const rows = body.map(cellsOf);
	const column = (j: number) => rows.map((r) => r[j]?.content.trim() ?? '').filter(Boolean);

	// A row with at most one cell filled is a group label, not an item.
	const labelRow = rows.map((r) => r.filter((c) => c.content.trim()).length <= 1);
	const isMarks = (j: number) => {
		const cells = column(j);
		return cells.length > 0 && cells.every((c) => markCell.test(c));
	};
	const marks = headers.map((_, j) => isMarks(j));
	// The box column: marks on every row that is not a label.
	// With several columns of marks (Level A | Level B…) they are facts about
	// the item, kept in its guidance: only an unnamed or status-like one, or the
	// only one, is the box.
	const markCount = marks.filter(Boolean).length;
	const boxColumn = headers.findIndex(
		(h, j) =>
			(markCount === 1 || h === '' || statusHeader.test(h)) &&
			marks[j] &&
			rows.every((r, i) => labelRow[i] || markCell.test(r[j]?.content.trim() ?? '')),
	);
	const ledColumn = headers.findIndex((_, j) => {
		const cells = column(j);
		return cells.length > 0 && cells.every((c) => boxLead.test(c));
	});
	const named = headers.findIndex((h) => taskHeader.test(h));
	const status = headers.findIndex((h, j) => j !== named && statusHeader.test(h));
	const level = headers.findIndex((h) => levelHeader.test(h));
	// A level column whose words say a level, like a column of marks, says the rows are checks.
	const levels =
		level >= 0 && column(level).some((c) => levelWord(plainOf(inline, c, false)) !== undefined);
	const marked = boxColumn >= 0 || marks.some(Boolean) || status >= 0 || levels;
	const textColumn = () =>
		headers.findIndex(
			(h, j) =>
				!marks[j] && j !== status && j !== level && !idHeader.test(h) && column(j).length > 0,
		);
	let titleColumn: number;
	if (ledColumn >= 0) titleColumn = ledColumn;
	else if (named >= 0) titleColumn = named;
	else if (marked) titleColumn = textColumn();
	else if (loose) titleColumn = headers.findIndex((h) => looseHeader.test(h));
	else return undefined;
	if (titleColumn < 0) return undefined;
	const idColumn = ownIdColumn(headers, rows, titleColumn, boxColumn, (c) =>
		oneLine(plainOf(inline, c, false)),
	);

	const items: TableItem[] = [];
	body.forEach((row, r) => {
		const cells = rows[r] ?? [];
		const line = row.token.map?.[0] ?? 0;
		// A row without a mark in the box column is a group label, not an item.
		if (boxColumn >= 0 && !markCell.test(cells[boxColumn]?.content.trim() ?? '')) return;
		const raw = lines[line] ?? '';
		const columns = cellColumns(raw, cells);
		const cell = cells[titleColumn];
		if (!cell?.content.trim()) return;
		const lead = ledColumn >= 0 ? (boxLead.exec(cell.content)?.[0].length ?? 0) : 0;
		const extras: string[] = [];
		let title = cell.content.slice(lead);
		let offset = lead;
		const summary = splitSummary(title);
		if (summary) {
			offset += summary.offset;
			title = summary.title;
			const rest = oneLine(plainOf(inline, summary.rest, true));
			if (rest) extras.push(rest);
		}
		const start = (columns[titleColumn] ?? 0) + offset;
		cells.forEach((c, j) => {
			if (j === titleColumn || j === boxColumn || j === status || j === idColumn) return;
			const text = c.content.trim();
			const value = markCell.test(text) ? '✓' : oneLine(plainOf(inline, c.content, true));
			if (value) extras.push(`${headers[j] || `Column ${j + 1}`}: ${value}`);
		});
		const levelValue =
			level >= 0 ? levelWord(plainOf(inline, cells[level]?.content ?? '', false)) : undefined;
		const id = idColumn >= 0 ? oneLine(plainOf(inline, cells[idColumn]?.content ?? '', false)) : '';
		items.push({
			title,
			...(id ? {id} : {}),
			place: placer(line, title, () => start),
			pos: {line: line + 1, column: start + 1},
			extras,
			...(levelValue ? {level: levelValue} : {}),
		});
	});
	return items;
}
