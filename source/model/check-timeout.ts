// A check's timeout: its default, its rule and its parser. Its own module, with
// nothing of the schemas, because the checklist schema (schemas.ts) checks
// timeouts with it.

/** A check's timeout when it names none. */
export const DEFAULT_CHECK_TIMEOUT = 'PT60S';

/** The longest timeout a check may have: 24 hours (Node's timers overflow past ~24.8 days). */
export const MAX_CHECK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** What a checklist is told when a timeout will not do. */
export const CHECK_TIMEOUT_RULE =
	'must be an ISO 8601 duration over zero and at most 24 hours, such as PT60S, PT10M or PT0.5S';

// The duration grammar of model/duration.ts, with a fraction allowed on the
// seconds (PT0.5S, PT1,5S): a timeout is a span of time, not a calendar step,
// so it gets its own parser rather than widening the shared one (whose
// calendar arithmetic works in whole seconds).
const timeoutPattern =
	/^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * A check timeout in milliseconds, or undefined when it is not a duration,
 * is zero (it would kill the command at once) or is over 24 hours (years and
 * months always are; Node's setTimeout fires at once past ~24.8 days).
 */
export function parseCheckTimeout(text: string): number | undefined {
	const m = timeoutPattern.exec(text);
	if (!m) return undefined;
	const n = (i: number) => Number((m[i] ?? '0').replace(',', '.'));
	if (n(1) > 0 || n(2) > 0) return undefined;
	const ms = Math.round((((n(3) * 7 + n(4)) * 24 + n(5)) * 60 + n(6)) * 60_000 + n(7) * 1000);
	return ms > 0 && ms <= MAX_CHECK_TIMEOUT_MS ? ms : undefined;
}
