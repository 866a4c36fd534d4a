import {Text} from 'ink';
import React from 'react';
import type {Status} from '../../model/schemas.js';
import {shownStatus, statusLabel, statusLooks, type Look} from '../../model/vocabulary.js';

/** How an answer looks: stale and re-review marks show instead of the status they qualify. */
export function statusLook(status: Status, stale = false, recheck = false): Look {
	return statusLooks[shownStatus({status, stale, recheck})];
}

/** Glyph + word, never colour alone, so meaning survives NO_COLOR. */
export function StatusBadge({
	status,
	stale = false,
	recheck = false,
	pad = 0,
}: {
	status: Status;
	stale?: boolean;
	recheck?: boolean;
	pad?: number;
}) {
	const shown = shownStatus({status, stale, recheck});
	return <Text color={statusLooks[shown].color}>{statusLabel(shown).padEnd(pad)}</Text>;
}
