// What a check run means, as pure functions: its defaults, whether a run met
// the check's expectation, how runs are kept in an answer, and the two ways a
// check judges a pass (contradicted since sign-off; stale). No child process
// here: the runner is source/checks/run-check.ts, loaded only by `check`.
import {addDuration, parseDuration} from './duration.js';
import {DEFAULT_CHECK_TIMEOUT, parseCheckTimeout} from './check-timeout.js';
import type {Answer, Check, CheckRun, Checklist, ChecklistItem} from './schemas.js';

export {parseCheckTimeout} from './check-timeout.js';

/** The checklist's items that carry a check, in checklist order. */
export function itemsWithChecks(checklist: Checklist): Array<ChecklistItem & {check: Check}> {
	return checklist.sections
		.flatMap((s) => s.items)
		.filter((it): it is ChecklistItem & {check: Check} => it.check !== undefined);
}

/** How many runs an answer keeps (the newest): enough to show a trend, small in the database. */
export const KEPT_RUNS = 5;

/** The timeout in milliseconds (the checklist schema refuses any parseCheckTimeout refuses). */
export function timeoutMs(check: Check): number {
	return parseCheckTimeout(check.timeout ?? DEFAULT_CHECK_TIMEOUT) ?? 60_000;
}

/**
 * A check's command as the lines it was written on (`run: |` in YAML, or
 * `\n` in JSON): each is shown as its own line, so that no line of what runs
 * is hidden by being joined to another. Blank lines at the end are left out.
 */
export function commandLines(run: string): string[] {
	const lines = run.split(/\r\n|\r|\n/);
	while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
	return lines;
}

/** evidence or pass: evidence when the checklist says nothing. */
export function modeOf(check: Check): 'evidence' | 'pass' {
	return check.mode ?? 'evidence';
}

/** What a run ended with, before it is judged. */
export type RunOutcome = {
	/** The exit code; undefined when killed or never started. */
	exit?: number;
	/** Why there is no exit code. */
	stopped?: string;
	/** The output as kept (head and tail when cut). */
	output: string;
};

/**
 * Whether a run met the check's expectation: it exited (not killed), with the
 * expected code (0 unless `expect.exit` says otherwise), and, with
 * `expect.match`, its output contains the pattern.
 */
export function expectationMet(check: Check, outcome: RunOutcome): boolean {
	if (outcome.exit === undefined) return false;
	if (outcome.exit !== (check.expect?.exit ?? 0)) return false;
	const match = check.expect?.match;
	if (match === undefined) return true;
	try {
		return new RegExp(match, 'm').test(outcome.output);
	} catch {
		return false;
	}
}

/** Why a run did not meet its expectation, in a few words (undefined when it did). */
export function failureText(
	check: Check,
	run: Pick<CheckRun, 'exit' | 'stopped' | 'ok'>,
): string | undefined {
	if (run.ok) return undefined;
	if (run.exit === undefined) return run.stopped ?? 'did not finish';
	const want = check.expect?.exit ?? 0;
	if (run.exit !== want) return `exit ${run.exit}, expected ${want}`;
	return `output does not match /${check.expect?.match ?? ''}/`;
}

/** The item's latest check run, if any. */
export function latestRun(answer: Answer): CheckRun | undefined {
	return answer.checks?.at(-1);
}

/** The answer with `run` recorded as its latest, keeping the newest KEPT_RUNS. */
export function withRun(answer: Answer, run: CheckRun): Answer {
	return {...answer, checks: [...(answer.checks ?? []), run].slice(-KEPT_RUNS)};
}

/** A run in a line: when, by whom, how it ended. */
export function runText(run: CheckRun): string {
	const end = run.exit === undefined ? (run.stopped ?? 'stopped') : `exit ${run.exit}`;
	return `run ${run.at} by ${run.by}, ${end}`;
}

/**
 * A pass that the item's latest check run contradicts: a person (or the check
 * itself) signed it off and a run since then failed. Undefined when the pass
 * stands.
 */
export function contradiction(item: ChecklistItem, answer: Answer): string | undefined {
	if (!item.check || answer.status !== 'pass' || !answer.signedOff) return undefined;
	const run = latestRun(answer);
	if (!run || run.ok) return undefined;
	if (Date.parse(run.at) < Date.parse(answer.signedOff.at)) return undefined;
	return `check failed since sign-off (${runText(run)})`;
}

/** True when the item's check last ran longer ago than its review interval. */
export function checkStale(item: ChecklistItem, answer: Answer, asOf: Date): boolean {
	if (!item.check || !item.reviewEvery || answer.status !== 'pass') return false;
	const run = latestRun(answer);
	const every = parseDuration(item.reviewEvery);
	if (!run || !every) return false;
	return addDuration(new Date(run.at), every).getTime() < asOf.getTime();
}

/** A finished run's facts, as the runner reports them, and who ran it. */
export type RunFacts = {
	exit?: number;
	stopped?: string;
	/** The output as kept, as text (for expect.match). */
	output: string;
	total: number;
	cut: boolean;
	durationMs: number;
	at: Date;
	actor: {by: string; email?: string; commit?: string};
	/** sha256 of the kept output. */
	log: string;
};

/** The record of a run, judged against the check's expectation. */
export function buildRun(check: Check, facts: RunFacts): CheckRun {
	const ok = expectationMet(check, {
		...(facts.exit !== undefined ? {exit: facts.exit} : {}),
		output: facts.output,
	});
	return {
		run: check.run,
		...(facts.exit !== undefined ? {exit: facts.exit} : {}),
		...(facts.stopped !== undefined ? {stopped: facts.stopped} : {}),
		ok,
		durationMs: facts.durationMs,
		at: facts.at.toISOString(),
		by: facts.actor.by,
		...(facts.actor.email ? {email: facts.actor.email} : {}),
		...(facts.actor.commit ? {commit: facts.actor.commit} : {}),
		log: facts.log,
		bytes: facts.total,
		...(facts.cut ? {cut: true} : {}),
	};
}
