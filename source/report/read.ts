import {readUserFile} from '../system/read-text.js';
import {PreflightError, withinLimits} from '../errors.js';
import {formatPath} from '../model/issue-path.js';
import {tooDeep, tooDeepMessage} from '../model/depth.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {snapshotSchema, type Snapshot} from './snapshot.js';

/** A snapshot file as read: its text, its parsed JSON and, when it fits the format, the snapshot. */
export type ReadSnapshot = {
	path: string;
	text: string;
	raw: Record<string, unknown>;
	snapshot?: Snapshot;
	/** Where the file breaks the snapshot format, when it does. */
	problem?: string;
};

/**
 * Reads a snapshot file. Throws a PreflightError (exit 2) when the file cannot be
 * read, is not JSON or is not a preflight snapshot at all; a file that says it is a
 * snapshot but breaks the format is returned with `problem` set, so that `verify`
 * can report it as altered.
 */
export function readSnapshotFile(path: string): ReadSnapshot {
	return withinLimits(sanitizeLine(path), () => readSnapshot(path));
}

/**
 * Reads a file that is a snapshot or, when `attestation` says the parsed JSON
 * is one, an in-toto attestation (which `verify` also reads); limits and bad
 * input as readSnapshotFile.
 */
export function readSnapshotOr<T>(
	path: string,
	attestation: (raw: unknown) => boolean,
	readAttestation: (raw: unknown) => T,
): {snapshot: ReadSnapshot} | {attestation: T} {
	return withinLimits(sanitizeLine(path), () => {
		let found: {attestation: T} | undefined;
		const snapshot = readSnapshot(path, (raw) => {
			if (!attestation(raw)) return false;
			found = {attestation: readAttestation(raw)};
			return true;
		});
		return found ?? {snapshot};
	});
}

function readSnapshot(path: string, other: (raw: unknown) => boolean = () => false): ReadSnapshot {
	const shown = sanitizeLine(path);
	const text = readUserFile(path, '');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new PreflightError(`${shown}: not valid JSON, so not a preflight snapshot`);
	}
	// Before anything walks it: a recursive walk of a value nested thousands deep
	// runs out of stack (see depth.ts).
	const deep = tooDeep(raw);
	if (deep !== undefined)
		throw new PreflightError(`${shown}: ${tooDeepMessage(deep)}; not a preflight snapshot`);
	if (other(raw)) return {path, text, raw: {}};
	if (
		typeof raw !== 'object' ||
		raw === null ||
		Array.isArray(raw) ||
		(raw as {format?: unknown}).format !== 'preflight-snapshot'
	)
		throw new PreflightError(
			`${shown}: not a preflight snapshot (no "format": "preflight-snapshot")`,
		);
	return snapshotFromValue(path, text, raw as Record<string, unknown>);
}

/**
 * A value that says it is a snapshot (`format` checked by the caller) held to
 * the format: `text` is the file's text, or for a snapshot carried in an
 * attestation the text preflight would write for it.
 */
export function snapshotFromValue(
	path: string,
	text: string,
	raw: Record<string, unknown>,
): ReadSnapshot {
	const result = z.safeParse(snapshotSchema(), raw);
	if (result.success)
		return {path, text, raw: raw as Record<string, unknown>, snapshot: result.data};
	const issue = result.error.issues[0];
	const where = issue ? formatPath(issue.path) : '';
	return {
		path,
		text,
		raw: raw as Record<string, unknown>,
		problem: `${where ? `${where}: ` : ''}${sanitizeLine(issue?.message ?? 'invalid')}`,
	};
}

/** Like readSnapshotFile, but a file that breaks the format is bad input (exit 2). */
export function readValidSnapshot(path: string): ReadSnapshot & {snapshot: Snapshot} {
	const read = readSnapshotFile(path);
	if (!read.snapshot)
		throw new PreflightError(
			`${sanitizeLine(path)}: not a valid preflight snapshot (${read.problem ?? 'invalid'})`,
		);
	return read as ReadSnapshot & {snapshot: Snapshot};
}
