import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {ownValue} from '../../model/records.js';
import {reviewName} from '../../model/review.js';
import {pendingProposals} from '../../model/upgrade.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {keptAnswerText} from '../components/kept-answer.js';
import {MessageLine} from '../components/message-line.js';
import {outOfViewLine, windowStart} from '../components/window.js';
import {fitColumns} from '../components/wrap.js';
import {renamesIntent} from '../intents/intents.js';
import {useIntents} from '../intents/use-intents.js';
import {useAppState} from '../state/context.js';
import {currentReview} from '../state/selectors.js';
import type {Size} from '../use-terminal-size.js';

/** Rows of the renames and orphans screens: the list gets what the intro, detail, message and footer leave. */
export function listScreenRows(rows: number): {listH: number; detailH: number} {
	const detailH = rows >= 22 ? 6 : 4;
	// header 1, intro 2, a blank 1, detail, message 2, footer 2, one row spare
	return {listH: Math.max(1, rows - 9 - detailH), detailH};
}

/**
 * Asked on opening a review whose checklist changed: each item gone whose
 * answer may belong to an item new, one per row with the score. y accepts
 * (the answer moves, marked ↻ recheck), n declines (it stays an orphan), a
 * and x do so for all; esc opens the review and asks again next time.
 */
export function RenamesScreen({size}: {size: Size}) {
	const state = useAppState();
	const review = currentReview(state);
	const {checklist} = state.loaded;
	const proposals = useMemo(
		() => (review ? pendingProposals(review, checklist) : []),
		[review, checklist],
	);
	const items = useMemo(() => {
		const out = new Map<string, {title: string; guidance: string; section: string}>();
		for (const s of checklist.sections)
			for (const it of s.items)
				out.set(it.id, {title: it.title, guidance: it.guidance, section: s.title});
		return out;
	}, [checklist]);
	useIntents(
		'renames',
		(action, env) => renamesIntent(state, action, env, proposals),
		!state.help && Boolean(review),
	);
	if (!review) return <Text>No review is open.</Text>;
	const width = size.columns;
	const {listH, detailH} = listScreenRows(size.rows);
	const focus = Math.min(state.renameIndex, Math.max(0, proposals.length - 1));
	const rows = proposals.length > listH && listH > 1 ? listH - 1 : listH;
	const start = windowStart(focus, proposals.length, rows);
	const oldTitle = (id: string) => ownValue(review.orphans, id)?.item?.title ?? id;
	const p = proposals[focus];
	const orphan = p ? ownValue(review.orphans, p.from) : undefined;
	const target = p ? items.get(p.to) : undefined;
	// What is gone and what is new; the guidance lines go first when rows are short.
	const detail: Array<{text: string; bold?: boolean; spare?: boolean}> = p
		? [
				{
					text: `Gone: “${oldTitle(p.from)}” (${p.from}) · removed in ${orphan?.removedIn ?? '?'}`,
					bold: true,
				},
				{
					text: orphan?.item?.guidanceStart ? `      ${orphan.item.guidanceStart}` : '',
					spare: true,
				},
				{text: `      answer: ${orphan ? keptAnswerText(orphan.answer) : '?'}`},
				{text: `New:  “${target?.title ?? p.to}” (${p.to}) · ${target?.section ?? ''}`, bold: true},
				{text: target?.guidance ? `      ${target.guidance}` : '', spare: true},
				{
					text: `Score ${p.score.toFixed(2)} of 1 (titles and guidance alike) · y moves the answer here, marked ↻ recheck`,
				},
			].filter((l) => l.text !== '' && (!l.spare || detailH >= 6))
		: [];
	return (
		<Box flexDirection="column" width={width}>
			<Header
				title={`Renames proposed · ${reviewName(review)} · ${checklist.title} ${checklist.version}`}
				width={width}
			/>
			<Box height={2} flexDirection="column">
				<Text wrap="truncate-end">
					{fitColumns(
						`The checklist changed: ${proposals.length === 1 ? 'an answered item is gone; a new one looks like it' : `${proposals.length} answered items are gone; new ones look like them`}.`,
						width,
					)}
				</Text>
				<Text wrap="truncate-end" dimColor>
					{fitColumns('y moves an answer to its new item; n keeps it aside as an orphan.', width)}
				</Text>
			</Box>
			<Box flexDirection="column" height={listH}>
				{proposals.slice(start, start + rows).map((r, k) => {
					const focused = start + k === focus;
					return (
						<Box key={`${r.from}\u0000${r.to}`} height={1} overflowY="hidden">
							<Text color="cyan">{focused ? '› ' : '  '}</Text>
							<Box flexShrink={0} marginRight={2}>
								<Text dimColor>{r.score.toFixed(2)}</Text>
							</Box>
							<Box flexShrink={1}>
								<Text wrap="truncate-end" inverse={focused}>
									{fitColumns(
										sanitizeLine(`${oldTitle(r.from)} → ${items.get(r.to)?.title ?? r.to}`),
										width - 8,
									)}
								</Text>
							</Box>
						</Box>
					);
				})}
				{rows < listH ? (
					<Text dimColor wrap="truncate-end">
						{outOfViewLine(start, Math.max(0, proposals.length - start - rows))}
					</Text>
				) : null}
			</Box>
			<Box height={1} />
			<Box flexDirection="column" height={detailH} overflowY="hidden">
				{detail.map((line, i) => (
					<Text key={i} wrap="truncate-end" bold={line.bold === true}>
						{fitColumns(sanitizeLine(line.text), width)}
					</Text>
				))}
			</Box>
			<MessageLine width={width} />
			<Footer scope="renames" width={width} />
		</Box>
	);
}
