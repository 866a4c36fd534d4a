import type {LoadedChecklist} from '../checklist/load.js';
import type {Review} from '../model/schemas.js';
import {withUpgradeNote} from '../model/upgrade.js';
import {putReview} from '../session.js';
import {keepChecklistCopy} from '../store/checklist-copies.js';
import type {Store} from '../store/database.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/**
 * Saves `review`, which a command made from `original` (as read), and says
 * what it adds on the way, as lines to print. When the review took another
 * checklist on the way, the milestone snapshot of `original`, judged on the
 * checklist it had, is written first and named in the upgrade's audit entry
 * (report/milestone.ts); a save that fails removes it again. Once saved, the
 * checklist the review is on is kept beside the database when it is not yet
 * (store/checklist-copies.ts), so that its next upgrade has its milestone.
 */
export async function saveReview(
	store: Store,
	original: Review | undefined,
	review: Review,
	loaded: LoadedChecklist,
	at: Date,
): Promise<string[]> {
	const lines: string[] = [];
	let saved = review;
	let undo: (() => void) | undefined;
	if (original && original.checklist.digest !== review.checklist.digest) {
		// Loaded only for an upgrade: a plain set does not pay for the snapshot writers.
		const {writeMilestone} = await import('../report/milestone.js');
		const milestone = await writeMilestone(
			store.path,
			original,
			review.checklist.version,
			at,
			loaded.team,
		);
		saved = withUpgradeNote(saved, review.checklist.digest, milestone.note);
		lines.push(`note: ${milestone.line}`);
		if (milestone.ok) undo = milestone.remove;
	}
	putReview(store, saved);
	try {
		await store.save();
	} catch (error) {
		undo?.();
		throw error;
	}
	const problem = await keepChecklistCopy(store.path, loaded);
	if (problem) lines.push(`note: ${sanitizeLine(problem)}`);
	return lines;
}
