import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {cells} from '../../terminal/width.js';
import {firstThatFits} from './fit-line.js';
import {useAppActions, useAppState} from '../state/context.js';
import type {State} from '../state/types.js';
import type {ReviewerSource} from '../../system/identity.js';

/** The saved indicator's word and colour: a write is either on disk, in flight, or failed. */
function savedLooks(state: State): {text: string; color: string} {
	if (state.saveError) return {text: '✖ not saved', color: 'red'};
	if (state.savedVersion < state.version) return {text: '… saving', color: 'yellow'};
	return {text: '✔ saved', color: 'green'};
}

/** The saved indicator. */
export function SavedIndicator() {
	const looks = savedLooks(useAppState());
	return <Text color={looks.color}>{looks.text}</Text>;
}

/** The columns between the title, the identity and the saved indicator. */
const GAPS = 3;

/**
 * Who sign-offs will be signed by, as it fits in `room` columns: the longest
 * of `signing as Ann <ann@x.io>`, `signing as Ann`, `as Ann` (the name cut
 * with … when even that does not fit), or nothing below 6 columns. When
 * nobody named a reviewer (no --reviewer, PREFLIGHT_REVIEWER or git
 * user.name), it says that sign-offs go under the OS user's name.
 */
export function signingLine(
	identity: {name: string; email?: string; source?: ReviewerSource},
	room: number,
): string {
	const name = sanitizeLine(identity.name).trim();
	const email = identity.email ? sanitizeLine(identity.email).trim() : '';
	const candidates =
		!name || identity.source === 'os'
			? [
					`no reviewer set: signing as ${name || 'unknown'} (OS user; --reviewer NAME)`,
					`no reviewer set: signing as ${name || 'unknown'}`,
					`signing as ${name || 'unknown'} (OS user)`,
					`as ${name || 'unknown'} (OS user)`,
					`as ${name || 'unknown'}`,
				]
			: [...(email ? [`signing as ${name} <${email}>`] : []), `signing as ${name}`, `as ${name}`];
	// Too narrow for even a cut name: nothing.
	return room >= 6
		? firstThatFits(candidates, room)
		: (candidates.find((c) => cells(c) <= room) ?? '');
}

/**
 * The first row of every screen: preflight, the title, who is signing, the
 * saved indicator. The title comes first (it carries warnings: conflicts,
 * orphans, the filter); the identity takes what it leaves, before `tail`
 * (the checklist's title), which is cut first.
 */
export function Header({title, tail, width}: {title: string; tail?: string; width: number}) {
	const {services} = useAppActions();
	const saved = cells(savedLooks(useAppState()).text);
	const name = services.reviewer();
	const email = services.reviewerEmail?.();
	const source = services.reviewerSource?.();
	const head = `preflight · ${sanitizeLine(title)}`;
	// With a tail, the title ends cut with … : that column is the title's too.
	const room = width - saved - GAPS - cells(head) - (tail ? 1 : 0);
	const signing = signingLine({name, ...(email ? {email} : {}), ...(source ? {source} : {})}, room);
	const after = tail ? ` · ${sanitizeLine(tail)}` : '';
	return (
		<Box width={width} height={1} justifyContent="space-between">
			<Box flexShrink={1}>
				<Text wrap="truncate-end">
					<Text bold color="cyan">
						preflight
					</Text>
					<Text dimColor> · </Text>
					{sanitizeLine(title)}
					{after}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				{/* One Text: measured whole, so the indicator is never the part cut. */}
				<Text>
					{signing ? (
						<Text dimColor={source !== 'os'} color={source === 'os' ? 'yellow' : undefined}>
							{signing}
						</Text>
					) : null}
					{signing ? '  ' : ''}
					<SavedIndicator />
				</Text>
			</Box>
		</Box>
	);
}
