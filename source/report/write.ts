import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {writeFileDurably} from '../store/durable-write.js';
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

/**
 * Writes `<system>-<timestamp>.json` and `.md` into `dir` (never overwriting an
 * earlier pair) and returns their paths. `asOf`: see renderMarkdown.
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
	await writeFileDurably(json, snapshotJson(snapshot));
	await writeFileDurably(markdown, renderMarkdown(snapshot, asOf));
	return {json, markdown};
}
