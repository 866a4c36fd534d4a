/**
 * An error meant for the user: one line, no stack trace, a defined exit code.
 * Loaders and commands throw it; the CLI prints `preflight: <message>` and exits.
 */
export class PreflightError extends Error {
	readonly exitCode: number;
	constructor(message: string, exitCode = 2) {
		super(message);
		this.name = 'PreflightError';
		this.exitCode = exitCode;
	}
}

export function isPreflightError(error: unknown): error is PreflightError {
	return error instanceof PreflightError;
}

/**
 * Runs `read` (parsing and validating a file a user gave) and turns running out
 * of stack or of string length — what a file nested thousands deep, one with
 * tens of thousands of problems, or one of gigabytes does to JSON.parse, zod
 * and our own walkers — into one line naming the file (`what`, sanitised by the
 * caller), instead of an internal error.
 */
export function withinLimits<T>(what: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		return tooLarge(what, error);
	}
}

/** withinLimits for reading that awaits. */
export async function withinLimitsAsync<T>(what: string, read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (error) {
		return tooLarge(what, error);
	}
}

function tooLarge(what: string, error: unknown): never {
	if (error instanceof RangeError && /call stack/i.test(error.message))
		throw new PreflightError(
			`${what}: nested too deeply, or with too many problems to list; check the file`,
		);
	if ((error as NodeJS.ErrnoException | null)?.code === 'ERR_STRING_TOO_LONG')
		throw new PreflightError(`${what}: too large to read`);
	throw error;
}

/**
 * What a failed file operation means, for the failures a user can fix (rights,
 * a full or read-only disk, a file where a folder should be); undefined for the
 * others, which are bugs and stay internal errors.
 */
export function fileErrorCause(error: unknown): string | undefined {
	switch ((error as NodeJS.ErrnoException | null)?.code) {
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EROFS':
			return 'read-only file system';
		case 'ENOSPC':
			return 'no space left on device';
		case 'EDQUOT':
			return 'disk quota exceeded';
		case 'ENOTDIR':
			return 'a part of the path is not a folder';
		case 'ELOOP':
			return 'too many levels of symbolic links';
		case 'ENAMETOOLONG':
			return 'file name too long';
		default:
			return undefined;
	}
}

/**
 * The error to throw for a failed file operation: `<what>: <cause>` as a
 * PreflightError (exit 2) when the user can fix it, else the error as it is.
 * `what` names the path, already sanitised.
 */
export function fileError(error: unknown, what: string): unknown {
	const cause = fileErrorCause(error);
	return cause === undefined ? error : new PreflightError(`${what}: ${cause}`);
}
