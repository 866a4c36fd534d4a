// Hashing evidence files: at sign-off (`set`, the app) and in `verify`. Only a
// regular file is hashed, and only up to a bound (see readRegularFile): a link
// to /dev/zero or a FIFO once made `verify` run for minutes or forever.
import {sha256Hasher} from '../model/canonical.js';
import {readRegularFile, type ReadProblem} from './regular-file.js';

/** Evidence files larger than this are refused: a file is hashed whole, at every verify. */
export const MAX_EVIDENCE_BYTES = 64 * 1024 * 1024;

export type FileHash = {ok: true; sha256: string; size: number} | ({ok: false} & ReadProblem);

/**
 * The sha256 of a regular file of at most `maxBytes` (links followed), or why
 * there is none: missing, not a regular file (a folder, FIFO, device or
 * socket, named with where a link leads), too large, or unreadable.
 */
export function hashEvidenceFile(path: string, maxBytes = MAX_EVIDENCE_BYTES): FileHash {
	const hash = sha256Hasher();
	const read = readRegularFile(path, maxBytes, (chunk) => hash.update(chunk));
	if (!read.ok)
		return read.kind === 'too-large'
			? {...read, text: `${read.text}; link to it by URL instead`}
			: read;
	return {ok: true, sha256: hash.hex(), size: read.size};
}
