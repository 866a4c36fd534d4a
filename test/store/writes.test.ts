// How preflight writes files: through symbolic links, never over special or
// read-only files, one clear line for failures a user can fix, and nothing left
// behind by a command that fails.
import {execFileSync} from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	existsSync,
	lstatSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {fileError, PreflightError} from '../../source/errors.js';
import {SCHEMA_VERSION} from '../../source/model/schemas.js';
import {Store} from '../../source/store/database.js';
import {writeFileDurably} from '../../source/store/durable-write.js';
import {
	bundledCopy,
	listFiles,
	privateCliPath,
	root,
	runCli,
	stackLine,
	tempDir,
} from './private-cli.js';

const v1Fixture = join(root, 'test', 'fixtures', 'db', 'v1.json');
const v1Text = readFileSync(v1Fixture, 'utf8');
const isRoot = process.getuid?.() === 0;
const failSet = ['set', 'security.secrets', 'pass', '--system', 'x']; // no evidence: exit 2
const okSet = ['set', 'security.secrets', 'fail', '--system', 'x'];

beforeAll(() => {
	privateCliPath();
});

function fifo(path: string): void {
	execFileSync('mkfifo', [path]);
}

/** Exit 2 with one line on stderr that matches `why`, no stack trace, nothing on stdout. */
function expectRefused(r: {code: number | null; stdout: string; stderr: string}, why: RegExp) {
	expect(r.stdout).toBe('');
	expect(r.code).toBe(2);
	const lines = r.stderr.trimEnd().split('\n');
	expect(lines).toHaveLength(1);
	expect(r.stderr).not.toMatch(stackLine);
	expect(r.stderr).not.toMatch(/internal error/);
	expect(lines[0]).toMatch(why);
}

/** Every entry under `dir`, folders included. */
function entries(dir: string): string[] {
	return readdirSync(dir, {recursive: true, encoding: 'utf8'}).sort();
}

describe('symbolic links are written through', () => {
	it('writeFileDurably replaces the file a link points to, and the link stays a link', async () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'real'));
		const real = join(dir, 'real', 'a.txt');
		writeFileSync(real, 'old', {mode: 0o640});
		const link = join(dir, 'link.txt');
		symlinkSync(join('real', 'a.txt'), link);
		await writeFileDurably(link, 'new');
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(readFileSync(real, 'utf8')).toBe('new');
		expect(statSync(real).mode & 0o777).toBe(0o640);
		expect(entries(dir)).toEqual(['link.txt', 'real', 'real/a.txt']);
	});

	it('a dangling link is written through: the file it names is created', async () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'real'));
		const link = join(dir, 'link.txt');
		symlinkSync(join('real', 'a.txt'), link);
		await writeFileDurably(link, 'new');
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(readFileSync(join(dir, 'real', 'a.txt'), 'utf8')).toBe('new');
	});

	it('a link loop is refused in one line', async () => {
		const dir = tempDir();
		symlinkSync('b', join(dir, 'a'));
		symlinkSync('a', join(dir, 'b'));
		await expect(writeFileDurably(join(dir, 'a'), 'x')).rejects.toThrow(
			/too many levels of symbolic links/,
		);
		expect(lstatSync(join(dir, 'a')).isSymbolicLink()).toBe(true);
	});

	it('set through a database link updates the real file and keeps the link', () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'real'));
		const real = join(dir, 'real', 'db.json');
		expect(runCli([...okSet, '--db', real], dir).code).toBe(0);
		symlinkSync(join('real', 'db.json'), join(dir, 'link.json'));
		const r = runCli(['set', 'security.encryption', 'fail', '--db', 'link.json'], dir);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
		expect(readFileSync(real, 'utf8')).toContain('security.encryption');
		expect(entries(dir)).toEqual([
			'link.json',
			'real',
			'real/checklists',
			`real/${bundledCopy()}`,
			'real/db.json',
		]);
	});

	it('the lock is taken on the real file: its two names exclude each other', async () => {
		const dir = tempDir();
		const real = join(dir, 'db.json');
		const link = join(dir, 'link.json');
		symlinkSync('db.json', link);
		const first = await Store.open(link, {lock: {what: 'via the link', waitMs: 0}});
		try {
			expect(first.path).toBe(real);
			await expect(Store.open(real, {lock: {what: 'via the file', waitMs: 0}})).rejects.toThrow(
				/in use by .*via the link/,
			);
			const r = runCli([...okSet, '--db', real], dir, {PREFLIGHT_LOCK_WAIT_MS: '0'});
			expectRefused(r, /is in use by/);
		} finally {
			await first.close();
		}
		expect(existsSync(`${real}.lock`)).toBe(false);
		expect(existsSync(`${link}.lock`)).toBe(false);
	});

	it('snapshot --out LINK writes the file the link points to', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		mkdirSync(join(dir, 'reports'));
		symlinkSync(join('reports', 'latest.xml'), join(dir, 'latest.xml'));
		const r = runCli(['snapshot', '--format', 'junit', '--out', 'latest.xml', '--db', db], dir);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(lstatSync(join(dir, 'latest.xml')).isSymbolicLink()).toBe(true);
		expect(readFileSync(join(dir, 'reports', 'latest.xml'), 'utf8')).toMatch(/^<\?xml/);
	});
});

describe('targets that are not regular files are refused up front', () => {
	it('snapshot --out FIFO: exit 2, one line, the FIFO stays a FIFO', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		const pipe = join(dir, 'pipe');
		fifo(pipe);
		for (const format of ['json', 'md', 'junit']) {
			const r = runCli(['snapshot', '--format', format, '--out', 'pipe', '--db', db], dir);
			expectRefused(r, /^preflight: --out pipe is not a regular file/);
			expect(lstatSync(pipe).isFIFO()).toBe(true);
		}
		expect(entries(dir)).toEqual(['checklists', bundledCopy(), 'db.json', 'pipe']);
	});

	it('snapshot --out LINK to a FIFO is refused as well', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		fifo(join(dir, 'pipe'));
		symlinkSync('pipe', join(dir, 'out.json'));
		expectRefused(
			runCli(['snapshot', '--out', 'out.json', '--db', db], dir),
			/--out out\.json is not a regular file/,
		);
		expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
	});

	it('writeFileDurably refuses a FIFO', async () => {
		const dir = tempDir();
		const pipe = join(dir, 'pipe');
		fifo(pipe);
		await expect(writeFileDurably(pipe, 'x')).rejects.toThrow(/is not a regular file/);
		expect(lstatSync(pipe).isFIFO()).toBe(true);
		expect(entries(dir)).toEqual(['pipe']);
	});

	it('a database that is a FIFO is refused, not read (which would block)', () => {
		const dir = tempDir();
		fifo(join(dir, 'db.json'));
		for (const args of [['status'], okSet]) {
			const r = runCli([...args, '--db', 'db.json'], dir);
			expectRefused(r, /db\.json: is not a regular file/);
		}
		expect(lstatSync(join(dir, 'db.json')).isFIFO()).toBe(true);
		expect(entries(dir)).toEqual(['db.json']);
	});
});

describe('read-only files are not replaced', () => {
	it('set on a 0444 database: exit 2 naming it, the file untouched', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		chmodSync(db, 0o444);
		const before = readFileSync(db, 'utf8');
		const r = runCli(['set', 'security.encryption', 'fail', '--db', db], dir);
		expectRefused(r, /database .*db\.json is read-only/);
		expect(r.stderr).toContain(db);
		expect(readFileSync(db, 'utf8')).toBe(before);
		expect(statSync(db).mode & 0o777).toBe(0o444);
		// The copy is the first set's, which saved a review on the bundled checklist.
		expect(entries(dir)).toEqual(['checklists', bundledCopy(), 'db.json']);
		// reading it is fine
		expect(runCli(['status', '--db', db], dir).code).toBe(0);
	});

	it('snapshot --out a 0444 file is refused', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		const out = join(dir, 'r.json');
		writeFileSync(out, 'keep', {mode: 0o444});
		expectRefused(runCli(['snapshot', '--out', out, '--db', db], dir), /r\.json is read-only/);
		expect(readFileSync(out, 'utf8')).toBe('keep');
	});
});

describe('failures a user can fix: one line, exit 2, nothing changed', () => {
	it('fileError turns permission, read-only and full-disk errors into one line', () => {
		const cases: Array<[string, RegExp]> = [
			['EACCES', /permission denied/],
			['EPERM', /permission denied/],
			['EROFS', /read-only file system/],
			['ENOSPC', /no space left/],
			['ENOTDIR', /not a folder/],
		];
		for (const [code, why] of cases) {
			const error = fileError(Object.assign(new Error(`${code}: raw`), {code}), 'cannot write x');
			expect(error).toBeInstanceOf(PreflightError);
			expect((error as PreflightError).message).toMatch(/^cannot write x: /);
			expect((error as PreflightError).message).toMatch(why);
			expect((error as PreflightError).exitCode).toBe(2);
		}
		const bug = new TypeError('a bug');
		expect(fileError(bug, 'cannot write x')).toBe(bug);
	});

	it('set with a file where a folder of --db should be: exit 2 naming the path', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'afile'), 'x');
		const r = runCli([...okSet, '--db', join(dir, 'afile', 'sub', 'db.json')], dir);
		expectRefused(r, /afile.*not a folder/);
		expect(entries(dir)).toEqual(['afile']);
	});

	it('snapshot with a file where snapshots/ should be: exit 2, nothing written', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		writeFileSync(join(dir, 'snapshots'), 'not a folder');
		for (const format of ['json', 'md']) {
			const r = runCli(['snapshot', '--format', format, '--db', db], dir);
			expectRefused(r, /snapshots/);
		}
		expect(entries(dir)).toEqual(['checklists', bundledCopy(), 'db.json', 'snapshots']);
	});

	it.skipIf(isRoot)('set in a read-only folder: permission denied, exit 2', () => {
		const dir = tempDir();
		const state = join(dir, 'state');
		const db = join(state, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		const before = readFileSync(db, 'utf8');
		chmodSync(state, 0o555);
		try {
			const r = runCli(['set', 'security.encryption', 'fail', '--db', db], dir);
			expectRefused(r, /permission denied/);
			expect(r.stderr).toContain(state);
			expect(readFileSync(db, 'utf8')).toBe(before);
			expect(entries(state)).toEqual(['db.json']);
		} finally {
			chmodSync(state, 0o700);
		}
	});

	it.skipIf(isRoot)('snapshot in a read-only folder: permission denied, exit 2', () => {
		const dir = tempDir();
		const state = join(dir, 'state');
		const db = join(state, 'db.json');
		expect(runCli([...okSet, '--db', db], dir).code).toBe(0);
		chmodSync(state, 0o555);
		try {
			for (const format of ['json', 'junit']) {
				const r = runCli(['snapshot', '--format', format, '--db', db], dir);
				expectRefused(r, /snapshots.*permission denied/);
			}
			expect(entries(state)).toEqual(['db.json']);
		} finally {
			chmodSync(state, 0o700);
		}
	});
});

describe('a set that fails leaves the disk as it was', () => {
	it('no .preflight folder is left behind in the current directory', () => {
		const dir = tempDir();
		const r = runCli(failSet, dir);
		expectRefused(r, /needs at least one evidence link/);
		expect(entries(dir)).toEqual([]);
	});

	it('no folder is left behind for --db NEW/deeper/db.json', () => {
		const dir = tempDir();
		const r = runCli([...failSet, '--db', join(dir, 'new', 'deeper', 'db.json')], dir);
		expectRefused(r, /needs at least one evidence link/);
		expect(entries(dir)).toEqual([]);
	});

	it('a folder that existed before stays', () => {
		const dir = tempDir();
		mkdirSync(join(dir, '.preflight'));
		expectRefused(runCli(failSet, dir), /evidence/);
		expect(entries(dir)).toEqual(['.preflight']);
	});

	it('a version-1 database is neither migrated nor backed up', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		copyFileSync(v1Fixture, db);
		const r = runCli(['set', 'security.encryption', 'pass', '--db', db], dir);
		expectRefused(r, /needs at least one evidence link/);
		expect(readFileSync(db, 'utf8')).toBe(v1Text);
		expect(listFiles(dir)).toEqual(['db.json']);
	});

	it('the first save writes the backup, then the migrated file', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		copyFileSync(v1Fixture, db);
		const store = await Store.open(db, {lock: {what: 'test', waitMs: 0}});
		// opened as a writer: migrated in memory only
		expect(store.data.schemaVersion).toBe(SCHEMA_VERSION);
		expect(readFileSync(db, 'utf8')).toBe(v1Text);
		expect(listFiles(dir)).toEqual(['db.json', 'db.json.lock']);
		await store.save();
		await store.save();
		await store.close();
		expect(readFileSync(`${db}.v1.bak`, 'utf8')).toBe(v1Text);
		expect(JSON.parse(readFileSync(db, 'utf8'))).toMatchObject({schemaVersion: SCHEMA_VERSION});
		expect(listFiles(dir)).toEqual(['db.json', 'db.json.v1.bak']);
	});
});
