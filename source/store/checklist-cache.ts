// Large checklists, as validated, kept between runs. Validating a 10,000-item
// checklist with zod and working out its digest took ~60 ms of every command
// and of the app's start, for a file that seldom changes. The file is still read
// whole every time; an entry is used only for exactly the text it was made from
// (its SHA-256, with the path, the format asked for and this very build of
// preflight), so what a command uses is what validating that text gives. Only
// the bundle has a build id: run from source, nothing is cached.
import {mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {
	checklistFromTextAsync,
	readChecklistText,
	type ChecklistFormat,
	type LoadedChecklist,
} from '../checklist/load.js';
import {LARGE_INPUT} from '../model/large.js';
import {sha256Hex} from '../model/canonical.js';
import {MAX_TEXT_BYTES} from '../system/read-text.js';
import {readRegularText} from '../system/regular-file.js';

// A digest of the sources and the lock file, written in by scripts/build.mjs.
declare const __PREFLIGHT_BUILD__: string | undefined;

/** Entries kept; the oldest go first. */
const MAX_ENTRIES = 8;

function cacheDir(env = process.env): string | undefined {
	const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
	return base ? join(base, 'preflight', 'checklists') : undefined;
}

type Entry = {key: string; digest: string; checklist: LoadedChecklist['checklist']};

function readEntry(file: string, key: string): Entry | undefined {
	// Only a regular file, as every file preflight reads: a FIFO put there must not hang a command.
	const read = readRegularText(file, MAX_TEXT_BYTES);
	if (!read.ok) return undefined;
	try {
		const entry = JSON.parse(read.text) as Partial<Entry> | null;
		// Written by preflight after validating; anything else (an entry cut short
		// by a full disk, an older layout) is not used.
		if (
			entry?.key === key &&
			typeof entry.digest === 'string' &&
			typeof entry.checklist === 'object' &&
			entry.checklist !== null &&
			Array.isArray(entry.checklist.sections)
		)
			return entry as Entry;
	} catch {
		// not JSON: validate the text
	}
	return undefined;
}

function writeEntry(dir: string, file: string, entry: Entry): void {
	try {
		mkdirSync(dir, {recursive: true, mode: 0o700});
		const temp = `${file}.${process.pid}.tmp`;
		writeFileSync(temp, `${JSON.stringify(entry)}\n`, {mode: 0o600});
		renameSync(temp, file);
		const entries = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.map((f) => ({f, at: statSync(join(dir, f)).mtimeMs}))
			.sort((a, b) => b.at - a.at);
		for (const old of entries.slice(MAX_ENTRIES)) unlinkSync(join(dir, old.f));
	} catch {
		// A cache that cannot be written (read-only home, full disk) only costs time.
	}
}

/**
 * The checklist at `path` validated, as loadChecklistAsync gives it: from the
 * cache when this build validated the same text before, else validated now
 * (and remembered when large). Errors are loadChecklistAsync's.
 */
export async function loadChecklistCached(
	path: string,
	format?: ChecklistFormat,
): Promise<LoadedChecklist> {
	const text = readChecklistText(path);
	const dir = typeof __PREFLIGHT_BUILD__ === 'string' ? cacheDir() : undefined;
	if (!dir || text.length < LARGE_INPUT) return checklistFromTextAsync(text, path, format);
	const key = sha256Hex(`${__PREFLIGHT_BUILD__}\0${format ?? ''}\0${path}\0${text}`);
	const file = join(dir, `${key}.json`);
	const hit = readEntry(file, key);
	if (hit) return {checklist: hit.checklist, path, digest: hit.digest};
	const loaded = await checklistFromTextAsync(text, path, format);
	writeEntry(dir, file, {key, digest: loaded.digest, checklist: loaded.checklist});
	return loaded;
}
