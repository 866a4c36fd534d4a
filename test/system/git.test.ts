import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {gitHead, gitRoot} from '../../source/system/git.js';

const git = (cwd: string, ...args: string[]) =>
	execFileSync('git', args, {
		cwd,
		encoding: 'utf8',
		env: {
			...process.env,
			GIT_AUTHOR_NAME: 'T',
			GIT_AUTHOR_EMAIL: 't@example.com',
			GIT_COMMITTER_NAME: 'T',
			GIT_COMMITTER_EMAIL: 't@example.com',
		},
	}).trim();

function repo(): string {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-git-'));
	git(dir, 'init', '-q', '-b', 'main');
	writeFileSync(join(dir, 'a.txt'), 'a');
	git(dir, 'add', 'a.txt');
	git(dir, 'commit', '-qm', 'one');
	return dir;
}

describe("HEAD's commit, read from the repository's files", () => {
	test('in a repository, from a folder inside it', () => {
		const dir = repo();
		mkdirSync(join(dir, 'sub'));
		expect(gitRoot(join(dir, 'sub'))).toBe(dir);
		expect(gitHead(join(dir, 'sub'))).toBe(git(dir, 'rev-parse', 'HEAD'));
	});

	test('from packed refs, and in a linked worktree', () => {
		const dir = repo();
		git(dir, 'pack-refs', '--all');
		expect(gitHead(dir)).toBe(git(dir, 'rev-parse', 'HEAD'));
		const wt = join(dir, 'wt');
		git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
		expect(gitHead(wt)).toBe(git(wt, 'rev-parse', 'HEAD'));
	});

	test('undefined before the first commit and outside a repository', () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-git-'));
		expect(gitHead(dir)).toBeUndefined();
		git(dir, 'init', '-q');
		expect(gitHead(dir)).toBeUndefined();
	});

	test('a HEAD or ref that is a device, a FIFO or too large is not read', () => {
		const dir = repo();
		const head = join(dir, '.git', 'HEAD');
		rmSync(head);
		symlinkSync('/dev/zero', head);
		expect(gitHead(dir)).toBeUndefined();
		rmSync(head);
		writeFileSync(head, 'ref: refs/heads/main\n');
		const ref = join(dir, '.git', 'refs', 'heads', 'main');
		rmSync(ref);
		execFileSync('mkfifo', [ref]);
		expect(gitHead(dir)).toBeUndefined();
		rmSync(ref);
		writeFileSync(ref, 'x'.repeat(200 * 1024));
		expect(gitHead(dir)).toBeUndefined();
	});
});
