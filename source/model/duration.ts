/** Parsed ISO 8601 duration (PnYnMnWnDTnHnMnS), integers only. */
export type Duration = {
	years: number;
	months: number;
	weeks: number;
	days: number;
	hours: number;
	minutes: number;
	seconds: number;
};

const pattern =
	/^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): Duration | undefined {
	const m = pattern.exec(text);
	if (!m) return undefined;
	const n = (i: number) => Number(m[i] ?? 0);
	return {
		years: n(1),
		months: n(2),
		weeks: n(3),
		days: n(4),
		hours: n(5),
		minutes: n(6),
		seconds: n(7),
	};
}

/**
 * Whether a duration is at least one day: a calendar unit (a day, a week, a
 * month, a year), or 24 hours or more of time. Anything shorter is no period
 * to look at something again in: a review would be past due a moment after
 * each decision, a sign-off stale as it is made.
 */
export function isAtLeastADay(d: Duration): boolean {
	return (
		d.years + d.months + d.weeks + d.days > 0 ||
		d.hours * 3600 + d.minutes * 60 + d.seconds >= 86_400
	);
}

/** Days in a month of the proleptic Gregorian calendar (month 0-11). */
function daysInMonth(year: number, month: number): number {
	// setUTCFullYear rather than Date.UTC, which reads years 0-99 as 1900-1999.
	const t = new Date(0);
	t.setUTCFullYear(year, month + 1, 0);
	return t.getUTCDate();
}

/**
 * Adds a duration to a UTC instant as ISO 8601 (and Temporal) calendar
 * arithmetic does: years and months move the calendar date and keep the day
 * of the month, clamped to the last day of a shorter month (31 January + P1M
 * is 28 or 29 February, 29 February + P1Y is 28 February), never spilling
 * into the month after; then weeks and days move the date by whole days, and
 * hours, minutes and seconds the time. Date's own setters would roll 31
 * January + 1 month over to 3 March.
 */
export function addDuration(from: Date, d: Duration): Date {
	const months = from.getUTCMonth() + d.months + d.years * 12;
	const year = from.getUTCFullYear() + Math.floor(months / 12);
	const month = ((months % 12) + 12) % 12;
	const day = Math.min(from.getUTCDate(), daysInMonth(year, month));
	const t = new Date(from.getTime());
	t.setUTCFullYear(year, month, day);
	t.setUTCDate(t.getUTCDate() + d.weeks * 7 + d.days);
	t.setUTCHours(
		t.getUTCHours() + d.hours,
		t.getUTCMinutes() + d.minutes,
		t.getUTCSeconds() + d.seconds,
	);
	return t;
}

const units: ReadonlyArray<[keyof Duration, string]> = [
	['years', 'year'],
	['months', 'month'],
	['weeks', 'week'],
	['days', 'day'],
	['hours', 'hour'],
	['minutes', 'minute'],
	['seconds', 'second'],
];

/**
 * An ISO 8601 duration in words, exactly as written: `P90D` → "90 days",
 * `P1Y6M` → "1 year and 6 months", `P1DT12H` → "1 day and 12 hours". Units are
 * not converted (P90D is not "3 months": months are calendar months), and text
 * that is not a duration comes back as it is, so nothing is ever hidden.
 */
export function durationText(text: string): string {
	const d = parseDuration(text);
	if (!d) return text;
	const parts = units
		.filter(([unit]) => d[unit] > 0)
		.map(([unit, word]) => `${d[unit]} ${word}${d[unit] === 1 ? '' : 's'}`);
	// P0D and the like: nothing at all, said in the unit that was written.
	if (parts.length === 0) return text.includes('T') ? '0 seconds' : '0 days';
	const last = parts.pop()!;
	return parts.length ? `${parts.join(', ')} and ${last}` : last;
}
