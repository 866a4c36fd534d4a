import type {Answer, ChecklistItem} from '../../model/schemas.js';

const statusWords: Record<string, Answer['status']> = {
	pending: 'pending',
	pass: 'pass',
	passed: 'pass',
	fail: 'fail',
	failed: 'fail',
	na: 'na',
	'n/a': 'na',
	waived: 'waived',
	waive: 'waived',
};

/** The status a filter names (a status word wins over text), or undefined for a text filter. */
export function filterStatus(filter: string): Answer['status'] | undefined {
	const q = filter.trim().toLowerCase();
	return Object.hasOwn(statusWords, q) ? statusWords[q] : undefined;
}

/**
 * Filter text: a status word (pass, fail, pending, na, waived) matches by status;
 * anything else matches item id, title or guidance, case-insensitively.
 */
export function matchesFilter(filter: string, item: ChecklistItem, answer: Answer): boolean {
	const q = filter.trim().toLowerCase();
	if (!q) return true;
	const status = filterStatus(q);
	if (status) return answer.status === status;
	return (
		item.title.toLowerCase().includes(q) ||
		item.id.toLowerCase().includes(q) ||
		item.guidance.toLowerCase().includes(q)
	);
}
