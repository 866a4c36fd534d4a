import {asOfDate, type Flags} from '../cli/args.js';
import type {LoadedChecklist} from '../checklist/load.js';
import {evaluate, type Evaluation} from '../model/evaluate.js';
import type {Review} from '../model/schemas.js';
import {upgradeReview, type UpgradeReport} from '../model/upgrade.js';
import {now} from '../system/clock.js';
import {checklistFor, chooseReview} from '../session.js';
import {resolveDbPath} from '../store/database.js';
import {realTarget} from '../store/files.js';
import {readOneReview} from '../store/large-database.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {statusLooks} from '../model/vocabulary.js';
import {cells, fitColumns} from '../terminal/width.js';

/**
 * Text as a table cell of `width` columns: cut with "…" when wider, padded
 * with spaces by display width, so rows line up with wide characters too.
 */
export function cell(text: string, width: number): string {
	const fitted = fitColumns(text, width);
	return `${fitted}${' '.repeat(Math.max(0, width - cells(fitted)))}`;
}

/** The review a read-only command acts on, with its checklist; the store is closed again. */
export async function loadReview(flags: Flags): Promise<{
	review: Review;
	loaded: LoadedChecklist;
	dbPath: string;
	upgrade?: UpgradeReport;
}> {
	const loaded = await checklistFor(flags);
	// The real file (a symbolic link followed), as the store and the app use it:
	// snapshots go beside it.
	const dbPath = realTarget(resolveDbPath(flags.db));
	const selected = await readOneReview(dbPath, (reviews) => chooseReview(reviews, flags, dbPath));
	// Judged against the checklist as it is now; a read-only command upgrades
	// in memory only, the app or `set` saves the upgrade.
	// Nothing is saved here, so nothing is logged either (the tool is no reviewer).
	const {review, report} = upgradeReview(
		selected,
		loaded.checklist,
		loaded.digest,
		{by: 'preflight', at: now()},
		false,
	);
	return {review, loaded, dbPath, ...(report ? {upgrade: report} : {})};
}

export {reviewName} from '../model/review.js';

/** One blocker per line, for terminals: all user text sanitised. */
export function blockerLines(evaluation: Evaluation): string[] {
	return evaluation.blockers.map(
		(b) =>
			`  ${statusLooks.fail.glyph} ${sanitizeLine(b.item.id)}  ${sanitizeLine(b.item.title)}: ${sanitizeLine(b.blocker ?? '')}`,
	);
}

export function blockersJson(
	evaluation: Evaluation,
): Array<{itemId: string; title: string; reason: string}> {
	return evaluation.blockers.map((b) => ({
		itemId: b.item.id,
		title: b.item.title,
		reason: b.blocker ?? '',
	}));
}

/**
 * What status, gate and snapshot share: the review (upgraded in memory to the
 * checklist) judged at `--as-of`, else at `now`.
 */
export async function judgeReview(flags: Flags, at: Date) {
	const asOf = asOfDate(flags['as-of'], at);
	const loadedReview = await loadReview(flags);
	const evaluation = evaluate(loadedReview.loaded.checklist, loadedReview.review, asOf);
	return {...loadedReview, asOf, evaluation};
}
