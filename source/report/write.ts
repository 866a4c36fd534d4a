import type {HistoryDay} from '../model/history.js';
import {closeSync, constants, lstatSync, mkdirSync, openSync, statSync, unlinkSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileErrorCause, isPreflightError, PreflightError} from '../errors.js';
import {sha256Hex} from '../model/canonical.js';
import {writeFileDurably} from '../store/durable-write.js';
import {removeEmptyFolders} from '../store/files.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {renderMarkdown} from './markdown.js';
import {checkSnapshot, type Snapshot} from './snapshot.js';

/** `20261128T093000Z`: sortable, file-name safe, UTC. */
export function fileTimestamp(at: Date): string {
	return at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z');
}

function slugOf(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+|-+$/g, '')
		.slice(0, 60);
}

/** A system name made safe for a file name. */
export function fileSlug(system: string): string {
	return slugOf(system) || 'review';
}

/**
 * `<system>-<release>-<UTC timestamp>` (no release part for a review without
 * one): the stem of a snapshot's file names. A release with no letters or
 * digits a file name can hold is named by a short hash, so that two such
 * releases still differ.
 */
export function snapshotStem(snapshot: Snapshot): string {
	const {system, release} = snapshot.review;
	const parts = [fileSlug(system)];
	if (release) parts.push(slugOf(release) || `r${sha256Hex(release).slice(0, 8)}`);
	parts.push(fileTimestamp(new Date(snapshot.generatedAt)));
	return parts.join('-');
}

/**
 * `<snapshot stem>-before-<version>`: the stem of a milestone snapshot, the
 * review as it stood just before it took checklist `version` (see
 * report/milestone.ts). A version with nothing a file name can hold is named
 * by a short hash.
 */
export function milestoneStem(snapshot: Snapshot, version: string): string {
	return `${snapshotStem(snapshot)}-before-${slugOf(version) || `v${sha256Hex(version).slice(0, 8)}`}`;
}

/** Stable JSON text of a snapshot (2-space indent, trailing newline). */
export function snapshotJson(snapshot: Snapshot): string {
	return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export function removeQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// the error that made us remove it is the one to report
	}
}

/**
 * A failed file operation while writing snapshots as one line naming `what`
 * (exit 2): every errno error, including those the store does not name (a
 * broken link where the folder should be gives ENOENT). Other errors are bugs.
 */
function asUserError(error: unknown, what: string): unknown {
	if (isPreflightError(error)) return error;
	const code = (error as NodeJS.ErrnoException | null)?.code;
	if (typeof code !== 'string') return error;
	const cause =
		fileErrorCause(error) ??
		(code === 'ENOENT' ? 'a folder on the way is missing or a broken link' : code);
	return new PreflightError(`${what}: ${cause}`);
}

/**
 * Makes the snapshots folder beside the database: one level when the
 * database's folder exists (it does once the database was read), else with
 * its parents (a database not yet saved). Returns the first folder it made,
 * for removeEmptyFolders when the write fails, or undefined.
 */
function snapshotsFolder(dir: string): string | undefined {
	const what = `cannot create folder ${sanitizeLine(dir)}`;
	try {
		mkdirSync(dir, {mode: 0o700});
		return dir;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !lstatSync(dirname(dir), {throwIfNoEntry: false}))
			try {
				return mkdirSync(dir, {recursive: true, mode: 0o700});
			} catch (nested) {
				throw asUserError(nested, what);
			}
		if (code !== 'EEXIST') throw asUserError(error, what);
	}
	let isFolder: boolean;
	try {
		isFolder = statSync(dir).isDirectory();
	} catch (error) {
		throw asUserError(error, what);
	}
	if (!isFolder) throw new PreflightError(`${what}: a file of that name is in the way`);
	return undefined;
}

/** Creates `path` empty if nothing is there, atomically (O_EXCL): false when something is. */
function claim(path: string): boolean {
	try {
		closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
}

/** The most snapshots of one review one second can hold: past this, something is wrong. */
const MAX_SUFFIX = 1000;

/**
 * Writes files of one snapshot, `<stem>.<ext>` each, into `dir`, under names
 * no other file has: every name is claimed with O_EXCL before anything is
 * written, so two runs in the same second (or any file already there) never
 * overwrite each other, and the files of one call (a `.json` and its `.md`)
 * always share a stem: when one name is taken the claims are given back and
 * the next suffix (`-2`, `-3`…) is tried for all of them. Both or none: a
 * failed write removes what this call made. Returns the paths in order.
 */
export async function writeSnapshotFiles(
	dir: string,
	stem: string,
	files: ReadonlyArray<{ext: string; content: string}>,
): Promise<string[]> {
	const what = `cannot write snapshot in ${sanitizeLine(dir)}`;
	const created = snapshotsFolder(dir);
	try {
		for (let n = 1; n <= MAX_SUFFIX; n++) {
			const base = join(dir, n === 1 ? stem : `${stem}-${n}`);
			const claimed: string[] = [];
			for (const f of files) {
				const path = `${base}.${f.ext}`;
				if (!claim(path)) break;
				claimed.push(path);
			}
			if (claimed.length < files.length) {
				claimed.forEach(removeQuietly);
				continue;
			}
			try {
				for (const [i, f] of files.entries()) await writeFileDurably(claimed[i]!, f.content);
			} catch (error) {
				claimed.forEach(removeQuietly);
				throw error;
			}
			return claimed;
		}
		throw new PreflightError(`${what}: ${MAX_SUFFIX} snapshots named ${stem} already exist`);
	} catch (error) {
		removeEmptyFolders(dir, created);
		throw asUserError(error, what);
	}
}

/**
 * Writes `<system>-<release>-<timestamp>.json` and `.md` into `dir` (see
 * writeSnapshotFiles) and returns their paths; with `sign`, also the JSON's
 * signature as `.json.sig`, all three or none. `asOf`: see renderMarkdown.
 * `stem`: another name for the files (a milestone's).
 */
export async function writeSnapshotPair(
	snapshot: Snapshot,
	dir: string,
	asOf?: Date,
	sign?: (json: string) => Promise<string>,
	history?: readonly HistoryDay[],
	stem = snapshotStem(snapshot),
): Promise<{json: string; markdown: string; signature?: string}> {
	await checkSnapshot(snapshot);
	const json = snapshotJson(snapshot);
	// Signed before anything is written: a key that cannot sign leaves nothing behind.
	const signature = await sign?.(json);
	const [jsonPath, markdown, sigPath] = await writeSnapshotFiles(dir, stem, [
		{ext: 'json', content: json},
		{ext: 'md', content: renderMarkdown(snapshot, asOf, history)},
		...(signature === undefined ? [] : [{ext: 'json.sig', content: signature}]),
	]);
	return {json: jsonPath!, markdown: markdown!, ...(sigPath ? {signature: sigPath} : {})};
}
