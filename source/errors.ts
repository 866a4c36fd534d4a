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
