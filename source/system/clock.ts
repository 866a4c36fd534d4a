/**
 * The current time. `PREFLIGHT_NOW` (an ISO time) fixes the clock so that tests
 * and demos can judge staleness and expiry at a chosen moment.
 */
export function now(env = process.env): Date {
	const fixed = env.PREFLIGHT_NOW;
	if (fixed) {
		const t = Date.parse(fixed);
		if (!Number.isNaN(t)) return new Date(t);
	}
	return new Date();
}
