import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import type {LoadedChecklist} from '../../source/checklist/load.js';
import type {Actor} from '../../source/model/actor.js';
import {canonicalJson} from '../../source/model/canonical.js';
import {answerFor} from '../../source/model/evaluate.js';
import {
	findItem,
	newReview,
	recordAnswer,
	withEvidence,
	withStatus,
} from '../../source/model/review.js';
import {emptyRecord, recordFrom} from '../../source/model/records.js';
import type {Answer, Conflict, Review, Status} from '../../source/model/schemas.js';
import {emptyDatabase} from '../../source/store/database.js';
import {serializeDatabase} from '../../source/store/validated-file.js';

// Conflicts are what a merge of two branches leaves (model/merge.ts, another
// branch's work): built here in memory from the model's own functions, so the
// tests follow the schema and the store's layout, whatever they become.

/** One side's answer to an item: `status` recorded by `by` at `at`, with a note and evidence when given. */
export function sideAnswer(
	loaded: LoadedChecklist,
	itemId: string,
	status: Status,
	by: string,
	at: string,
	extra: {note?: string; evidence?: string; justification?: string} = {},
): Answer {
	const item = findItem(loaded.checklist, itemId);
	if (!item) throw new Error(`no item ${itemId}`);
	const actor: Actor = {by, at: new Date(at)};
	let review = newReview(loaded.checklist, loaded.digest, 'side', undefined, new Date(at));
	let answer = answerFor(review, itemId);
	if (extra.evidence) answer = withEvidence(answer, {kind: 'url', ref: extra.evidence});
	answer = withStatus(answer, status, {
		...(extra.note ? {note: extra.note} : {}),
		...(extra.justification ? {justification: extra.justification} : {}),
	});
	review = recordAnswer(review, itemId, answer, actor, undefined, {confirm: true});
	return answerFor(review, itemId);
}

/**
 * The review with `answers` as the item's conflict, in the order a merge
 * writes them (their canonical JSON, ascending); the item's own answer goes.
 */
export function withConflict(
	review: Review,
	itemId: string,
	answers: Answer[],
	base?: Answer,
): Review {
	const sorted = [...answers].sort((a, b) =>
		canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0,
	);
	const rest = recordFrom(Object.entries(review.answers).filter(([id]) => id !== itemId));
	const conflicts = recordFrom<Conflict>(
		Object.entries(review.conflicts ?? emptyRecord<Conflict>()),
	);
	conflicts[itemId] = {answers: sorted, ...(base ? {base} : {})};
	return {...review, answers: rest, conflicts};
}

/**
 * Writes `reviews` as a database at `path` through the store's own encoder,
 * so the file follows the store's layout (never a hand-written fixture).
 */
export function writeDatabase(path: string, reviews: Review[]): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, serializeDatabase({...emptyDatabase(), reviews}));
}
