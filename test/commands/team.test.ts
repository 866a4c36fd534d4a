import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from './cli.js';
import {readDatabaseFile} from '../database-file.js';

beforeAll(ensureBuilt);

const checklist = {
	id: 'launch',
	title: 'Launch',
	version: '1',
	sections: [
		{
			id: 'sec',
			title: 'Security',
			owners: ['security'],
			items: [
				{id: 'sec.secrets', title: 'Secrets rotated', evidenceRequired: false, approvals: 2},
				{id: 'sec.scan', title: 'Scan clean', evidenceRequired: false},
			],
		},
		{
			id: 'ops',
			title: 'Ops',
			items: [
				{id: 'ops.pager', title: 'Pager set', evidenceRequired: false, owners: ['sre']},
				{id: 'ops.docs', title: 'Docs', evidenceRequired: false},
			],
		},
	],
};

const teamFile = `roles:
  security: [sec-lead@example.com, AppSec Reviewer]
  sre: [sre-lead@example.com]
`;

/** A workspace with the checklist above and, unless told otherwise, the team file beside the database. */
function teamWorkspace(team: string | null = teamFile) {
	const ws = workspace();
	writeFileSync(join(ws.dir, 'checklist.json'), JSON.stringify(checklist));
	mkdirSync(join(ws.dir, '.preflight'), {recursive: true});
	if (team !== null) writeFileSync(join(ws.dir, '.preflight', 'team.yaml'), team);
	const run = (args: string[], env: Record<string, string> = {}) =>
		ws.run([...args, '--checklist', 'checklist.json'], env);
	return {...ws, run};
}

const secLead = {PREFLIGHT_REVIEWER: 'Sam', PREFLIGHT_REVIEWER_EMAIL: 'sec-lead@example.com'};
const appsec = {PREFLIGHT_REVIEWER: 'AppSec Reviewer'};
const outsider = {PREFLIGHT_REVIEWER: 'Mallory', PREFLIGHT_REVIEWER_EMAIL: 'm@example.com'};

describe('owners and approvals from the command line', () => {
	it('set as different reviewers: an outsider is recorded, two owners settle the item', () => {
		const ws = teamWorkspace();
		const first = ws.run(['set', 'sec.secrets', 'pass', '--system', 'api'], outsider);
		expect(first.code, first.stderr).toBe(0);
		expect(first.stdout).toContain('needs security · 0 of 2 approvals');
		expect(ws.run(['set', 'sec.secrets', 'pass'], secLead).stdout).toContain(
			'needs security · 1 of 2 approvals',
		);
		// The same person again adds nothing.
		expect(ws.run(['set', 'sec.secrets', 'pass'], secLead).stdout).toContain('1 of 2 approvals');
		const status = ws.run(['status']);
		expect(status.stdout).toContain(
			'sec.secrets  Secrets rotated: needs security · 1 of 2 approvals',
		);
		const done = ws.run(['set', 'sec.secrets', 'pass'], appsec);
		expect(done.stdout).not.toContain('approvals');
		expect(ws.run(['status']).stdout).not.toContain('sec.secrets');

		const db = readDatabaseFile(ws.db);
		expect(db.reviews[0]!.answers['sec.secrets']!.approvals).toEqual([
			expect.objectContaining({by: 'Mallory', email: 'm@example.com'}),
			expect.objectContaining({by: 'Sam', email: 'sec-lead@example.com'}),
			expect.objectContaining({by: 'AppSec Reviewer'}),
		]);

		// The snapshot lists every approver; verify accepts it.
		const snap = ws.run(['snapshot']);
		expect(snap.code, snap.stderr).toBe(0);
		const dir = join(ws.dir, '.preflight', 'snapshots');
		const file = join(
			dir,
			readdirSync(dir).find((f) => f.endsWith('.json'))!,
		);
		const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
			sections: Array<{items: Array<{id: string; approvals?: unknown[]; owners?: string[]}>}>;
		};
		const item = snapshot.sections[0]!.items.find((i) => i.id === 'sec.secrets')!;
		expect(item.owners).toEqual(['security']);
		expect(item.approvals).toHaveLength(3);
		expect(ws.run(['verify', file]).code).toBe(0);
		const markdown = readFileSync(file.replace(/\.json$/, '.md'), 'utf8');
		expect(markdown).toMatch(
			/Mallory, [^<]+<br>Sam, [^<]+<br>AppSec Reviewer, [^<]+<br>owners security · 2 approvals needed/,
		);
	});

	it('verify rechecks the two-person rule in a snapshot', () => {
		const ws = teamWorkspace();
		ws.run(['set', 'sec.secrets', 'pass', '--system', 'api'], secLead);
		ws.run(['set', 'sec.secrets', 'pass'], appsec);
		ws.run(['snapshot', '--out', 'snap.json']);
		const path = join(ws.dir, 'snap.json');
		const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
			sections: Array<{items: Array<{id: string; approvals?: unknown[]}>}>;
		};
		const item = snapshot.sections[0]!.items.find((i) => i.id === 'sec.secrets')!;
		item.approvals = item.approvals!.slice(0, 1);
		writeFileSync(path, JSON.stringify(snapshot));
		const r = ws.run(['verify', path]);
		expect(r.code).not.toBe(0);
		expect(r.stdout + r.stderr).toContain('sec.secrets is pass with 1 of 2 approvals');
	});

	it('status --owner ROLE shows only what that role may settle', () => {
		const ws = teamWorkspace();
		ws.run(['set', 'ops.docs', 'pass', '--system', 'api']);
		const sre = ws.run(['status', '--owner', 'sre']);
		expect(sre.code).toBe(0);
		expect(sre.stdout).toContain('blockers sre may settle (1 of 3):');
		expect(sre.stdout).toContain('ops.pager');
		expect(sre.stdout).not.toContain('sec.scan');
		const json = JSON.parse(ws.run(['status', '--owner', 'security', '--json']).stdout) as {
			blockers: Array<{itemId: string; owners: string[]}>;
		};
		expect(json.blockers.map((b) => b.itemId)).toEqual(['sec.secrets', 'sec.scan']);
		const unknown = ws.run(['status', '--owner', 'dba']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
		expect(unknown.stderr).toContain('--owner dba: the team file defines no such role');
	});

	it('gate --json gives each blocker its owners and approvals', () => {
		const ws = teamWorkspace();
		ws.run(['set', 'sec.secrets', 'pass', '--system', 'api'], secLead);
		const r = ws.run(['gate', '--json']);
		expect(r.code).toBe(1);
		const gate = JSON.parse(r.stdout) as {
			blockers: Array<{itemId: string; owners: string[]; approvals?: {have: number; need: number}}>;
		};
		expect(gate.blockers).toEqual([
			expect.objectContaining({
				itemId: 'sec.secrets',
				owners: ['security'],
				approvals: {have: 1, need: 2},
				reason: 'needs security · 1 of 2 approvals',
			}),
			expect.objectContaining({itemId: 'sec.scan', owners: ['security']}),
			expect.objectContaining({itemId: 'ops.pager', owners: ['sre']}),
			expect.objectContaining({itemId: 'ops.docs', owners: []}),
		]);
	});

	it('without a team file anyone may sign, and the approvals still count people', () => {
		const ws = teamWorkspace(null);
		ws.run(['set', 'sec.scan', 'pass', '--system', 'api'], outsider);
		ws.run(['set', 'sec.secrets', 'pass'], outsider);
		const status = ws.run(['status']).stdout;
		expect(status).not.toContain('sec.scan');
		expect(status).toContain('sec.secrets  Secrets rotated: 1 of 2 approvals');
	});

	it.each([
		['roles:\n  security: [a\n', /line \d+, column \d+: not valid YAML/],
		['roles:\n  security: []\n  sre: [x]\n', /line 2, column 13, roles\.security: a role needs/],
		['roles:\n  security: [x]\n', /names role "sre", which the team file does not define/],
		['roles:\n  \u001b[31mred: [x]\n', /must be a role name/],
	])('a bad team file is one line, exit 2, nothing written (%j)', (team, message) => {
		const ws = teamWorkspace(team);
		const r = ws.run(['set', 'sec.scan', 'pass', '--system', 'api'], secLead);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/^preflight: team file .*team\.yaml: /);
		expect(r.stderr).toMatch(message);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).not.toContain('\u001b');
		expect(readdirSync(join(ws.dir, '.preflight'))).toEqual(['team.yaml']);
	});

	it('refuses a PREFLIGHT_REVIEWER_EMAIL that is not an email', () => {
		const ws = teamWorkspace();
		const r = ws.run(['set', 'sec.scan', 'pass', '--system', 'api'], {
			PREFLIGHT_REVIEWER_EMAIL: 'not an email',
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('PREFLIGHT_REVIEWER_EMAIL');
	});
});
