import {Text} from 'ink';
import React from 'react';
import type {Status} from '../../model/schemas.js';

type Look = {glyph: string; word: string; color: string};

const looks: Record<Status | 'stale', Look> = {
	pass: {glyph: '✔', word: 'pass', color: 'green'},
	fail: {glyph: '✖', word: 'fail', color: 'red'},
	pending: {glyph: '○', word: 'pending', color: 'gray'},
	na: {glyph: '–', word: 'n/a', color: 'blue'},
	waived: {glyph: '⚑', word: 'waived', color: 'yellow'},
	stale: {glyph: '⌛', word: 'stale', color: 'magenta'},
};

export function statusLook(status: Status, stale = false): Look {
	return looks[stale ? 'stale' : status];
}

/** Glyph + word, never colour alone, so meaning survives NO_COLOR. */
export function StatusBadge({
	status,
	stale = false,
	pad = 0,
}: {
	status: Status;
	stale?: boolean;
	pad?: number;
}) {
	const look = statusLook(status, stale);
	return <Text color={look.color}>{`${look.glyph} ${look.word}`.padEnd(pad)}</Text>;
}
