import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadChecklistAsync} from '../../source/checklist/load.js';
import {ensureBuilt, root, workspace} from './cli.js';
import {readDatabaseFile} from '../database-file.js';

const fixtures = join(root, 'test', 'fixtures', 'upgrade');

/** An item's id by its title: the Markdown reader derives ids its own way, the tests do not guess them. */
type IdOf = (title: string) => string;
async function idsOf(name: string): Promise<IdOf> {
	const {checklist} = await loadChecklistAsync(join(fixtures, name));
	return (title) => {
		for (const s of checklist.sections)
			for (const it of s.items) if (it.title === title) return it.id;
		throw new Error(`no item “${title}” in ${name}`);
	};
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let v1: IdOf;
let firstWordIds: IdOf;
let sectionIds: IdOf;
beforeAll(async () => {
	ensureBuilt();
	[v1, firstWordIds, sectionIds] = await Promise.all([
		idsOf('markdown-v1.md'),
		idsOf('markdown-first-word.md'),
		idsOf('markdown-section.md'),
	]);
});

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
 * replaced by `next` (the checklist as edited): three items answered.
 */
function answeredThenEdited(next: string) {
	const ws = workspace();
	const checklist = join(ws.dir, 'checklist.md');
	copyFileSync(join(fixtures, 'markdown-v1.md'), checklist);
	const set = (title: string, ...rest: string[]) => {
		const r = ws.run(['set', v1(title), ...rest, '--system', 'svc', '--checklist', checklist]);
		expect(r.code, r.stderr).toBe(0);
	};
	set('Define clear rollback steps', 'fail', '--note', 'no rollback yet');
	set('On-call rota staffed', 'pass', '--evidence', 'https://example.com/rota');
	set('Secrets kept in a vault', 'na', '--justification', 'no secrets');
	writeFileSync(checklist, next);
	const db = () => readDatabaseFile(ws.db) as Db;
	const upgrade = (...args: string[]) => ws.run(['upgrade', '--checklist', checklist, ...args]);
	return {ws, checklist, db, upgrade};
}

const firstWord = readFileSync(join(fixtures, 'markdown-first-word.md'), 'utf8');
const rollback = () => ({
	from: v1('Define clear rollback steps'),
	to: firstWordIds('Document clear rollback steps'),
});

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
		const {from, to} = rollback();
		const r = upgrade('--accept-renames');
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines.filter((l) => l.startsWith('renamed'))).toEqual([
			expect.stringMatching(
				new RegExp(
					`^renamed ${escaped(from)} → ${escaped(to)}: “Define clear rollback steps” → “Document clear rollback steps” \\(score 0\\.\\d\\d; ↻ recheck\\)$`,
				),
			),
		]);
		expect(lines.at(-1)).toBe('svc: saved on checklist service-launch 1.1.0');
		const review = db().reviews[0]!;
		expect(review.answers[to]).toMatchObject({
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
		const {from, to} = rollback();
		const r = upgrade('--no-renames');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain(`kept as an orphan: ${from} (not renamed to ${to})`);
		expect(r.stdout).toMatch(/1 answer kept from items no longer in the checklist/);
		let review = db().reviews[0]!;
		expect(review.orphans?.[from]).toMatchObject({answer: {status: 'fail'}, removedIn: '1.1.0'});
		expect(review.proposals).toBeUndefined();

		// status lists it, not as a proposal any more
		const status = ws.run(['status', '--checklist', checklist]);
		expect(status.stdout).toContain(
			'orphans (1): answers of items no longer in the checklist, not judged:',
		);
		expect(status.stdout).toContain(
			`  ✖ fail  ${from}  “Define clear rollback steps”  removed in 1.1.0`,
		);
		expect(status.stdout).not.toContain('renames proposed');

		const bad = upgrade('--attach', `not-an-orphan=${to}`);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(
			/^preflight: --attach not-an-orphan=.*: no orphaned answer "not-an-orphan"/,
		);
		expect(upgrade('--attach', 'no-equals-sign').stderr).toMatch(/--attach takes OLD=NEW/);

		const alerts = firstWordIds('Alerts route to the owning team');
		// Either side may be the start of its id, as for every command that takes an item.
		const typo = upgrade('--attach', `${from}=${alerts}x`);
		expect(typo.code).toBe(2);
		expect(typo.stderr).toContain(`did you mean ${alerts}?`);
		const attach = upgrade('--attach', `${from.slice(0, -2)}=${alerts.slice(0, -3)}`);
		expect(attach.code, attach.stderr).toBe(0);
		expect(attach.stdout).toContain(
			`attached ${from} → ${alerts}: “Alerts route to the owning team” (↻ recheck)`,
		);
		review = db().reviews[0]!;
		expect(review.answers[alerts]?.status).toBe('fail');
		expect(review.orphans).toBeUndefined();
	});

	it('a section heading renamed: every answer in it moves, printed, with no choice needed', () => {
		const {upgrade, db} = answeredThenEdited(
			readFileSync(join(fixtures, 'markdown-section.md'), 'utf8'),
		);
		const r = upgrade();
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain(
			`renamed ${v1('On-call rota staffed')} → ${sectionIds('On-call rota staffed')}: same title and guidance`,
		);
		const answers = db().reviews[0]!.answers;
		expect(answers[sectionIds('Define clear rollback steps')]?.status).toBe('fail');
		expect(answers[sectionIds('On-call rota staffed')]?.status).toBe('pass');
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
		expect(r.stdout).toContain(`renamed ${v1('Define clear rollback steps')} → `);
	});
});

describe('other commands never take a proposed rename', () => {
	it('status says so and lists the proposals; --json has them; nothing is written', () => {
		const {ws, checklist} = answeredThenEdited(firstWord);
		const {from, to} = rollback();
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
			new RegExp(
				`^ {2}${escaped(from)} → ${escaped(to)} {2}“Define clear rollback steps” → “Document clear rollback steps” {2}score 0\\.\\d\\d$`,
				'm',
			),
		);
		const json = JSON.parse(ws.run(['status', '--json', '--checklist', checklist]).stdout) as {
			orphans: Array<{id: string; status: string}>;
			proposedRenames: Array<{from: string; to: string; score: number}>;
		};
		expect(json.orphans).toMatchObject([{id: from, status: 'fail'}]);
		expect(json.proposedRenames).toEqual([{from, to, score: expect.any(Number)}]);
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
	});

	it('set saves the orphan and the proposal, says so, and gate and snapshot say so too', () => {
		const {ws, checklist, db} = answeredThenEdited(firstWord);
		const {from, to} = rollback();
		const set = ws.run(['set', firstWordIds('Dashboards exist'), 'fail', '--checklist', checklist]);
		expect(set.code, set.stderr).toBe(0);
		expect(set.stdout).toMatch(
			/^note: checklist updated 1\.0\.0 → 1\.1\.0: .*1 answer kept as an orphan$/m,
		);
		expect(set.stdout).toContain('note: 1 rename proposed: run preflight upgrade');
		const review = db().reviews[0]!;
		expect(review.orphans?.[from]?.answer.status).toBe('fail');
		expect(review.proposals).toEqual([{from, to, score: expect.any(Number)}]);
		expect(review.answers[to]).toBeUndefined();

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
		expect(readFileSync(out, 'utf8')).not.toContain(from);
		const verify = ws.run(['verify', out, '--checklist', checklist]);
		expect(verify.code, verify.stdout + verify.stderr).toBe(0);
	});
});
