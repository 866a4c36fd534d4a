import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {cells, fitColumns} from '../../terminal/width.js';
import {useAppActions, useAppState} from '../state/context.js';
import type {ReviewerSource} from '../../system/identity.js';

/** The saved indicator: a write is either on disk, in flight, or failed. */
export function SavedIndicator() {
	const state = useAppState();
	if (state.saveError) return <Text color="red">✖ not saved</Text>;
	if (state.savedVersion < state.version) return <Text color="yellow">… saving</Text>;
	return <Text color="green">✔ saved</Text>;
}

/** Columns the saved indicator takes at most (`✖ not saved`), and the gaps around the identity. */
const SAVED_COLUMNS = 11;
const GAPS = 3;
/** Columns the title keeps before the identity is cut: the system's name matters more. */
const TITLE_KEEPS = 24;

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
	const fits = candidates.find((c) => cells(c) <= room);
	if (fits) return fits;
	return room >= 6 ? fitColumns(candidates.at(-1)!, room) : '';
}

/** The first row of every screen: preflight, the title, who is signing, the saved indicator. */
export function Header({title, width}: {title: string; width: number}) {
	const {services} = useAppActions();
	const name = services.reviewer();
	const email = services.reviewerEmail?.();
	const source = services.reviewerSource?.();
	const shownTitle = `preflight · ${sanitizeLine(title)}`;
	// The identity takes what the title leaves, and never the title's first columns.
	const room = width - SAVED_COLUMNS - GAPS - Math.min(cells(shownTitle), TITLE_KEEPS);
	const signing = signingLine({name, ...(email ? {email} : {}), ...(source ? {source} : {})}, room);
	return (
		<Box width={width} height={1} justifyContent="space-between">
			<Box flexShrink={1}>
				<Text wrap="truncate-end">
					<Text bold color="cyan">
						preflight
					</Text>
					<Text dimColor> · </Text>
					{sanitizeLine(title)}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1} gap={2}>
				{signing ? (
					<Text dimColor={source !== 'os'} color={source === 'os' ? 'yellow' : undefined}>
						{signing}
					</Text>
				) : null}
				<SavedIndicator />
			</Box>
		</Box>
	);
}
