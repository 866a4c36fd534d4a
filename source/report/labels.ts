import type {Status} from '../model/schemas.js';

/** The status an item shows: its answer's status, or `stale` for a pass past its review interval. */
export type ShownStatus = Status | 'stale';

const labels: Record<ShownStatus, string> = {
	pass: '✔ pass',
	fail: '✖ fail',
	pending: '○ pending',
	na: '– n/a',
	waived: '⚑ waived',
	stale: '⌛ stale',
};

export function shownStatus(item: {status: Status; stale: boolean}): ShownStatus {
	return item.stale ? 'stale' : item.status;
}

/** Glyph + word, so meaning never rests on colour alone. */
export function statusLabel(status: ShownStatus): string {
	return labels[status];
}
