// What the commands read of the command line. The parser itself is in
// parse.ts: commands import this file, and the parser imports the table that
// imports the commands.
import {PreflightError} from '../errors.js';
import {parseAsOf} from '../model/time.js';
import {sanitizeLine} from '../terminal/sanitize.js';

export type {Flags} from './flags.js';
export type {Invocation} from './spec.js';

/** `--as-of`: see parseAsOf (a date is the end of that UTC day; a time needs a zone). Defaults to now. */
export function asOfDate(flag: string | undefined, now: Date): Date {
	if (flag === undefined) return now;
	const parsed = parseAsOf(flag);
	if (!parsed.ok)
		throw new PreflightError(
			`--as-of "${sanitizeLine(flag)}" ${parsed.problem} (or give a date, YYYY-MM-DD, judged at the end of that UTC day)`,
		);
	return parsed.date;
}
