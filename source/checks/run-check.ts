// Runs one check's command: `sh -c` in its own process group (so a timeout or
// a cancel kills the grandchildren too), no terminal input, stdout and stderr
// into one capped buffer in arrival order. Loaded only by the commands and the
// app key that run checks: start-up never pays for node:child_process.
import {spawn} from 'node:child_process';
import {CappedOutput} from './capped-output.js';

/** How a run ended, with its output as kept. */
export type RunResult = {
	exit?: number;
	/** timeout, cancelled, signal NAME, or why it could not start. */
	stopped?: string;
	output: Buffer;
	/** Bytes seen, kept or not. */
	total: number;
	cut: boolean;
	durationMs: number;
};

export type RunOptions = {
	cwd: string;
	timeoutMs: number;
	/** Aborting kills the whole process group (esc in the app, ctrl+c in `check`). */
	signal?: AbortSignal;
	/** Called with the buffer after each chunk, for live progress. */
	onOutput?: (output: CappedOutput) => void;
	env?: NodeJS.ProcessEnv;
	/** For tests: smaller caps. */
	caps?: {head: number; tail: number};
};

/** After the shell exits, how long its output pipes may stay open (a child that escaped the group). */
const DRAIN_MS = 2000;

function killGroup(pid: number | undefined): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}

/** Runs `command` and resolves when it has ended and its output is read; never rejects. */
export function runCommand(command: string, options: RunOptions): Promise<RunResult> {
	const started = performance.now();
	const output = options.caps
		? new CappedOutput(options.caps.head, options.caps.tail)
		: new CappedOutput();
	return new Promise((resolve) => {
		let stopped: string | undefined;
		let settled = false;
		let exitCode: number | undefined;
		let drain: NodeJS.Timeout | undefined;
		// One pipe for both streams (stderr made a copy of stdout before the
		// command runs): their lines arrive in the order they were written.
		const child = spawn('sh', ['-c', `exec 2>&1\n${command}`], {
			cwd: options.cwd,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: options.env ?? process.env,
		});
		const finish = () => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			clearTimeout(drain);
			options.signal?.removeEventListener('abort', onAbort);
			resolve({
				...(stopped === undefined && exitCode !== undefined ? {exit: exitCode} : {}),
				...(stopped !== undefined ? {stopped} : {}),
				output: output.bytes(),
				total: output.total,
				cut: output.cut,
				durationMs: Math.max(0, Math.round(performance.now() - started)),
			});
		};
		const stop = (why: string) => {
			stopped ??= why;
			killGroup(child.pid);
		};
		const onAbort = () => stop('cancelled');
		const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
		if (options.signal?.aborted) stop('cancelled');
		else options.signal?.addEventListener('abort', onAbort, {once: true});
		const take = (chunk: Buffer) => {
			output.push(chunk);
			options.onOutput?.(output);
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.on('error', (error) => {
			stopped ??= `could not start: ${error.message}`;
			finish();
		});
		child.on('exit', (code, signal) => {
			if (code !== null) exitCode = code;
			else stopped ??= `signal ${signal ?? 'unknown'}`;
			// The group goes with the shell: a background child must not outlive its check.
			killGroup(child.pid);
			drain = setTimeout(() => {
				child.stdout.destroy();
				child.stderr.destroy();
				finish();
			}, DRAIN_MS);
		});
		child.on('close', finish);
	});
}
