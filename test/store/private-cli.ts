import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {spawn, spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readdirSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

let privateCli: string | undefined;

/**
 * A private copy of the built CLI (with package.json and data/ beside it), so that
 * other engineers rebuilding dist/ mid-run cannot break these tests.
 * PREFLIGHT_TEST_CLI, when set, is used as it is.
 */
export function privateCliPath(): string {
	if (process.env.PREFLIGHT_TEST_CLI) return process.env.PREFLIGHT_TEST_CLI;
	if (privateCli) return privateCli;
	const dist = join(root, 'dist');
	if (!existsSync(join(dist, 'preflight.js'))) {
		const r = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: root, encoding: 'utf8'});
		if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
	}
	const copy = mkdtempSync(join(tmpdir(), 'preflight-dist-'));
	cpSync(dist, join(copy, 'dist'), {recursive: true});
	cpSync(join(root, 'data'), join(copy, 'data'), {recursive: true});
	cpSync(join(root, 'package.json'), join(copy, 'package.json'));
	privateCli = join(copy, 'dist', 'preflight.js');
	return privateCli;
}

export type Result = {code: number | null; stdout: string; stderr: string};

export function baseEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		PATH: process.env.PATH ?? '',
		HOME: dir,
		PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z',
		PREFLIGHT_REVIEWER: 'Alice',
		PREFLIGHT_LOCK_WAIT_MS: '30000',
		...extra,
	};
}

/** Runs the CLI synchronously in `cwd`. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Result {
	const r = spawnSync(process.execPath, [privateCliPath(), ...args], {
		cwd,
		encoding: 'utf8',
		env: baseEnv(cwd, env),
		timeout: 120_000,
	});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** Runs the CLI without blocking the test process (for concurrent writers). */
export function runCliAsync(
	args: string[],
	cwd: string,
	env: Record<string, string> = {},
): Promise<Result> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [privateCliPath(), ...args], {
			cwd,
			env: baseEnv(cwd, env),
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({code, stdout, stderr}));
	});
}

export function tempDir(prefix = 'preflight-store-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under `dir` (relative paths, sorted), folders excluded. */
export function listFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const name of readdirSync(d)) {
			const p = join(d, name);
			if (statSync(p).isDirectory()) walk(p);
			else out.push(relative(dir, p));
		}
	};
	walk(dir);
	return out.sort();
}

/** A stack trace line such as `    at foo (file.js:1:2)`. */
export const stackLine = /^\s+at .*:\d+:\d+\)?$/m;

/**
 * The copy of the bundled checklist that a command saving a review on it keeps
 * beside the database (store/checklist-copies.ts), as listFiles names it.
 */
export function bundledCopy(): string {
	const {digest} = loadChecklist(defaultChecklistPath());
	return `checklists/${digest.slice('sha256:'.length)}.json`;
}
