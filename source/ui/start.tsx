import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';

export async function startApp(_inv: Invocation): Promise<number> {
	throw new PreflightError('the app is being built');
}
