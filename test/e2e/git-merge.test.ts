// Two clones of one repository answer a review in parallel, then merge and
// rebase with real git: through the merge driver `preflight init` installs,
// and without it, where git stops and `preflight merge --git` resolves.
import {spawnSync} from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	realpathSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {canonicalJson} from '../../source/model/canonical.js';
import type {Database, Review} from '../../source/model/schemas.js';
import {approversOf} from '../../source/model/team.js';
import {parseDatabase} from '../../source/store/validated-file.js';
import {cliPath, ensureBuilt} from '../commands/cli.js';

const checklist = {
	id: 'svc',
	title: 'Service checklist',
	version: '1',
	sections: [
		{
			id: 'ops',
			title: 'Operations',
			items: [
				{id: 'ops.alerts', title: 'Alerts', evidenceRequired: false},
				{id: 'ops.backups', title: 'Backups', evidenceRequired: false},
				{id: 'ops.pager', title: 'Pager', evidenceRequired: false},
				{id: 'ops.rollback', title: 'Rollback plan', evidenceRequired: false, approvals: 2},
			],
		},
	],
};

const ann = {name: 'Ann', email: 'ann@example.com'};
const bob = {name: 'Bob', email: 'bob@example.com'};
const dbFile = '.preflight/db.json';

type Person = typeof ann;

/** A sandbox: its own HOME, no system git config, fixed identities and clock. */
function sandbox() {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-git-'));
	const env = {
		PATH: process.env.PATH ?? '',
		HOME: dir,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_EDITOR: 'true',
		GIT_AUTHOR_NAME: 'Ann',
		GIT_AUTHOR_EMAIL: 'ann@example.com',
		GIT_COMMITTER_NAME: 'Ann',
		GIT_COMMITTER_EMAIL: 'ann@example.com',
		PREFLIGHT_LOCK_WAIT_MS: '60000',
	};
	const git = (cwd: string, ...args: string[]) =>
		spawnSync('git', args, {cwd, env, encoding: 'utf8'});
	const ok = (cwd: string, ...args: string[]) => {
		const r = git(cwd, ...args);
		if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
		return r.stdout;
	};
	let minute = 0;
	const preflight = (cwd: string, who: Person, ...args: string[]) => {
		minute++;
		const at = new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString();
		return spawnSync(process.execPath, [cliPath, ...args], {
			cwd,
			encoding: 'utf8',
			env: {
				...env,
				PREFLIGHT_NOW: at,
				PREFLIGHT_REVIEWER: who.name,
				PREFLIGHT_REVIEWER_EMAIL: who.email,
			},
		});
	};
	const set = (cwd: string, who: Person, ...args: string[]) => {
		const r = preflight(cwd, who, 'set', ...args, '--checklist', 'checklist.json');
		if (r.status !== 0) throw new Error(`preflight set ${args.join(' ')}: ${r.stderr}`);
	};
	return {dir, git, ok, preflight, set};
}

type Box = ReturnType<typeof sandbox>;

function readDb(path: string): Database {
	const text = readFileSync(path, 'utf8');
	expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
	return parseDatabase(text, path).data;
}

/**
 * An origin with a review started and .gitattributes committed; clone A
 * answers and pushes, clone B answers the same review differently and
 * commits (not pushed). Both clones have fetched each other's work.
 */
function parallelWork(box: Box) {
	const {dir, ok, set, preflight} = box;
	const origin = join(dir, 'origin.git');
	ok(dir, 'init', '--bare', '-b', 'main', origin);
	const seed = join(dir, 'seed');
	ok(dir, 'clone', origin, seed);
	writeFileSync(join(seed, 'checklist.json'), JSON.stringify(checklist, null, 2));
	set(seed, ann, 'ops.alerts', 'fail', '--system', 'api');
	const init = preflight(seed, ann, 'init');
	expect(init.status, init.stderr).toBe(0);
	// The copy of the checklist the review is on is committed with it (docs/team.md).
	ok(seed, 'add', 'checklist.json', dbFile, '.preflight/checklists', '.gitattributes');
	ok(seed, 'commit', '-m', 'review started');
	ok(seed, 'push', 'origin', 'main');

	const a = join(dir, 'a');
	const b = join(dir, 'b');
	ok(dir, 'clone', origin, a);
	ok(dir, 'clone', origin, b);
	// A: a different item, the same item one way, and the first approval.
	set(a, ann, 'ops.backups', 'pass');
	set(a, ann, 'ops.alerts', 'pass');
	set(a, ann, 'ops.rollback', 'pass');
	ok(a, 'commit', '-am', 'A answers');
	ok(a, 'push', 'origin', 'main');
	// B: another item, the same item another way, the second approval.
	set(b, bob, 'ops.pager', 'na', '--justification', 'no pager here');
	set(b, bob, 'ops.alerts', 'waived', ...waiver);
	set(b, bob, 'ops.rollback', 'pass');
	ok(b, 'commit', '-am', 'B answers');
	ok(b, 'fetch', 'origin');
	const sides = [readDb(join(a, dbFile)), readDb(join(b, dbFile))];
	return {a, b, sides};
}

const waiver = [
	'--waiver-reason',
	'known gap',
	'--waiver-owner',
	'Bob',
	'--waiver-expires',
	'2030-01-01',
];

/** What every merged database must show, whichever way it was merged. */
function expectMerged(merged: Database, sides: Database[]) {
	expect(merged.reviews).toHaveLength(1);
	const review: Review = merged.reviews[0]!;
	expect(review.answers['ops.backups']?.status).toBe('pass');
	expect(review.answers['ops.pager']?.status).toBe('na');
	const rollback = review.answers['ops.rollback']!;
	expect(rollback.status).toBe('pass');
	expect(approversOf(rollback).map((s) => s.email)).toEqual(['ann@example.com', 'bob@example.com']);
	// Exactly the item answered differently on both sides is in conflict, with both answers.
	expect(Object.keys(review.conflicts ?? {})).toEqual(['ops.alerts']);
	expect(review.answers['ops.alerts']).toBeUndefined();
	expect(review.conflicts?.['ops.alerts']?.answers.map((x) => x.status).sort()).toEqual([
		'pass',
		'waived',
	]);
	expect(review.conflicts?.['ops.alerts']?.base?.status).toBe('fail');
	// Every audit entry of both sides, each once.
	const audit = review.audit.map((e) => canonicalJson(e));
	expect(new Set(audit).size).toBe(audit.length);
	for (const side of sides)
		for (const entry of side.reviews[0]!.audit) expect(audit).toContain(canonicalJson(entry));
}

beforeAll(() => ensureBuilt());

describe('reviews merged through git', () => {
	it('with the merge driver: git merge and git rebase combine both clones, byte for byte alike', () => {
		const box = sandbox();
		const {a, b, sides} = parallelWork(box);
		// Each clone installs the driver in its own git config (.gitattributes came with the clone).
		for (const clone of [a, b]) {
			const r = box.preflight(clone, ann, 'init');
			expect(r.status, r.stderr).toBe(0);
			expect(r.stdout).toContain('.gitattributes already has: .preflight/db.json merge=preflight');
		}
		const config = () => box.ok(b, 'config', '--local', '--get-regexp', '^merge\\.preflight\\.');
		const before = {attributes: readFileSync(join(b, '.gitattributes'), 'utf8'), config: config()};
		expect(before.config).toContain(
			`${process.execPath} ${realpathSync(cliPath)} merge-driver %O %A %B`,
		);
		const again = box.preflight(b, ann, 'init');
		expect(again.stdout).toContain('merge.preflight.driver already set');
		expect({attributes: readFileSync(join(b, '.gitattributes'), 'utf8'), config: config()}).toEqual(
			before,
		);

		// The same three versions merged by hand, each way round.
		const hand = join(box.dir, 'hand');
		mkdirSync(hand);
		writeFileSync(join(hand, 'base.json'), box.ok(b, 'show', `HEAD~1:${dbFile}`));
		writeFileSync(join(hand, 'ours.json'), box.ok(b, 'show', `HEAD:${dbFile}`));
		writeFileSync(join(hand, 'theirs.json'), box.ok(b, 'show', `origin/main:${dbFile}`));
		for (const [one, other, out] of [
			['ours.json', 'theirs.json', 'one.json'],
			['theirs.json', 'ours.json', 'other.json'],
		] as const) {
			const r = box.preflight(hand, ann, 'merge', 'base.json', one, other, '--out', out);
			expect(r.status, r.stderr).toBe(0);
			expect(r.stdout).toContain('merged into');
			expect(r.stdout).toContain('conflict: api · ops.alerts: ');
		}
		const byHand = readFileSync(join(hand, 'one.json'), 'utf8');
		expect(readFileSync(join(hand, 'other.json'), 'utf8')).toBe(byHand);

		box.ok(b, 'branch', 'rebased');
		const merge = box.git(b, 'merge', '--no-edit', 'origin/main');
		expect(merge.status, merge.stdout + merge.stderr).toBe(0);
		expect(merge.stdout).toContain('conflict: api · ops.alerts');
		const merged = readFileSync(join(b, dbFile), 'utf8');
		expectMerged(readDb(join(b, dbFile)), sides);
		expect(box.ok(b, 'status', '--porcelain')).toBe('');

		box.ok(b, 'checkout', '-q', 'rebased');
		const rebase = box.git(b, 'rebase', 'origin/main');
		expect(rebase.status, rebase.stdout + rebase.stderr).toBe(0);
		// In a rebase git's "ours" is the other side: the same bytes all the same.
		expect(readFileSync(join(b, dbFile), 'utf8')).toBe(merged);
		expect(box.ok(b, 'status', '--porcelain')).toBe('');
		expect(merged).toBe(byHand);
	});

	it('without the driver: git stops, and preflight merge --git resolves where it stopped', () => {
		const box = sandbox();
		const {b, sides} = parallelWork(box);
		// The clone never ran preflight init: .gitattributes names a driver git does not know.
		box.ok(b, 'branch', 'rebased');
		const merge = box.git(b, 'merge', '--no-edit', 'origin/main');
		expect(merge.status).not.toBe(0);
		expect(readFileSync(join(b, dbFile), 'utf8')).toMatch(/^<<<<<<< /m);
		const resolved = box.preflight(b, ann, 'merge', '--git');
		expect(resolved.status, resolved.stderr).toBe(0);
		expect(resolved.stdout).toContain(
			'resolved .preflight/db.json and staged it: 1 item in conflict',
		);
		expect(resolved.stdout).toContain('conflict: api · ops.alerts');
		const merged = readFileSync(join(b, dbFile), 'utf8');
		expectMerged(readDb(join(b, dbFile)), sides);
		box.ok(b, 'commit', '--no-edit');

		// Nothing to resolve now: one clear line, exit 2, nothing changed.
		const idle = box.preflight(b, ann, 'merge', '--git');
		expect(idle.status).toBe(2);
		expect(idle.stderr).toMatch(/not unmerged in git's index/);
		expect(readFileSync(join(b, dbFile), 'utf8')).toBe(merged);

		box.ok(b, 'checkout', '-q', 'rebased');
		const rebase = box.git(b, 'rebase', 'origin/main');
		expect(rebase.status).not.toBe(0);
		// Run from a subfolder of the repository: the database git stopped on is found.
		const sub = join(b, 'docs');
		mkdirSync(sub, {recursive: true});
		const again = box.preflight(sub, ann, 'merge', '--git');
		expect(again.status, again.stderr).toBe(0);
		expect(readFileSync(join(b, dbFile), 'utf8')).toBe(merged);
		const done = box.git(b, 'rebase', '--continue');
		expect(done.status, done.stdout + done.stderr).toBe(0);
		expect(box.ok(b, 'status', '--porcelain')).toBe('');
	});

	it('init outside a repository, and merge by hand with bad input: one line, exit 2, nothing written', () => {
		const box = sandbox();
		const outside = join(box.dir, 'plain');
		mkdirSync(outside);
		const r = box.preflight(outside, ann, 'init');
		expect(r.status).toBe(2);
		expect(r.stderr).toBe(
			'preflight: not inside a git repository: run preflight init in the repository that holds the database\n',
		);
		writeFileSync(join(outside, 'bad.json'), '{"schemaVersion": 3, "reviews": [{}]}');
		writeFileSync(join(outside, 'empty.json'), '');
		const bad = box.preflight(
			outside,
			ann,
			'merge',
			'empty.json',
			'bad.json',
			'bad.json',
			'--out',
			'out.json',
		);
		expect(bad.status).toBe(2);
		expect(bad.stderr.split('\n')).toHaveLength(2);
		const driver = box.preflight(
			outside,
			ann,
			'merge-driver',
			'empty.json',
			'bad.json',
			'bad.json',
		);
		expect(driver.status).toBe(2);
		expect(readFileSync(join(outside, 'bad.json'), 'utf8')).toBe(
			'{"schemaVersion": 3, "reviews": [{}]}',
		);
		const usage = box.preflight(outside, ann, 'merge', 'empty.json', 'empty.json', 'empty.json');
		expect(usage.status).toBe(2);
		expect(usage.stderr).toBe(
			'preflight: merge needs --out FILE: where to write the merged database\n',
		);
		for (const [args, line] of [
			[['merge', '--git', 'a.json'], /^preflight: merge --git takes no files/],
			[['merge', '--git', '--out', 'x.json'], /^preflight: --out does not go with --git/],
			[['merge', 'a.json', 'b.json', '--out', 'x.json'], /^preflight: usage: preflight merge/],
			[['merge-driver', 'a.json'], /^preflight: usage: preflight merge-driver BASE OURS THEIRS/],
		] as const) {
			const r = box.preflight(outside, ann, ...args);
			expect(r.status).toBe(2);
			expect(r.stderr).toMatch(line);
			expect(r.stderr.split('\n')).toHaveLength(2);
		}
		const noGit = box.preflight(outside, ann, 'merge', '--git');
		expect(noGit.status).toBe(2);
		expect(noGit.stderr).toMatch(/^preflight: not inside a git repository/);
		expect(readdirSync(outside).sort()).toEqual(['bad.json', 'empty.json']);
	});
});
