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

/**
 * Filter text: a status word (pass, fail, pending, na, waived) matches by status;
 * anything else matches item id, title or guidance, case-insensitively.
 */
export function matchesFilter(filter: string, item: ChecklistItem, answer: Answer): boolean {
	const q = filter.trim().toLowerCase();
	if (!q) return true;
	const status = statusWords[q];
	if (status) return answer.status === status;
	return (
		item.title.toLowerCase().includes(q) ||
		item.id.toLowerCase().includes(q) ||
		item.guidance.toLowerCase().includes(q)
	);
}
