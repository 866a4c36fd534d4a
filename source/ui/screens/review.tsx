import fastStringWidth from 'fast-string-width';
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {type Evaluation, type ItemResult} from '../../model/evaluate.js';
import {
	findItem,
	invalidAnswer,
	reviewName,
	withEvidence,
	withNote,
	withoutEvidence,
	withStatus,
} from '../../model/review.js';
import type {Actor} from '../../model/actor.js';
import type {ChecklistItem} from '../../model/schemas.js';
import {parseEvidence} from '../../system/evidence.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {ItemDetail} from '../components/item-detail.js';
import {MessageLine} from '../components/message-line.js';
import {ProgressBar} from '../components/progress-bar.js';
import {statusLook} from '../components/status.js';
import {TextPrompt} from '../components/text-prompt.js';
import {windowStart} from '../components/window.js';
import {fitColumns} from '../components/wrap.js';
import type {ActionId} from '../keys.js';
import {useKeys} from '../use-keys.js';
import {actorFrom, useAppActions, useAppState, useEvaluation} from '../state/context.js';
import {
	currentReview,
	noItemSelected,
	selectedItemId,
	visibleItems,
	type Prompt,
	type State,
} from '../state/reducer.js';
import type {Size} from '../use-terminal-size.js';

/** Rows of the review screen for a terminal height; the frame stays shorter than the terminal. */
export function reviewLayout(
	size: Size,
	/** Rows the lists would like: the longest section or the number of sections. */
	listRows = Number.POSITIVE_INFINITY,
): {
	wide: boolean;
	listH: number;
	detailH: number;
	sectionW: number;
} {
	const wide = size.columns >= 80;
	const free = size.rows - 1 - 6;
	// The lists take what they need (up to about half); the item detail gets the rest.
	const wanted = wide ? listRows : listRows + 1;
	const listH = Math.max(
		3,
		Math.min(wanted, free - Math.max(6, Math.min(12, Math.floor(free * 0.45)))),
	);
	return {
		wide,
		listH,
		detailH: free - listH,
		sectionW: Math.min(38, Math.floor(size.columns * 0.38)),
	};
}

function plusDays(d: Date, days: number): string {
	const t = new Date(d.getTime());
	t.setUTCDate(t.getUTCDate() + days);
	return t.toISOString().slice(0, 10);
}

function resultFor(
	evaluation: Evaluation,
	sectionIndex: number,
	itemId: string | undefined,
): ItemResult | undefined {
	return evaluation.sections[sectionIndex]?.items.find((r) => r.item.id === itemId);
}

// Memoised with narrow props: moving between items leaves the sections as they were.
const SectionsList = React.memo(function SectionsList({
	evaluation,
	current: currentIndex,
	dimmed,
	height,
	width,
}: {
	evaluation: Evaluation;
	current: number;
	/** Per section, true when the filter hides all its items. */
	dimmed: readonly boolean[] | undefined;
	height: number;
	width: number;
}) {
	const sections = evaluation.sections;
	const start = windowStart(currentIndex, sections.length, height);
	const barW = width >= 34 ? 8 : 5;
	// One Text per row: Ink lays out and draws every node on every frame, so a
	// row of nested Boxes cost several times as much. The title is cut and
	// padded to the columns the bar and the count leave it.
	return (
		<Box flexDirection="column" width={width} height={height} marginRight={1} flexShrink={0}>
			{sections.slice(start, start + height).map((s, k) => {
				const i = start + k;
				const current = i === currentIndex;
				const done = s.totals.items - s.totals.pending;
				const count = ` ${`${done}/${s.totals.items}`.padStart(5)}`;
				const titleW = width - 1 - barW - count.length;
				const title = `${current ? '▸ ' : '  '}${fitColumns(sanitizeLine(s.section.title), titleW - 2)}`;
				return (
					<Text key={s.section.id} wrap="truncate-end">
						<Text
							bold={current}
							color={current ? 'cyan' : undefined}
							dimColor={dimmed?.[i] ?? false}
						>
							{title}
						</Text>
						{' '.repeat(Math.max(0, titleW - fastStringWidth(title)) + 1)}
						<ProgressBar
							ratio={s.totals.items ? done / s.totals.items : 1}
							width={barW}
							color={s.totals.blockers && done === s.totals.items ? 'yellow' : 'green'}
						/>
						<Text dimColor>{count}</Text>
					</Text>
				);
			})}
		</Box>
	);
});

function SectionLine({
	state,
	evaluation,
	width,
}: {
	state: State;
	evaluation: Evaluation;
	width: number;
}) {
	const s = evaluation.sections[state.sectionIndex];
	if (!s) return null;
	const done = s.totals.items - s.totals.pending;
	return (
		<Box width={width}>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate-end" bold color="cyan">
					{`◂ ${state.sectionIndex + 1}/${evaluation.sections.length} ${sanitizeLine(s.section.title)} ▸`}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				<ProgressBar ratio={s.totals.items ? done / s.totals.items : 1} width={6} />
				<Text dimColor>{` ${done}/${s.totals.items}`}</Text>
			</Box>
		</Box>
	);
}

function ItemsList({
	state,
	items,
	evaluation,
	height,
	width,
}: {
	state: State;
	/** The section's items that pass the filter. */
	items: readonly ChecklistItem[];
	evaluation: Evaluation;
	height: number;
	width: number;
}) {
	const focus = Math.max(
		0,
		items.findIndex((it) => it.id === state.itemId),
	);
	const start = windowStart(focus, items.length, height);
	const results = evaluation.sections[state.sectionIndex]?.items;
	const byId = useMemo(() => new Map((results ?? []).map((r) => [r.item.id, r])), [results]);
	if (items.length === 0)
		return (
			<Box height={height}>
				<Text dimColor>No item in this section matches “{sanitizeLine(state.filter)}”.</Text>
			</Box>
		);
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			{items.slice(start, start + height).map((it) => (
				<ItemRow
					key={it.id}
					item={it}
					result={byId.get(it.id)}
					focused={it.id === state.itemId}
					width={width}
				/>
			))}
		</Box>
	);
}

/** One row of the item list, as one Text (see SectionsList); re-rendered only when it changes. */
const ItemRow = React.memo(function ItemRow({
	item,
	result: r,
	focused,
	width,
}: {
	item: ChecklistItem;
	result: ItemResult | undefined;
	focused: boolean;
	width: number;
}) {
	const look = statusLook(r?.answer.status ?? 'pending', r?.stale, r?.answer.reReview);
	const badge = `${look.glyph} ${look.word}`;
	return (
		<Text wrap="truncate-end">
			<Text color="cyan">{focused ? '› ' : '  '}</Text>
			<Text color={look.color}>{badge}</Text>
			{' '.repeat(Math.max(0, 10 - fastStringWidth(badge)))}
			<Text bold={focused} inverse={focused}>
				{fitColumns(
					`${sanitizeLine(item.title)}${item.level === 'recommended' ? ' (recommended)' : ''}${r?.blocker && r.answer.status !== 'pending' && r.answer.status !== 'fail' ? ' !' : ''}`,
					width - 12,
				)}
			</Text>
		</Text>
	);
});

/**
 * A prompt label naming an item: the title is cut so that the label leaves
 * `typing` columns (24 unless the answer is short: the prompt shows 4 fewer
 * typed characters, and scrolls longer values). Labels are kept short so that
 * at 80 columns the title is rarely cut.
 */
export function promptLabel(
	before: string,
	title: string,
	after: string,
	width: number,
	typing = 24,
): string {
	const room = Math.max(10, Math.min(40, width - fastStringWidth(before + after) - typing));
	return `${before}${fitColumns(sanitizeLine(title), room)}${after}`;
}

function PromptArea({
	prompt,
	item,
	width,
}: {
	prompt: Prompt;
	item: ChecklistItem | undefined;
	width: number;
}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const review = currentReview(state);
	const actor = (): Actor => actorFrom(services);
	const cancel = () => dispatch({type: 'close-prompt'});
	if (prompt.kind === 'filter')
		return (
			<TextPrompt
				key="filter"
				label="Filter (text or status):"
				initial={state.filter}
				hint="pass, fail, pending, na, waived, or any text · enter applies · esc cancels"
				width={width}
				onCancel={cancel}
				onSubmit={(text) => void dispatch({type: 'set-filter', text: text.trim()})}
			/>
		);
	if (!review || !item) return null;
	const answer = review.answers[item.id] ?? {status: 'pending' as const, evidence: []};
	// Every prompt names its item: after f the focus has moved on, so "the
	// focused item" is not always the one a prompt is for.
	const label = (before: string, after: string, typing?: number) =>
		promptLabel(before, item.title, after, width, typing);
	// Prompts that end in a status (n/a, waive, pass with evidence) confirm it.
	const record = (next: typeof answer, advance: boolean): string | undefined => {
		const problem = invalidAnswer(item, next, services.now());
		if (problem) return problem;
		dispatch({
			type: 'record',
			itemId: item.id,
			answer: next,
			actor: actor(),
			advance,
			confirm: next.status !== answer.status || advance,
		});
		return undefined;
	};
	switch (prompt.kind) {
		case 'evidence':
			return (
				<TextPrompt
					key="evidence"
					label={
						prompt.thenPass ? label('Evidence to pass “', '”:') : label('Evidence for “', '”:')
					}
					hint={`a URL or a file path · enter ${prompt.thenPass ? 'passes the item' : 'adds it'} · esc cancels`}
					width={width}
					onCancel={cancel}
					onSubmit={(text) => {
						const parsed = parseEvidence(text, services.cwd, services.now());
						if (!parsed.ok) return parsed.error;
						const withEv = withEvidence(answer, parsed.evidence);
						if (withEv === answer) return 'that evidence is already attached';
						return record(prompt.thenPass ? withStatus(withEv, 'pass') : withEv, prompt.thenPass);
					}}
				/>
			);
		case 'note':
			return (
				<TextPrompt
					key="note"
					label={label('Note for “', '”:')}
					initial={answer.note ?? ''}
					hint="enter saves (empty removes the note) · esc cancels"
					width={width}
					onCancel={cancel}
					onSubmit={(text) => {
						if (text.trim() === (answer.note ?? '').trim()) return void cancel();
						return record(withNote(answer, text.trim()), false);
					}}
				/>
			);
		case 'justification':
			return (
				<TextPrompt
					key="justification"
					label={label('“', '” is n/a because:')}
					initial={answer.justification ?? ''}
					width={width}
					onCancel={cancel}
					onSubmit={(text) => {
						if (!text.trim()) return 'a justification is required';
						return record(withStatus(answer, 'na', {justification: text.trim()}), true);
					}}
				/>
			);
		case 'remove-evidence':
			return (
				<TextPrompt
					key="remove"
					label={label('Remove which evidence from “', `” (1-${answer.evidence.length})?`, 6)}
					width={width}
					onCancel={cancel}
					onSubmit={(text) => {
						const n = Number(text.trim());
						if (!Number.isInteger(n) || n < 1 || n > answer.evidence.length)
							return `type a number from 1 to ${answer.evidence.length}`;
						return record(withoutEvidence(answer, n - 1), false);
					}}
				/>
			);
		case 'waiver':
			if (prompt.step === 'reason')
				return (
					<TextPrompt
						key="waiver-reason"
						label={label('Waive “', '” because:')}
						// Back from the owner step: the reason typed before, not the stored one.
						initial={prompt.reason ?? answer.waiver?.reason ?? ''}
						hint="the risk you accept · enter continues · esc cancels"
						width={width}
						onCancel={cancel}
						onSubmit={(text) => {
							if (!text.trim()) return 'a waiver needs a reason';
							dispatch({
								type: 'open-prompt',
								prompt: {...prompt, step: 'owner', reason: text.trim()},
							});
							return undefined;
						}}
					/>
				);
			if (prompt.step === 'owner')
				return (
					<TextPrompt
						key="waiver-owner"
						label={label('Waive “', '” — owner:')}
						initial={prompt.owner ?? answer.waiver?.owner ?? ''}
						hint={`who owns the risk · enter for ${sanitizeLine(services.reviewer())} · esc back`}
						width={width}
						// esc steps back with the reason kept (as the new-review form
						// does); only esc at the first step drops the waiver.
						onCancel={() => dispatch({type: 'open-prompt', prompt: {...prompt, step: 'reason'}})}
						onSubmit={(text) => {
							const owner = text.trim() || services.reviewer();
							dispatch({
								type: 'open-prompt',
								prompt: {...prompt, step: 'expires', owner},
							});
							return undefined;
						}}
					/>
				);
			return (
				<TextPrompt
					key="waiver-expires"
					label={label('Waive “', '” until (YYYY-MM-DD):', 16)}
					initial={answer.waiver?.expires ?? ''}
					hint={`enter for ${plusDays(services.now(), 30)} (30 days) · esc back`}
					width={width}
					onCancel={() => dispatch({type: 'open-prompt', prompt: {...prompt, step: 'owner'}})}
					onSubmit={(text) =>
						record(
							withStatus(answer, 'waived', {
								waiver: {
									reason: prompt.reason ?? '',
									owner: prompt.owner ?? '',
									expires: text.trim() || plusDays(services.now(), 30),
								},
							}),
							true,
						)
					}
				/>
			);
	}
}

/** Keys that act on the selected item (c is the reducer's: see edit-note). */
const answerKeys: ReadonlySet<ActionId> = new Set<ActionId>([
	'pass',
	'fail',
	'na',
	'waive',
	'reset',
	'add-evidence',
	'remove-evidence',
]);

export function ReviewScreen({size}: {size: Size}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const {review, evaluation} = useEvaluation();
	const {checklist} = state.loaded;
	const listRows = useMemo(
		() =>
			Math.max(
				checklist.sections.length,
				...checklist.sections.map((section) => section.items.length),
			),
		[checklist],
	);
	const layout = reviewLayout(size, listRows);
	const dimmed = useMemo(
		() =>
			state.filter
				? state.loaded.checklist.sections.map((_, i) => visibleItems(state, i, review).length === 0)
				: undefined,
		// Recomputed when the filter or the answers change, not on every move.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[state.filter, review, state.loaded],
	);
	// Worked out once per filter, section or answer (not on every move), for
	// the list and for what the keys may act on.
	const visible = useMemo(
		() => visibleItems(state, state.sectionIndex, review),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[state.filter, state.sectionIndex, review, state.loaded],
	);
	// Keys act only on an item the user can see: with a filter that hides it
	// (or everything), there is no selected item.
	const selected = selectedItemId(state, visible);
	const result = evaluation ? resultFor(evaluation, state.sectionIndex, selected) : undefined;

	useKeys(
		'review',
		(action) => {
			if (!action || !review) return;
			const item = result?.item;
			const answer = result?.answer;
			const actor = (): Actor => actorFrom(services);
			const record = (next: NonNullable<typeof answer>, advance: boolean, confirm = false) => {
				if (!item) return;
				const problem = invalidAnswer(item, next, services.now());
				if (problem) return dispatch({type: 'message', message: {kind: 'error', text: problem}});
				dispatch({type: 'record', itemId: item.id, answer: next, actor: actor(), advance, confirm});
			};
			switch (action) {
				case 'prev-item':
					return dispatch({type: 'move-item', delta: -1});
				case 'next-item':
					return dispatch({type: 'move-item', delta: 1});
				case 'prev-section':
					return dispatch({type: 'move-section', delta: -1});
				case 'next-section':
					return dispatch({type: 'move-section', delta: 1});
				case 'summary':
					return dispatch({type: 'go', screen: 'summary'});
				case 'help':
					return dispatch({type: 'toggle-help'});
				case 'quit':
					return dispatch({type: 'quit'});
				case 'undo':
					return dispatch({type: 'undo', actor: actor()});
				case 'filter':
					return dispatch({type: 'open-prompt', prompt: {kind: 'filter'}});
				case 'back':
					if (state.filter) return dispatch({type: 'set-filter', text: ''});
					return dispatch({type: 'go', screen: 'home'});
				default:
					break;
			}
			if (action === 'edit-note')
				// The reducer picks the item: the one f just failed, else the selected one.
				return dispatch({type: 'edit-note'});
			if (!item || !answer) {
				if (answerKeys.has(action)) dispatch({type: 'message', message: noItemSelected(state)});
				return;
			}
			switch (action) {
				case 'pass':
					if (item.evidenceRequired && answer.evidence.length === 0)
						return dispatch({
							type: 'open-prompt',
							prompt: {kind: 'evidence', itemId: item.id, thenPass: true},
						});
					return record(withStatus(answer, 'pass'), true, true);
				case 'fail':
					return record(withStatus(answer, 'fail'), true, true);
				case 'na':
					return dispatch({type: 'open-prompt', prompt: {kind: 'justification', itemId: item.id}});
				case 'waive':
					return dispatch({
						type: 'open-prompt',
						prompt: {kind: 'waiver', itemId: item.id, step: 'reason'},
					});
				case 'reset':
					if (answer.status === 'pending')
						return dispatch({type: 'message', message: {kind: 'info', text: 'Already pending.'}});
					return record(withStatus(answer, 'pending'), false);
				case 'add-evidence':
					return dispatch({
						type: 'open-prompt',
						prompt: {kind: 'evidence', itemId: item.id, thenPass: false},
					});
				case 'remove-evidence':
					if (answer.evidence.length === 0)
						return dispatch({
							type: 'message',
							message: {kind: 'info', text: 'This item has no evidence to remove.'},
						});
					if (answer.evidence.length === 1) return record(withoutEvidence(answer, 0), false);
					return dispatch({
						type: 'open-prompt',
						prompt: {kind: 'remove-evidence', itemId: item.id},
					});
				default:
					return;
			}
		},
		!state.prompt && !state.help,
	);

	if (!review || !evaluation) return <Text>No review is open.</Text>;
	const width = size.columns;
	const done = evaluation.totals.items - evaluation.totals.pending;
	// The filter comes before the checklist title so a narrow terminal cuts the title, not the filter.
	const title = `${reviewName(review)} · ${done}/${evaluation.totals.items} answered${state.filter ? ` · filter: ${state.filter}` : ''} · ${checklist.title}`;
	return (
		<Box flexDirection="column" width={width}>
			<Header title={title} width={width} />
			{layout.wide ? (
				<Box height={layout.listH} width={width}>
					<SectionsList
						evaluation={evaluation}
						current={state.sectionIndex}
						dimmed={dimmed}
						height={layout.listH}
						width={layout.sectionW}
					/>
					<ItemsList
						state={state}
						items={visible}
						evaluation={evaluation}
						height={layout.listH}
						width={width - layout.sectionW - 1}
					/>
				</Box>
			) : (
				<Box height={layout.listH} flexDirection="column" width={width}>
					<SectionLine state={state} evaluation={evaluation} width={width} />
					<ItemsList
						state={state}
						items={visible}
						evaluation={evaluation}
						height={layout.listH - 1}
						width={width}
					/>
				</Box>
			)}
			<Text dimColor>{'─'.repeat(Math.max(1, width - 1))}</Text>
			<ItemDetail
				result={result}
				height={layout.detailH}
				width={width}
				evidenceFirst={state.prompt?.kind === 'remove-evidence'}
			/>
			{state.prompt ? (
				<PromptArea
					prompt={state.prompt}
					// The item the prompt was opened for, whatever has focus now.
					item={
						state.prompt.kind === 'filter' ? undefined : findItem(checklist, state.prompt.itemId)
					}
					width={width}
				/>
			) : (
				<MessageLine width={width} />
			)}
			<Footer scope="review" width={width} />
		</Box>
	);
}
