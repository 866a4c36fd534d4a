import {availableParallelism} from 'node:os';
import {signalExitCode} from '../system/signals.js';
import type {Invocation} from '../cli/args.js';
import type {Flags} from '../cli/flags.js';
import {PreflightError} from '../errors.js';
import {lookupItem, lookupProblem} from '../model/item-lookup.js';
import {buildRun, commandLines, failureText, itemsWithChecks, timeoutMs} from '../model/checks.js';
import {passHeldBack, recordRun} from '../model/check-runs.js';
import {answerFor} from '../model/evaluate.js';
import type {Check, CheckRun, ChecklistItem} from '../model/schemas.js';
import {upgradeReview} from '../model/upgrade.js';
import {checklistFor, findOrCreateReview, lockWaitMs, openStore, selectReview} from '../session.js';
import {resolveDbPath} from '../store/database.js';
import {realTarget} from '../store/files.js';
import {now} from '../system/clock.js';
import {evidenceBase} from '../system/evidence.js';
import {gitHead} from '../system/git.js';
import {resolveIdentity} from '../system/identity.js';
import {print, printJson} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {reviewName} from './common.js';
import {saveReview} from './save-review.js';

type Target = {item: ChecklistItem & {check: Check}};
type Done = {item: ChecklistItem & {check: Check}; run: CheckRun; logPath: string};

/** The items whose checks run: every item with a check, or those named (each must have one). */
function targets(checklist: Parameters<typeof lookupItem>[0], named: readonly string[]): Target[] {
	if (named.length === 0) return itemsWithChecks(checklist).map((item) => ({item}));
	const out: Target[] = [];
	for (const typed of named) {
		const found = lookupItem(checklist, typed);
		if (!('item' in found))
			throw new PreflightError(
				lookupProblem(found, typed, `checklist ${sanitizeLine(checklist.id)}`, sanitizeLine),
			);
		const item = found.item;
		if (!item.check) throw new PreflightError(`${sanitizeLine(item.id)} has no check`);
		if (!out.some((t) => t.item.id === item.id)) out.push({item: item as Target['item']});
	}
	return out;
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** The number of checks run at once: --jobs, else the CPUs. */
function jobsOf(flags: Flags): number {
	return flags.jobs ? Number(flags.jobs) : Math.max(1, availableParallelism());
}

/**
 * Live progress on a terminal: one line per running check with its elapsed
 * time, redrawn in place; finished checks print a line each above them.
 * Without a terminal only the finished lines are printed.
 */
class Progress {
	private readonly running = new Map<string, number>();
	private drawn = 0;
	private timer: NodeJS.Timeout | undefined;
	constructor(
		private readonly live: boolean,
		private readonly out: NodeJS.WriteStream,
	) {
		if (live) this.timer = setInterval(() => this.draw(), 250);
	}
	start(id: string): void {
		this.running.set(id, performance.now());
		if (!this.live) this.line(`… ${id}: running`);
		this.draw();
	}
	end(id: string, line: string): void {
		this.running.delete(id);
		this.clear();
		this.line(line);
		this.draw();
	}
	private line(text: string): void {
		this.out.write(`${sanitizeLine(text)}\n`);
	}
	private clear(): void {
		if (!this.live || this.drawn === 0) return;
		this.out.write(`\x1b[${this.drawn}A\x1b[J`);
		this.drawn = 0;
	}
	private draw(): void {
		if (!this.live) return;
		this.clear();
		const at = performance.now();
		const lines = [...this.running].map(
			([id, started]) => `  ⠿ ${sanitizeLine(id)}  ${seconds(at - started)}`,
		);
		if (lines.length) this.out.write(`${lines.join('\n')}\n`);
		this.drawn = lines.length;
	}
	stop(): void {
		clearInterval(this.timer);
		this.clear();
	}
}

/** Runs `todo` with at most `jobs` at once, in order of the list. */
async function pool<T, R>(
	todo: readonly T[],
	jobs: number,
	work: (t: T) => Promise<R>,
): Promise<R[]> {
	const out: R[] = new Array<R>(todo.length);
	let next = 0;
	const worker = async () => {
		while (next < todo.length) {
			const i = next++;
			out[i] = await work(todo[i]!);
		}
	};
	await Promise.all(Array.from({length: Math.min(jobs, todo.length)}, worker));
	return out;
}

/** Refuses an untrusted checklist: every command on stderr, then the one error line. */
function refuseUntrusted(id: string, digest: string, list: readonly Target[]): never {
	process.stderr.write(`commands of checklist ${sanitizeLine(id)} (${digest}):\n`);
	for (const t of list) {
		// A command of several lines shows each, indented under the first.
		const label = `  ${sanitizeLine(t.item.id)}: `;
		const [first, ...rest] = commandLines(t.item.check.run).map(sanitizeLine);
		process.stderr.write(`${label}${first ?? ''}\n`);
		for (const line of rest) process.stderr.write(`${' '.repeat(label.length)}${line}\n`);
	}
	// A variable that is set but names other digests: most often a checklist
	// changed since CI was told to trust it. Said, so that nobody hunts for a typo.
	if (process.env.PREFLIGHT_TRUST_CHECKS?.trim())
		throw new PreflightError(
			`checklist ${sanitizeLine(id)} is not trusted here: PREFLIGHT_TRUST_CHECKS names another digest (did the checklist change?); read the commands above, then set PREFLIGHT_TRUST_CHECKS=${digest}`,
		);
	throw new PreflightError(
		`checklist ${sanitizeLine(id)} is not trusted to run commands on this machine: read them above, then run preflight check --trust (or set PREFLIGHT_TRUST_CHECKS=${digest})`,
	);
}

/**
 * Runs the review's checks and records each run (log under evidence/ beside
 * the database, the run in the item's answer). Resolves to 0 when every check
 * met its expectation, 1 otherwise; bad input throws (exit 2).
 */
export async function runChecks(
	flags: Flags,
	named: readonly string[],
	json = false,
	/** gate --run-checks --json: progress on stderr, nothing else printed. */
	quiet = false,
): Promise<number> {
	return (await runChecksFor(flags, named, json, quiet)).code;
}

/** What runChecksFor reports: the exit code, the signal that stopped the runs, the runs. */
export type ChecksOutcome = {
	code: number;
	signal?: NodeJS.Signals;
	checks: Array<{itemId: string} & CheckRun>;
};

/** runChecks with its runs and the signal that stopped them (gate prints them in its JSON). */
export async function runChecksFor(
	flags: Flags,
	named: readonly string[],
	json = false,
	quiet = false,
): Promise<ChecksOutcome> {
	// With JSON on stdout, progress goes to stderr.
	const out = quiet || json ? process.stderr : process.stdout;
	const loaded = await checklistFor(flags);
	const list = targets(loaded.checklist, named);
	const dbPath = realTarget(resolveDbPath(flags.db));
	// The review is found (or refused) before anything runs.
	{
		const store = await openStore(flags);
		try {
			if (!flags.system) selectReview(store, flags);
		} finally {
			await store.close();
		}
	}
	if (list.length === 0) {
		if (quiet) return {code: 0, checks: []};
		if (!json) print(`checklist ${sanitizeLine(loaded.checklist.id)} has no checks`);
		else printJson({ok: true, checks: []});
		return {code: 0, checks: []};
	}
	// The same chunks the app loads on x (one code cache each, see scripts/build.mjs).
	const [{isTrusted, trust}, {runCommand}, {logRef, writeLog}] = await Promise.all([
		import('../checks/trust.js'),
		import('../checks/run-check.js'),
		import('../checks/evidence-log.js'),
	]);
	if (!isTrusted(loaded.digest)) {
		// Trust is for the whole checklist: every command in it is shown.
		if (!flags.trust)
			refuseUntrusted(loaded.checklist.id, loaded.digest, targets(loaded.checklist, []));
		trust(loaded.digest, loaded.checklist.id, now());
	}

	const cwd = process.cwd();
	const base = evidenceBase(cwd);
	const {name: by, email} = resolveIdentity(flags.reviewer);
	const commit = gitHead(cwd);
	const progress = new Progress(out.isTTY === true, out);
	const abort = new AbortController();
	// ctrl+c, SIGTERM (a supervisor, kill) and SIGHUP (the terminal closed) all
	// kill every running group; the runs are recorded as cancelled and the
	// command then exits with the shell's code for the signal (130, 143, 129).
	let caught: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		caught ??= signal;
		abort.abort();
	};
	// After SIGHUP the terminal may be gone: writing to it must not throw.
	const onHup = () => {
		out.on('error', () => undefined);
		process.stdout.on('error', () => undefined);
		onSignal('SIGHUP');
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onHup);
	let done: Done[];
	try {
		done = await pool(list, jobsOf(flags), async ({item}): Promise<Done> => {
			progress.start(item.id);
			const at = now();
			const result = await runCommand(item.check.run, {
				cwd: base,
				timeoutMs: timeoutMs(item.check),
				signal: abort.signal,
			});
			const log = writeLog(dbPath, result.output);
			const run = buildRun(item.check, {
				...result,
				output: result.output.toString('utf8'),
				at,
				actor: {by, ...(email ? {email} : {}), ...(commit ? {commit} : {})},
				log: log.sha256,
			});
			const {ok} = run;
			const why = failureText(item.check, run);
			progress.end(
				item.id,
				`${ok ? '✔ ok  ' : '✖ fail'} ${sanitizeLine(item.id)}  ${seconds(result.durationMs)}${why ? `  ${sanitizeLine(why)}` : ''}`,
			);
			return {item, run, logPath: log.path};
		});
	} finally {
		progress.stop();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onHup);
	}

	// Recorded together, under the lock, once every run has ended.
	const store = await openStore(flags, {what: 'preflight check', waitMs: lockWaitMs()});
	let name: string;
	/** Mode-pass runs that met their expectation but did not pass their item. */
	const notes: string[] = [];
	try {
		const at = now();
		const found = flags.system
			? findOrCreateReview(store, loaded, flags.system, flags.release, at)
			: {review: selectReview(store, flags), created: false};
		const original = found.created ? undefined : found.review;
		let review = found.review;
		const actor = {by, ...(email ? {email} : {}), at, ...(commit ? {commit} : {})};
		review = upgradeReview(review, loaded.checklist, loaded.digest, actor).review;
		for (const d of done) {
			const held = passHeldBack(d.item, answerFor(review, d.item.id), d.run);
			if (held) notes.push(`${sanitizeLine(d.item.id)}: ${held}`);
			review = recordRun(review, d.item, d.run, logRef(base, d.logPath), {
				...actor,
				at: new Date(d.run.at),
			});
		}
		notes.push(...(await saveReview(store, original, review, loaded, at)));
		name = reviewName(review);
	} finally {
		await store.close();
	}
	const ok = done.every((d) => d.run.ok);
	const code = caught ? signalExitCode(caught) : ok ? 0 : 1;
	const checks = done.map((d) => ({itemId: d.item.id, ...d.run}));
	const outcome: ChecksOutcome = {code, ...(caught ? {signal: caught} : {}), checks};
	for (const note of notes) out.write(`${note}\n`);
	if (caught) process.stderr.write(`preflight: interrupted (${caught}): running checks stopped\n`);
	if (quiet) return outcome;
	if (json) printJson({ok, checks});
	else
		print(
			`${sanitizeLine(name)}: ${done.filter((d) => d.run.ok).length} of ${done.length} checks met their expectation`,
		);
	return outcome;
}

/** `preflight check [ITEM…]`. Exit 0 every check met its expectation, 1 otherwise, 2 on bad input. */
export async function run(inv: Invocation): Promise<number> {
	return runChecks(inv.flags, inv.positionals, inv.flags.json === true);
}
