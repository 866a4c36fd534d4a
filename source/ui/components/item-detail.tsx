import {Box, Text} from 'ink';
import React from 'react';
import {commandLines, failureText, itemsWithChecks, latestRun} from '../../model/checks.js';
import type {ItemResult} from '../../model/evaluate.js';
import type {Answer, AuditEntry, Checklist, Conflict} from '../../model/schemas.js';
import {approversOf, ruleLine} from '../../model/team.js';
import {
	laterLook,
	reviewEveryText,
	shownStatus,
	statusLabel,
	statusLooks,
} from '../../model/vocabulary.js';
import {sanitize, sanitizeLine} from '../../terminal/sanitize.js';
import {bindings, type ActionId} from '../keys.js';
import {historyLine} from './item-history.js';
import {isOverdue, noNextStep} from '../../model/actions.js';
import {cells, fitColumns, wrapLines} from './wrap.js';

/** The parts of the detail pane; the scroll line names the ones below the view. */
type DetailPart =
	| 'title'
	| 'id'
	| 'status'
	| 'blocker'
	| 'approvals'
	| 'guidance'
	| 'evidence'
	| 'justification'
	| 'waiver'
	| 'note'
	| 'actions'
	| 'check'
	| 'conflict'
	| 'later'
	| 'history';

/** When and by whom an answer was signed: `signed off by Ana at 2026-02-01 10:00 UTC (commit abc1234)`. */
function signedText(answer: Answer): string {
	const signed = answer.signedOff;
	return signed
		? `signed off by ${sanitizeLine(signed.by)} at ${signed.at.slice(0, 16).replace('T', ' ')} UTC${signed.commit ? ` (commit ${signed.commit.slice(0, 7)})` : ''}`
		: '';
}

/**
 * A conflict's lines (model/conflicts.ts): how to settle it, then every
 * answer whole, numbered as the keys that keep them (status, who signed it
 * and when, approvals, justification or waiver, note, evidence), then the
 * answer both branches started from.
 */
function conflictLines(
	conflict: Conflict,
	textW: number,
	clean: (text: string) => string,
): DetailLine[] {
	const n = conflict.answers.length;
	const keys = n > 9 ? '1–9' : n === 2 ? '1 or 2' : `1–${n}`;
	const out: DetailLine[] = wrapLines(
		`${keys} keeps that answer as it was · p, f, n or w answers afresh · r clears ${n === 2 ? 'both' : 'them all'}${n > 9 ? ` · answers 10–${n} have no key: give one again with p, f, n or w` : ''}`,
		textW,
	).map((text) => ({part: 'conflict', look: 'blocker', text}));
	const add = (look: LineLook, texts: readonly string[]) =>
		out.push(...texts.map((text): DetailLine => ({part: 'conflict', look, text})));
	// A side's pending answer is one that cleared the item; the base's is where both started.
	const answerLines = (label: string, answer: Answer, side = true) => {
		const shown = shownStatus({status: answer.status});
		const signed = signedText(answer);
		const status =
			side && answer.status === 'pending' ? `${statusLabel(shown)} (cleared)` : statusLabel(shown);
		// The status in its colour after the label; the sign-off beside it when it fits.
		const beside = signed && cells(label) + cells(status) + 2 + cells(signed) <= textW;
		out.push({
			part: 'conflict',
			look: 'dim',
			lead: {text: `${label}${status}`, color: statusLooks[shown].color},
			text: beside ? `  ${signed}` : '',
		});
		if (signed && !beside) add('dim', hanging('    ', signed, textW));
		const approvers = approversOf(answer);
		if (approvers.length > 1)
			add(
				'dim',
				hanging(
					'    ',
					`approved by ${approvers.map((a) => `${sanitizeLine(a.by)} (${a.at.slice(0, 10)})`).join(', ')}`,
					textW,
				),
			);
		if (answer.status === 'na' && answer.justification)
			add('plain', hanging('    justification: ', clean(answer.justification), textW));
		if (answer.status === 'waived' && answer.waiver)
			add(
				'plain',
				hanging(
					'    ',
					`waived until ${answer.waiver.expires} · owner ${sanitizeLine(answer.waiver.owner)} · ${clean(answer.waiver.reason)}`,
					textW,
				),
			);
		if (answer.note) add('plain', hanging('    note: ', clean(answer.note), textW));
		answer.evidence.forEach((e, i) =>
			add(
				'plain',
				hanging(
					`    evidence ${i + 1}: `,
					e.kind === 'file'
						? `file ${sanitizeLine(e.ref)}${e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)}…)` : ''}`
						: sanitizeLine(e.ref),
					textW,
				),
			),
		);
		if (answer.evidence.length === 0 && answer.status !== 'pending')
			add('dim', ['    evidence: none']);
	};
	conflict.answers.forEach((answer, i) => answerLines(`answer ${i + 1}: `, answer));
	if (conflict.base) answerLines('before both: ', conflict.base, false);
	return out;
}

/** The widest a line of text is wrapped to, in columns. */
const MEASURE = 120;

/** How a line is drawn. */
type LineLook = 'title' | 'plain' | 'dim' | 'blocker';

/** One row of the detail pane, already wrapped to its width. */
export type DetailLine = {
	part: DetailPart;
	text: string;
	look: LineLook;
	/** Coloured text before `text`: the status badge, "evidence 2: ". */
	lead?: {text: string; color: string};
};

/** The words the scroll line uses for the parts below the view. */
const partNames: Record<DetailPart, string> = {
	title: 'title',
	id: 'id',
	status: 'sign-off',
	blocker: 'blocker',
	approvals: 'approvals',
	guidance: 'guidance',
	evidence: 'evidence',
	justification: 'justification',
	waiver: 'waiver',
	note: 'note',
	actions: 'action items',
	check: 'check',
	conflict: 'conflicting answers',
	later: 'discuss later',
	history: 'history',
};

/** A check running for the focused item, as the detail pane shows it. */
export type LiveCheck = {lines: readonly string[]; elapsedMs: number; spinner: string};

/** The item's check: its command, then the run going on, else the last run's result. */
function checkLines(result: ItemResult, live: LiveCheck | undefined, width: number): DetailLine[] {
	const {item, answer} = result;
	const check = item.check;
	if (!check) return [];
	const out: DetailLine[] = [];
	const mode = check.mode === 'pass' ? 'passes the item' : 'evidence';
	const command = commandLines(check.run).map(sanitizeLine);
	command[command.length - 1] = `${command.at(-1)!} (${mode})`;
	for (const text of hangingLines('check: ', command, width))
		out.push({part: 'check', look: 'plain', text});
	if (live) {
		out.push({
			part: 'check',
			look: 'plain',
			lead: {text: `${live.spinner} running `, color: 'yellow'},
			text: `${(live.elapsedMs / 1000).toFixed(1)} s · esc cancels`,
		});
		for (const line of live.lines)
			out.push({
				part: 'check',
				look: 'dim',
				text: `  ${fitColumns(sanitizeLine(line), width - 2)}`,
			});
		return out;
	}
	const run = latestRun(answer);
	if (!run) {
		out.push({part: 'check', look: 'dim', text: 'not run yet (x runs it)'});
		return out;
	}
	const end = run.exit === undefined ? (run.stopped ?? 'stopped') : `exit ${run.exit}`;
	const why = failureText(check, run);
	out.push({
		part: 'check',
		look: 'plain',
		lead: run.ok ? {text: '✔ met ', color: 'green'} : {text: '✖ failed ', color: 'red'},
		text: `${end}${why && !why.startsWith('exit') && why !== end ? ` · ${sanitizeLine(why)}` : ''} · ${(run.durationMs / 1000).toFixed(1)} s · ${run.at.slice(0, 16).replace('T', ' ')} UTC by ${sanitizeLine(run.by)}${run.cut ? ' · output cut' : ''} · v opens the log`,
	});
	return out;
}

/**
 * `text` wrapped to `width` after `label`: the lines after the first are
 * indented under the text (by two columns when the label is long).
 */
function hanging(label: string, text: string, width: number): string[] {
	const indent = cells(label) <= 16 ? cells(label) : 2;
	return wrapLines(text, Math.max(10, width - indent)).map((l, i) =>
		i === 0 ? `${label}${l}` : `${' '.repeat(indent)}${l}`,
	);
}

/**
 * Several lines (a command written over several) after `label`: each wrapped
 * on its own, all indented under the first.
 */
function hangingLines(label: string, lines: readonly string[], width: number): string[] {
	const indent = cells(label) <= 16 ? cells(label) : 2;
	return lines.flatMap((line, i) => hanging(i === 0 ? label : ' '.repeat(indent), line, width));
}

/**
 * Every line of the focused item, wrapped whole to a pane `width` columns
 * wide: title, id and tags, status and sign-off, blocker, evidence links
 * (numbered as d numbers them), justification, waiver and note, guidance,
 * then its history, newest first. The answer comes before the explanation:
 * a long guidance (a lens question's choices) must not push the evidence and
 * the note just given out of view. Nothing is cut: what does not fit the pane
 * is scrolled to. Pure and proportional to the item's own text, so the screen
 * works it out once per item (and width), not on every key.
 *
 * With `evidenceFirst` (d is asking which link to remove) only the title,
 * on one line, the status and the links are shown (the rest comes back with
 * the prompt's end).
 */
export function detailLines(
	result: ItemResult | undefined,
	history: readonly AuditEntry[],
	width: number,
	evidenceFirst = false,
	/** The focused item's check while it runs. */
	live?: LiveCheck,
	/** When the review is judged: an open action item due before this day is overdue. */
	asOf?: Date,
): DetailLine[] {
	if (!result) return [];
	const {item, answer} = result;
	// One column short of the pane, as the guidance always was, and no wider
	// than prose is read comfortably: on a wide terminal, lines of 200 columns
	// lose the eye at every return.
	const textW = Math.max(10, Math.min(MEASURE, width - 1));
	// Tabs would be drawn as one column but take several.
	const clean = (text: string) => sanitize(text).replace(/\t/g, '  ');
	const lines = (part: DetailPart, look: LineLook, texts: readonly string[]): DetailLine[] =>
		texts.map((text) => ({part, look, text}));

	const title = sanitizeLine(item.title);
	const head = lines(
		'title',
		'title',
		evidenceFirst ? [fitColumns(title, textW)] : wrapLines(title, textW),
	);

	const tags = [
		item.level,
		item.evidenceRequired ? 'evidence required' : 'evidence optional',
		item.reviewEvery ? reviewEveryText(item.reviewEvery) : undefined,
	].filter(Boolean);
	// The id whole, as `preflight set ID …` takes it.
	const id = lines(
		'id',
		'dim',
		wrapLines([`id: ${sanitizeLine(item.id)}`, ...tags].join(' · '), textW),
	);

	const shown = shownStatus({
		status: answer.status,
		stale: result.stale,
		recheck: answer.reReview,
		conflict: result.conflict !== undefined,
	});
	const lead = {text: statusLabel(shown), color: statusLooks[shown].color};
	const signed = signedText(answer);
	const beside = result.conflict
		? `the merged branches answered it in ${result.conflict.answers.length} ways`
		: signed;
	const status: DetailLine[] =
		!beside || cells(lead.text) + 2 + cells(beside) <= textW
			? [{part: 'status', look: 'dim', lead, text: beside ? `  ${beside}` : ''}]
			: [
					{part: 'status', look: 'dim', lead, text: ''},
					...lines('status', 'dim', hanging('  ', beside, textW)),
				];
	const guidance = item.guidance
		? lines('guidance', 'dim', wrapLines(clean(item.guidance), textW))
		: [];
	// Marked to discuss later (m): who raised it and when, under the status.
	const later: DetailLine[] = answer.later
		? wrapLines(
				`${laterLook.glyph} to discuss later · marked by ${sanitizeLine(answer.later.by)} at ${answer.later.at.slice(0, 16).replace('T', ' ')} UTC (m clears)`,
				textW,
			).map((text) => ({part: 'later', look: 'plain', text}))
		: [];
	// No answer of its own: the answers the branches gave are what there is to read.
	if (result.conflict)
		return evidenceFirst
			? [...head, ...status]
			: [
					...head,
					...id,
					...status,
					...conflictLines(result.conflict, textW, clean),
					...guidance,
					...historyLines(history, textW),
				];

	// Who may sign and how many must (docs/team.md): "needs security · 1 of 2
	// approvals", drawn as the blocker when it is why the item blocks.
	const rule = ruleLine(result.signing, answer);
	const approvers = approversOf(answer);
	const signers =
		rule && approvers.length
			? ` · approved by ${approvers.map((a) => sanitizeLine(a.by)).join(', ')}`
			: '';
	const ruleBlocks = result.blocker !== undefined && result.blocker === result.signing.problem;
	const approvals = rule
		? lines(
				'approvals',
				ruleBlocks ? 'blocker' : 'dim',
				wrapLines(`${sanitizeLine(rule)}${signers}`, textW),
			)
		: [];
	const blockerText =
		result.blocker && answer.status !== 'pending' && !ruleBlocks ? result.blocker : undefined;
	const blocker = blockerText
		? lines('blocker', 'blocker', hanging('blocker: ', clean(blockerText), textW))
		: [];

	const evidence: DetailLine[] =
		answer.evidence.length === 0
			? lines('evidence', 'dim', [
					item.evidenceRequired ? 'evidence: none yet (e adds a URL or file)' : 'evidence: none',
				])
			: answer.evidence.flatMap((e, i) => {
					const label = `evidence ${i + 1}: `;
					const ref =
						e.kind === 'file' || e.kind === 'check'
							? `${e.kind === 'check' ? 'check log' : 'file'} ${sanitizeLine(e.ref)}${e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)}…)` : ''}`
							: sanitizeLine(e.ref);
					return hanging(label, ref, textW).map((text, k): DetailLine =>
						k === 0
							? {
									part: 'evidence',
									look: 'plain',
									lead: {text: label, color: 'cyan'},
									text: text.slice(label.length),
								}
							: {part: 'evidence', look: 'plain', text},
					);
				});

	const extras: DetailLine[] = [];
	if (answer.status === 'na' && answer.justification)
		extras.push(
			...lines(
				'justification',
				'plain',
				hanging('justification: ', clean(answer.justification), textW),
			),
		);
	if (answer.status === 'waived' && answer.waiver)
		extras.push(
			...lines(
				'waiver',
				'plain',
				wrapLines(
					`waived until ${answer.waiver.expires} · owner ${sanitizeLine(answer.waiver.owner)} · ${clean(answer.waiver.reason)}`,
					textW,
				),
			),
		);
	if (answer.note)
		extras.push(...lines('note', 'plain', hanging('note: ', clean(answer.note), textW)));

	extras.push(...actionLines(answer, textW, clean, asOf));

	const past = historyLines(history, textW);

	return evidenceFirst
		? [...head, ...status, ...evidence]
		: [
				...head,
				...id,
				...status,
				...later,
				...approvals,
				...blocker,
				// A fail with no open action item: nobody has said what happens next.
				...(noNextStep(answer)
					? lines(
							'actions',
							'blocker',
							wrapLines('no next step: this fail has no open action item (a adds one)', textW),
						)
					: []),
				...evidence,
				...checkLines(result, live, textW),
				...extras,
				...guidance,
				...past,
			];
}

/**
 * The item's action items, numbered as `preflight action done` takes them; an
 * open one past its due day says so (`! overdue`, as the summary does) and is
 * drawn as a blocker.
 */
function actionLines(
	answer: Answer,
	textW: number,
	clean: (text: string) => string,
	asOf: Date | undefined,
): DetailLine[] {
	const out: DetailLine[] = [];
	(answer.actions ?? []).forEach((a, i) => {
		const overdue = asOf !== undefined && isOverdue(a, asOf);
		const state = a.done ? '✔ done' : overdue ? '! overdue' : '○ open';
		const text = `${state} · due ${a.due} · ${sanitizeLine(a.owner)} · ${clean(a.what)}${a.url ? ` · ${sanitizeLine(a.url)}` : ''}`;
		out.push(
			...hanging(`action ${i + 1}: `, text, textW).map((line): DetailLine => ({
				part: 'actions',
				look: a.done ? 'dim' : overdue ? 'blocker' : 'plain',
				text: line,
			})),
		);
	});
	return out;
}

/** The item's history, newest first, under a line that counts it. */
function historyLines(history: readonly AuditEntry[], textW: number): DetailLine[] {
	const out: DetailLine[] = [
		{
			part: 'history',
			look: 'dim',
			text: history.length
				? `history (${history.length} change${history.length === 1 ? '' : 's'}, newest first):`
				: 'history: no change yet',
		},
	];
	for (let i = history.length - 1; i >= 0; i--)
		for (const text of hanging('  ', sanitizeLine(historyLine(history[i]!)), textW))
			out.push({part: 'history', look: 'dim', text});
	return out;
}

/**
 * What the pane shows while the app asks to trust a checklist's commands:
 * every command, by item, and what trusting means.
 */
export function trustLines(checklist: Checklist, digest: string, width: number): DetailLine[] {
	const textW = Math.max(10, Math.min(MEASURE, width - 1));
	const out: DetailLine[] = wrapLines(
		`Commands of checklist “${sanitizeLine(checklist.title)}” (${digest}):`,
		textW,
	).map((text) => ({part: 'check', look: 'title', text}));
	for (const it of itemsWithChecks(checklist))
		for (const text of hangingLines(
			`${sanitizeLine(it.id)}: `,
			commandLines(it.check.run).map(sanitizeLine),
			textW,
		))
			out.push({part: 'check', look: 'plain', text});
	for (const text of wrapLines(
		'Each runs with sh -c from the repository root, without terminal input. Trusting covers this exact checklist on this machine: a changed checklist asks again.',
		textW,
	))
		out.push({part: 'check', look: 'dim', text});
	return out;
}

/**
 * Rows of a pane `height` rows high that show lines, for `total` lines: all
 * of them when the lines fit; else one row less, the last saying where the
 * view is.
 */
export function detailRows(total: number, height: number): {rows: number; scrolls: boolean} {
	const scrolls = total > height && height >= 2;
	return {rows: scrolls ? height - 1 : Math.max(0, height), scrolls};
}

/** The keys of an action, as the key table shows them. */
function keysOf(action: ActionId): string {
	return bindings.find((b) => b.action === action)?.keys ?? '';
}

/**
 * Where the view of `lines` is, `rows` of them from `offset`, in at most
 * `width` columns, with the keys that move it and what comes next:
 * `↓ 22 more lines · pgdn/] · next: guidance, evidence` at the top,
 * `↑↓ lines 12–23 of 34 · pgup/[ pgdn/] · next: evidence` further down,
 * `↑ lines 23–34 of 34, the end · pgup/[` at the end. What matters most comes
 * first; on a narrow pane the parts named last are left out.
 */
export function scrollLine(
	lines: readonly DetailLine[],
	offset: number,
	rows: number,
	width: number,
	/** False while a prompt has the keys: the line then names none. */
	keys = true,
): string {
	const total = lines.length;
	const end = Math.min(total, offset + rows);
	const up = keysOf('detail-page-up');
	const down = keysOf('detail-page-down');
	const below = total - end;
	const lead =
		below === 0
			? [`↑ lines ${offset + 1}–${end} of ${total}, the end`, keys ? up : '']
			: offset === 0 || !keys
				? [`↓ ${below} more line${below === 1 ? '' : 's'}`, keys ? down : '']
				: [`↑↓ lines ${offset + 1}–${end} of ${total}`, `${up} ${down}`];
	const head = lead.filter(Boolean).join(' · ');
	const parts = [...new Set(lines.slice(end).map((l) => partNames[l.part]))];
	for (let n = parts.length; n > 0; n--) {
		const line = `${head} · next: ${parts.slice(0, n).join(', ')}`;
		if (cells(line) <= width) return line;
	}
	return fitColumns(head, width);
}

function Line({line}: {line: DetailLine}) {
	// An empty Text would take no row, so an empty line is a space.
	const text = line.text || (line.lead ? '' : ' ');
	const body =
		line.look === 'title' ? (
			<Text bold>{text}</Text>
		) : line.look === 'dim' ? (
			<Text dimColor>{text}</Text>
		) : line.look === 'blocker' ? (
			<Text color="red">{text}</Text>
		) : (
			text
		);
	return (
		<Text wrap="truncate-end">
			{line.lead ? <Text color={line.lead.color}>{line.lead.text}</Text> : null}
			{body}
		</Text>
	);
}

/**
 * The focused item's lines (see detailLines), `offset` lines scrolled; when
 * they do not fit, the last row says where the view is and how to move it
 * (the keys are in the key table). Only the rows in view are drawn, so a key
 * costs the same for a line of guidance or a thousand.
 */
export function ItemDetail({
	lines,
	offset,
	height,
	width,
	keys = true,
}: {
	/** From detailLines, for this `width`; empty when no item is selected (the pane stays empty). */
	lines: readonly DetailLine[];
	/** The first line shown; kept within the lines. */
	offset: number;
	height: number;
	width: number;
	/** False while a prompt has the keys (the scroll line then names none). */
	keys?: boolean;
}) {
	const {rows, scrolls} = detailRows(lines.length, height);
	const start = scrolls ? Math.max(0, Math.min(offset, lines.length - rows)) : 0;
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{lines.slice(start, start + rows).map((line, i) => (
				<Line key={start + i} line={line} />
			))}
			{scrolls ? (
				<Text color="yellow" wrap="truncate-end">
					{scrollLine(lines, start, rows, width - 1, keys)}
				</Text>
			) : null}
		</Box>
	);
}
