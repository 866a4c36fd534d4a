// Times given by people (--as-of, PREFLIGHT_NOW). preflight judges everything
// in UTC, so a time must say which moment it means: Date.parse reads
// "2027-03-01T22:00" as local time, which on another machine (or in CI) is
// another moment, and it reads "2027-02-31" as 3 March. Only ISO 8601 text
// with a zone is read; everything is checked field by field.

const instantPattern =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A moment read from text, or why the text is not one. */
export type ParsedTime = {ok: true; date: Date} | {ok: false; problem: string};

/** Date.UTC, without its reading of years 0-99 as 1900-1999. */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
	const t = new Date(0);
	t.setUTCFullYear(year, month, day);
	t.setUTCHours(h, mi, s, ms);
	return t.getTime();
}

function realDay(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(utc(year, month, 0)).getUTCDate();
}

/**
 * An ISO 8601 time with a zone (`2027-03-01T22:00Z`, `2027-03-01T22:00:00+01:00`).
 * A time without a zone is refused rather than guessed, and says so.
 */
export function parseInstant(text: string): ParsedTime {
	const m = instantPattern.exec(text.trim());
	if (!m) return {ok: false, problem: 'is not an ISO 8601 time such as 2027-03-01T22:00:00Z'};
	const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = m;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	if (!realDay(year, month, day)) return {ok: false, problem: 'names a day that does not exist'};
	if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
		return {ok: false, problem: 'has an hour, minute or second out of range'};
	if (zone === undefined)
		return {
			ok: false,
			problem:
				'has no time zone: add Z for UTC (2027-03-01T22:00Z) or an offset such as +01:00; preflight does not guess the local zone',
		};
	let offsetMinutes = 0;
	if (zone !== 'Z' && zone !== 'z') {
		const digits = zone.replace(':', '');
		const hours = Number(digits.slice(1, 3));
		const minutes = Number(digits.slice(3, 5));
		if (hours > 23 || minutes > 59) return {ok: false, problem: 'has a zone offset out of range'};
		offsetMinutes = (hours * 60 + minutes) * (zone.startsWith('-') ? -1 : 1);
	}
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const date = new Date(
		utc(year, month - 1, day, Number(h), Number(mi), Number(s), ms) - offsetMinutes * 60_000,
	);
	if (Number.isNaN(date.getTime())) return {ok: false, problem: 'is out of range'};
	return {ok: true, date};
}

/** True for `YYYY-MM-DD` naming a real day. */
export function isCalendarDate(text: string): boolean {
	const m = datePattern.exec(text);
	return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * `--as-of`: a date is judged at the last moment of that UTC day, so that
 * "ready on launch day" means ready for the whole day; otherwise an ISO time
 * with a zone (see parseInstant).
 */
export function parseAsOf(text: string): ParsedTime {
	if (isCalendarDate(text.trim()))
		return {ok: true, date: new Date(`${text.trim()}T23:59:59.999Z`)};
	if (datePattern.test(text.trim())) return {ok: false, problem: 'names a day that does not exist'};
	return parseInstant(text);
}
