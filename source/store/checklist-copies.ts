// Copies of the checklist versions reviews are judged on, beside the database:
// `checklists/<digest hex>.json`, the validated checklist as canonical JSON, so
// that its digest is the one the review records. A review stores only what it
// needs to follow its items through a change (store/layout.ts); the copy is
// what lets the review be judged again on the version it had, as the
// milestone snapshot before an upgrade does (report/milestone.ts).
import {statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {checklistFromData, type LoadedChecklist} from '../checklist/load.js';
import {fileErrorCause, isPreflightError} from '../errors.js';
import {canonicalJson} from '../model/canonical.js';
import {MAX_TEXT_BYTES} from '../system/read-text.js';
import {readRegularText} from '../system/regular-file.js';
import {writeFileDurably} from './durable-write.js';

/** `checklists/` beside the database (`.preflight/checklists/` by default). */
export function checklistsDir(dbPath: string): string {
	return join(dirname(dbPath), 'checklists');
}

/** The hex of a `sha256:<hex>` digest, or undefined when it is not one (nothing else names a file). */
function digestHex(digest: string): string | undefined {
	const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
	return match?.[1];
}

/** Where the copy of the checklist of `digest` is kept, or undefined for a digest that is not sha256. */
export function copyPath(dbPath: string, digest: string): string | undefined {
	const hex = digestHex(digest);
	return hex ? join(checklistsDir(dbPath), `${hex}.json`) : undefined;
}

/**
 * Keeps a copy of `loaded` beside the database, unless one is there (one
 * stat). Written durably, 0600 in a 0700 folder. Returns undefined when the
 * copy is there, or a line saying why it could not be written: a copy is an
 * aid, and no command fails for want of one.
 */
export async function keepChecklistCopy(
	dbPath: string,
	loaded: LoadedChecklist,
): Promise<string | undefined> {
	const path = copyPath(dbPath, loaded.digest);
	if (!path) return `no copy kept of checklist ${loaded.digest}: not a sha256 digest`;
	try {
		if (statSync(path, {throwIfNoEntry: false})) return undefined;
		// No newline after it: the file's SHA-256 is the digest (sha256sum checks it).
		await writeFileDurably(path, canonicalJson(loaded.checklist));
		return undefined;
	} catch (error) {
		const why = isPreflightError(error)
			? error.message
			: (fileErrorCause(error) ?? (error as NodeJS.ErrnoException | null)?.code ?? String(error));
		return `no copy kept of checklist ${loaded.checklist.version} in ${checklistsDir(dbPath)}: ${why}`;
	}
}

/**
 * The checklist of `digest` as kept beside the database, validated (zod) and
 * with that very digest, or why not: missing (a review begun before copies
 * were kept), not a regular file, not JSON, not a checklist, or edited (its
 * digest is another).
 */
export function readChecklistCopy(
	dbPath: string,
	digest: string,
): {ok: true; loaded: LoadedChecklist} | {ok: false; problem: string} {
	const path = copyPath(dbPath, digest);
	if (!path) return {ok: false, problem: `the review's digest ${digest} is not a sha256 digest`};
	const read = readRegularText(path, MAX_TEXT_BYTES);
	if (!read.ok)
		return {
			ok: false,
			problem:
				read.kind === 'missing'
					? `no copy of that checklist is kept (${path} is missing)`
					: `the copy ${path} ${read.text}`,
		};
	let data: unknown;
	try {
		data = JSON.parse(read.text);
	} catch {
		return {ok: false, problem: `the copy ${path} is not JSON`};
	}
	let loaded: LoadedChecklist;
	try {
		loaded = checklistFromData(data, path);
	} catch {
		return {ok: false, problem: `the copy ${path} is not a valid checklist`};
	}
	if (loaded.digest !== digest)
		return {ok: false, problem: `the copy ${path} was changed: its digest is ${loaded.digest}`};
	return {ok: true, loaded};
}
