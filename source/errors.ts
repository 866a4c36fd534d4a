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
