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

export function isDuration(text: string): boolean {
	return parseDuration(text) !== undefined;
}

/** Adds a duration to a UTC instant with calendar semantics (months and years move the date). */
export function addDuration(from: Date, d: Duration): Date {
	const t = new Date(from.getTime());
	t.setUTCFullYear(t.getUTCFullYear() + d.years, t.getUTCMonth() + d.months);
	t.setUTCDate(t.getUTCDate() + d.weeks * 7 + d.days);
	t.setUTCHours(
		t.getUTCHours() + d.hours,
		t.getUTCMinutes() + d.minutes,
		t.getUTCSeconds() + d.seconds,
	);
	return t;
}
