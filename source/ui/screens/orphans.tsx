import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {findItem, reviewName} from '../../model/review.js';
import {orphansOf} from '../../model/upgrade.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {keptAnswerText} from '../components/kept-answer.js';
import {MessageLine} from '../components/message-line.js';
import {StatusBadge} from '../components/status.js';
import {outOfViewLine, windowStart} from '../components/window.js';
import {fitColumns} from '../components/wrap.js';
import {orphansIntent} from '../intents/intents.js';
import {useIntents} from '../intents/use-intents.js';
import {useAppState} from '../state/context.js';
import {currentReview, selectedItemId} from '../state/selectors.js';
import type {Size} from '../use-terminal-size.js';
import {listScreenRows} from './renames.js';

/**
 * `o` on the review screen: the answers whose items left the checklist (not
 * judged), one per row; enter attaches the focused one to the item focused on
 * the review screen, esc goes back to it.
 */
export function OrphansScreen({size}: {size: Size}) {
	const state = useAppState();
	const review = currentReview(state);
	const {checklist} = state.loaded;
	const orphans = useMemo(() => (review ? orphansOf(review) : []), [review]);
	const ids = useMemo(() => orphans.map(([id]) => id), [orphans]);
	useIntents(
		'orphans',
		(action, env) => orphansIntent(state, action, env, ids),
		!state.help && Boolean(review),
	);
	if (!review) return <Text>No review is open.</Text>;
	const width = size.columns;
	const {listH, detailH} = listScreenRows(size.rows);
	const focus = Math.min(state.orphanIndex, Math.max(0, orphans.length - 1));
	const rows = orphans.length > listH && listH > 1 ? listH - 1 : listH;
	const start = windowStart(focus, orphans.length, rows);
	const targetId = selectedItemId(state);
	const target = targetId ? findItem(checklist, targetId) : undefined;
	const [id, orphan] = orphans[focus] ?? [];
	const proposed = id ? review.proposals?.find((p) => p.from === id) : undefined;
	const detail: Array<{text: string; bold?: boolean}> =
		id && orphan
			? [
					{
						text: `“${orphan.item?.title ?? id}” (${id}) · removed in ${orphan.removedIn}`,
						bold: true,
					},
					...(orphan.item?.guidanceStart ? [{text: `  ${orphan.item.guidanceStart}`}] : []),
					{text: `  answer: ${keptAnswerText(orphan.answer)}`},
					...(proposed
						? [
								{
									text: `  proposed rename: → “${findItem(checklist, proposed.to)?.title ?? proposed.to}” (score ${proposed.score.toFixed(2)})`,
								},
							]
						: []),
				]
			: [];
	return (
		<Box flexDirection="column" width={width}>
			<Header
				title={`Orphaned answers · ${reviewName(review)} · ${checklist.title}`}
				width={width}
			/>
			<Box height={2} flexDirection="column">
				<Text wrap="truncate-end">
					{fitColumns(
						`${orphans.length} answer${orphans.length === 1 ? '' : 's'} kept from items no longer in the checklist (not judged).`,
						width,
					)}
				</Text>
				<Text wrap="truncate-end" dimColor>
					{fitColumns(
						target
							? `enter attaches the chosen one to “${sanitizeLine(target.title)}” (the item focused in the review)`
							: 'No item is focused in the review: esc, choose the item, then o again.',
						width,
					)}
				</Text>
			</Box>
			<Box flexDirection="column" height={listH}>
				{orphans.slice(start, start + rows).map(([oid, o], k) => {
					const focused = start + k === focus;
					return (
						<Box key={oid} height={1} overflowY="hidden">
							<Text color="cyan">{focused ? '› ' : '  '}</Text>
							<Box width={10} flexShrink={0}>
								<StatusBadge status={o.answer.status} />
							</Box>
							<Box flexShrink={1}>
								<Text wrap="truncate-end" inverse={focused}>
									{fitColumns(
										sanitizeLine(`${o.item?.title ?? oid} (${oid}) · removed in ${o.removedIn}`),
										width - 12,
									)}
								</Text>
							</Box>
						</Box>
					);
				})}
				{rows < listH ? (
					<Text dimColor wrap="truncate-end">
						{outOfViewLine(start, Math.max(0, orphans.length - start - rows))}
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
			<Footer scope="orphans" width={width} />
		</Box>
	);
}
