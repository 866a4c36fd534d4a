/** Inputs at least this long (characters) are validated with compiled schemas. */
export const LARGE_INPUT = 256 * 1024;

/**
 * Reviews at least this long (characters) are validated with the compiled
 * schema: compiling it costs ~10 ms, more than validating a review of a few
 * dozen answers without it.
 */
export const LARGE_REVIEW = 64 * 1024;

export function loadCompiledSchemas(): Promise<typeof import('./compiled.js')> {
	return import('./compiled.js');
}
