import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir, useSessions} from './pty.js';
import {readDatabaseFile} from '../database-file.js';

const NOW = '2026-03-01T12:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';

const checklist = {
	id: 'team',
	title: 'Team checklist',
	version: '1',
	sections: [
		{
			id: 'ops',
			title: 'Operations',
			owners: ['sre'],
			items: [
				{id: 'ops.rollback', title: 'Rollback plan', evidenceRequired: false, approvals: 2},
				{id: 'ops.pager', title: 'Pager set up', evidenceRequired: false},
			],
		},
	],
};

type Db = {
	reviews: {
		answers: Record<
			string,
			{status: string; approvals?: {by: string; email?: string}[]; signedOff?: {by: string}}
		>;
	}[];
};

const {open} = useSessions();

/** Opens the app as one reviewer, passes the first item with p, and quits. */
async function approveAs(cwd: string, name: string, email: string, expect1: RegExp) {
	const app = open(['--system', 'api', '--checklist', 'checklist.json'], {
		cwd,
		env: {
			PREFLIGHT_NOW: NOW,
			PREFLIGHT_REVIEWER: name,
			PREFLIGHT_REVIEWER_EMAIL: email,
			HOME: cwd,
		},
	});
	await app.waitFor(FOOTER);
	// The review opens at its first pending item; the rollback plan is first.
	app.press('up');
	await app.waitFor('id: ops.rollback');
	app.type('p');
	// The guided flow moves on; back up to read the rule line.
	await app.waitFor('id: ops.pager');
	app.press('up');
	const screen = await app.waitFor(expect1);
	app.type('q');
	expect(await app.exit).toBe(0);
	return screen;
}

describe('two reviewers approve one item (the two-person rule)', () => {
	it('blocks after the first approval and settles after the second', async () => {
		const cwd = tempDir();
		writeFileSync(join(cwd, 'checklist.json'), JSON.stringify(checklist));
		mkdirSync(join(cwd, '.preflight'));
		writeFileSync(
			join(cwd, '.preflight', 'team.yaml'),
			'roles:\n  sre: [sre-one@example.com, sre-two@example.com]\n',
		);

		const first = await approveAs(
			cwd,
			'Sre One',
			'sre-one@example.com',
			/needs sre · 1 of 2 approvals · approved by Sre One/,
		);
		expect(first).toContain('✔ pass');

		const second = await approveAs(
			cwd,
			'Sre Two',
			'SRE-TWO@example.com',
			/needs sre · 2 of 2 approvals · approved by Sre One, Sre Two/,
		);
		expect(second).not.toMatch(/blocker:/);

		const db = readDatabaseFile(join(cwd, '.preflight', 'db.json')) as Db;
		const answer = db.reviews[0]!.answers['ops.rollback']!;
		expect(answer.status).toBe('pass');
		expect(answer.approvals?.map((a) => [a.by, a.email])).toEqual([
			['Sre One', 'sre-one@example.com'],
			['Sre Two', 'SRE-TWO@example.com'],
		]);
	});
});

const split = {
	id: 'split',
	title: 'Split checklist',
	version: '1',
	sections: [
		{
			id: 'arch',
			title: 'Architecture',
			items: [{id: 'arch.bounds', title: 'System boundaries', evidenceRequired: false}],
		},
		{
			id: 'sec',
			title: 'Security',
			owners: ['security'],
			items: [
				{id: 'sec.secrets', title: 'Secrets in a vault', evidenceRequired: false},
				{id: 'sec.scan', title: 'Dependency scan', evidenceRequired: false},
			],
		},
		{
			id: 'ops',
			title: 'Operations',
			owners: ['sre'],
			items: [{id: 'ops.pager', title: 'Pager set up', evidenceRequired: false}],
		},
	],
};

describe('work split by owner', () => {
	it('a security reviewer opens on their own items, filters by mine, and sees blockers by role', async () => {
		const cwd = tempDir();
		writeFileSync(join(cwd, 'checklist.json'), JSON.stringify(split));
		mkdirSync(join(cwd, '.preflight'));
		writeFileSync(
			join(cwd, '.preflight', 'team.yaml'),
			'roles:\n  security: [sec@example.com]\n  sre: [sre@example.com]\n',
		);
		const app = open(['--system', 'api', '--checklist', 'checklist.json'], {
			cwd,
			env: {
				PREFLIGHT_NOW: NOW,
				PREFLIGHT_REVIEWER: 'Sec',
				PREFLIGHT_REVIEWER_EMAIL: 'sec@example.com',
				HOME: cwd,
			},
		});
		// Not the first pending item (System boundaries) but the first security one.
		let screen = await app.waitFor('id: sec.secrets');
		expect(screen).toContain('needs security');
		app.type('p');
		await app.waitFor('id: sec.scan');

		app.type('/');
		await app.waitFor('Filter (text or status):');
		app.type('mine');
		await app.waitFor('(you may settle)');
		app.press('enter');
		screen = await app.waitFor('filter: mine');
		expect(screen).toContain('System boundaries');
		expect(screen).not.toContain('Pager set up');
		app.press('esc');
		await app.waitUntil((s) => !s.includes('filter: mine'), 'the filter cleared');

		app.type('s');
		screen = await app.waitFor('by who may settle them');
		expect(screen).toMatch(
			/security \(1\)[\s\S]*Dependency scan[\s\S]*sre \(1\)[\s\S]*Pager set up[\s\S]*open to anyone \(1\)/,
		);
		app.press('esc');
		await app.waitFor('id: sec.scan');
		app.press('esc');
		await app.waitFor('esc again goes back');
		app.press('esc');
		screen = await app.waitFor('waits on');
		expect(screen).toContain('waits on security 1 · sre 1 · anyone 1');
		app.type('q');
		expect(await app.exit).toBe(0);
	});
});
