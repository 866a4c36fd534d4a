import {isAbsolute, relative} from 'node:path';
import {conflictsIn, evaluate, progressOf} from '../model/evaluate.js';
import {reviewName} from '../model/review.js';
import {countOf, verdictLine} from '../model/vocabulary.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {currentReview} from './state/selectors.js';
import type {State} from './state/types.js';

/** What the exit line needs beside the app's last state. */
export type ExitSummaryOptions = {
	dbPath: string;
	cwd: string;
	now: Date;
	/** Why the last change is not on disk, when it is not. */
	unsaved?: string;
};

/** The database as the user would type it: relative to where they are, when it is below. */
function shownPath(path: string, cwd: string): string {
	const rel = relative(cwd, path);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The one line left on the normal screen when the app ends (the alternate
 * screen takes its frames away): the review that was open, its progress and
 * verdict, and where it is saved — or that it is not.
 */
export function exitSummary(state: State, options: ExitSummaryOptions): string {
	const parts: string[] = [];
	const review =
		state.screen === 'review' || state.screen === 'summary' ? currentReview(state) : undefined;
	if (review) {
		const evaluation = evaluate(state.loaded.checklist, review, options.now, state.loaded.team);
		const {done, total} = progressOf(evaluation.totals);
		const blockers = evaluation.blockers.length;
		parts.push(sanitizeLine(reviewName(review)), `${done}/${total} answered`);
		parts.push(verdictLine(evaluation.verdict, blockers));
		// Conflicts left unsettled are what to come back for.
		const conflicts = conflictsIn(evaluation);
		if (conflicts) parts.push(`⚠ ${countOf(conflicts, 'conflict')}`);
	} else {
		const n = state.db.reviews.length;
		parts.push(n === 0 ? 'no reviews' : countOf(n, 'review'));
	}
	// Nothing was ever written: no file to point at.
	if (state.db.reviews.length === 0 && state.version === 0) return `preflight: ${parts[0]}`;
	const where = sanitizeLine(shownPath(options.dbPath, options.cwd));
	const unsaved = options.unsaved ?? state.saveError;
	parts.push(
		unsaved ? `✖ last change NOT saved to ${where}: ${sanitizeLine(unsaved)}` : `saved to ${where}`,
	);
	return `preflight: ${parts.join(' · ')}`;
}
