import {existsSync, unlinkSync} from 'node:fs';
import {join} from 'node:path';
import {makeFolder, writeFileDurably} from '../store/durable-write.js';
import {removeEmptyFolders} from '../store/files.js';
import {renderMarkdown} from './markdown.js';
import {checkSnapshot, type Snapshot} from './snapshot.js';

/** `20261128T093000Z`: sortable, file-name safe, UTC. */
export function fileTimestamp(at: Date): string {
	return at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z');
}

/** A system name made safe for a file name. */
export function fileSlug(system: string): string {
	const slug = system
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+|-+$/g, '')
		.slice(0, 60);
	return slug || 'review';
}

/** Stable JSON text of a snapshot (2-space indent, trailing newline). */
export function snapshotJson(snapshot: Snapshot): string {
	return `${JSON.stringify(snapshot, null, 2)}\n`;
}

function removeQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// the error that made us remove it is the one to report
	}
}

/**
 * Writes `<system>-<timestamp>.json` and `.md` into `dir` (never overwriting an
 * earlier pair) and returns their paths. Both or neither: when the second file
 * cannot be written, the first is removed again, and a folder made for them.
 * `asOf`: see renderMarkdown.
 */
export async function writeSnapshotPair(
	snapshot: Snapshot,
	dir: string,
	asOf?: Date,
): Promise<{json: string; markdown: string}> {
	const stem = `${fileSlug(snapshot.review.system)}-${fileTimestamp(new Date(snapshot.generatedAt))}`;
	let base = join(dir, stem);
	for (let n = 2; existsSync(`${base}.json`) || existsSync(`${base}.md`); n++)
		base = join(dir, `${stem}-${n}`);
	const json = `${base}.json`;
	const markdown = `${base}.md`;
	await checkSnapshot(snapshot);
	const created = await makeFolder(dir);
	let written = false;
	try {
		await writeFileDurably(json, snapshotJson(snapshot));
		written = true;
		await writeFileDurably(markdown, renderMarkdown(snapshot, asOf));
	} catch (error) {
		if (written) removeQuietly(json);
		removeEmptyFolders(dir, created);
		throw error;
	}
	return {json, markdown};
}
