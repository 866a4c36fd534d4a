import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
/** The built CLI; PREFLIGHT_TEST_CLI points at another build (e.g. a private copy). */
export const cliPath = process.env.PREFLIGHT_TEST_CLI ?? join(root, 'dist', 'preflight.js');

/** Builds the bundle once when a test run starts without one (npm test builds first). */
export function ensureBuilt(): void {
	if (existsSync(cliPath)) return;
	const r = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: root, encoding: 'utf8'});
	if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export type Result = {code: number | null; stdout: string; stderr: string};

/** A temp folder with a database path and a runner for the built CLI under a fixed clock. */
export function workspace(now = '2026-03-01T12:00:00.000Z') {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
	const db = join(dir, '.preflight', 'db.json');
	let clock = now;
	const run = (args: string[], env: Record<string, string> = {}): Result => {
		const r = spawnSync(process.execPath, [cliPath, ...args, '--db', db], {
			cwd: dir,
			encoding: 'utf8',
			env: {
				PATH: process.env.PATH ?? '',
				HOME: dir,
				PREFLIGHT_NOW: clock,
				PREFLIGHT_REVIEWER: 'Alice',
				PREFLIGHT_LOCK_WAIT_MS: '30000',
				...env,
			},
		});
		return {code: r.status, stdout: r.stdout, stderr: r.stderr};
	};
	return {
		dir,
		db,
		run,
		setClock: (iso: string) => {
			clock = iso;
		},
	};
}
