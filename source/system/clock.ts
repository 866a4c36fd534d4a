import {PreflightError} from '../errors.js';
import {isIsoInstant} from '../model/schemas.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/**
 * The current time. `PREFLIGHT_NOW` (an ISO time) fixes the clock so that tests
 * and demos can judge staleness and expiry at a chosen moment.
 */
export function now(env = process.env): Date {
	const fixed = env.PREFLIGHT_NOW;
	if (fixed) {
		const t = Date.parse(fixed);
		// Refused rather than ignored: a typo would otherwise sign off at the real time.
		if (Number.isNaN(t) || !isIsoInstant(fixed))
			throw new PreflightError(
				`PREFLIGHT_NOW "${sanitizeLine(fixed)}" is not an ISO time such as 2026-03-01T12:00:00Z`,
			);
		return new Date(t);
	}
	return new Date();
}
