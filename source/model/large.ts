/** Inputs at least this long (characters) are validated with compiled schemas. */
export const LARGE_INPUT = 256 * 1024;

export function loadCompiledSchemas(): Promise<typeof import('./compiled.js')> {
	return import('./compiled.js');
}
