import {Box, Text, type Key} from 'ink';
import React, {useMemo} from 'react';
import {
	conflictsIn,
	progressSplit,
	type Evaluation,
	type ItemResult,
} from '../../model/evaluate.js';
import {reviewName} from '../../model/review.js';
import type {AuditEntry} from '../../model/schemas.js';
import {orphanCount} from '../../model/upgrade.js';
import {countOf} from '../../model/vocabulary.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {cells} from '../../terminal/width.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {detailLines, detailRows, ItemDetail, trustLines} from '../components/item-detail.js';
import {CONFLICT_STATUS_WIDTH, ItemsPanel, STATUS_WIDTH} from '../components/items-panel.js';
import {MessageLine} from '../components/message-line.js';
import {PromptArea} from '../components/prompt-area.js';
import {AnswersBar} from '../components/progress-bar.js';
import {SectionsPanel} from '../components/sections-panel.js';
import {detailMoves, reviewIntent, scrollDetail} from '../intents/intents.js';
import {useIntents} from '../intents/use-intents.js';
import {useAppActions, useAppState, useEvaluation} from '../state/context.js';
import {SPINNER, useTick} from '../checks/use-tick.js';
import {evidencePath} from '../../system/evidence.js';
import {filterKindText} from '../state/filter.js';
import {listedItems, matchCounts, selectedItemId} from '../state/selectors.js';
import type {State} from '../state/types.js';
import {actionFor, type ActionId} from '../keys.js';
import {maxScroll} from '../scroll.js';
import type {Size} from '../use-terminal-size.js';

/** Rows and columns of the review screen for a terminal size; the frame stays shorter than the terminal. */
export function reviewLayout(
	size: Size,
	/** Rows the lists would like: the longest section or the number of sections. */
	listRows = Number.POSITIVE_INFINITY,
	/** Columns of the longest section title. */
	longestSection = 24,
): {
	/** Sections and items side by side, in framed panels (80×20 and more). */
	wide: boolean;
	listH: number;
	detailH: number;
	sectionW: number;
} {
	// Side by side in frames when there is room for both (the frames take two rows).
	const wide = size.columns >= 80 && size.rows >= 20;
	// Header, message or prompt (2) and footer (2), one row spare; a narrow
	// screen draws a rule under its list instead of frames.
	const free = size.rows - 6 - (wide ? 0 : 1);
	// The lists take what they need (up to about half); the item detail gets the rest.
	const wanted = wide ? listRows + 2 : listRows + 1;
	const listH = Math.max(
		wide ? 5 : 3,
		Math.min(wanted, free - Math.max(6, Math.min(12, Math.floor(free * 0.45)))),
	);
	return {
		wide,
		listH,
		detailH: free - listH,
		// Section titles whole where the terminal allows (marker, bar, count and frame take 17).
		// (at 80 columns the items keep 49: an item's title matters more than a section's)
		sectionW: Math.max(
			29,
			Math.min(longestSection + 17, Math.floor(size.columns * (size.columns >= 100 ? 0.4 : 0.36))),
		),
	};
}

/** The narrow screen's one line for the section (or the filter): ◂ 2/5 Security ▸ and its bar. */
function SectionLine({
	evaluation,
	state,
	title,
}: {
	evaluation: Evaluation;
	state: State;
	title: string;
}) {
	const s = evaluation.sections[state.sectionIndex];
	if (!s) return null;
	const {settled, blocking} = progressSplit(s.items);
	return (
		<Box>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate-end" bold color="cyan">
					{state.filter
						? title
						: `◂ ${state.sectionIndex + 1}/${evaluation.sections.length} ${sanitizeLine(s.section.title)} ▸`}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1} gap={1}>
				<AnswersBar settled={settled} blocking={blocking} total={s.totals.items} width={6} />
				<Text dimColor>{`${s.totals.items - s.totals.pending}/${s.totals.items}`}</Text>
			</Box>
		</Box>
	);
}

/** Footer keys left out: none; path completion outside the evidence prompt. */
const NO_KEYS: readonly ActionId[] = [];
const PROMPT_WITHOUT_PATHS: readonly ActionId[] = ['prompt-complete', 'prompt-pick'];
const footerOmits = new Map<string, readonly ActionId[]>();
/**
 * The review footer's keys that do nothing on the focused item, left out so
 * that the ones that do fit: on a conflict there is no answer to add evidence,
 * a note, an action item or a mark to (1–9 keep one); elsewhere 1–9 do
 * nothing, nor r on a pending item, x on an item without a check, O in a
 * review without orphans. One array per case, so the memoized footer holds.
 */
function footerOmit(
	conflict: boolean,
	check: boolean,
	pending: boolean,
	orphans: boolean,
): readonly ActionId[] {
	const key = [conflict, check, pending, orphans].map(Number).join('');
	let keys = footerOmits.get(key);
	if (!keys) {
		keys = [
			...(conflict
				? (['add-evidence', 'edit-note', 'discuss-later', 'add-action', 'action-done'] as const)
				: (['keep-answer'] as const)),
			...(pending && !conflict ? (['reset'] as const) : []),
			...(check ? [] : (['run-check'] as const)),
			...(orphans ? [] : (['orphans'] as const)),
		];
		footerOmits.set(key, keys);
	}
	return keys;
}

/** The history of an item nobody has changed: one array, so memos keyed on it hold. */
const NO_HISTORY: readonly AuditEntry[] = [];

/** The review screen: renders the state; what keys do is decided in intents/intents.ts. */
export function ReviewScreen({size}: {size: Size}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const {review, evaluation} = useEvaluation();
	const {checklist} = state.loaded;
	const listRows = useMemo(
		() => Math.max(checklist.sections.length, ...checklist.sections.map((s) => s.items.length)),
		[checklist],
	);
	const longestSection = useMemo(
		() => Math.max(...checklist.sections.map((s) => cells(sanitizeLine(s.title)))),
		[checklist],
	);

	// Worked out once per filter, section or answer, not on every move.
	const listed = useMemo(
		() => listedItems(state, review),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[state.filter, state.filter ? undefined : state.sectionIndex, review, state.loaded],
	);
	// A filter's list spans sections: it may want more rows than any one section.
	const layout = reviewLayout(
		size,
		state.filter ? Math.max(listRows, listed.length) : listRows,
		longestSection,
	);
	const matches = useMemo(
		() => (state.filter ? matchCounts(state, listed) : undefined),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[listed],
	);
	const results = useMemo(() => {
		const byId = new Map<string, ItemResult>();
		for (const s of evaluation?.sections ?? []) for (const r of s.items) byId.set(r.item.id, r);
		return byId;
	}, [evaluation]);
	// Keys act only on an item the user can see (see selectedItemId).
	const selected = selectedItemId(state, listed);
	const result = selected === undefined ? undefined : results.get(selected);
	const audit = review?.audit;
	// The log by item, once per change of the log: a focus move is a lookup.
	const byItem = useMemo(() => {
		const out = new Map<string, NonNullable<typeof audit>>();
		for (const e of audit ?? []) {
			const list = out.get(e.item);
			if (list) list.push(e);
			else out.set(e.item, [e]);
		}
		return out;
	}, [audit]);
	const history = (selected ? byItem.get(selected) : undefined) ?? NO_HISTORY;

	// The focused item's lines, wrapped whole once per item, answer and width
	// (not on every key: a scroll key changes none of these).
	const evidenceFirst = state.prompt?.kind === 'remove-evidence';
	// A check running for the focused item: its spinner, elapsed time and last lines.
	const running = state.checks?.running;
	const runningHere = selected ? running?.find((r) => r.itemId === selected) : undefined;
	// Only the focused item's check is drawn live: checks running elsewhere do not redraw the screen.
	const tick = useTick(Boolean(runningHere));
	const trusting = state.prompt?.kind === 'trust-checks';
	// The tick redraws only a running item's lines.
	const runningTick = runningHere ? tick : 0;
	const asOf = evaluation?.asOf;
	const detail = useMemo(
		() =>
			trusting
				? trustLines(checklist, state.loaded.digest, size.columns)
				: detailLines(
						result,
						history,
						size.columns,
						evidenceFirst,
						runningHere
							? {
									lines: runningHere.lines,
									elapsedMs: Math.max(0, Date.now() - runningHere.startedAt),
									spinner: SPINNER[tick % SPINNER.length] ?? '*',
								}
							: undefined,
						asOf,
					),
		// (tick is read only while a check runs here: runningTick stands for it)
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[result, history, size.columns, evidenceFirst, trusting, runningHere, runningTick, asOf],
	);
	const {rows: detailShown} = detailRows(detail.length, layout.detailH);
	// Where the scroll keys left it, within the lines as they are now (a wider
	// terminal takes fewer); while d asks which link to remove, the top.
	const scrolledTo =
		state.detailScroll && state.detailScroll.itemId === selected && !evidenceFirst
			? state.detailScroll.offset
			: 0;
	const detailOffset = Math.min(scrolledTo, maxScroll(detail.length, detailShown));

	useIntents(
		'review',
		(action, env) =>
			reviewIntent(state, action, env, {
				offset: detailOffset,
				total: detail.length,
				rows: detailShown,
			}),
		!state.prompt && !state.help,
		{
			openLink: (url) => {
				const show = (why: string) =>
					dispatch({
						type: 'message',
						message: {kind: 'info', text: `Not opened (${why}):`, link: url},
					});
				if (!services.openLink) return show('no browser here');
				services.openLink(url).then(
					(outcome) =>
						outcome.opened
							? dispatch({
									type: 'message',
									message: {kind: 'info', text: `Opened with ${outcome.by}:`, link: url},
								})
							: show(outcome.reason),
					(error: unknown) => show(error instanceof Error ? error.message : String(error)),
				);
			},
			viewLog: (ref) => {
				const path = evidencePath(ref, services.cwd);
				const shown = {
					type: 'message',
					message: {kind: 'info', text: `Check log: ${path}`},
				} as const;
				if (!services.openPager) return dispatch(shown);
				services.openPager(path).then(
					() => dispatch(shown),
					(error: unknown) =>
						dispatch({
							type: 'message',
							message: {
								kind: 'error',
								text: `Could not open the pager: ${error instanceof Error ? error.message : String(error)}`,
							},
						}),
				);
			},
		},
	);

	// While the trust prompt is open its list scrolls with the detail scroll keys
	// (pgdn/pgup, ] and [, shift+↓/↑): yes trusts every command, so every one
	// can be read first. The answer is yes or no, so ] and [ are never typed.
	const trustScroll = (input: string, key: Key): boolean => {
		const action = actionFor('review', input, key);
		const move = action ? detailMoves[action] : undefined;
		if (!move) return false;
		dispatch(
			scrollDetail(state, move, {offset: detailOffset, total: detail.length, rows: detailShown}),
		);
		return true;
	};

	if (!review || !evaluation) return <Text>No review is open.</Text>;
	const width = size.columns;
	const sections = evaluation.sections;
	const current = sections[state.sectionIndex];
	const done = evaluation.totals.items - evaluation.totals.pending;
	const matched = listed.length;
	const inSections = matches ? matches.filter((n) => n > 0).length : 0;
	const listTitle = state.filter
		? `Filter “${sanitizeLine(state.filter)}”${sanitizeLine(filterKindText(state.filter, state.loaded.team))} · ${matched} match${matched === 1 ? '' : 'es'}${matched ? ` in ${inSections} section${inSections === 1 ? '' : 's'}` : ''}`
		: `${state.sectionIndex + 1}/${sections.length} ${sanitizeLine(current?.section.title ?? '')} · ${(current?.totals.items ?? 0) - (current?.totals.pending ?? 0)} of ${current?.totals.items ?? 0} answered`;
	// Matches from several sections are marked with theirs.
	const sectionTitle = inSections > 1 ? (i: number) => sections[i]?.section.title ?? '' : undefined;
	const empty = state.filter
		? `Nothing matches “${sanitizeLine(state.filter)}” (esc clears the filter).`
		: 'This section has no items.';
	// The filter comes before the checklist title so a narrow terminal cuts the title, not the filter.
	// Answers whose items left the checklist are not judged: said on every frame until re-attached.
	const orphans = orphanCount(review);
	const orphanNote = orphans ? ` · ⚠ ${countOf(orphans, 'orphaned answer')} (O)` : '';
	// Conflicts left by a merge block the verdict: said on every frame until settled.
	const conflicts = conflictsIn(evaluation);
	const conflictNote = conflicts ? ` · ⚠ ${countOf(conflicts, 'conflict')}` : '';
	const title = `${reviewName(review)} · ${done}/${evaluation.totals.items} answered${conflictNote}${orphanNote}${state.filter ? ` · filter: ${state.filter}` : ''}`;

	// Framed beside the sections on a wide screen, alone under the section line otherwise.
	const itemsPanel = (height: number, panelWidth: number) => (
		<ItemsPanel
			title={listTitle}
			items={listed}
			results={results}
			sectionTitle={sectionTitle}
			focusedId={state.itemId}
			empty={empty}
			height={height}
			width={panelWidth}
			framed={layout.wide}
			statusWidth={conflicts ? CONFLICT_STATUS_WIDTH : STATUS_WIDTH}
		/>
	);
	return (
		<Box flexDirection="column" width={width}>
			<Header title={title} tail={checklist.title} width={width} />
			{layout.wide ? (
				<Box height={layout.listH} width={width}>
					<SectionsPanel
						sections={sections}
						current={state.sectionIndex}
						matches={matches}
						height={layout.listH}
						width={layout.sectionW}
					/>
					{itemsPanel(layout.listH, width - layout.sectionW)}
				</Box>
			) : (
				<Box height={layout.listH} flexDirection="column" width={width}>
					<SectionLine evaluation={evaluation} state={state} title={listTitle} />
					{itemsPanel(layout.listH - 1, width)}
				</Box>
			)}
			{layout.wide ? null : <Text dimColor>{'─'.repeat(Math.max(1, width - 1))}</Text>}
			<ItemDetail
				lines={detail}
				offset={detailOffset}
				height={layout.detailH}
				width={width}
				keys={!state.prompt || trusting}
			/>
			{state.prompt ? (
				<PromptArea
					prompt={state.prompt}
					width={width}
					{...(trusting ? {onKey: trustScroll} : {})}
				/>
			) : (
				<MessageLine width={width} />
			)}
			<Footer
				scope={state.prompt ? 'prompt' : 'review'}
				width={width}
				omit={
					state.prompt
						? state.prompt.kind === 'evidence'
							? NO_KEYS
							: PROMPT_WITHOUT_PATHS
						: footerOmit(
								Boolean(result?.conflict),
								Boolean(result?.item.check),
								result?.answer.status === 'pending',
								orphans > 0,
							)
				}
			/>
		</Box>
	);
}
