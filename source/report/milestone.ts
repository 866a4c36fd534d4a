import {basename} from 'node:path';
import type {LoadedChecklist} from '../checklist/load.js';
import {reviewHistory} from '../model/history.js';
import {evaluate} from '../model/evaluate.js';
import type {Review} from '../model/schemas.js';
import {readChecklistCopy} from '../store/checklist-copies.js';
import {pastChecklists} from '../store/past-checklists.js';
import {snapshotsDir} from '../store/database.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {buildSnapshot} from './snapshot.js';
import {decisionSummary} from './decision.js';
import {milestoneStem, removeQuietly, writeSnapshotPair} from './write.js';

/** What writing the milestone before an upgrade did. */
export type MilestoneOutcome =
	| {
			ok: true;
			json: string;
			markdown: string;
			/** What the upgrade's audit entry adds: `milestone snapshots/<file>.json`. */
			note: string;
			/** The line a command prints. */
			line: string;
			/** Removes both files again, when the upgrade they mark is not saved after all. */
			remove: () => void;
	  }
	| {ok: false; note: string; line: string};

/**
 * Writes the milestone snapshot of `before`, the review as it stands on the
 * checklist it has now, judged on that checklist as kept beside the database
 * (store/checklist-copies.ts), just before it takes checklist `toVersion`:
 * `<system>-<release>-<UTC timestamp>-before-<version>.json` and `.md` in the
 * snapshots folder, the same format as `preflight snapshot` (unsigned).
 * Never throws for want of it: a missing or changed copy, or a folder that
 * cannot be written, is said in one line, and the upgrade goes on (its audit
 * entry says no milestone was written, and why).
 */
export async function writeMilestone(
	dbPath: string,
	before: Review,
	toVersion: string,
	at: Date,
	team?: LoadedChecklist['team'],
): Promise<MilestoneOutcome> {
	const copy = readChecklistCopy(dbPath, before.checklist.digest);
	const version = sanitizeLine(before.checklist.version);
	if (!copy.ok)
		return {
			ok: false,
			note: `no milestone snapshot: checklist ${before.checklist.version} is not kept beside the database`,
			line: `no milestone snapshot of the review on checklist ${version}: ${sanitizeLine(copy.problem)}`,
		};
	try {
		const loaded = {...copy.loaded, ...(team ? {team} : {})};
		const evaluation = evaluate(loaded.checklist, before, at, team);
		const snapshot = buildSnapshot(evaluation, before, loaded, at, {
			decision: decisionSummary(before, loaded),
		});
		const written = await writeSnapshotPair(
			snapshot,
			snapshotsDir(dbPath),
			undefined,
			undefined,
			reviewHistory(loaded.checklist, before, pastChecklists(dbPath, loaded.digest)),
			milestoneStem(snapshot, toVersion),
		);
		return {
			ok: true,
			...written,
			note: `milestone snapshots/${basename(written.json)}`,
			line: `milestone snapshot of the review on checklist ${version}: ${sanitizeLine(written.json)}`,
			remove: () => {
				removeQuietly(written.json);
				removeQuietly(written.markdown);
			},
		};
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return {
			ok: false,
			note: 'no milestone snapshot: it could not be written',
			line: `no milestone snapshot of the review on checklist ${version}: ${sanitizeLine(why)}`,
		};
	}
}
