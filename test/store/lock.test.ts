import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {PreflightError} from '../../source/errors.js';
import {acquireLock} from '../../source/store/lock.js';
import {parseDatabase} from '../../source/store/validated-file.js';
import {launch, type Session} from '../e2e/pty.js';
import {
	bundledCopy,
	listFiles,
	privateCliPath,
	runCli,
	runCliAsync,
	stackLine,
	tempDir,
} from './private-cli.js';

const items = [
	'architecture.boundaries',
	'architecture.failure-paths',
	'architecture.data-contracts',
	'architecture.horizontal-scaling',
	'architecture.infrastructure-ownership',
	'security.secrets',
	'security.encryption',
	'security.api-auth-rate-limits',
	'security.llm-io-audit',
	'security.input-sanitization',
];

const children: ChildProcess[] = [];
const sessions: Session[] = [];
afterEach(() => {
	for (const c of children.splice(0)) c.kill('SIGKILL');
	for (const s of sessions.splice(0)) s.kill();
});

beforeAll(() => {
	privateCliPath();
});

/** A live process that is not preflight, to stand in as the lock's holder. */
function sleeper(): ChildProcess {
	const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {stdio: 'ignore'});
	children.push(child);
	return child;
}

function deadPid(): number {
	const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
		encoding: 'utf8',
	});
	return Number(r.stdout);
}

function writeLock(db: string, owner: Record<string, unknown>): void {
	writeFileSync(`${db}.lock`, JSON.stringify(owner));
}

describe('two writers at once', () => {
	it('ten concurrent set commands all succeed and every answer is kept', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		// the review exists first, so that every writer agrees on it
		expect(
			runCli(['set', 'testing.unit-tests', 'fail', '--system', 'web', '--db', db], dir).code,
		).toBe(0);
		const results = await Promise.all(
			items.map((item) =>
				runCliAsync(['set', item, 'fail', '--note', `note for ${item}`, '--db', db], dir, {
					PREFLIGHT_LOCK_WAIT_MS: '60000',
				}),
			),
		);
		for (const r of results) {
			expect(r.stderr).toBe('');
			expect(r.code).toBe(0);
		}
		const {data} = parseDatabase(readFileSync(db, 'utf8'), db);
		expect(data.reviews).toHaveLength(1);
		for (const item of items)
			expect(data.reviews[0]!.answers[item]).toMatchObject({
				status: 'fail',
				note: `note for ${item}`,
			});
		expect(listFiles(dir)).toEqual([bundledCopy(), 'db.json']);
	});

	it('ten concurrent set commands on a new database create one review', async () => {
		const dir = tempDir();
		const db = join(dir, 'new', 'db.json');
		const results = await Promise.all(
			items.map((item) =>
				runCliAsync(['set', item, 'fail', '--system', 'web', '--db', db], dir, {
					PREFLIGHT_LOCK_WAIT_MS: '60000',
				}),
			),
		);
		for (const r of results) expect(r.code).toBe(0);
		const {data} = parseDatabase(readFileSync(db, 'utf8'), db);
		expect(data.reviews).toHaveLength(1);
		expect(Object.keys(data.reviews[0]!.answers).sort()).toEqual([...items].sort());
	});
});

describe('a held lock', () => {
	it('set waits PREFLIGHT_LOCK_WAIT_MS, then exits 2 naming the holder; the file is untouched', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(
			runCli(['set', 'security.secrets', 'fail', '--system', 'web', '--db', db], dir).code,
		).toBe(0);
		const before = readFileSync(db, 'utf8');
		const holder = sleeper();
		writeLock(db, {
			pid: holder.pid,
			host: hostname(),
			user: 'bob',
			what: 'preflight app',
			since: '2026-03-01T11:00:00.000Z',
		});
		const started = Date.now();
		const r = runCli(['set', 'security.encryption', 'fail', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '700',
		});
		const took = Date.now() - started;
		expect(r.code).toBe(2);
		expect(took).toBeGreaterThanOrEqual(700);
		const err = r.stderr.trimEnd();
		expect(err.split('\n')).toHaveLength(1);
		expect(err).not.toMatch(stackLine);
		expect(err).toContain(db);
		expect(err).toContain('bob');
		expect(err).toContain(String(holder.pid));
		expect(err).toContain('preflight app');
		expect(readFileSync(db, 'utf8')).toBe(before);
		// the holder's lock is left alone
		expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({pid: holder.pid});
	});

	it('a lock held by another host is not taken over', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeLock(db, {
			pid: deadPid(),
			host: `${hostname()}-elsewhere`,
			user: 'carol',
			what: 'set',
			since: 'x',
		});
		const r = runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '200',
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('carol');
		expect(r.stderr).toContain(`${hostname()}-elsewhere`);
		expect(existsSync(db)).toBe(false);
	});

	it('hostile text in a lock file is sanitised in the message', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		const holder = sleeper();
		writeLock(db, {
			pid: holder.pid,
			host: hostname(),
			user: 'e\u001b]0;pwned\u0007vil\u001b[2J',
			what: 'x\u009b2Jy',
			since: 's',
		});
		const r = runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '100',
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('evil');
		// eslint-disable-next-line no-control-regex -- checking that none are left
		expect(r.stderr.trimEnd()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
	});

	it('the app holding the database makes set exit 2 naming it', async () => {
		const dir = tempDir();
		const db = join(dir, '.preflight', 'db.json');
		const app = launch(['--system', 'web'], {
			cwd: dir,
			env: {PREFLIGHT_REVIEWER: 'Dana', HOME: dir},
		});
		sessions.push(app);
		await app.waitFor('answered', 30_000);
		expect(existsSync(`${db}.lock`)).toBe(true);
		const r = runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '300',
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain(String(app.pid));
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
		app.type('q');
		expect(await app.exit).toBe(0);
		expect(existsSync(`${db}.lock`)).toBe(false);
		// once the app is gone, set goes through
		expect(
			runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir).code,
		).toBe(0);
	});
});

describe('stale locks', () => {
	it('a lock left by a dead process on this host is recovered', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeLock(db, {pid: deadPid(), host: hostname(), user: 'bob', what: 'set', since: 'x'});
		const r = runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '0',
		});
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(listFiles(dir)).toEqual([bundledCopy(), 'db.json']);
	});

	it.each([
		['empty', ''],
		['not JSON', 'garbage'],
		['no pid', '{"host":"h"}'],
	])('an unreadable lock file (%s) is recovered', (_, text) => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeFileSync(`${db}.lock`, text);
		const r = runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '0',
		});
		expect(r.code).toBe(0);
		expect(existsSync(`${db}.lock`)).toBe(false);
	});

	it.each([
		['a link to /dev/zero', (lock: string) => symlinkSync('/dev/zero', lock)],
		['a FIFO', (lock: string) => execFileSync('mkfifo', [lock])],
		['a folder', (lock: string) => mkdirSync(lock)],
		['too large to be a lock', (lock: string) => writeFileSync(lock, 'x'.repeat(100_000))],
	])('a lock that is %s is never read as one: set goes on', (_, make) => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		make(`${db}.lock`);
		const r = runCli(['set', 'security.encryption', 'fail', '--system', 'web', '--db', db], dir, {
			PREFLIGHT_LOCK_WAIT_MS: '0',
		});
		// Recovered as a stale lock, or refused in one line: never a hang or a crash.
		expect([0, 2]).toContain(r.code);
		expect(r.stderr).not.toMatch(stackLine);
		if (r.code === 2) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
	});

	it('acquireLock in-process: a second taker waits, then gets it once released', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		const first = await acquireLock(db, 'first', 0);
		await expect(acquireLock(db, 'second', 100)).rejects.toBeInstanceOf(PreflightError);
		setTimeout(() => first.release(), 100);
		const second = await acquireLock(db, 'second', 30_000);
		expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({what: 'second'});
		second.release();
		expect(existsSync(`${db}.lock`)).toBe(false);
	});
});
