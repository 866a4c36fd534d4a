import {Text} from 'ink';
import React from 'react';
import type {Status} from '../../model/schemas.js';

type Look = {glyph: string; word: string; color: string};

const looks: Record<Status | 'stale' | 'recheck', Look> = {
	pass: {glyph: '✔', word: 'pass', color: 'green'},
	fail: {glyph: '✖', word: 'fail', color: 'red'},
	pending: {glyph: '○', word: 'pending', color: 'gray'},
	na: {glyph: '–', word: 'n/a', color: 'blue'},
	waived: {glyph: '⚑', word: 'waived', color: 'yellow'},
	stale: {glyph: '⌛', word: 'stale', color: 'magenta'},
	recheck: {glyph: '↻', word: 'recheck', color: 'magenta'},
};

/** How an answer looks: stale and re-review marks show instead of the status they qualify. */
export function statusLook(status: Status, stale = false, recheck = false): Look {
	return looks[recheck && status !== 'pending' ? 'recheck' : stale ? 'stale' : status];
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
	const look = statusLook(status, stale, recheck);
	return <Text color={look.color}>{`${look.glyph} ${look.word}`.padEnd(pad)}</Text>;
}
