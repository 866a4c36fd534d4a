// Problems found in a checklist file, and where they are. Every format funnels
// its problems through here so that they read the same and are sanitised once:
// checklist files come from elsewhere and may carry terminal escape sequences.
import {PreflightError} from '../errors.js';
import {formatPath} from '../model/issue-path.js';
import type * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/** A 1-based line and column (column counted in UTF-16 code units, as editors do). */
export type Position = {line: number; column: number};

/** One problem found in a checklist file, with where it is. */
export type ChecklistProblem = {where: string; message: string; line?: number; column?: number};

/** Finds the position of the value at `path` (or of the member named `key` inside it). */
export type Locator = (path: readonly PropertyKey[], key?: string) => Position | undefined;

const maxMessage = 240;

function clip(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value quoted for a message: sanitised, on one line, at most 60 characters. */
export function quote(value: unknown): string {
	return `"${clip(sanitizeLine(String(value)), 60)}"`;
}

/** Problems in file order (those with a position first), each sanitised and on one line. */
export function tidyProblems(problems: readonly ChecklistProblem[]): ChecklistProblem[] {
	const seen = new Set<string>();
	const out: ChecklistProblem[] = [];
	for (const p of problems) {
		const tidy = {
			...p,
			where: clip(sanitizeLine(p.where), maxMessage),
			message: clip(sanitizeLine(p.message), maxMessage),
		};
		const key = `${tidy.where}\u0000${tidy.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(tidy);
	}
	const rank = (p: ChecklistProblem) => (p.line ?? Infinity) * 1e6 + (p.column ?? 0);
	return out
		.map((p, i) => ({p, i}))
		.sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
		.map(({p}) => p);
}

/** `where: message`, one line. */
export function problemLine(problem: ChecklistProblem): string {
	return problem.where ? `${problem.where}: ${problem.message}` : problem.message;
}

export class ChecklistError extends PreflightError {
	readonly problems: ChecklistProblem[];
	readonly path: string;
	/** The one problem is the file as a whole (it is empty): said on one line. */
	readonly whole: boolean;
	constructor(path: string, problems: ChecklistProblem[], whole = false) {
		const tidy = tidyProblems(problems);
		const first = tidy[0];
		const more =
			tidy.length > 1 ? ` (and ${tidy.length - 1} more problem${tidy.length > 2 ? 's' : ''})` : '';
		super(`checklist ${sanitizeLine(path)}: ${first ? problemLine(first) : 'invalid'}${more}`);
		this.problems = tidy;
		this.path = path;
		this.whole = whole;
	}

	/** Every problem as one clear, sanitised line: `where: message`. */
	lines(): string[] {
		return this.problems.map(problemLine);
	}
}

/** A zod issue as the path it names, the member key (for unknown fields) and a message. */
export type RawIssue = {path: PropertyKey[]; key?: string; message: string};

/** Zod issues as plain problems: one per unknown field, "missing field" for absent values. */
export function zodIssues(error: z.core.$ZodError): RawIssue[] {
	const out: RawIssue[] = [];
	for (const issue of error.issues) {
		const path = [...issue.path];
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) out.push({path, key, message: `unknown field ${quote(key)}`});
			continue;
		}
		let message = issue.message;
		// A record's key: what the key's own check said ("Invalid key in record" says nothing).
		if (issue.code === 'invalid_key' && issue.issues[0]) message = issue.issues[0].message;
		else if (issue.code === 'invalid_type' && /received undefined$/.test(message)) {
			const last = path.at(-1);
			message = `missing field${last === undefined ? '' : ` ${quote(String(last))}`}`;
		} else if (issue.code === 'invalid_type')
			message = message.replace(/^Invalid input: expected/, 'expected');
		out.push({path, message});
	}
	return out;
}

/** Zod issues as problems named by their path alone (no source positions). */
export function zodProblems(error: z.core.$ZodError): ChecklistProblem[] {
	return zodIssues(error).map((i) => ({
		where: formatPath(i.key === undefined ? i.path : [...i.path, i.key]),
		message: sanitizeLine(i.message),
	}));
}

/**
 * Duplicate section and item ids, found on raw data. The schema's own check
 * only runs when everything else is valid; a file should get every problem at once.
 */
export function duplicateIdIssues(data: unknown): RawIssue[] {
	const out: RawIssue[] = [];
	const sections = (data as {sections?: unknown} | null)?.sections;
	if (!Array.isArray(sections)) return out;
	const sectionIds = new Set<string>();
	const itemIds = new Set<string>();
	sections.forEach((s: unknown, si) => {
		const sid = (s as {id?: unknown} | null)?.id;
		if (typeof sid === 'string') {
			if (sectionIds.has(sid))
				out.push({path: ['sections', si, 'id'], message: `duplicate section id ${quote(sid)}`});
			sectionIds.add(sid);
		}
		const items = (s as {items?: unknown} | null)?.items;
		if (!Array.isArray(items)) return;
		items.forEach((it: unknown, ii) => {
			const iid = (it as {id?: unknown} | null)?.id;
			if (typeof iid !== 'string') return;
			if (itemIds.has(iid))
				out.push({
					path: ['sections', si, 'items', ii, 'id'],
					message: `duplicate item id ${quote(iid)}`,
				});
			itemIds.add(iid);
		});
	});
	return out;
}

/** Offsets to 1-based positions, by binary search over line starts. */
export function lineIndex(text: string): (offset: number) => Position {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((starts[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		return {line: lo + 1, column: offset - (starts[lo] ?? 0) + 1};
	};
}

/** `line 3, column 7` */
export function at(position: Position): string {
	return `line ${position.line}, column ${position.column}`;
}

/** Finds the nearest located ancestor of `path` when the path itself has no position (a missing field). */
export function locateNearest(
	locate: Locator,
	path: readonly PropertyKey[],
	key?: string,
): Position | undefined {
	if (key !== undefined) {
		const found = locate(path, key);
		if (found) return found;
	}
	for (let n = path.length; n >= 0; n--) {
		const found = locate(path.slice(0, n));
		if (found) return found;
	}
	return undefined;
}
