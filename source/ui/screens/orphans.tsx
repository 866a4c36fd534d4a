import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {findItem, reviewName} from '../../model/review.js';
import {orphansOf} from '../../model/upgrade.js';
import {countOf} from '../../model/vocabulary.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {keptAnswerText} from '../components/kept-answer.js';
import {ListScreen, type ListDetailLine} from '../components/list-screen.js';
import {StatusBadge} from '../components/status.js';
import {orphansIntent} from '../intents/intents.js';
import {useIntents} from '../intents/use-intents.js';
import {useAppState} from '../state/context.js';
import {currentReview, selectedItemId} from '../state/selectors.js';
import type {Size} from '../use-terminal-size.js';

/**
 * `O` on the review screen: the answers whose items left the checklist (not
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
	const focus = Math.min(state.orphanIndex, Math.max(0, orphans.length - 1));
	const targetId = selectedItemId(state);
	const target = targetId ? findItem(checklist, targetId) : undefined;
	const [id, orphan] = orphans[focus] ?? [];
	const proposed = id ? review.proposals?.find((p) => p.from === id) : undefined;
	const detail: ListDetailLine[] =
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
		<ListScreen
			size={size}
			title={`Orphaned answers · ${reviewName(review)} · ${checklist.title}`}
			intro={`${countOf(orphans.length, 'answer')} kept from items no longer in the checklist (not judged).`}
			hint={
				target
					? `enter attaches the chosen one to “${sanitizeLine(target.title)}” (the item focused in the review)`
					: 'No item is focused in the review: esc, choose the item, then o again.'
			}
			entries={orphans.map(([oid, o]) => ({
				key: oid,
				lead: (
					<Box width={10} flexShrink={0}>
						<StatusBadge status={o.answer.status} />
					</Box>
				),
				text: `${o.item?.title ?? oid} (${oid}) · removed in ${o.removedIn}`,
			}))}
			focus={focus}
			leadWidth={12}
			detail={detail}
			scope="orphans"
		/>
	);
}
