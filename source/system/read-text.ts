import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {readRegularText} from './regular-file.js';

/**
 * Text files a user names (checklists, snapshots) larger than this are refused:
 * a snapshot of 10,000 items is a few megabytes, and a string of more than
 * about 512 MB cannot exist at all.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a text file a user named: only a regular file (links followed), at
 * most MAX_TEXT_BYTES, so that a FIFO or /dev/zero cannot hang the command. A
 * missing file, a folder, a device or an unreadable file becomes one clear
 * line: `<label> <path>: <problem>`.
 */
export function readUserFile(path: string, label: string, maxBytes = MAX_TEXT_BYTES): string {
	const read = readRegularText(path, maxBytes);
	if (read.ok) return read.text;
	const problem =
		read.kind === 'missing'
			? 'no such file'
			: read.kind === 'not-regular' && read.text.startsWith('is a folder')
				? 'is a folder, not a file'
				: read.text;
	throw new PreflightError(`${label ? `${label} ` : ''}${sanitizeLine(path)}: ${problem}`);
}
