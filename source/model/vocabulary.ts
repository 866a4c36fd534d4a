import {durationText} from './duration.js';
import type {Status} from './schemas.js';

// The words, glyphs and colours preflight shows, in one place: the app, the
// commands and the reports all read them here, so a status or a verdict is
// spelled the same wherever it appears. Pure and tiny on purpose: the model
// imports it, and a command's start-up pays for every line of it.

/**
 * What an item shows: its answer's status, or the mark that qualifies it —
 * `stale` for a pass past its review interval, `recheck` for an answer whose
 * checklist item changed since (it shows instead of the status it qualifies).
 */
export type ShownStatus = Status | 'stale' | 'recheck' | 'conflict';

/** One appearance: glyph and word, so meaning never rests on colour alone; the colour is an Ink colour name. */
export type Look = {readonly glyph: string; readonly word: string; readonly color: string};

export const statusLooks: Readonly<Record<ShownStatus, Look>> = {
	pass: {glyph: '✔', word: 'pass', color: 'green'},
	fail: {glyph: '✖', word: 'fail', color: 'red'},
	pending: {glyph: '○', word: 'pending', color: 'gray'},
	na: {glyph: '–', word: 'n/a', color: 'blue'},
	waived: {glyph: '⚑', word: 'waived', color: 'yellow'},
	stale: {glyph: '⌛', word: 'stale', color: 'magenta'},
	recheck: {glyph: '↻', word: 'recheck', color: 'magenta'},
	conflict: {glyph: '⚠', word: 'conflict', color: 'yellow'},
};

/**
 * The status an item shows; a pending item shows as pending whatever marks it
 * carries, except a conflict (two merged branches answered it differently: it
 * has no answer of its own), which shows as one.
 */
export function shownStatus(item: {
	status: Status;
	stale?: boolean;
	recheck?: boolean;
	/** Truthy for a conflict: a flag, or a snapshot item's `conflict` (its answers). */
	conflict?: unknown;
}): ShownStatus {
	if (item.conflict) return 'conflict';
	if (item.recheck && item.status !== 'pending') return 'recheck';
	return item.stale ? 'stale' : item.status;
}

/** Glyph + word: `✔ pass`, `⌛ stale`. */
export function statusLabel(status: ShownStatus): string {
	const look = statusLooks[status];
	return `${look.glyph} ${look.word}`;
}

/** An item marked to discuss later (m): `◷ later`, beside its status, never instead of it. */
export const laterLook: Look = {glyph: '◷', word: 'later', color: 'cyan'};

export type Verdict = 'ready' | 'not-ready';

export const verdictLooks: Readonly<Record<Verdict, Look>> = {
	ready: {glyph: '✔', word: 'READY', color: 'green'},
	'not-ready': {glyph: '✖', word: 'NOT READY', color: 'red'},
};

/** `✔ READY` or `✖ NOT READY`. */
export function verdictLabel(verdict: Verdict): string {
	const look = verdictLooks[verdict];
	return `${look.glyph} ${look.word}`;
}

/** A number with its word: `1 blocker`, `26 blockers`. */
export function countOf(n: number, word: string, plural = `${word}s`): string {
	return `${n} ${n === 1 ? word : plural}`;
}

export function blockersText(n: number): string {
	return countOf(n, 'blocker');
}

/** The verdict with the number that explains it: `✔ READY`, `✖ NOT READY · 26 blockers`. */
export function verdictLine(verdict: Verdict, blockers: number): string {
	return verdict === 'ready'
		? verdictLabel(verdict)
		: `${verdictLabel(verdict)} · ${blockersText(blockers)}`;
}

/**
 * The counts a breakdown reads. The snapshot's `totals` count a stale pass
 * under both `pass` and `stale` (their fields stay as they are); a line a
 * person reads must add up to the items, so there a stale pass is stale only.
 */
export type Counts = {
	readonly items: number;
	readonly pass: number;
	readonly fail: number;
	readonly na: number;
	readonly waived: number;
	readonly pending: number;
	readonly stale: number;
};

/** Buckets in the order they are shown; their counts add up to `items`. */
export function breakdown(t: Counts): Array<{status: ShownStatus; count: number}> {
	return [
		{status: 'pass', count: t.pass - t.stale},
		{status: 'stale', count: t.stale},
		{status: 'fail', count: t.fail},
		{status: 'na', count: t.na},
		{status: 'waived', count: t.waived},
		{status: 'pending', count: t.pending},
	];
}

/**
 * The breakdown in words, its own legend: `3 pass · 1 fail · 1 n/a`. With
 * `zeros`, every bucket is shown (a fixed shape, for a review's totals);
 * without, only those that hold items (for a row that must stay short).
 */
export function countsText(t: Counts, zeros = false): string {
	return breakdown(t)
		.filter((b) => zeros || b.count > 0)
		.map((b) => `${b.count} ${statusLooks[b.status].word}`)
		.join(' · ');
}

/** `5/26 answered`: anything but pending is answered. */
export function progressText(t: Pick<Counts, 'items' | 'pending'>): string {
	return `${t.items - t.pending}/${t.items} answered`;
}

/** Progress and breakdown, zeros left out: `5/26 answered · 3 pass · 1 stale · 1 fail · 21 pending`. */
export function answeredLine(t: Counts): string {
	const counts = countsText(t);
	return counts ? `${progressText(t)} · ${counts}` : progressText(t);
}

/** A review's totals: `26 items: 3 pass · 1 stale · 1 fail · 0 n/a · 0 waived · 21 pending`. */
export function totalsLine(t: Counts): string {
	return `${countOf(t.items, 'item')}: ${countsText(t, true)}`;
}

/** How many items of a section keep the review from being ready: `2 blocking`. */
export function blockingText(n: number): string {
	return `${n} blocking`;
}

/** An interval in words, as the app, the commands and the reports say it: `every 1 year`. */
export function everyText(duration: string): string {
	return `every ${durationText(duration)}`;
}

/** An item's review interval in words: `review every 90 days`. */
export function reviewEveryText(duration: string): string {
	return `review ${everyText(duration)}`;
}

/** The cells of a progress bar: done, needing work, open; sized to add up to `width`. */
export function barCells(
	settled: number,
	blocking: number,
	total: number,
	width: number,
): {settled: number; blocking: number; open: number} {
	const w = Math.max(1, width);
	if (total <= 0) return {settled: w, blocking: 0, open: 0};
	const ok = Math.round((settled / total) * w);
	// An answer that needs work always shows, however many items there are.
	const bad = Math.min(w - ok, Math.max(blocking > 0 ? 1 : 0, Math.round((blocking / total) * w)));
	return {settled: ok, blocking: bad, open: w - ok - bad};
}

/** The bar's glyphs: shades that differ without colour. */
export const barGlyphs = {settled: '█', blocking: '▒', open: '░'} as const;

/** The bar's legend, for panels, help and docs. */
export const BAR_LEGEND = `${barGlyphs.settled} done ${barGlyphs.blocking} needs work ${barGlyphs.open} open`;

/** A progress bar as plain text (the commands' tables). */
export function barText(settled: number, blocking: number, total: number, width: number): string {
	const c = barCells(settled, blocking, total, width);
	return `${barGlyphs.settled.repeat(c.settled)}${barGlyphs.blocking.repeat(c.blocking)}${barGlyphs.open.repeat(c.open)}`;
}
