// The checklists a review had before its upgrades, as history judges its past
// days on them (model/history.ts): read from the copies kept beside the
// database, each at most once.
import type {PastChecklists} from '../model/history.js';
import type {Checklist} from '../model/schemas.js';
import {readChecklistCopy} from './checklist-copies.js';

// A copy is named by its digest and checked against it when read, so what was
// read once stands for the life of the process (the app judges on every change).
// A missing copy is looked for again: the app keeps one when it opens a review.
const read = new Map<string, Checklist>();

/**
 * How history finds the checklists of a review in database `dbPath`, judged
 * now on the checklist of `digest`; `stored` is the checklist the review has
 * as stored, when a command upgraded it in memory to another.
 */
export function pastChecklists(
	dbPath: string,
	digest: string,
	stored?: {version: string; digest: string},
): PastChecklists {
	return {
		digest,
		...(stored && stored.digest !== digest ? {stored} : {}),
		copyOf(wanted) {
			const key = `${dbPath}\u0000${wanted}`;
			const kept = read.get(key);
			if (kept) return kept;
			const copy = readChecklistCopy(dbPath, wanted);
			if (copy.ok) read.set(key, copy.loaded.checklist);
			return copy.ok ? copy.loaded.checklist : undefined;
		},
	};
}
