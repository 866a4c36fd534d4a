import {addDuration, parseDuration} from '../../model/duration.js';
import {answerFor} from '../../model/evaluate.js';
import {withEvidence, withNote, withoutEvidence, withStatus} from '../../model/review.js';
import type {Actor} from '../../model/actor.js';
import type {Answer, ChecklistItem, Review} from '../../model/schemas.js';
import type {EvidenceResult} from '../../system/evidence.js';
import type {Action, Prompt} from '../state/types.js';
import {recordOrRefuse} from './record.js';
import {
	invalidAction,
	invalidActionWhat,
	openActionNumbers,
	withAction,
	withActionDone,
} from '../../model/actions.js';
import {attendeeNames, attendeesProblem} from '../../model/session.js';
import {MAX_NAME, MAX_NOTE, tooLong} from '../../model/text-limits.js';

/** Each step a prompt can be at: one row of the prompt table each. */
const WAIVER_DAYS = 30;
const WAIVER_PERIOD = parseDuration(`P${WAIVER_DAYS}D`)!;
const ACTION_DAYS = 14;
const ACTION_PERIOD = parseDuration(`P${ACTION_DAYS}D`)!;

export type PromptStep =
	| 'filter'
	| 'evidence'
	| 'evidence-then-pass'
	| 'note'
	| 'justification'
	| 'remove-evidence'
	| 'waiver-reason'
	| 'waiver-owner'
	| 'waiver-expires'
	| 'action-what'
	| 'action-owner'
	| 'action-due'
	| 'action-done'
	| 'trust-checks'
	| 'attendees';

/** What a prompt may use: its item and answer, the clock, who acts, and the evidence parser. */
export type PromptContext = {
	prompt: Prompt;
	/** The item the prompt was opened for (none for the filter). */
	item?: ChecklistItem;
	answer: Answer;
	review?: Review;
	filter: string;
	now: Date;
	actor: Actor;
	reviewer: string;
	parseEvidence: (text: string) => EvidenceResult;
};

/** A prompt's label: before and after the item title (cut to fit), and the columns kept for typing. */
export type PromptLabel = {before: string; after: string; typing?: number};

/** What enter does: an error to show in the prompt (the text is kept), or the action to take. */
export type Outcome = {error: string} | {action: Action};

/** One row of the prompt table. */
export type PromptSpec = {
	label: (ctx: PromptContext) => PromptLabel;
	hint: (ctx: PromptContext) => string;
	initial: (ctx: PromptContext) => string;
	submit: (text: string, ctx: PromptContext) => Outcome;
	/** What esc does: closes the prompt, or steps back in a form. */
	cancel: (ctx: PromptContext) => Action;
	/** Acts on every change of the text (the filter is live). */
	live?: (text: string, ctx: PromptContext) => Action;
	/** Offers tab completion of file paths and a pick list of evidence used elsewhere. */
	evidence?: true;
};

export function stepOf(prompt: Prompt): PromptStep {
	switch (prompt.kind) {
		case 'waiver':
			return `waiver-${prompt.step}`;
		case 'action':
			return `action-${prompt.step}`;
		case 'evidence':
			return prompt.thenPass ? 'evidence-then-pass' : 'evidence';
		default:
			return prompt.kind;
	}
}

/** The day a waiver taken now ends by default, as YYYY-MM-DD. */
function defaultExpiry(now: Date): string {
	return addDuration(now, WAIVER_PERIOD).toISOString().slice(0, 10);
}

const close: Action = {type: 'close-prompt'};

/**
 * Records the answer a prompt ends in, when the rules allow it. Prompts that
 * end in a status (n/a, waive, pass with evidence) confirm it.
 */
function recordOutcome(ctx: PromptContext, next: Answer, advance: boolean): Outcome {
	if (!ctx.item) return {action: close};
	const confirm = next.status !== ctx.answer.status || advance;
	return recordOrRefuse(ctx.item, next, {now: ctx.now, actor: ctx.actor, advance, confirm});
}

function evidenceStep(thenPass: boolean): PromptSpec {
	return {
		label: () => ({before: thenPass ? 'Evidence to pass “' : 'Evidence for “', after: '”:'}),
		hint: () =>
			`a URL or a file path · tab completes · ↑↓ evidence used before · enter ${thenPass ? 'passes the item' : 'adds it'} · esc cancels`,
		initial: () => '',
		submit: (text, ctx) => {
			const parsed = ctx.parseEvidence(text);
			if (!parsed.ok) return {error: parsed.error};
			const withEv = withEvidence(ctx.answer, parsed.evidence);
			if (withEv === ctx.answer) return {error: 'that evidence is already attached'};
			return recordOutcome(ctx, thenPass ? withStatus(withEv, 'pass') : withEv, thenPass);
		},
		cancel: () => close,
		evidence: true,
	};
}

/** The waiver form's prompt, as it continues to the next step with what was typed. */
function waiverPrompt(
	ctx: PromptContext,
	patch: Partial<Extract<Prompt, {kind: 'waiver'}>>,
): Action {
	const p = ctx.prompt.kind === 'waiver' ? ctx.prompt : undefined;
	if (!p) return close;
	return {type: 'open-prompt', prompt: {...p, ...patch}};
}

/** The action item form's prompt, as it continues to the next step with what was typed. */
function actionPrompt(
	ctx: PromptContext,
	patch: Partial<Extract<Prompt, {kind: 'action'}>>,
): Action {
	const p = ctx.prompt.kind === 'action' ? ctx.prompt : undefined;
	if (!p) return close;
	return {type: 'open-prompt', prompt: {...p, ...patch}};
}

/** The owner an action item is offered: the waiver's owner for a waived item, else who acts. */
function defaultActionOwner(ctx: PromptContext): string {
	return ctx.answer.status === 'waived' && ctx.answer.waiver
		? ctx.answer.waiver.owner
		: ctx.reviewer;
}

/** The day an action item taken now is due by default: in 14 days, or the waiver's expiry when sooner. */
function defaultDue(ctx: PromptContext): string {
	const due = addDuration(ctx.now, ACTION_PERIOD).toISOString().slice(0, 10);
	const expires = ctx.answer.status === 'waived' ? ctx.answer.waiver?.expires : undefined;
	return expires && expires < due && expires >= ctx.now.toISOString().slice(0, 10) ? expires : due;
}

/** "Who is here?": the attendees last recorded (session or decision) offered, enter accepts, esc skips. */
const attendeesStep: PromptSpec = {
	label: () => ({before: 'Who is here? (names, comma-separated)', after: ''}),
	hint: (ctx) => {
		const offered = ctx.prompt.kind === 'attendees' ? ctx.prompt.offered : [];
		return `last time: ${offered.join(', ')} · enter records who attends · esc skips (nothing recorded)`;
	},
	initial: (ctx) => (ctx.prompt.kind === 'attendees' ? ctx.prompt.offered.join(', ') : ''),
	submit: (text, ctx) => {
		if (!text.trim()) return {error: 'type at least one name, or esc to skip'};
		const problem = attendeesProblem(text, 'the list');
		if (problem) return {error: problem};
		return {action: {type: 'attend', attendees: attendeeNames(text), actor: ctx.actor}};
	},
	cancel: (ctx) => ({type: 'attend', actor: ctx.actor}),
};

/** THE prompt table: every prompt step's label, hint, first value, checks and next step. */
export const prompts: Record<PromptStep, PromptSpec> = {
	filter: {
		label: () => ({before: 'Filter (text or status):', after: ''}),
		hint: (ctx) => {
			const previous = ctx.prompt.kind === 'filter' ? ctx.prompt.previous : '';
			return `pass fail pending na waived · mine · @role · or text · enter keeps it · esc ${previous ? `puts back “${previous}”` : 'cancels'}`;
		},
		// A new search each time (typing after the old one ran them together); esc puts it back.
		initial: () => '',
		submit: (text) => ({action: {type: 'set-filter', text: text.trim()}}),
		cancel: (ctx) =>
			ctx.prompt.kind === 'filter'
				? {
						type: 'set-filter',
						text: ctx.prompt.previous,
						...(ctx.prompt.from ? {focus: ctx.prompt.from} : {}),
					}
				: close,
		live: (text) => ({type: 'set-filter', text: text.trim(), keepPrompt: true}),
	},
	evidence: evidenceStep(false),
	'evidence-then-pass': evidenceStep(true),
	note: {
		label: () => ({before: 'Note for “', after: '”:'}),
		hint: () => 'enter saves (empty removes the note) · esc cancels',
		initial: (ctx) => ctx.answer.note ?? '',
		submit: (text, ctx) => {
			if (text.trim() === (ctx.answer.note ?? '').trim()) return {action: close};
			const long = tooLong(text.trim(), MAX_NOTE, 'a note');
			if (long) return {error: long};
			return recordOutcome(ctx, withNote(ctx.answer, text.trim()), false);
		},
		cancel: () => close,
	},
	justification: {
		label: () => ({before: '“', after: '” is n/a because:'}),
		hint: () => 'why the item does not apply · enter marks it n/a · esc cancels',
		initial: (ctx) => ctx.answer.justification ?? '',
		submit: (text, ctx) => {
			if (!text.trim()) return {error: 'a justification is required'};
			const long = tooLong(text.trim(), MAX_NOTE, 'a justification');
			if (long) return {error: long};
			return recordOutcome(ctx, withStatus(ctx.answer, 'na', {justification: text.trim()}), true);
		},
		cancel: () => close,
	},
	'remove-evidence': {
		label: (ctx) => ({
			before: 'Remove which evidence from “',
			after: `” (1-${ctx.answer.evidence.length})?`,
			typing: 6,
		}),
		hint: () => 'the number shown in the list above · enter removes · esc cancels',
		initial: () => '',
		submit: (text, ctx) => {
			const count = ctx.answer.evidence.length;
			const n = Number(text.trim());
			if (!Number.isInteger(n) || n < 1 || n > count)
				return {error: `type a number from 1 to ${count}`};
			return recordOutcome(ctx, withoutEvidence(ctx.answer, n - 1), false);
		},
		cancel: () => close,
	},
	'waiver-reason': {
		label: () => ({before: 'Waive “', after: '” because:'}),
		hint: () => 'the risk you accept · enter continues · esc cancels',
		// Back from the owner step: the reason typed before, not the stored one.
		initial: (ctx) =>
			(ctx.prompt.kind === 'waiver' ? ctx.prompt.reason : undefined) ??
			ctx.answer.waiver?.reason ??
			'',
		submit: (text, ctx) => {
			if (!text.trim()) return {error: 'a waiver needs a reason'};
			const long = tooLong(text.trim(), MAX_NOTE, "a waiver's reason");
			if (long) return {error: long};
			return {action: waiverPrompt(ctx, {step: 'owner', reason: text.trim()})};
		},
		cancel: () => close,
	},
	'waiver-owner': {
		label: () => ({before: 'Waive “', after: '” — owner:'}),
		hint: (ctx) => `who owns the risk · enter for ${ctx.reviewer} · esc goes back a step`,
		initial: (ctx) =>
			(ctx.prompt.kind === 'waiver' ? ctx.prompt.owner : undefined) ??
			ctx.answer.waiver?.owner ??
			'',
		submit: (text, ctx) => {
			const long = tooLong(text.trim(), MAX_NAME, "a waiver's owner");
			if (long) return {error: long};
			return {action: waiverPrompt(ctx, {step: 'expires', owner: text.trim() || ctx.reviewer})};
		},
		// esc steps back with the reason kept; only esc at the first step drops the waiver.
		cancel: (ctx) => waiverPrompt(ctx, {step: 'reason'}),
	},
	'waiver-expires': {
		label: () => ({before: 'Waive “', after: '” until (YYYY-MM-DD):', typing: 16}),
		hint: (ctx) =>
			`enter for ${defaultExpiry(ctx.now)} (${WAIVER_DAYS} days) · esc goes back a step`,
		initial: (ctx) => ctx.answer.waiver?.expires ?? '',
		submit: (text, ctx) => {
			const p = ctx.prompt.kind === 'waiver' ? ctx.prompt : undefined;
			return recordOutcome(
				ctx,
				withStatus(ctx.answer, 'waived', {
					waiver: {
						reason: p?.reason ?? '',
						owner: p?.owner ?? '',
						expires: text.trim() || defaultExpiry(ctx.now),
					},
				}),
				true,
			);
		},
		cancel: (ctx) => waiverPrompt(ctx, {step: 'owner'}),
	},
	'action-what': {
		label: () => ({before: 'Action for “', after: '”:'}),
		hint: () => 'the next step to take · enter continues · esc cancels',
		initial: (ctx) => (ctx.prompt.kind === 'action' ? ctx.prompt.what : undefined) ?? '',
		submit: (text, ctx) => {
			const problem = invalidActionWhat(text);
			if (problem) return {error: problem};
			return {action: actionPrompt(ctx, {step: 'owner', what: text.trim()})};
		},
		cancel: () => close,
	},
	'action-owner': {
		label: () => ({before: 'Action for “', after: '” — owner:'}),
		hint: (ctx) =>
			`a person or a role · enter for ${defaultActionOwner(ctx)} · esc goes back a step`,
		initial: (ctx) => (ctx.prompt.kind === 'action' ? ctx.prompt.owner : undefined) ?? '',
		submit: (text, ctx) => {
			const owner = text.trim() || defaultActionOwner(ctx);
			const problem = invalidAction({what: 'x', owner, due: '2000-01-01'});
			if (problem) return {error: problem};
			return {action: actionPrompt(ctx, {step: 'due', owner})};
		},
		cancel: (ctx) => actionPrompt(ctx, {step: 'what'}),
	},
	'action-due': {
		label: () => ({before: 'Action for “', after: '” due (YYYY-MM-DD):', typing: 16}),
		hint: (ctx) => `enter for ${defaultDue(ctx)} · esc goes back a step`,
		initial: () => '',
		submit: (text, ctx) => {
			const p = ctx.prompt.kind === 'action' ? ctx.prompt : undefined;
			const input = {
				what: p?.what ?? '',
				owner: p?.owner ?? '',
				due: text.trim() || defaultDue(ctx),
			};
			const problem = invalidAction(input);
			if (problem) return {error: problem};
			if (!ctx.item) return {action: close};
			return {
				action: {
					type: 'record',
					itemId: ctx.item.id,
					answer: withAction(ctx.answer, input, ctx.actor.by, ctx.now),
					actor: ctx.actor,
					advance: false,
					confirm: false,
				},
			};
		},
		cancel: (ctx) => actionPrompt(ctx, {step: 'owner'}),
	},
	'action-done': {
		label: () => ({before: 'Which action item of “', after: '” is done?', typing: 6}),
		hint: (ctx) =>
			`open: ${openActionNumbers(ctx.answer).join(', ')} (as numbered above) · enter for ${openActionNumbers(ctx.answer)[0] ?? 1} · esc cancels`,
		initial: () => '',
		submit: (text, ctx) => {
			const open = openActionNumbers(ctx.answer);
			const n = text.trim() ? Number(text.trim()) : open[0];
			if (n === undefined || !open.includes(n))
				return {error: `type the number of an open action item: ${open.join(', ')}`};
			const done = withActionDone(ctx.answer, n, ctx.actor.by, ctx.now);
			if ('error' in done) return {error: done.error};
			return recordOutcome(ctx, done.answer, false);
		},
		cancel: () => close,
	},
	'trust-checks': {
		label: (ctx) => {
			const more = ctx.prompt.kind === 'trust-checks' ? ctx.prompt.itemIds.length - 1 : 0;
			const n = ctx.prompt.kind === 'trust-checks' ? ctx.prompt.commands : undefined;
			// yes trusts every command of the checklist, not only those in view: the count says how many.
			const all =
				n === undefined ? 'every command' : n === 1 ? 'the 1 command' : `all ${n} commands`;
			return {
				before: `Trust ${all} of this checklist (pgdn/] reads on) and run “`,
				after: `”${more > 0 ? ` and ${more} more` : ''}? yes/no:`,
				typing: 6,
			};
		},
		hint: () =>
			"yes trusts this checklist's exact digest on this machine (a changed checklist asks again) · esc cancels",
		initial: () => '',
		submit: (text, ctx) => {
			const word = text.trim().toLowerCase();
			if (word === 'no' || word === 'n') return {action: close};
			if (word !== 'yes' && word !== 'y') return {error: 'type yes to trust these commands, or no'};
			const itemIds = ctx.prompt.kind === 'trust-checks' ? ctx.prompt.itemIds : [];
			return {action: {type: 'run-checks', itemIds, trust: true}};
		},
		cancel: () => close,
	},
	attendees: attendeesStep,
};

/** The answer a prompt works on: the item's answer in the open review. */
export function promptAnswer(review: Review | undefined, item: ChecklistItem | undefined): Answer {
	return review && item ? answerFor(review, item.id) : {status: 'pending', evidence: []};
}
