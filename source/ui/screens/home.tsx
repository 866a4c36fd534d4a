import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {conflictsIn, evaluate, progressSplit} from '../../model/evaluate.js';
import {reviewName} from '../../model/review.js';
import {launchOutlook} from '../../model/launch.js';
import {reviewDue} from '../../model/review-due.js';
import {onChecklist} from '../../model/upgrade.js';
import {waitingOn, waitingOnText} from '../../model/work-split.js';
import type {Review} from '../../model/schemas.js';
import {statusLooks, verdictLine, verdictLooks} from '../../model/vocabulary.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {MessageLine} from '../components/message-line.js';
import {AnswersBar} from '../components/progress-bar.js';
import {windowByHeights} from '../components/window.js';
import {cells, fitReviewName} from '../components/wrap.js';
import {homeIntent} from '../intents/intents.js';
import {hasNotes, launchOwnRow, noteParts, SEPARATOR, type NotePart} from './home-row.js';
import {useIntents} from '../intents/use-intents.js';
import {useAppActions, useAppState} from '../state/context.js';
import type {Size} from '../use-terminal-size.js';

export function HomeScreen({size}: {size: Size}) {
	const state = useAppState();
	const {services} = useAppActions();
	const reviews = state.db.reviews;
	const height = Math.max(1, size.rows - 1 - (1 + 2 + 2 + 2));
	// A review takes a second row when it has more to say than its verdict
	// (conflicts, due again, a launch date), and one more with a team file (what
	// it waits on, per role): every row stays one terminal row, and the verdict
	// is never cut for them. Told from the stored review alone, without judging
	// it, so that the window is found without judging a thousand reviews.
	const byRole = Boolean(state.loaded.team);
	const items = state.loaded.checklist.sections.reduce((n, s) => n + s.items.length, 0);
	const launchApart = launchOwnRow(items, size.columns - 4);
	const heights = useMemo(() => {
		const at = services.now();
		return reviews.map((r) => {
			const due = reviewDue(state.loaded.checklist, r, at);
			const dueShown = Boolean(due && (due.overdue || due.soon));
			const first = dueShown || Object.keys(r.conflicts ?? {}).length > 0;
			const notes = first && r.launchDate ? (launchApart ? 2 : 1) : first || r.launchDate ? 1 : 0;
			return 1 + notes + (byRole ? 1 : 0);
		});
	}, [reviews, state.loaded.checklist, services, byRole, launchApart]);
	const {start, end} = windowByHeights(state.homeIndex, heights, height);
	// Only the visible rows are judged: the database may hold a thousand reviews.
	// Keyed on the list and the window, not on a sliced copy (a new array every
	// render, which made every ↑/↓ judge every visible review again).
	const rows = useMemo(
		() =>
			reviews.slice(start, end).map((r) => {
				// Judged as it would stand on this checklist (upgraded in memory); made
				// with another checklist, or a newer version: say so rather than judge it.
				const at = services.now();
				const judged = onChecklist(r, state.loaded.checklist, state.loaded.digest, at);
				if (!judged)
					return {
						review: r,
						done: 0,
						total: 0,
						verdict: undefined,
						blockers: 0,
						split: {settled: 0, blocking: 0},
						waits: '',
						notes: {conflicts: 0},
					};
				const e = evaluate(state.loaded.checklist, judged, at, state.loaded.team);
				const launch = launchOutlook(state.loaded.checklist, judged, e, at, state.loaded.team);
				return {
					notes: {
						// Left by a merge and blocking until someone settles them (model/conflicts.ts).
						conflicts: conflictsIn(e),
						// Due again (past due, or within 30 days) when the checklist says how often.
						due: reviewDue(state.loaded.checklist, judged, at),
						// Judged on launch day too, naming what changes by then (model/launch.ts).
						launch,
					},
					review: r,
					done: e.totals.items - e.totals.pending,
					total: e.totals.items,
					verdict: e.verdict,
					blockers: e.totals.blockers,
					split: progressSplit(e.sections.flatMap((section) => section.items)),
					waits: e.blockers.length
						? `waits on ${waitingOnText(waitingOn(e.blockers))}`
						: 'waits on nobody',
				};
			}),
		[reviews, start, end, state.loaded, services],
	);

	// Each visible row's notes, fitted to the width: once per window and width, not on every key.
	const width = size.columns;
	const noteLinesOf = useMemo(
		() =>
			rows.map((row, k) => {
				const noteRows = (heights[start + k] ?? 1) - 1 - (byRole ? 1 : 0);
				const {launch, ...rest} = row.notes;
				return noteRows >= 2
					? [noteParts(rest, width - 4), noteParts({conflicts: 0, launch}, width - 4)]
					: noteRows === 1 && hasNotes(row.notes)
						? [noteParts(row.notes, width - 4)]
						: [];
			}),
		[rows, heights, start, width, byRole],
	);

	useIntents('home', (action, env) => homeIntent(state, action, env), !state.help);

	// The verdict is never cut: it says what its number counts ("✖ NOT READY ·
	// 26 blockers", as wide as the checklist's item count makes it). The name
	// column is as wide as the longest name, up to what the row leaves it; a name
	// too long is cut in its system, never its release. Where the marker (2), the
	// bar and count (1 + 10 + 9) and the verdict would leave the names too little
	// room (fewer than 24 columns, or too few for a release whole: 60×16, or a
	// long release), the bar gives way, then the count. Names are measured over
	// every review, not the visible ones, so the columns do not move as the list
	// scrolls; kept while the list is.
	const needs = useMemo(() => nameNeeds(reviews), [reviews]);
	const verdictW = cells(verdictLine('not-ready', items));
	const progress =
		PROGRESS.find(
			(p) => width - 2 - progressWidth(p) - verdictW >= Math.min(needs.longest, needs.least),
		) ?? 'none';
	const nameW = Math.max(
		8,
		Math.min(needs.longest, width - 2 - progressWidth(progress) - verdictW),
	);
	return (
		<Box flexDirection="column" width={width}>
			<Header
				title={`${reviews.length} review${reviews.length === 1 ? '' : 's'} · ${sanitizeLine(services.dbPath)}`}
				width={width}
			/>
			<Box height={2} flexDirection="column">
				<Text bold>{sanitizeLine(state.loaded.checklist.title)}</Text>
				<Text dimColor>
					{reviews.length
						? 'Choose a review to resume, or start a new one.'
						: 'No reviews yet: press n to start one.'}
				</Text>
			</Box>
			<Box flexDirection="column" height={height}>
				{rows.map((row, k) => {
					const focused = start + k === state.homeIndex;
					const r = row.review;
					const line = (
						<Box height={1} overflowY="hidden">
							<Text color="cyan">{focused ? '› ' : '  '}</Text>
							<Box width={nameW} flexShrink={0}>
								<Text wrap="truncate-end" bold={focused} inverse={focused}>
									{fitReviewName(
										sanitizeLine(r.system),
										r.release === undefined ? undefined : sanitizeLine(r.release),
										nameW,
									)}
								</Text>
							</Box>
							{row.verdict === undefined ? (
								<Box marginLeft={1} flexShrink={1}>
									<Text wrap="truncate-end" dimColor>
										{`uses checklist ${sanitizeLine(`${r.checklist.id} ${r.checklist.version}`)}: open with --checklist`}
									</Text>
								</Box>
							) : null}
							<Box
								marginLeft={1}
								flexShrink={0}
								display={row.verdict === undefined || progress === 'none' ? 'none' : 'flex'}
							>
								{progress === 'bar' ? (
									<AnswersBar {...row.split} total={row.total} width={10} />
								) : null}
								<Text dimColor>
									{`${progress === 'bar' ? ' ' : ''}${`${row.done}/${row.total}`.padStart(7)} `}
								</Text>
							</Box>
							<Box
								flexShrink={0}
								marginLeft={progress === 'none' ? 1 : 0}
								display={row.verdict === undefined ? 'none' : 'flex'}
							>
								<Text wrap="truncate-end" color={verdictLooks[row.verdict ?? 'not-ready'].color}>
									{verdictLine(row.verdict ?? 'not-ready', row.blockers)}
								</Text>
							</Box>
						</Box>
					);
					const rowHeight = heights[start + k] ?? 1;
					const noteLines = noteLinesOf[k] ?? [];
					return (
						<Box key={r.id} flexDirection="column" height={rowHeight}>
							{line}
							{noteLines.map((parts, n) => (
								<Box key={`notes ${n}`} height={1} overflowY="hidden" paddingLeft={4}>
									<Text>
										{parts.map((part, i) => (
											<NoteText key={part.kind} part={part} first={i === 0} />
										))}
									</Text>
								</Box>
							))}
							{byRole ? (
								<Box height={1} overflowY="hidden" paddingLeft={4}>
									<Text wrap="truncate-end" dimColor>
										{row.verdict === undefined ? '' : sanitizeLine(row.waits)}
									</Text>
								</Box>
							) : null}
						</Box>
					);
				})}
			</Box>
			<MessageLine width={width} />
			<Footer scope="home" width={width} />
		</Box>
	);
}

/** What the progress column shows, from the most to the least: bar and count, the count, nothing. */
const PROGRESS = ['bar', 'count', 'none'] as const;
type Progress = (typeof PROGRESS)[number];

/** Columns the progress column takes, its margin included (without it, the verdict's). */
function progressWidth(progress: Progress): number {
	return progress === 'bar' ? 1 + 10 + 1 + 7 + 1 : progress === 'count' ? 1 + 7 + 1 : 1;
}

/** The names need 24 columns, or more for the longest release to stay whole beside its system's least. */
const NAME_ROOM = 24;

/**
 * How wide the names are (`longest`) and the room the name column should have
 * (`least`): 24 columns, or as many as the longest release needs beside the
 * least of its system (`payments-` cut to `pay…`, four columns).
 */
function nameNeeds(reviews: readonly Review[]): {longest: number; least: number} {
	let longest = 0;
	let least = NAME_ROOM;
	for (const r of reviews) {
		const system = sanitizeLine(r.system);
		const release = r.release === undefined ? undefined : sanitizeLine(r.release);
		longest = Math.max(longest, cells(sanitizeLine(reviewName(r))));
		if (release) least = Math.max(least, Math.min(4, cells(system)) + 1 + cells(release));
	}
	return {longest, least};
}

/** One part of a review's second row, in its colour: past due yellow, soon due dim. */
function NoteText({part, first}: {part: NotePart; first: boolean}) {
	const look =
		part.kind === 'conflict'
			? {color: statusLooks.conflict.color}
			: part.kind === 'due'
				? {color: 'yellow'}
				: part.kind === 'due-soon'
					? {dimColor: true}
					: {};
	return (
		<>
			{first ? '' : <Text dimColor>{SEPARATOR}</Text>}
			<Text {...look}>{part.text}</Text>
		</>
	);
}
