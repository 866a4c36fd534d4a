import {markedForLater} from '../../model/later.js';
import {progressSplit} from '../../model/evaluate.js';
import {actionsByOwner, listActions, noNextStep} from '../../model/actions.js';
import type {Checklist, Review} from '../../model/schemas.js';
import {reviewName} from '../../model/review.js';
import {orphanCount} from '../../model/upgrade.js';
import {Badge} from '@inkjs/ui';
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {decisionStanding, standingLine} from '../../report/decision.js';
import {launchOutlook, type LaunchOutlook} from '../../model/launch.js';
import {dueDay} from '../../model/review-due.js';
import {reviewDue, reviewDueLine, reviewDueShort, type ReviewDue} from '../../model/review-due.js';
import {durationText} from '../../model/duration.js';
import {blockerTrend, reviewHistory, sparkline} from '../../model/history.js';
import {pastChecklists} from '../../store/past-checklists.js';
import {decisionNoteProblem} from '../../model/text-limits.js';
import {TextPrompt} from '../components/text-prompt.js';
import {
	blockingText,
	countOf,
	laterLook,
	countsText,
	statusLooks,
	totalsLine,
	verdictLine,
	verdictLooks,
} from '../../model/vocabulary.js';
import {groupByOwners, groupHeading} from '../../model/work-split.js';
import type {ItemResult} from '../../model/evaluate.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {MessageLine} from '../components/message-line.js';
import {AnswersBar} from '../components/progress-bar.js';
import {StatusBadge} from '../components/status.js';
import {CONFLICT_STATUS_WIDTH, STATUS_WIDTH} from '../components/items-panel.js';
import {outOfViewLine, windowStart} from '../components/window.js';
import {cells, fitColumns} from '../components/wrap.js';
import {firstThatFits, listThatFits} from '../components/fit-line.js';
import {duePart, launchChanges, launchPart} from './home-row.js';
import {summaryIntent} from '../intents/intents.js';
import {useIntents} from '../intents/use-intents.js';
import {actorFrom, useAppActions, useAppState, useEvaluation} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

/**
 * The summary's action item lines: a heading (with the fails that have no
 * next step), then one line per owner, owners with something overdue first,
 * their overdue items first; at most `owners` owners, then how many more.
 */
function openActionLines(
	review: Review,
	checklist: Checklist,
	now: Date,
	owners: number,
): string[] {
	const listed = listActions(review, checklist, now);
	const bare = Object.values(review.answers).filter(noNextStep).length;
	if (listed.length === 0 && bare === 0) return [];
	const groups = actionsByOwner(listed);
	const lines = [
		[
			listed.length
				? `Open action items (${listed.length}) by owner, overdue first:`
				: 'No open action items.',
			bare ? `${countOf(bare, 'fail')} with no next step (a on the item adds one)` : '',
		]
			.filter(Boolean)
			.join(' · '),
	];
	const shown = groups.length > owners ? owners - 1 : owners;
	for (const [owner, list] of groups.slice(0, shown))
		lines.push(
			`  ${sanitizeLine(owner)}: ${list
				.map(
					(a) =>
						`${a.overdue ? '! overdue ' : ''}${sanitizeLine(a.action.what)} (due ${a.action.due})`,
				)
				.join(' · ')}`,
		);
	if (groups.length > shown) lines.push(`  … and ${groups.length - shown} more owners`);
	return lines;
}

export function SummaryScreen({size}: {size: Size}) {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const {review, evaluation} = useEvaluation();
	const {checklist} = state.loaded;
	// With a team file, the blockers are grouped by the roles that may settle
	// them (docs/team.md), the ones open to anyone last, each under a heading;
	// ↑↓ and enter move through the blockers in the order shown.
	const team = state.loaded.team;
	// Worked out once per judgement, not on every ↑/↓ (10,000 blockers are possible).
	const {grouped, blockers, rows, ids, blockersBefore, rowOf} = useMemo(() => {
		// Conflicts left by a merge come first, under their own heading: they are
		// the most urgent (nobody knows the item's answer until they are settled).
		const all = evaluation?.blockers ?? [];
		const conflicts = all.filter((b) => b.conflict);
		const rest = conflicts.length ? all.filter((b) => !b.conflict) : all;
		const groups =
			team && rest.some((b) => b.signing.rule.owners.length) ? groupByOwners(rest) : undefined;
		const listed = groups ? groups.flatMap((g) => g.blockers) : rest;
		const blockers = conflicts.length ? [...conflicts, ...listed] : listed;
		const rows: Array<{heading: string} | {blocker: ItemResult; index: number}> = [];
		let index = 0;
		if (conflicts.length) {
			rows.push({heading: `${statusLooks.conflict.glyph} conflicts (${conflicts.length})`});
			for (const blocker of conflicts) rows.push({blocker, index: index++});
			if (!groups && listed.length) rows.push({heading: `other blockers (${listed.length})`});
		}
		if (groups)
			for (const g of groups) {
				rows.push({heading: groupHeading(g)});
				for (const blocker of g.blockers) rows.push({blocker, index: index++});
			}
		else for (const blocker of listed) rows.push({blocker, index: index++});
		// How many blockers stand before each row (and one past the last); the row of each blocker.
		const blockersBefore: number[] = [0];
		const rowOf: number[] = [];
		rows.forEach((r, i) => {
			if ('blocker' in r) rowOf.push(i);
			blockersBefore.push(rowOf.length);
		});
		return {
			grouped: groups !== undefined,
			blockers,
			rows,
			ids: blockers.map((b) => b.item.id),
			blockersBefore,
			rowOf,
		};
	}, [evaluation, team]);

	const writeSnapshot = () => {
		if (!review) return;
		dispatch({type: 'message', message: {kind: 'info', text: 'Writing snapshot…'}});
		services.writeSnapshot(review).then(
			(files) => dispatch({type: 'written', files}),
			(error: unknown) =>
				dispatch({
					type: 'message',
					message: {
						kind: 'error',
						text: `snapshot not written: ${error instanceof Error ? error.message : String(error)}`,
					},
				}),
		);
	};
	// D asks go or no-go, then a note; the decision is recorded by the reducer (report/decision.ts).
	const [asking, setAsking] = useState<
		undefined | {step: 'decision'} | {step: 'note'; decision: 'go' | 'no-go'}
	>();
	useIntents(
		'summary',
		(action) => summaryIntent(state, action, ids),
		!state.help && Boolean(review) && !asking,
		{writeSnapshot, openDecision: () => setAsking({step: 'decision'})},
	);

	// A snapshot digest: worked out once per change of the review, not on every key.
	const standing = useMemo(
		() => (review && review.decisions?.length ? decisionStanding(review, state.loaded) : undefined),
		[review, state.loaded],
	);
	// Judged again at the end of the launch day (the --as-of judgement), when the review has one.
	const launch = useMemo(
		() =>
			review && evaluation
				? launchOutlook(checklist, review, evaluation, services.now(), team)
				: undefined,
		[review, evaluation, checklist, team, services],
	);
	// The open action items and the blockers over the last four weeks (replaying the
	// audit log, model/history.ts): once per judgement, as above, not on every key.
	const trend = useMemo(
		() =>
			review && evaluation
				? blockerTrend(
						reviewHistory(
							checklist,
							review,
							pastChecklists(services.dbPath, review.checklist.digest),
						),
						services.now(),
						28,
					)
				: [],
		[review, evaluation, checklist, services],
	);
	const actionRows = useMemo(
		() => (review && evaluation ? openActionLines(review, checklist, services.now(), 3) : []),
		[review, evaluation, checklist, services],
	);
	// When the whole review is due again, when its checklist says how often.
	const due = useMemo(
		() => (review ? reviewDue(checklist, review, services.now()) : undefined),
		[review, checklist, services],
	);
	// Counted once per judgement, not on every key (every item is walked).
	const later = useMemo(
		() => (evaluation ? markedForLater(evaluation.sections).length : 0),
		[evaluation],
	);
	const width = size.columns;
	// What launch day changes, fitted to the width.
	const launchFull = useMemo(
		() => (launch ? launchDetailLines(launch, width) : []),
		[launch, width],
	);
	if (!review || !evaluation) return <Text>No review is open.</Text>;
	const t = evaluation.totals;
	const totals = totalsLine(t);
	const laterText = later ? `${laterLook.glyph} ${later} to discuss later` : '';
	const orphans = orphanCount(review);
	const sectionsWanted = Math.min(
		evaluation.sections.length,
		Math.max(3, Math.floor((size.rows - 12) / 2)),
	);
	const writtenWanted = state.written ? (state.written.signature ? 3 : 2) : 0;
	const askingH = asking ? 2 : 0;
	const leastActions = actionRows.length <= 2 ? actionRows.length : 1;
	// The rows left for what may give way, and a blocker: all but the header,
	// the verdict and totals, the decision, the blockers' heading, a prompt, the
	// message line and the footer.
	const base = size.rows - 1 - (1 + 2 + 2 + 1 + 2 + 2) - askingH - (standing ? 1 : 0);
	// On a short terminal these give way in this order: the section list (down to
	// one row, which says how many are not shown), this session's attendees, when
	// the review is due again, the action items, the launch outlook, and the lines
	// saying what w wrote. The verdict, the decision and a blocker always stay.
	const wanted = [
		sectionsWanted - 1,
		state.attendees ? 1 : 0,
		due ? 1 : 0,
		leastActions,
		launch ? 1 : 0,
		writtenWanted,
	];
	let short = 1 + wanted.reduce((a, b) => a + b, 0) + (rows.length ? 1 : 0) - base;
	// The section list gives rows one by one; the others go whole.
	let sectionsGiven = Math.min(wanted[0]!, Math.max(0, short));
	short -= sectionsGiven;
	const hidden = wanted.map(() => false);
	for (let i = 1; i < wanted.length && short > 0; i++)
		if (wanted[i]! > 0) {
			hidden[i] = true;
			short -= wanted[i]!;
		}
	// Rows the last one freed beyond the need bring back what went before it
	// (the later in the order first), then rows of the section list.
	for (let i = wanted.length - 1; i >= 1; i--)
		if (hidden[i] && wanted[i]! <= -short) {
			hidden[i] = false;
			short += wanted[i]!;
		}
	sectionsGiven -= Math.min(sectionsGiven, Math.max(0, -short));
	const sectionsH = sectionsWanted - sectionsGiven;
	const attendeesShown = Boolean(state.attendees) && !hidden[1];
	const dueShown = due !== undefined && !hidden[2];
	const actionsHidden = hidden[3]!;
	const launchHidden = hidden[4]!;
	const writtenH = hidden[5] ? 0 : writtenWanted;
	// What launch day changes, a line for each kind; on a terminal too short for
	// them (the blockers keep at least 3 rows), one line that counts them.
	const free = base - sectionsH - (attendeesShown ? 1 : 0) - (dueShown ? 1 : 0) - writtenH;
	// (no blockers: "No blockers." says it all, the list needs no rows)
	const minBlockers = Math.min(3, rows.length);
	// The count of items to discuss later follows the totals; where that line
	// would cut it, it follows the verdict instead (the trend there gives way).
	const laterInline = later > 0 && cells(`${totals} · ${laterText}`) <= width;
	const laterBesideVerdict = later > 0 && !laterInline ? `  ${laterText}` : '';
	const launchShown = launchHidden
		? []
		: launch && free - actionRows.length - launchFull.length < minBlockers
			? [launchSummaryLine(launch, width)]
			: launchFull;
	// Still too short: fewer owners of action items (the heading says how many there are).
	const actionsShown = actionsHidden
		? []
		: free - actionRows.length - launchShown.length >= minBlockers || actionRows.length <= 2
			? actionRows
			: openActionLines(
					review,
					checklist,
					services.now(),
					Math.max(1, free - launchShown.length - 2),
				).slice(0, Math.max(1, free - launchShown.length - 1));
	const actionsH = actionsShown.length;
	const blockersH = Math.max(rows.length ? 1 : 0, free - actionsH - launchShown.length);
	// A list that does not fit gives its last row to a line saying what is out of view.
	const hiddenSections = evaluation.sections.length > sectionsH;
	const sectionRows = hiddenSections ? sectionsH - 1 : sectionsH;
	// (with a single row, the blocker itself matters more than the count)
	const blockerRows = rows.length > blockersH && blockersH > 1 ? blockersH - 1 : blockersH;
	const focusRow = rowOf[state.summaryIndex] ?? -1;
	const bStart = windowStart(Math.max(0, focusRow), rows.length, blockerRows);
	const inView = rows.slice(bStart, bStart + blockerRows);
	// A column wider while there are conflicts (`⚠ conflict`), as in the item list.
	const statusW = blockers[0]?.conflict !== undefined ? CONFLICT_STATUS_WIDTH : STATUS_WIDTH;
	const bEnd = Math.min(rows.length, bStart + blockerRows);
	const above = blockersBefore[bStart] ?? 0;
	const below = blockers.length - (blockersBefore[bEnd] ?? 0);
	const nameW = Math.min(34, Math.floor(width * 0.35));
	return (
		<Box flexDirection="column" width={width}>
			<Header
				title={`Summary · ${reviewName(review)}${orphans ? ` · ⚠ ${countOf(orphans, 'orphaned answer')}, not judged` : ''}`}
				tail={checklist.title}
				width={width}
			/>
			<Box height={2} flexDirection="column">
				<Box height={1} width={width} overflowY="hidden">
					{/* The verdict is never cut: the trend beside it gives way. */}
					<Box flexShrink={0}>
						{/* A Text child, not a string: Badge would upper-case a string. */}
						<Badge color={verdictLooks[evaluation.verdict].color}>
							<Text bold>{verdictLine(evaluation.verdict, t.blockers)}</Text>
						</Badge>
					</Box>
					{laterBesideVerdict ? (
						<Box flexShrink={0}>
							<Text>{laterBesideVerdict}</Text>
						</Box>
					) : null}
					{trend.length > 1 ? (
						<Text wrap="truncate-end" dimColor>
							{trendText(
								trend,
								width -
									cells(verdictLine(evaluation.verdict, t.blockers)) -
									cells(laterBesideVerdict) -
									2,
							)}
						</Text>
					) : null}
				</Box>
				<Text wrap="truncate-end">{laterInline ? `${totals} · ${laterText}` : totals}</Text>
			</Box>
			{launchShown.map((line, i) => (
				<Text
					key={`launch ${i}`}
					wrap="truncate-end"
					color={i === 0 && launch ? verdictLooks[launch.evaluation.verdict].color : undefined}
				>
					{line}
				</Text>
			))}
			{standing ? (
				<HintedLine
					text={sanitizeLine(standingLine(standing))}
					hint={standing.state === 'void' ? ' · D records one again' : ''}
					color={standing.state === 'go' ? 'green' : 'yellow'}
					width={width}
				/>
			) : null}
			{due && dueShown ? (
				<Text
					wrap="truncate-end"
					color={due.overdue ? 'yellow' : undefined}
					dimColor={!due.overdue}
				>
					{dueLine(due, width)}
				</Text>
			) : null}
			{state.attendees && attendeesShown ? (
				<Text wrap="truncate-end" dimColor>
					{sanitizeLine(`this session: attended by ${state.attendees.join(', ')}`)}
				</Text>
			) : null}
			<Box flexDirection="column" height={sectionsH}>
				{evaluation.sections.slice(0, sectionRows).map((s) => {
					const done = s.totals.items - s.totals.pending;
					return (
						<Box key={s.section.id} height={1} width={width} overflowY="hidden">
							<Box width={nameW} flexShrink={0} marginRight={1}>
								<Text wrap="truncate-end">{sanitizeLine(s.section.title)}</Text>
							</Box>
							<Box flexShrink={0}>
								<AnswersBar {...progressSplit(s.items)} total={s.totals.items} width={10} />
							</Box>
							<Box flexGrow={1} flexShrink={1} flexBasis={0} marginLeft={1}>
								<Text wrap="truncate-end" dimColor>
									{[
										`${done}/${s.totals.items}`,
										countsText(s.totals),
										s.totals.blockers ? blockingText(s.totals.blockers) : '',
									]
										.filter(Boolean)
										.join(' · ')}
								</Text>
							</Box>
						</Box>
					);
				})}
				{hiddenSections ? (
					<Text dimColor wrap="truncate-end">
						{`… and ${evaluation.sections.length - sectionRows} more sections (a taller terminal shows them)`}
					</Text>
				) : null}
			</Box>
			<Box height={1} />
			<Text bold>
				{blockers.length
					? `Blockers (${blockers.length})${grouped ? ' by who may settle them' : ''} — enter jumps to one:`
					: 'No blockers.'}
			</Text>
			<Box flexDirection="column" height={blockersH}>
				{inView.map((row) => {
					if ('heading' in row)
						return (
							<Box key={`heading ${row.heading}`} height={1} width={width} overflowY="hidden">
								<Text bold wrap="truncate-end">
									{sanitizeLine(row.heading)}
								</Text>
							</Box>
						);
					const b = row.blocker;
					const focused = row.index === state.summaryIndex;
					return (
						<Box key={b.item.id} height={1} width={width} overflowY="hidden">
							<Text color="cyan">{focused ? '› ' : '  '}</Text>
							<Box width={statusW} flexShrink={0}>
								<StatusBadge
									status={b.answer.status}
									stale={b.stale}
									recheck={b.answer.reReview}
									conflict={b.conflict !== undefined}
								/>
							</Box>
							<Box flexGrow={1} flexShrink={1} flexBasis={0}>
								<Text wrap="truncate-end" inverse={focused}>
									{fitColumns(
										`${sanitizeLine(b.item.title)} — ${sanitizeLine(b.blocker ?? '')}`,
										width - statusW - 2,
									)}
								</Text>
							</Box>
						</Box>
					);
				})}
				{blockerRows < blockersH ? (
					<Text dimColor wrap="truncate-end">
						{outOfViewLine(above, below)}
					</Text>
				) : null}
			</Box>
			{actionsH ? (
				<Box flexDirection="column" height={actionsH}>
					{actionsShown.map((line, i) => (
						<Text key={`action ${i}`} wrap="truncate-end" bold={i === 0}>
							{line}
						</Text>
					))}
				</Box>
			) : null}
			{state.written && writtenH ? (
				<Box flexDirection="column" height={writtenH}>
					<WrittenLine label="✔ wrote " path={state.written.json} width={width} />
					<WrittenLine label="✔ wrote " path={state.written.markdown} width={width} />
					{state.written.signature ? (
						<WrittenLine
							label={`✔ signed by ${state.written.fingerprint ?? '?'}: `}
							path={state.written.signature}
							width={width}
						/>
					) : null}
				</Box>
			) : null}
			{asking?.step === 'decision' ? (
				<TextPrompt
					key="decision"
					label="Decision (go or no-go):"
					hint={`go is refused while NOT READY · enter records · esc cancels`}
					width={width}
					onCancel={() => setAsking(undefined)}
					onSubmit={(text) => {
						const word = text.trim().toLowerCase();
						if (word !== 'go' && word !== 'no-go') return 'type go or no-go';
						if (word === 'go' && evaluation.verdict !== 'ready')
							return 'a go is refused while the verdict is NOT READY: nothing ships until everything checks out';
						setAsking({step: 'note', decision: word});
						return undefined;
					}}
				/>
			) : null}
			{asking?.step === 'note' ? (
				<TextPrompt
					key="note"
					label={`Note for the ${asking.decision} (optional):`}
					hint="enter records the decision · esc goes back a step"
					width={width}
					onCancel={() => setAsking({step: 'decision'})}
					onSubmit={(text) => {
						const problem = text.trim() ? decisionNoteProblem(text, 'the note') : undefined;
						if (problem) return problem;
						dispatch({
							type: 'decide',
							decision: asking.decision,
							...(text.trim() ? {note: text.trim()} : {}),
							actor: actorFrom(services),
						});
						setAsking(undefined);
						return undefined;
					}}
				/>
			) : null}
			<MessageLine width={width} />
			<Footer scope="summary" width={width} />
		</Box>
	);
}

/**
 * One line saying what was written: the label (what, and for a signature by
 * whom) always whole, the path shortened in its middle when the line is too
 * narrow, so that neither the fingerprint nor the file name is lost.
 */
function WrittenLine({label, path, width}: {label: string; path: string; width: number}) {
	return (
		<Box height={1} width={width} overflowY="hidden">
			<Box flexShrink={0}>
				<Text color="green">{label}</Text>
			</Box>
			<Box flexGrow={1} flexShrink={1} flexBasis={0}>
				<Text color="green" wrap="truncate-middle">
					{sanitizeLine(path)}
				</Text>
			</Box>
		</Box>
	);
}

/**
 * A line whose hint (what to press) stays whole at its end: the text before it
 * is cut instead.
 */
function HintedLine({
	text,
	hint,
	color,
	width,
}: {
	text: string;
	hint: string;
	color: string;
	width: number;
}) {
	return (
		<Box height={1} width={width} overflowY="hidden">
			<Box flexShrink={1}>
				<Text wrap="truncate-end" color={color}>
					{text}
				</Text>
			</Box>
			{hint ? (
				<Box flexShrink={0}>
					<Text color={color}>{hint}</Text>
				</Box>
			) : null}
		</Box>
	);
}

/**
 * When the whole review is due again in `width` columns: the interval and what
 * it counts from give way before the date, and the call to act (past due)
 * stays whole.
 */
function dueLine(due: ReviewDue, width: number): string {
	const hint = due.overdue ? ' · D records a decision' : '';
	return firstThatFits(
		[
			`${reviewDueLine(due)}${hint}`,
			`review ${reviewDueShort(due)} (every ${durationText(due.every)})${hint}`,
			`${reviewDueShort(due)}${hint}`,
			`${duePart(due, true)}${hint}`,
		],
		width,
	);
}

/** `on launch day 2027-03-01: ✖ NOT READY · 3 blockers`. */
function launchVerdict(launch: LaunchOutlook): string {
	const e = launch.evaluation;
	return `on launch day ${launch.date}: ${verdictLine(e.verdict, e.blockers.length)}`;
}

/**
 * The launch outlook, a line for each kind of change, each in `width` columns
 * (as many names as fit, then how many more): the launch-day verdict, then the
 * passes that go stale, the waivers that expire, the open action items due
 * after it, and the review's own due date when launch day passes it.
 */
function launchDetailLines(launch: LaunchOutlook, width: number): string[] {
	const lines = [fitColumns(launchVerdict(launch), width)];
	const kind = (lead: string, names: string[]) => {
		if (names.length) lines.push(listThatFits(`  ${lead} (${names.length}): `, names, width));
	};
	kind(
		'go stale by then',
		launch.goStale.map((r) => sanitizeLine(r.item.id)),
	);
	kind(
		launch.waiversExpire.length === 1 ? 'waiver expires by then' : 'waivers expire by then',
		launch.waiversExpire.map(
			(r) => `${sanitizeLine(r.item.id)} (${r.answer.waiver?.expires ?? ''})`,
		),
	);
	kind(
		'action items due after it',
		launch.dueAfter.map((a) => `${sanitizeLine(a.item)} #${a.n} (${a.action.due})`),
	);
	if (launch.reviewDueBy)
		lines.push(fitColumns(`  review due again by then: ${dueDay(launch.reviewDueBy)}`, width));
	return lines;
}

/** The launch outlook in one line, counting what changes (for a short terminal), as home says it. */
function launchSummaryLine(launch: LaunchOutlook, width: number): string {
	return firstThatFits(
		[
			[launchVerdict(launch), ...launchChanges(launch)].join(' · '),
			launchPart(launch, true),
			launchPart(launch, true, true),
		],
		width,
	);
}

/**
 * The trend of blockers beside the verdict in `width` columns: the words give
 * way first, then the oldest days, so that the count now (`18→0`) stays.
 */
function trendText(trend: readonly number[], width: number): string {
	const ends = `${trend[0]}→${trend.at(-1)}`;
	const words = `  blockers over ${trend.length} days: `;
	const whole = `${words}${sparkline([...trend])} ${ends}`;
	if (cells(whole) <= width) return whole;
	const lead = '  blockers: ';
	const room = width - cells(lead) - 1 - cells(ends);
	const recent = trend.slice(-room);
	if (room >= 4) {
		const line = `${sparkline(recent)} ${recent[0]}→${trend.at(-1)}`;
		const worded = `  blockers over ${recent.length} days: ${line}`;
		return cells(worded) <= width ? worded : `${lead}${line}`;
	}
	return fitColumns(`${lead}${ends}`, width);
}
