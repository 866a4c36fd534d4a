import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';

// Placeholder: being built (issue 3).
export async function run(_inv: Invocation): Promise<number> {
	throw new PreflightError('snapshot is not available yet');
}
