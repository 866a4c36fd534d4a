import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, root, workspace} from './cli.js';

beforeAll(() => ensureBuilt());

const fixtures = join(root, 'test', 'fixtures', 'upgrade');

type Db = {
	reviews: Array<{
		answers: Record<string, {status: string; note?: string; reReview?: boolean}>;
		orphans?: Record<string, {answer: {status: string}; removedIn: string}>;
		proposals?: Array<{from: string; to: string}>;
		audit: Array<{item: string; detail?: string}>;
	}>;
};

/**
 * A workspace whose review was answered on markdown-v1.md, then the file
 * replaced by `next` (the checklist as edited): three items answered, and
 * after the edit one of them renamed by its first word.
 */
function answeredThenEdited(next: string) {
	const ws = workspace();
	const checklist = join(ws.dir, 'checklist.md');
	copyFileSync(join(fixtures, 'markdown-v1.md'), checklist);
	const set = (id: string, ...rest: string[]) => {
		const r = ws.run(['set', id, ...rest, '--system', 'svc', '--checklist', checklist]);
		expect(r.code, r.stderr).toBe(0);
	};
	set('operations.define-clear-rollback-steps', 'fail', '--note', 'no rollback yet');
	set('operations.on-call-rota-staffed', 'pass', '--evidence', 'https://example.com/rota');
	set('security.secrets-kept-in-a-vault', 'na', '--justification', 'no secrets');
	writeFileSync(checklist, next);
	const db = () => JSON.parse(readFileSync(ws.db, 'utf8')) as Db;
	const upgrade = (...args: string[]) => ws.run(['upgrade', '--checklist', checklist, ...args]);
	return {ws, checklist, db, upgrade};
}

const firstWord = readFileSync(join(fixtures, 'markdown-first-word.md'), 'utf8');

describe('preflight upgrade', () => {
	it('refuses while renames are proposed and neither choice is given, writing nothing', () => {
		const {ws, upgrade} = answeredThenEdited(firstWord);
		const before = readFileSync(ws.db, 'utf8');
		const r = upgrade();
		expect(r.code).toBe(2);
		expect(r.stderr).toBe(
			'preflight: 1 rename is proposed for svc: pass --accept-renames to take them or --no-renames to keep the answers as orphans (preflight status lists them)\n',
		);
		expect(r.stdout).toBe('');
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
		const both = upgrade('--accept-renames', '--no-renames');
		expect(both.code).toBe(2);
		expect(both.stderr).toMatch(/exclude each other/);
	});

	it('--accept-renames applies each rename and prints it on a line of its own', () => {
		const {upgrade, db} = answeredThenEdited(firstWord);
		const r = upgrade('--accept-renames');
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines.filter((l) => l.startsWith('renamed'))).toEqual([
			expect.stringMatching(
				/^renamed operations\.define-clear-rollback-steps → operations\.document-clear-rollback-steps: “Define clear rollback steps” → “Document clear rollback steps” \(score 0\.\d\d; ↻ recheck\)$/,
			),
		]);
		expect(lines.at(-1)).toBe('svc: saved on checklist service-launch 1.1.0');
		const review = db().reviews[0]!;
		expect(review.answers['operations.document-clear-rollback-steps']).toMatchObject({
			status: 'fail',
			note: 'no rollback yet',
			reReview: true,
		});
		expect(review.orphans).toBeUndefined();
		expect(review.proposals).toBeUndefined();
		// again: nothing left to do
		const again = upgrade();
		expect(again.code).toBe(0);
		expect(again.stdout).toBe(
			'svc: already on checklist service-launch 1.1.0, nothing to change\n',
		);
	});

	it('--no-renames keeps the answers as orphans, and --attach re-attaches one later', () => {
		const {upgrade, db, ws, checklist} = answeredThenEdited(firstWord);
		const r = upgrade('--no-renames');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain(
			'kept as an orphan: operations.define-clear-rollback-steps (not renamed to operations.document-clear-rollback-steps)',
		);
		expect(r.stdout).toMatch(/1 answer kept from items no longer in the checklist/);
		let review = db().reviews[0]!;
		expect(review.orphans?.['operations.define-clear-rollback-steps']).toMatchObject({
			answer: {status: 'fail'},
			removedIn: '1.1.0',
		});
		expect(review.proposals).toBeUndefined();

		// status lists it, not as a proposal any more
		const status = ws.run(['status', '--checklist', checklist]);
		expect(status.stdout).toContain(
			'orphans (1): answers of items no longer in the checklist, not judged:',
		);
		expect(status.stdout).toContain(
			'  ✖ fail  operations.define-clear-rollback-steps  “Define clear rollback steps”  removed in 1.1.0',
		);
		expect(status.stdout).not.toContain('renames proposed');

		const bad = upgrade('--attach', 'operations.nope=operations.document-clear-rollback-steps');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(
			/^preflight: --attach operations\.nope=.*: no orphaned answer "operations\.nope"/,
		);
		expect(upgrade('--attach', 'no-equals-sign').stderr).toMatch(/--attach takes OLD=NEW/);

		const attach = upgrade(
			'--attach',
			'operations.define-clear-rollback-steps=operations.alerts-route-to-the-owning-team',
		);
		expect(attach.code, attach.stderr).toBe(0);
		expect(attach.stdout).toContain(
			'attached operations.define-clear-rollback-steps → operations.alerts-route-to-the-owning-team: “Alerts route to the owning team” (↻ recheck)',
		);
		review = db().reviews[0]!;
		expect(review.answers['operations.alerts-route-to-the-owning-team']?.status).toBe('fail');
		expect(review.orphans).toBeUndefined();
	});

	it('a section heading renamed: every answer in it moves, printed, with no choice needed', () => {
		const {upgrade, db} = answeredThenEdited(
			readFileSync(join(fixtures, 'markdown-section.md'), 'utf8'),
		);
		const r = upgrade();
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain(
			'renamed operations.on-call-rota-staffed → operations-and-on-call.on-call-rota-staffed: same title and guidance',
		);
		const answers = db().reviews[0]!.answers;
		expect(answers['operations-and-on-call.define-clear-rollback-steps']?.status).toBe('fail');
		expect(answers['operations-and-on-call.on-call-rota-staffed']?.status).toBe('pass');
	});

	it('prints hostile titles sanitised', () => {
		const hostile = firstWord.replace(
			'Document clear rollback steps',
			'Document clear rollback steps \u001b]0;pwned\u0007\u001b[2J',
		);
		const {upgrade} = answeredThenEdited(hostile);
		const r = upgrade('--accept-renames');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).not.toContain('\u001b');
		expect(r.stdout).not.toContain('\u0007');
		expect(r.stdout).toMatch(/renamed operations\.define-clear-rollback-steps → /);
	});
});

describe('other commands never take a proposed rename', () => {
	it('status says so and lists the proposals; --json has them; nothing is written', () => {
		const {ws, checklist} = answeredThenEdited(firstWord);
		const before = readFileSync(ws.db, 'utf8');
		const r = ws.run(['status', '--checklist', checklist]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain(
			'note: 1 rename proposed: run preflight upgrade (--accept-renames or --no-renames), or open the review in the app',
		);
		expect(r.stdout).toContain(
			'note: 1 answer kept from items no longer in the checklist (orphans, not judged)',
		);
		expect(r.stdout).toMatch(
			/^ {2}operations\.define-clear-rollback-steps → operations\.document-clear-rollback-steps {2}“Define clear rollback steps” → “Document clear rollback steps” {2}score 0\.\d\d$/m,
		);
		const json = JSON.parse(ws.run(['status', '--json', '--checklist', checklist]).stdout) as {
			orphans: Array<{id: string; status: string}>;
			proposedRenames: Array<{from: string; to: string; score: number}>;
		};
		expect(json.orphans).toMatchObject([
			{id: 'operations.define-clear-rollback-steps', status: 'fail'},
		]);
		expect(json.proposedRenames).toEqual([
			{
				from: 'operations.define-clear-rollback-steps',
				to: 'operations.document-clear-rollback-steps',
				score: expect.any(Number),
			},
		]);
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
	});

	it('set saves the orphan and the proposal, says so, and gate and snapshot say so too', () => {
		const {ws, checklist, db} = answeredThenEdited(firstWord);
		const set = ws.run(['set', 'operations.dashboards-exist', 'fail', '--checklist', checklist]);
		expect(set.code, set.stderr).toBe(0);
		expect(set.stdout).toMatch(
			/^note: checklist updated 1\.0\.0 → 1\.1\.0: .*1 answer kept as an orphan$/m,
		);
		expect(set.stdout).toContain('note: 1 rename proposed: run preflight upgrade');
		const review = db().reviews[0]!;
		expect(review.orphans?.['operations.define-clear-rollback-steps']?.answer.status).toBe('fail');
		expect(review.proposals).toEqual([
			{
				from: 'operations.define-clear-rollback-steps',
				to: 'operations.document-clear-rollback-steps',
				score: expect.any(Number),
			},
		]);
		expect(review.answers['operations.document-clear-rollback-steps']).toBeUndefined();

		const gate = ws.run(['gate', '--checklist', checklist]);
		expect(gate.code).toBe(1);
		expect(gate.stdout).toContain('note: 1 rename proposed');
		const out = join(ws.dir, 'snap.json');
		const snap = ws.run(['snapshot', '--checklist', checklist, '--out', out]);
		expect(snap.code, snap.stderr).toBe(0);
		expect(snap.stdout).toBe(`${out}\n`);
		expect(snap.stderr).toContain(
			'preflight: note: 1 answer kept from items no longer in the checklist',
		);
		// The snapshot judges the checklist as it is: no orphan in it, and it verifies.
		expect(readFileSync(out, 'utf8')).not.toContain('define-clear-rollback-steps');
		const verify = ws.run(['verify', out, '--checklist', checklist]);
		expect(verify.code, verify.stdout + verify.stderr).toBe(0);
	});
});
