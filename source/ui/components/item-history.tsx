import type {AuditEntry} from '../../model/schemas.js';
import {statusLabel} from '../../model/vocabulary.js';

/** One line of an item's history: when, who, the change and its detail. */
export function historyLine(e: AuditEntry): string {
	const when = e.at.slice(0, 16).replace('T', ' ');
	const change =
		e.from === e.to ? statusLabel(e.to) : `${statusLabel(e.from)} → ${statusLabel(e.to)}`;
	return `${when} ${e.by} · ${change}${e.detail ? ` · ${e.detail}` : ''}`;
}
