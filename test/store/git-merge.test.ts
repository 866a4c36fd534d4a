// The layout's promise (store/layout.ts), held with real git and no merge
// driver: what a hosted merge button or a clone that never ran `preflight
// init` does. Two branches that answered different items merge without a
// conflict, and the result is a valid database holding both.
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {parseDatabase} from '../../source/store/validated-file.js';
import {privateCliPath, runCli, tempDir} from './private-cli.js';

beforeAll(() => {
	privateCliPath();
});

const ids = loadChecklist(defaultChecklistPath())
	.checklist.sections.flatMap((s) => s.items.map((i) => i.id))
	.sort();

/** git in `dir` with nothing of this machine's configuration. */
function git(dir: string, args: string[]): {code: number | null; out: string} {
	const r = spawnSync(
		'git',
		['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args],
		{
			cwd: dir,
			encoding: 'utf8',
			env: {
				PATH: process.env.PATH ?? '',
				HOME: dir,
				GIT_CONFIG_NOSYSTEM: '1',
				GIT_AUTHOR_NAME: 'Test',
				GIT_AUTHOR_EMAIL: 'test@example.com',
				GIT_COMMITTER_NAME: 'Test',
				GIT_COMMITTER_EMAIL: 'test@example.com',
				GIT_AUTHOR_DATE: '2026-03-01T12:00:00Z',
				GIT_COMMITTER_DATE: '2026-03-01T12:00:00Z',
			},
		},
	);
	return {code: r.status, out: `${r.stdout}${r.stderr}`};
}

function ok(dir: string, args: string[]): string {
	const r = git(dir, args);
	expect(r.code, `git ${args.join(' ')}: ${r.out}`).toBe(0);
	return r.out;
}

/** Records an answer with the built CLI, at `now`, as `who`. */
function answer(dir: string, item: string, args: string[], now: string, who: string): void {
	const r = runCli(['set', item, ...args, '--db', '.preflight/db.json'], dir, {
		PREFLIGHT_NOW: now,
		PREFLIGHT_REVIEWER: who,
	});
	expect(r.code, r.stderr).toBe(0);
}

/** A repository whose main branch holds a database with one review, one item answered. */
function repository(): string {
	const dir = tempDir('preflight-git-');
	ok(dir, ['init', '-q', '-b', 'main']);
	// Keeps git's own files out of the database folder's way, as a project would.
	writeFileSync(join(dir, 'README'), 'a service\n');
	answer(
		dir,
		ids[5]!,
		['pass', '--evidence', 'https://e.example/base', '--system', 'payments'],
		'2026-03-01T09:00:00.000Z',
		'Base',
	);
	ok(dir, ['add', '-A']);
	ok(dir, ['commit', '-q', '-m', 'review started']);
	return dir;
}

describe('a database merged by plain git', () => {
	it.each([
		['neighbours', ids[10]!, ids[11]!],
		['the first and the last item', ids[0]!, ids.at(-1)!],
		['the item answered on main and its neighbour', ids[5]!, ids[6]!],
	])('two branches answering %s merge without a conflict', (_, ours, theirs) => {
		const dir = repository();
		ok(dir, ['checkout', '-q', '-b', 'ann']);
		answer(dir, ours, ['fail', '--note', 'ann saw this'], '2026-03-02T10:00:00.000Z', 'Ann');
		answer(
			dir,
			ours,
			['pass', '--evidence', 'https://e.example/ann'],
			'2026-03-02T11:00:00.000Z',
			'Ann',
		);
		ok(dir, ['commit', '-q', '-am', 'ann']);
		ok(dir, ['checkout', '-q', 'main']);
		ok(dir, ['checkout', '-q', '-b', 'bob']);
		answer(dir, theirs, ['na', '--justification', 'batch only'], '2026-03-02T10:30:00.000Z', 'Bob');
		ok(dir, ['commit', '-q', '-am', 'bob']);

		ok(dir, ['checkout', '-q', 'ann']);
		const merge = git(dir, ['merge', '--no-edit', 'bob']);
		expect(merge.code, merge.out).toBe(0);
		expect(merge.out).not.toMatch(/CONFLICT/);

		const text = readFileSync(join(dir, '.preflight', 'db.json'), 'utf8');
		expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
		const review = parseDatabase(text, 'db.json').data.reviews[0]!;
		expect(review.answers[ours]).toMatchObject({status: 'pass', signedOff: {by: 'Ann'}});
		expect(review.answers[theirs]).toMatchObject({status: 'na', justification: 'batch only'});
		const trail = review.audit.map((e) => [e.item, e.by, e.to]);
		expect(trail).toEqual([
			[ids[5], 'Base', 'pass'],
			[ours, 'Ann', 'fail'],
			[theirs, 'Bob', 'na'],
			[ours, 'Ann', 'pass'],
		]);
		expect(review.updatedAt).toBe('2026-03-02T11:00:00.000Z');
		// And preflight goes on with it.
		const status = runCli(['status', '--json', '--db', '.preflight/db.json'], dir);
		expect(status.code, status.stderr).toBe(0);
		expect(status.stdout).toContain('payments');
		expect(git(dir, ['status', '--porcelain']).out).toBe('');
	});

	it('git merge-file merges the two files of such branches cleanly too', () => {
		const dir = repository();
		const db = join(dir, '.preflight', 'db.json');
		const base = readFileSync(db, 'utf8');
		answer(dir, ids[1]!, ['fail'], '2026-03-02T10:00:00.000Z', 'Ann');
		const ann = readFileSync(db, 'utf8');
		writeFileSync(db, base);
		answer(dir, ids[2]!, ['fail'], '2026-03-02T10:00:00.000Z', 'Bob');
		const bob = readFileSync(db, 'utf8');
		mkdirSync(join(dir, 'm'));
		for (const [name, text] of [
			['ann', ann],
			['base', base],
			['bob', bob],
		] as const)
			writeFileSync(join(dir, 'm', name), text);
		const r = git(join(dir, 'm'), ['merge-file', '-p', 'ann', 'base', 'bob']);
		expect(r.code, r.out).toBe(0);
		const merged = parseDatabase(r.out, 'db.json').data.reviews[0]!;
		expect(merged.answers[ids[1]!]?.status).toBe('fail');
		expect(merged.answers[ids[2]!]?.status).toBe('fail');
		expect(merged.audit.map((e) => e.item)).toEqual([ids[5], ids[1], ids[2]]);
	});
});
