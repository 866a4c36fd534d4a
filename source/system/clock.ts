import {PreflightError} from '../errors.js';
import {parseInstant} from '../model/time.js';
import {sanitizeLine} from '../terminal/sanitize.js';

let warnedAbout: string | undefined;

/**
 * The current time. `PREFLIGHT_NOW` (an ISO time with a zone) fixes the clock
 * so that tests and demos can judge staleness and expiry at a chosen moment.
 * A fixed clock ahead of the real one signs off in the future: every run in
 * which that is in effect says so on stderr, once.
 */
export function now(env = process.env, warn: (line: string) => void = toStderr): Date {
	const fixed = env.PREFLIGHT_NOW;
	if (!fixed) return new Date();
	const parsed = parseInstant(fixed);
	// Refused rather than ignored: a typo would otherwise sign off at the real time.
	if (!parsed.ok)
		throw new PreflightError(
			`PREFLIGHT_NOW "${sanitizeLine(fixed)}" ${parsed.problem.replace(/^is not an ISO 8601 time such as \S+/, 'is not an ISO time such as 2026-03-01T12:00:00Z')}`,
		);
	const real = Date.now();
	if (parsed.date.getTime() > real && warnedAbout !== fixed) {
		warnedAbout = fixed;
		warn(
			`preflight: warning: PREFLIGHT_NOW is ${parsed.date.toISOString()}, ${ahead(parsed.date.getTime() - real)} ahead of the real clock: sign-offs are dated and the review judged at that future time`,
		);
	}
	return parsed.date;
}

function ahead(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	if (minutes < 1) return 'less than a minute';
	if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} hours`;
	return `${Math.floor(hours / 24)} days`;
}

function toStderr(line: string): void {
	process.stderr.write(`${line}\n`);
}
