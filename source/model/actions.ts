// Action items: the next steps a review records against its items (a fail
// above all, and every waiver). They live inside the item's answer, so the
// by-item layout stores them with the item and a merge combines them item by
// item (mergeActions below). Pure: no clock, no files.
import type {ActionItem, Answer, Checklist, Review} from './schemas.js';
import {isoDate} from './schemas.js';
import {hasUnsafeName, hasUnsafeText} from '../terminal/sanitize.js';
import {MAX_NAME, MAX_NOTE, MAX_URL, tooLong} from './text-limits.js';
import {compareText} from './records.js';
import * as z from './zod.js';

/** One action item as lists show it: its item, its number in that item (1-based), open or done, overdue. */
export type ListedAction = {
	item: string;
	/** Its number among the item's action items, as `preflight action done ITEM N` takes it. */
	n: number;
	action: ActionItem;
	open: boolean;
	/** Open and due before the day of `asOf` (UTC). */
	overdue: boolean;
};

/** What a new action item needs: the rest (who added it, when) comes from the actor. */
export type ActionInput = {what: string; owner: string; due: string; url?: string};

const unsafe =
	'must not contain control characters, escape sequences, or invisible or direction marks';

/** Why this cannot be an action item's text (what is to be done), or undefined when it can. */
export function invalidActionWhat(what: string): string | undefined {
	if (!what.trim()) return 'an action item needs what is to be done';
	if (hasUnsafeText(what.trim())) return `an action item's text ${unsafe}`;
	return tooLong(what.trim(), MAX_NOTE, "an action item's text");
}

/**
 * Why this cannot be an action item's tracker URL, or undefined when it can:
 * an http(s) URL of plain characters, with no user name or password (the
 * database is kept in git).
 */
function invalidActionUrl(url: string): string | undefined {
	if (hasUnsafeName(url)) return `an action URL ${unsafe}`;
	const long = tooLong(url, MAX_URL, 'an action URL');
	if (long) return long;
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:\/\/\S+$/.test(url) || !/^https?:$/.test(parsed.protocol))
		return `tracker URL "${url}" is not an http(s) URL`;
	if (parsed.username || parsed.password)
		return 'an action URL must not hold a user name or password: it is stored in the database';
	return undefined;
}

/** Why these fields cannot make an action item, or undefined when they can. */
export function invalidAction(input: ActionInput): string | undefined {
	const what = invalidActionWhat(input.what);
	if (what) return what;
	if (!input.owner.trim()) return 'an action item needs an owner (a person or a role)';
	if (hasUnsafeName(input.owner.trim())) return `an action owner ${unsafe}`;
	const owner = tooLong(input.owner.trim(), MAX_NAME, 'an action owner');
	if (owner) return owner;
	if (!z.safeParse(isoDate, input.due).success)
		return `due date "${input.due}" is not a date as YYYY-MM-DD`;
	if (input.url !== undefined) return invalidActionUrl(input.url);
	return undefined;
}

/** The answer with a new open action item appended. */
export function withAction(previous: Answer, input: ActionInput, by: string, at: Date): Answer {
	const action: ActionItem = {
		what: input.what.trim(),
		owner: input.owner.trim(),
		due: input.due,
		...(input.url ? {url: input.url} : {}),
		addedAt: at.toISOString(),
		addedBy: by,
	};
	return {...previous, actions: [...(previous.actions ?? []), action]};
}

/**
 * The answer with its action item number `n` (1-based) marked done, or a
 * reason why not (no such item, already done).
 */
export function withActionDone(
	previous: Answer,
	n: number,
	by: string,
	at: Date,
): {answer: Answer} | {error: string} {
	const list = previous.actions ?? [];
	const target = list[n - 1];
	if (!Number.isInteger(n) || n < 1 || !target)
		return {
			error: list.length
				? `no action item ${n} on this item (it has ${list.length})`
				: 'this item has no action items',
		};
	if (target.done) return {error: `action item ${n} is already done`};
	const actions = list.map((a, i) => (i === n - 1 ? {...a, done: {at: at.toISOString(), by}} : a));
	return {answer: {...previous, actions}};
}

/** The numbers of an answer's open action items, 1-based over all of them (a done one keeps its number). */
export function openActionNumbers(answer: Answer | undefined): number[] {
	return (answer?.actions ?? []).flatMap((a, i) => (a.done ? [] : [i + 1]));
}

/** The open action items of an answer. */
export function openActions(answer: Answer | undefined): ActionItem[] {
	return (answer?.actions ?? []).filter((a) => !a.done);
}

/** A fail with no open action item: nobody has said what happens next. */
export function noNextStep(answer: Answer | undefined): boolean {
	return answer?.status === 'fail' && openActions(answer).length === 0;
}

function dayOf(at: Date): string {
	return at.toISOString().slice(0, 10);
}

/** Whether an open action item is overdue at `asOf`: its due day is before asOf's UTC day. */
export function isOverdue(action: ActionItem, asOf: Date): boolean {
	return !action.done && action.due < dayOf(asOf);
}

/**
 * Every action item of a review, in checklist order (items the checklist no
 * longer has after them), each numbered within its item. Open ones first,
 * overdue before the rest, then by due date; done ones last.
 */
export function listActions(
	review: Review,
	checklist: Checklist | undefined,
	asOf: Date,
	options: {owner?: string; includeDone?: boolean} = {},
): ListedAction[] {
	const order = new Map<string, number>();
	let i = 0;
	for (const s of checklist?.sections ?? []) for (const it of s.items) order.set(it.id, i++);
	const out: ListedAction[] = [];
	for (const [item, answer] of Object.entries(review.answers))
		(answer.actions ?? []).forEach((action, index) => {
			const open = !action.done;
			if (!open && !options.includeDone) return;
			if (options.owner !== undefined && !sameOwner(action.owner, options.owner)) return;
			out.push({item, n: index + 1, action, open, overdue: isOverdue(action, asOf)});
		});
	const rank = (a: ListedAction) => (a.open ? (a.overdue ? 0 : 1) : 2);
	return out.sort(
		(a, b) =>
			rank(a) - rank(b) ||
			(a.action.due < b.action.due ? -1 : a.action.due > b.action.due ? 1 : 0) ||
			(order.get(a.item) ?? i) - (order.get(b.item) ?? i) ||
			(a.item < b.item ? -1 : a.item > b.item ? 1 : 0) ||
			a.n - b.n,
	);
}

/** Owners are names typed by people: the same ignoring case and surrounding space. */
export function sameOwner(a: string, b: string): boolean {
	return a.trim().normalize('NFC').toLowerCase() === b.trim().normalize('NFC').toLowerCase();
}

/** Open action items grouped by owner (as first written), overdue first within each. */
export function actionsByOwner(listed: readonly ListedAction[]): Array<[string, ListedAction[]]> {
	const groups = new Map<string, {owner: string; list: ListedAction[]}>();
	for (const a of listed) {
		if (!a.open) continue;
		const key = a.action.owner.trim().normalize('NFC').toLowerCase();
		let g = groups.get(key);
		if (!g) groups.set(key, (g = {owner: a.action.owner, list: []}));
		g.list.push(a);
	}
	// Owners with something overdue first, then by name.
	return [...groups.values()]
		.sort(
			(a, b) =>
				Number(b.list.some((x) => x.overdue)) - Number(a.list.some((x) => x.overdue)) ||
				(a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0),
		)
		.map((g) => [g.owner, g.list]);
}

/** An action item's identity in a merge: everything but whether it is done. */
function actionKey(a: ActionItem): string {
	return JSON.stringify([a.addedAt, a.addedBy, a.what, a.owner, a.due, a.url ?? null]);
}

/** The same action item from two sides: done when either closed it, the earlier closing (ties by who). */
function closedFirst(a: ActionItem, b: ActionItem): ActionItem {
	if (!a.done) return b.done ? b : a;
	if (!b.done) return a;
	if (a.done.at !== b.done.at) return a.done.at < b.done.at ? a : b;
	return compareText(JSON.stringify(a.done), JSON.stringify(b.done)) <= 0 ? a : b;
}

/**
 * Three-way merge of one item's action items: the base's that neither side
 * removed keep their order (and so their numbers), and the ones either side
 * added follow. The added ones keep each side's own order; between the two
 * sides the one added earlier goes first, ties by content, so the result is
 * the same whichever side is ours. One done on either side is done (the
 * earlier closing when both closed it).
 */
export function mergeActions(
	base: readonly ActionItem[],
	ours: readonly ActionItem[],
	theirs: readonly ActionItem[],
): ActionItem[] {
	const inBase = new Set(base.map(actionKey));
	const ourKeys = new Map(ours.map((a) => [actionKey(a), a]));
	const theirKeys = new Map(theirs.map((a) => [actionKey(a), a]));
	const kept = new Set<string>();
	const out: ActionItem[] = [];
	for (const a of base) {
		const key = actionKey(a);
		const mine = ourKeys.get(key);
		const other = theirKeys.get(key);
		// Removed by one side from what both started with: gone.
		if (!mine || !other || kept.has(key)) continue;
		kept.add(key);
		out.push(closedFirst(mine, other));
	}
	const added = (side: readonly ActionItem[]) =>
		side.map((a) => ({key: actionKey(a), a})).filter(({key}) => !inBase.has(key));
	const left = added(ours);
	const right = added(theirs);
	let i = 0;
	let j = 0;
	// Two queues, each in its side's order; the earlier head (by time, then content) goes next.
	// Nothing here depends on which queue is which, so swapping the sides gives the same list.
	while (i < left.length || j < right.length) {
		if (i < left.length && kept.has(left[i]!.key)) {
			i++;
			continue;
		}
		if (j < right.length && kept.has(right[j]!.key)) {
			j++;
			continue;
		}
		const l = left[i];
		const r = right[j];
		let key: string;
		if (l && (!r || l.a.addedAt < r.a.addedAt || (l.a.addedAt === r.a.addedAt && l.key <= r.key)))
			key = l.key;
		else key = r!.key;
		const mine = ourKeys.get(key);
		const other = theirKeys.get(key);
		kept.add(key);
		out.push(mine && other ? closedFirst(mine, other) : (mine ?? other)!);
	}
	return out;
}
