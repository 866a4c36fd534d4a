// What the commands read of the command line. The parser itself is in
// parse.ts: commands import this file, and the parser imports the table that
// imports the commands.
import {PreflightError} from '../errors.js';
import {isoDate} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';

export type {Flags} from './flags.js';
export type {Invocation} from './spec.js';

/**
 * `--as-of`: an ISO time, or a date, judged at the last moment of that UTC day so
 * that "ready on launch day" means ready for the whole day. Defaults to now.
 */
export function asOfDate(flag: string | undefined, now: Date): Date {
	if (flag === undefined) return now;
	if (z.safeParse(isoDate, flag).success) return new Date(`${flag}T23:59:59.999Z`);
	const t = Date.parse(flag);
	if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(flag))
		throw new PreflightError(
			`--as-of "${sanitizeLine(flag)}" is not a date (YYYY-MM-DD) or ISO time`,
		);
	return new Date(t);
}
