// A command that fails leaves the disk as it was: no temp file, no empty lock,
// no folder it created, no backup of a migration that did not happen; and a
// migration never replaces a backup. The full disk is real: a small tmpfs in a
// private mount namespace (root and unshare needed, else those tests skip).
import {spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {
	baseEnv,
	listFiles,
	privateCliPath,
	root,
	runCli,
	stackLine,
	tempDir,
	bundledCopy,
} from './private-cli.js';

const v1Fixture = join(root, 'test', 'fixtures', 'db', 'v1.json');
const v1Text = readFileSync(v1Fixture, 'utf8');
const PAGE = 4096;

beforeAll(() => {
	privateCliPath();
});

/** Whether this process may mount a tmpfs in a mount namespace of its own. */
function canMount(): boolean {
	if (process.getuid?.() !== 0) return false;
	const dir = tempDir('preflight-probe-');
	const r = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', dir], {
		encoding: 'utf8',
	});
	return r.status === 0;
}

const mountable = canMount();

type FullDiskRun = {
	code: number;
	stdout: string;
	stderr: string;
	/** Every file and folder on the small disk but the filler, sorted. */
	entries: string[];
	read: (path: string) => string | undefined;
};

/**
 * Runs the built CLI with `args` (where `@` stands for the small disk's folder)
 * on a 256 KB tmpfs filled up but for `freePages` pages, after `setup` (files
 * to copy there first, by path on the small disk).
 */
function onFullDisk(freePages: number, args: string[], setup: Record<string, string> = {}) {
	const work = tempDir('preflight-full-');
	const mnt = join(work, 'disk');
	const out = join(work, 'out');
	mkdirSync(mnt);
	mkdirSync(out);
	const copies = Object.entries(setup)
		.map(([to, from]) => `mkdir -p "$(dirname "$MNT/${to}")" && cp "${from}" "$MNT/${to}"`)
		.join(' && ');
	const script = [
		'set -e',
		'mount -t tmpfs -o size=256k tmpfs "$MNT"',
		copies || 'true',
		// dd stops when the disk is full; then free exactly the pages asked for.
		'dd if=/dev/zero of="$MNT/fill" bs=4096 2>/dev/null || true',
		`truncate -s -${freePages * PAGE} "$MNT/fill"`,
		'set +e',
		'"$NODE" "$CLI" "$@" >"$OUT/stdout" 2>"$OUT/stderr"; echo $? >"$OUT/code"',
		'(cd "$MNT" && find . -mindepth 1 ! -name fill | sort) >"$OUT/entries"',
		'cp -r "$MNT" "$OUT/disk"',
	].join('\n');
	const r = spawnSync(
		'unshare',
		['-m', 'sh', '-c', script, 'sh', ...args.map((a) => a.replace(/^@/, mnt))],
		{
			cwd: work,
			encoding: 'utf8',
			env: {
				...baseEnv(work),
				MNT: mnt,
				OUT: out,
				NODE: process.execPath,
				CLI: privateCliPath(),
			},
		},
	);
	if (r.status !== 0) throw new Error(`full-disk run failed: ${r.stderr}`);
	const text = (name: string) => readFileSync(join(out, name), 'utf8');
	const run: FullDiskRun = {
		code: Number(text('code')),
		stdout: text('stdout'),
		stderr: text('stderr'),
		entries: text('entries')
			.split('\n')
			.filter(Boolean)
			.map((e) => e.replace(/^\.\//, '')),
		read: (path) => {
			const p = join(out, 'disk', path);
			return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
		},
	};
	return run;
}

/** A failure on the full disk: one line saying so, no stack trace, nothing on stdout. */
function expectNoSpace(run: FullDiskRun, label: string): void {
	expect(run.code, `${label}: ${run.stderr}`).toBe(2);
	expect(run.stderr.trimEnd().split('\n'), label).toHaveLength(1);
	expect(run.stderr, label).toMatch(/no space left on device/);
	expect(run.stderr, label).not.toMatch(stackLine);
	expect(run.stdout, label).toBe('');
}

describe.skipIf(!mountable)('set on a full disk', () => {
	it('with --db NEW/dir/db.json: fails in one line and leaves no file or folder, whatever space is left', () => {
		let failed = 0;
		for (let free = 0; ; free++) {
			const run = onFullDisk(free, [
				'set',
				'security.secrets',
				'fail',
				'--system',
				'x',
				'--db',
				'@/sub/dir/db.json',
			]);
			if (run.code === 0) {
				expect(run.entries).toEqual(['sub', 'sub/dir', 'sub/dir/db.json']);
				break;
			}
			expectNoSpace(run, `${free} pages free`);
			expect(run.entries, `${free} pages free`).toEqual([]);
			failed++;
			expect(free).toBeLessThan(16);
		}
		// The lock and the database write each failed at least once.
		expect(failed).toBeGreaterThanOrEqual(2);
	});

	it('on a version-1 database: fails leaving it, and no backup, as it was; succeeds with both', () => {
		let failed = 0;
		for (let free = 0; ; free++) {
			const run = onFullDisk(
				free,
				['set', 'security.encryption', 'fail', '--db', '@/state/db.json'],
				{'state/db.json': v1Fixture},
			);
			if (run.code === 0) {
				expect(run.entries).toEqual(['state', 'state/db.json', 'state/db.json.v1.bak']);
				expect(run.read('state/db.json.v1.bak')).toBe(v1Text);
				break;
			}
			expectNoSpace(run, `${free} pages free`);
			expect(run.entries, `${free} pages free`).toEqual(['state', 'state/db.json']);
			expect(run.read('state/db.json')).toBe(v1Text);
			failed++;
			expect(free).toBeLessThan(16);
		}
		// The lock, the backup and the database write each failed at least once.
		expect(failed).toBeGreaterThanOrEqual(3);
	});
});

describe('backups of migrations', () => {
	it('are numbered: an existing db.json.v1.bak is never replaced', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeFileSync(`${db}.v1.bak`, 'an older backup');
		writeFileSync(`${db}.v1.2.bak`, 'another');
		copyFileSync(v1Fixture, db);
		const r = runCli(['set', 'security.encryption', 'fail', '--db', db], dir);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(readFileSync(`${db}.v1.bak`, 'utf8')).toBe('an older backup');
		expect(readFileSync(`${db}.v1.2.bak`, 'utf8')).toBe('another');
		expect(readFileSync(`${db}.v1.3.bak`, 'utf8')).toBe(v1Text);
		// Back to version 1 (a checkout of an old commit), and migrated again.
		copyFileSync(v1Fixture, db);
		expect(runCli(['set', 'security.secrets', 'fail', '--db', db], dir).code).toBe(0);
		expect(readFileSync(`${db}.v1.4.bak`, 'utf8')).toBe(v1Text);
		expect(listFiles(dir)).toEqual([
			bundledCopy(),
			'db.json',
			'db.json.v1.2.bak',
			'db.json.v1.3.bak',
			'db.json.v1.4.bak',
			'db.json.v1.bak',
		]);
	});
});
