import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {answerFor} from '../../source/model/evaluate.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import {sideAnswer, withConflict, writeDatabase} from '../model/conflict-fixture.js';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

const loaded = loadChecklist(defaultChecklistPath());
const item = 'security.secrets';

/** A workspace whose database holds one review of the default checklist with security.secrets in conflict. */
function conflictWorkspace(by = 'Bo') {
	const ws = workspace();
	const review = withConflict(
		{
			...newReview(
				loaded.checklist,
				loaded.digest,
				'api',
				undefined,
				new Date('2026-02-01T00:00:00Z'),
			),
			id: 'r-conflict',
		},
		item,
		[
			sideAnswer(loaded, item, 'pass', 'Ana', '2026-02-01T09:30:00.000Z', {
				evidence: 'https://vault.example/policy',
				note: 'vault in place',
			}),
			sideAnswer(loaded, item, 'fail', by, '2026-02-02T14:00:00.000Z', {
				note: 'keys still in the image',
			}),
		],
	);
	writeDatabase(ws.db, [review]);
	return ws;
}

describe('conflicts in the commands', () => {
	it('status lists the conflict as a blocker and each answer with who signed it', () => {
		const ws = conflictWorkspace();
		const r = ws.run(['status']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain(
			'  ⚠ security.secrets  Manage secrets properly: conflict: fail by Bo · pass by Ana — pick one or answer afresh',
		);
		expect(r.stdout).toContain('conflicts (1): items the merged branches answered differently');
		expect(r.stdout).toContain(
			'      1. ✖ fail by Bo at 2026-02-02 14:00 UTC — note: keys still in the image',
		);
		expect(r.stdout).toContain(
			'      2. ✔ pass by Ana at 2026-02-01 09:30 UTC — note: vault in place · evidence: https://vault.example/policy',
		);
	});

	it('status --json and gate --json give both answers and their signers; gate blocks', () => {
		const ws = conflictWorkspace();
		const status = JSON.parse(ws.run(['status', '--json']).stdout);
		expect(status.conflicts).toBe(1);
		// Neither answer counts: the item is pending.
		expect(status.totals).toMatchObject({pass: 0, fail: 0, pending: 26});
		const gate = ws.run(['gate', '--json']);
		expect(gate.code).toBe(1);
		const json = JSON.parse(gate.stdout);
		expect(json.conflicts).toBe(1);
		const blocker = json.blockers.find((b: {itemId: string}) => b.itemId === item);
		expect(blocker).toEqual(status.blockers.find((b: {itemId: string}) => b.itemId === item));
		expect(blocker.reason).toBe('conflict: fail by Bo · pass by Ana — pick one or answer afresh');
		expect(blocker.conflict.answers).toEqual([
			{
				status: 'fail',
				signedOff: {by: 'Bo', at: '2026-02-02T14:00:00.000Z'},
				note: 'keys still in the image',
				evidence: [],
			},
			{
				status: 'pass',
				signedOff: {by: 'Ana', at: '2026-02-01T09:30:00.000Z'},
				note: 'vault in place',
				evidence: [{kind: 'url', ref: 'https://vault.example/policy'}],
			},
		]);
	});

	it('gate says how to settle it; reviews counts the conflicts', () => {
		const ws = conflictWorkspace();
		const gate = ws.run(['gate']);
		expect(gate.code).toBe(1);
		expect(gate.stdout).toContain('⚠ security.secrets  Manage secrets properly: conflict:');
		expect(gate.stdout).toContain('1 conflict (⚠): keep one answer in the app (1–9 on the item)');
		expect(ws.run(['reviews']).stdout).toMatch(/api .*✖ NOT READY · 26 blockers · ⚠ 1 conflict/);
		expect(JSON.parse(ws.run(['reviews', '--json']).stdout)[0].conflicts).toBe(1);
	});

	it('set answers a conflict afresh: the conflict leaves the file, the audit says so', () => {
		const ws = conflictWorkspace();
		const r = ws.run(['set', item, 'na', '--justification', 'no secrets in this service']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain(
			'api: security.secrets ⚠ conflict → – n/a (conflict answered afresh)',
		);
		expect(readFileSync(ws.db, 'utf8')).not.toContain('"conflicts"');
		const status = JSON.parse(ws.run(['status', '--json']).stdout);
		expect(status.conflicts).toBe(0);
		expect(status.blockers.some((b: {itemId: string}) => b.itemId === item)).toBe(false);
	});

	it('removes escape sequences from a hostile signer name', () => {
		const ws = conflictWorkspace('Bo\u001b]0;pwned\u0007\u001b[31m');
		const out = ws.run(['status']).stdout + ws.run(['gate']).stdout;
		// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
		expect(out).not.toMatch(/\u001b|\u0007/);
		expect(out).toContain('fail by Bo');
	});

	it('a conflict made by preflight merge shows in status, and set settles it', () => {
		const ws = workspace();
		const base = {
			...newReview(
				loaded.checklist,
				loaded.digest,
				'api',
				undefined,
				new Date('2026-02-01T00:00:00Z'),
			),
			id: 'r-merge',
		};
		const ana = {by: 'Ana', at: new Date('2026-02-02T10:00:00Z')};
		const bo = {by: 'Bo', at: new Date('2026-02-03T10:00:00Z')};
		const ours = recordAnswer(
			base,
			item,
			withStatus(
				withEvidence(answerFor(base, item), {kind: 'url', ref: 'https://v.example'}),
				'pass',
			),
			ana,
		);
		const theirs = recordAnswer(base, item, withStatus(answerFor(base, item), 'fail'), bo);
		const files = ['base', 'ours', 'theirs'].map((name) => join(ws.dir, `${name}.json`));
		[base, ours, theirs].forEach((review, i) => writeDatabase(files[i]!, [review]));
		const merged = ws.run(['merge', ...files, '--out', ws.db]);
		expect(merged.stderr).toBe('');
		expect(merged.code).toBe(0);
		expect(merged.stdout).toContain('conflict: api · security.secrets:');
		const status = ws.run(['status']);
		expect(status.stdout).toMatch(
			/⚠ security\.secrets {2}Manage secrets properly: conflict: .*fail by Bo/,
		);
		expect(status.stdout).toContain('conflicts (1):');
		expect(ws.run(['set', item, 'fail', '--note', 'agreed: rotate first']).code).toBe(0);
		expect(JSON.parse(ws.run(['status', '--json']).stdout).conflicts).toBe(0);
	});

	it('a conflict on an item the checklist no longer has is said, not judged', () => {
		const ws = workspace();
		const review = withConflict(
			{
				...newReview(
					loaded.checklist,
					loaded.digest,
					'api',
					undefined,
					new Date('2026-02-01T00:00:00Z'),
				),
				id: 'r-stray',
			},
			'ops.gone',
			[
				sideAnswer(loaded, item, 'pass', 'Ana', '2026-02-01T09:30:00.000Z', {
					evidence: 'https://x',
				}),
				sideAnswer(loaded, item, 'fail', 'Bo', '2026-02-02T14:00:00.000Z'),
			],
		);
		writeDatabase(ws.db, [review]);
		const r = ws.run(['status']);
		expect(r.stdout).toContain(
			'conflicts on items no longer in the checklist (1), not judged: ops.gone',
		);
		expect(r.stdout).not.toContain('conflicts (1):');
		expect(JSON.parse(ws.run(['status', '--json']).stdout).conflicts).toBe(0);
	});
});
