import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {
	invalidAction,
	listActions,
	withAction,
	withActionDone,
	type ListedAction,
} from '../model/actions.js';
import {answerFor} from '../model/evaluate.js';
import {findItem, recordAnswer} from '../model/review.js';
import {checklistFor, lockWaitMs, openStore, putReview, selectReview} from '../session.js';
import {now} from '../system/clock.js';
import {print, printJson, printText} from '../terminal/print.js';
import {writeOut} from '../terminal/output.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {actorFor, itemOf, judgeReview, reviewName} from './common.js';
import type {Checklist} from '../model/schemas.js';
import {mdText, safeHref} from '../report/markdown.js';

/** An action item as `actions --json` gives it. */
function actionJson(a: ListedAction) {
	return {
		item: a.item,
		n: a.n,
		what: a.action.what,
		owner: a.action.owner,
		due: a.action.due,
		...(a.action.url ? {url: a.action.url} : {}),
		state: a.open ? 'open' : 'done',
		overdue: a.overdue,
		addedAt: a.action.addedAt,
		addedBy: a.action.addedBy,
		...(a.action.done ? {done: a.action.done} : {}),
	};
}

/**
 * A CSV field (RFC 4180): sanitised on one line as every printed line is (a
 * merge may bring in text this command would refuse), quoted when it holds a
 * comma or quote; a leading =+-@ is defused for spreadsheets.
 */
function csvField(raw: string): string {
	const text = sanitizeLine(raw);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function titleOf(checklist: Checklist, id: string): string {
	return findItem(checklist, id)?.title ?? id;
}

/** The action items as CSV, one row each, with a header. */
function actionsCsv(listed: readonly ListedAction[], checklist: Checklist): string {
	const rows = [['item', 'n', 'title', 'what', 'owner', 'due', 'state', 'overdue', 'url']];
	for (const a of listed)
		rows.push([
			a.item,
			String(a.n),
			titleOf(checklist, a.item),
			a.action.what,
			a.action.owner,
			a.action.due,
			a.open ? 'open' : 'done',
			a.overdue ? 'yes' : 'no',
			a.action.url ?? '',
		]);
	return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The action items as a Markdown task list, ready to paste into an issue tracker. */
function actionsMarkdown(
	listed: readonly ListedAction[],
	checklist: Checklist,
	heading: string,
): string {
	const lines = [`## Action items: ${mdText(heading)}`, ''];
	if (listed.length === 0) lines.push('No action items.');
	for (const a of listed) {
		const box = a.open ? '[ ]' : '[x]';
		const href = a.action.url ? safeHref(a.action.url) : undefined;
		const link = href ? ` ([tracker](${href}))` : '';
		const late = a.overdue ? ' **overdue**' : '';
		lines.push(
			`- ${box} ${mdText(a.action.what)} — owner: ${mdText(a.action.owner)}, due ${a.action.due}${late} · \`${sanitizeLine(a.item).replaceAll('`', "'")}\` ${mdText(titleOf(checklist, a.item))}${link}`,
		);
	}
	return `${lines.join('\n')}\n`;
}

/** `preflight actions`: the review's action items, open first (overdue first), as text, JSON, CSV or Markdown. */
export async function list(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const at = now();
	const {review, loaded, asOf} = await judgeReview(flags, at);
	const listed = listActions(review, loaded.checklist, asOf, {
		...(flags.owner !== undefined ? {owner: flags.owner} : {}),
		includeDone: true,
	});
	if (flags.format === 'csv') {
		writeOut(actionsCsv(listed, loaded.checklist));
		return 0;
	}
	if (flags.format === 'md') {
		printText(actionsMarkdown(listed, loaded.checklist, reviewName(review)).trimEnd());
		return 0;
	}
	if (flags.json) {
		printJson({
			review: {
				id: review.id,
				system: review.system,
				...(review.release ? {release: review.release} : {}),
			},
			asOf: asOf.toISOString(),
			...(flags.owner !== undefined ? {owner: flags.owner} : {}),
			actions: listed.map(actionJson),
		});
		return 0;
	}
	const open = listed.filter((a) => a.open);
	print(
		`${sanitizeLine(reviewName(review))}: ${open.length} open action item${open.length === 1 ? '' : 's'}${flags.owner !== undefined ? ` for ${sanitizeLine(flags.owner)}` : ''}`,
	);
	for (const a of listed) {
		const state = a.open ? (a.overdue ? '! overdue' : '○ open') : '✔ done';
		print(
			`  ${sanitizeLine(a.item)} ${a.n}  ${state}  due ${a.action.due}  ${sanitizeLine(a.action.owner)}: ${sanitizeLine(a.action.what)}${a.action.url ? `  ${sanitizeLine(a.action.url)}` : ''}`,
		);
	}
	return 0;
}

/** `preflight action add ITEM WHAT --owner O --due DATE [--url U]`. */
export async function add(inv: Invocation): Promise<number> {
	const {flags, positionals} = inv;
	const [itemId = '', what = ''] = positionals;
	if (flags.owner === undefined) throw new PreflightError('action add needs --owner NAME');
	if (flags.due === undefined) throw new PreflightError('action add needs --due YYYY-MM-DD');
	const input = {
		what,
		owner: flags.owner,
		due: flags.due,
		...(flags.url !== undefined ? {url: flags.url} : {}),
	};
	const invalid = invalidAction(input);
	if (invalid) throw new PreflightError(sanitizeLine(invalid));
	const loaded = await checklistFor(flags);
	const item = itemOf(loaded, itemId);
	const at = now();
	const actor = actorFor(flags.reviewer, at);
	const store = await openStore(flags, {what: 'preflight action add', waitMs: lockWaitMs()});
	try {
		const review = selectReview(store, flags);
		const before = answerFor(review, item.id);
		const next = withAction(before, input, actor.by, at);
		const n = next.actions?.length ?? 0;
		const updated = recordAnswer(review, item.id, next, actor);
		putReview(store, updated);
		await store.save();
		print(
			`${sanitizeLine(reviewName(review))}: ${sanitizeLine(item.id)} action ${n} added — ${sanitizeLine(input.owner.trim())}, due ${input.due}`,
		);
		return 0;
	} finally {
		await store.close();
	}
}

/** `preflight action done ITEM N`. */
export async function done(inv: Invocation): Promise<number> {
	const {flags, positionals} = inv;
	const [itemId = '', word = ''] = positionals;
	if (!/^[1-9]\d{0,5}$/.test(word))
		throw new PreflightError(
			`action number "${sanitizeLine(word)}" is not a number as preflight actions shows it (1, 2, …)`,
		);
	const n = Number(word);
	const loaded = await checklistFor(flags);
	const item = itemOf(loaded, itemId);
	const at = now();
	const actor = actorFor(flags.reviewer, at);
	const store = await openStore(flags, {what: 'preflight action done', waitMs: lockWaitMs()});
	try {
		const review = selectReview(store, flags);
		const before = answerFor(review, item.id);
		const result = withActionDone(before, n, actor.by, at);
		if ('error' in result)
			throw new PreflightError(`${sanitizeLine(item.id)}: ${sanitizeLine(result.error)}`);
		const updated = recordAnswer(review, item.id, result.answer, actor);
		putReview(store, updated);
		await store.save();
		print(`${sanitizeLine(reviewName(review))}: ${sanitizeLine(item.id)} action ${n} done`);
		return 0;
	} finally {
		await store.close();
	}
}
