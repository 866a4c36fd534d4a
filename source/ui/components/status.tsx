import {Text} from 'ink';
import React from 'react';
import type {Status} from '../../model/schemas.js';
import {shownStatus, statusLabel, statusLooks, type Look} from '../../model/vocabulary.js';

/** How an answer looks: stale and re-review marks show instead of the status they qualify. */
export function statusLook(status: Status, stale = false, recheck = false, conflict = false): Look {
	return statusLooks[shownStatus({status, stale, recheck, conflict})];
}

/** Glyph + word, never colour alone, so meaning survives NO_COLOR. */
export function StatusBadge({
	status,
	stale = false,
	recheck = false,
	conflict = false,
	pad = 0,
}: {
	status: Status;
	stale?: boolean;
	recheck?: boolean;
	/** Two merged branches answered the item differently (model/conflicts.ts). */
	conflict?: boolean;
	pad?: number;
}) {
	const shown = shownStatus({status, stale, recheck, conflict});
	return <Text color={statusLooks[shown].color}>{statusLabel(shown).padEnd(pad)}</Text>;
}
