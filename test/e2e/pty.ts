import {spawn, type IPty} from 'node-pty';
import xterm from '@xterm/headless';
import {existsSync, mkdtempSync} from 'node:fs';
import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeAll} from 'vitest';

export const root = join(import.meta.dirname, '..', '..');
export const cliPath = join(root, 'dist', 'preflight.js');

/** THE escape sequences of named keys, as a terminal in normal (not application) cursor mode sends them. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	shiftDown: '\u001B[1;2B',
} as const;

/**
 * waitFor/waitUntil return only once the app has also written nothing for this
 * long, so that a check reads a settled screen rather than the first of several
 * frames. (Keys no longer need it: the input router hands each key to whoever
 * has the keyboard after the previous key's render, see source/ui/input/input-router.tsx.)
 */
const QUIET_MS = 40;

export type KeyName = keyof typeof keys;

/** Builds the bundle when a test run starts without one (npm test builds first). */
export function ensureBuilt(): void {
	if (existsSync(cliPath)) return;
	const r = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: root, encoding: 'utf8'});
	if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export function tempDir(prefix = 'preflight-e2e-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The child's environment: the parent's without CI (Ink renders only the last
 * frame under CI, and chalk turns colour off whenever CI exists) nor colour or
 * preflight settings that would leak from the shell running the tests.
 */
export function childEnv(overrides: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (v === undefined) continue;
		if (k === 'CI' || k === 'NO_COLOR' || k === 'FORCE_COLOR' || k.startsWith('PREFLIGHT_'))
			continue;
		if (k.startsWith('VITEST') || k === 'NODE_ENV' || k === 'TEST') continue;
		env[k] = v;
	}
	// Never the developer's own signing key (git's user.signingkey): tests that sign name theirs.
	return {...env, TERM: 'xterm-256color', PREFLIGHT_SIGNING_KEY: '', ...overrides};
}

/** Options of a run of the CLI without a terminal (runCli). */
export type CliOptions = {
	/** Milliseconds after which spawnSync kills the run; none when absent. */
	timeout?: number;
};

/**
 * Runs the built CLI without a terminal, in `cwd`, with the child's environment
 * (childEnv) plus `env`; returns spawnSync's result as text.
 */
export function runCli(
	cwd: string,
	args: string[],
	env: Record<string, string> = {},
	options: CliOptions = {},
): SpawnSyncReturns<string> {
	return spawnSync(process.execPath, [cliPath, ...args], {
		cwd,
		encoding: 'utf8',
		env: childEnv(env),
		...options,
	});
}

/** Polls `check` (every 20 ms) until it holds; throws after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export type PtyOptions = {
	cwd: string;
	cols?: number;
	rows?: number;
	env?: Record<string, string>;
	/** Text already on the screen when the app starts, as a shell would have left it. */
	screenBefore?: string;
};

export type Session = {
	/** The visible screen as text, one line per row, trailing spaces trimmed (the alternate one while the app has it). */
	screen(): string;
	/** Which screen the terminal shows: the app's alternate screen, or the normal one. */
	buffer(): 'normal' | 'alternate';
	/** Every byte the app wrote, as received. */
	raw(): string;
	/** Polls the screen until it contains the text (or matches the pattern); returns the screen. */
	waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Polls until the predicate holds for the screen. */
	waitUntil(
		predicate: (screen: string) => boolean,
		what: string,
		timeoutMs?: number,
	): Promise<string>;
	/** Sends one named key (one write). */
	press(key: KeyName): void;
	/** Sends text in one write: a single-letter command, or a whole prompt answer. */
	type(text: string): void;
	/** Answers the text prompt labelled `label` (replacing any prefilled value) and presses enter. */
	answer(label: string | RegExp, text: string): Promise<void>;
	resize(cols: number, rows: number): void;
	kill(): void;
	/** Resolves with the exit code when the app ends. */
	exit: Promise<number>;
	xterm: InstanceType<typeof xterm.Terminal>;
	pid: number;
};

/** Spawns the built CLI in a real pty, mirrored into a headless xterm. */
export function launch(args: string[], options: PtyOptions): Session {
	const cols = options.cols ?? 80;
	const rows = options.rows ?? 24;
	const term = new xterm.Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	// Written before the child can write anything: its output arrives in later events.
	if (options.screenBefore) term.write(options.screenBefore);
	const child: IPty = spawn(process.execPath, [cliPath, ...args], {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd,
		env: childEnv(options.env),
	});
	let raw = '';
	let exited = false;
	let lastOutput = Date.now();
	child.onData((data) => {
		lastOutput = Date.now();
		raw += data;
		term.write(data);
	});
	const exit = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => {
			exited = true;
			resolve(exitCode);
		});
	});

	const screen = (): string => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < term.rows; y++)
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines.join('\n');
	};

	// xterm parses writes asynchronously: an empty write's callback fires once all earlier data is parsed.
	const flushed = () => new Promise<void>((resolve) => term.write('', resolve));

	const waitUntil = async (
		predicate: (s: string) => boolean,
		what: string,
		timeoutMs = 30_000,
	): Promise<string> => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			await flushed();
			const s = screen();
			if (predicate(s)) {
				if (exited || Date.now() - lastOutput >= QUIET_MS) return s;
				await new Promise((r) => setTimeout(r, QUIET_MS - (Date.now() - lastOutput)));
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(
					`timed out after ${timeoutMs} ms waiting for ${what}${exited ? ' (the app has exited)' : ''}; screen:\n${s}`,
				);
			await new Promise((r) => setTimeout(r, 15));
		}
	};

	const promptRow = (label: string | RegExp): number =>
		screen()
			.split('\n')
			.findIndex((l) => (typeof label === 'string' ? l.includes(label) : label.test(l)));
	const promptLine = (label: string | RegExp): string | undefined => {
		const i = promptRow(label);
		return i < 0 ? undefined : screen().split('\n')[i];
	};
	// A long answer wraps onto the row under the label (the prompt's second row).
	const promptText = (label: string | RegExp): string | undefined => {
		const i = promptRow(label);
		if (i < 0) return undefined;
		const rows = screen().split('\n');
		return `${rows[i]}${rows[i + 1] ?? ''}`;
	};

	const answer = async (label: string | RegExp, text: string): Promise<void> => {
		await waitUntil(() => promptLine(label) !== undefined, `prompt ${String(label)}`);
		child.write(keys.ctrlU);
		await waitUntil(
			() => promptLine(label)?.trimEnd().endsWith(':') ?? false,
			`prompt ${String(label)} to be empty`,
		);
		child.write(text);
		await waitUntil(
			() => promptText(label)?.includes(text.slice(-20)) ?? false,
			`prompt ${String(label)} to show the answer`,
		);
		child.write(keys.enter);
	};

	return {
		screen,
		buffer: () => term.buffer.active.type,
		answer,
		raw: () => raw,
		waitFor: (expected, timeoutMs) =>
			waitUntil(
				(s) => (typeof expected === 'string' ? s.includes(expected) : expected.test(s)),
				typeof expected === 'string' ? JSON.stringify(expected) : String(expected),
				timeoutMs,
			),
		waitUntil,
		press: (key) => child.write(keys[key]),
		type: (text) => child.write(text),
		resize: (c, r) => {
			child.resize(c, r);
			term.resize(c, r);
		},
		kill: () => {
			if (!exited) child.kill();
		},
		exit,
		xterm: term,
		pid: child.pid,
	};
}

/**
 * The set-up every terminal test file shares: builds the bundle before the
 * tests (where this is called: a file, or a describe block), and kills every
 * session it tracked after each test, so that a failing test leaves no app
 * running. `open` launches and tracks; `track` tracks a session launched
 * otherwise, and returns it.
 */
export function useSessions(): {
	open: (args: string[], options: PtyOptions) => Session;
	track: (session: Session) => Session;
} {
	const running: Session[] = [];
	beforeAll(() => ensureBuilt());
	afterEach(() => {
		for (const s of running.splice(0)) s.kill();
	});
	const track = (session: Session): Session => {
		running.push(session);
		return session;
	};
	return {open: (args, options) => track(launch(args, options)), track};
}
