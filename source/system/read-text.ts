import {readFileSync} from 'node:fs';
import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/**
 * Reads a text file a user named; a missing file, a folder or an unreadable
 * file becomes one clear line: `<label> <path>: <problem>`.
 */
export function readUserFile(path: string, label: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const problem =
			code === 'ENOENT'
				? 'no such file'
				: code === 'EISDIR'
					? 'is a folder, not a file'
					: `cannot be read (${code ?? 'error'})`;
		throw new PreflightError(`${label ? `${label} ` : ''}${sanitizeLine(path)}: ${problem}`);
	}
}
