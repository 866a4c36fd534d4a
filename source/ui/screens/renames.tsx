import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {ownValue} from '../../model/records.js';
import {reviewName} from '../../model/review.js';
import {pendingProposals} from '../../model/upgrade.js';
import {keptAnswerText} from '../components/kept-answer.js';
import {ListScreen, type ListDetailLine} from '../components/list-screen.js';
import {renamesIntent} from '../intents/intents.js';
import {useIntents} from '../intents/use-intents.js';
import {useAppState} from '../state/context.js';
import {currentReview} from '../state/selectors.js';
import type {Size} from '../use-terminal-size.js';

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
	const focus = Math.min(state.renameIndex, Math.max(0, proposals.length - 1));
	const oldTitle = (id: string) => ownValue(review.orphans, id)?.item?.title ?? id;
	const p = proposals[focus];
	const orphan = p ? ownValue(review.orphans, p.from) : undefined;
	const target = p ? items.get(p.to) : undefined;
	// What is gone and what is new; the guidance lines go first when rows are short.
	const detail: ListDetailLine[] = p
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
			].filter((l) => l.text !== '')
		: [];
	return (
		<ListScreen
			size={size}
			title={`Renames proposed · ${reviewName(review)} · ${checklist.title} ${checklist.version}`}
			intro={`The checklist changed: ${proposals.length === 1 ? 'an answered item is gone; a new one looks like it' : `${proposals.length} answered items are gone; new ones look like them`}.`}
			hint="y moves an answer to its new item; n keeps it aside as an orphan."
			entries={proposals.map((r) => ({
				key: `${r.from}\u0000${r.to}`,
				lead: (
					<Box flexShrink={0} marginRight={2}>
						<Text dimColor>{r.score.toFixed(2)}</Text>
					</Box>
				),
				text: `${oldTitle(r.from)} → ${items.get(r.to)?.title ?? r.to}`,
			}))}
			focus={focus}
			leadWidth={8}
			fitList
			detail={detail}
			scope="renames"
		/>
	);
}
