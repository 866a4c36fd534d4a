// A checklist upgrade writes the milestone snapshot of the review as it stood
// on the checklist it had, before the upgrade is saved: through the real CLI
// (`preflight upgrade`, `set`) and the app (opening the review), with the
// copy of the old checklist kept beside the database, or missing, edited, or
// with a snapshots folder that cannot be written.
import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {readDatabaseFile} from '../database-file.js';
import {v1Data, v2Data} from '../report/milestone-fixtures.js';
import {runCli, tempDir, useSessions} from './pty.js';

const DAY1 = '2026-03-01T12:00:00.000Z';
const DAY2 = '2026-03-02T12:00:00.000Z';
const v1Hex = checklistFromData(v1Data, 'v1').digest.slice('sha256:'.length);
const v2Hex = checklistFromData(v2Data, 'v2').digest.slice('sha256:'.length);

type Db = {
	reviews: Array<{audit: Array<{item: string; detail?: string}>; checklist: {version: string}}>;
};

const {open} = useSessions();

/** A folder with a review of pay r1 on v1 (ops.a failed, ops.gone n/a), its checklist now v2. */
function reviewOnV1() {
	const cwd = tempDir();
	const checklist = join(cwd, 'checklist.json');
	const preflight = join(cwd, '.preflight');
	const cli = (args: string[], now = DAY1) =>
		runCli(cwd, [...args, '--checklist', checklist], {
			PREFLIGHT_NOW: now,
			PREFLIGHT_REVIEWER: 'Alice',
			HOME: cwd,
		});
	writeFileSync(checklist, JSON.stringify(v1Data));
	const on = ['--system', 'pay', '--release', 'r1'];
	expect(cli(['set', 'ops.a', 'fail', '--note', 'no rota', ...on]).status).toBe(0);
	expect(cli(['set', 'ops.gone', 'na', '--justification', 'not here', ...on]).status).toBe(0);
	writeFileSync(checklist, JSON.stringify(v2Data));
	return {cwd, checklist, preflight, cli, db: join(preflight, 'db.json')};
}

const milestoneStem = 'pay-r1-20260302T120000Z-before-2.0.0';

function snapshots(preflight: string): string[] {
	const dir = join(preflight, 'snapshots');
	return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function upgradeEntry(db: string): string {
	const data = readDatabaseFile(db) as Db;
	const entry = data.reviews[0]!.audit.find((e) => e.detail?.startsWith('upgraded checklist'));
	return entry?.detail ?? '';
}

/** The milestone's JSON as written, and verify's say on it against the kept old checklist. */
function checkMilestone(w: ReturnType<typeof reviewOnV1>) {
	expect(snapshots(w.preflight)).toEqual([`${milestoneStem}.json`, `${milestoneStem}.md`]);
	const file = join(w.preflight, 'snapshots', `${milestoneStem}.json`);
	const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
		checklist: {version: string};
		sections: Array<{items: Array<{id: string; level: string; status: string}>}>;
	};
	expect(snapshot.checklist.version).toBe('1.0.0');
	const items = snapshot.sections.flatMap((s) => s.items);
	expect(items.find((i) => i.id === 'ops.gone')).toMatchObject({status: 'na'});
	expect(items.find((i) => i.id === 'ops.a')).toMatchObject({level: 'required', status: 'fail'});
	const copy = join(w.preflight, 'checklists', `${v1Hex}.json`);
	const verify = runCli(w.cwd, ['verify', file, '--checklist', copy], {HOME: w.cwd});
	expect(verify.status, verify.stdout + verify.stderr).toBe(0);
	expect(verify.stdout).toContain('✔ intact');
}

describe('the milestone snapshot before a checklist upgrade', () => {
	it('set keeps the copy of the checklist a review is created on', () => {
		const w = reviewOnV1();
		const copy = join(w.preflight, 'checklists', `${v1Hex}.json`);
		expect(statSync(copy).mode & 0o777).toBe(0o600);
		expect(statSync(join(w.preflight, 'checklists')).mode & 0o777).toBe(0o700);
		expect(snapshots(w.preflight)).toEqual([]);
	});

	it('a refused upgrade writes nothing: no milestone, no copy, the database as it was', () => {
		const w = reviewOnV1();
		const before = readFileSync(w.db);
		const r = w.cli(['upgrade', '--attach', 'nothing=ops.new'], DAY2);
		expect(r.status).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(readFileSync(w.db)).toEqual(before);
		expect(snapshots(w.preflight)).toEqual([]);
		expect(readdirSync(join(w.preflight, 'checklists'))).toEqual([`${v1Hex}.json`]);
	});

	it('preflight upgrade writes the milestone, names it in the audit log, keeps the new copy; verify accepts it', () => {
		const w = reviewOnV1();
		const r = w.cli(['upgrade'], DAY2);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain(
			`note: milestone snapshot of the review on checklist 1.0.0: ${join(w.preflight, 'snapshots', `${milestoneStem}.json`)}`,
		);
		checkMilestone(w);
		expect(upgradeEntry(w.db)).toMatch(
			new RegExp(
				`→ 2\\.0\\.0 \\(sha256:${v2Hex}\\): .*; milestone snapshots/${milestoneStem}\\.json$`,
			),
		);
		expect(existsSync(join(w.preflight, 'checklists', `${v2Hex}.json`))).toBe(true);
		// Already on 2.0.0: no second milestone.
		expect(w.cli(['upgrade'], DAY2).status).toBe(0);
		expect(snapshots(w.preflight)).toHaveLength(2);
	});

	it('set on the new checklist upgrades, and writes the milestone first', () => {
		const w = reviewOnV1();
		const r = w.cli(['set', 'ops.b', 'fail'], DAY2);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('note: milestone snapshot of the review on checklist 1.0.0');
		checkMilestone(w);
	});

	it('decide on the new checklist upgrades, and writes the milestone first', () => {
		const w = reviewOnV1();
		const r = w.cli(['decide', 'no-go', '--note', 'not yet'], DAY2);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('note: milestone snapshot of the review on checklist 1.0.0');
		checkMilestone(w);
	});

	it('read-only commands judge on the new checklist but write no milestone', () => {
		const w = reviewOnV1();
		expect(w.cli(['status'], DAY2).status).toBe(0);
		expect(w.cli(['gate'], DAY2).status).not.toBe(2);
		expect(snapshots(w.preflight)).toEqual([]);
	});

	it('the app writes the milestone when opening the review upgrades it', async () => {
		const w = reviewOnV1();
		const app = open(['--checklist', w.checklist, '--system', 'pay', '--release', 'r1'], {
			cwd: w.cwd,
			cols: 200,
			env: {PREFLIGHT_NOW: DAY2, PREFLIGHT_REVIEWER: 'Bob', HOME: w.cwd},
		});
		// The milestone's file is said first, before the upgrade's own line.
		const screen = await app.waitFor('before-2.0.0.json');
		expect(screen).toMatch(/milestone snapshots\/[^\s]+ · checklist updated 1\.0\.0 → 2\.0\.0: /);
		app.type('q');
		expect(await app.exit).toBe(0);
		checkMilestone(w);
		expect(upgradeEntry(w.db)).toContain(`; milestone snapshots/${milestoneStem}.json`);
		expect(existsSync(join(w.preflight, 'checklists', `${v2Hex}.json`))).toBe(true);
	});

	it.each([80, 100])(
		'at %i columns the app shows the milestone file whole, and O for the orphans',
		async (cols) => {
			const w = reviewOnV1();
			const app = open(['--checklist', w.checklist, '--system', 'pay', '--release', 'r1'], {
				cwd: w.cwd,
				cols,
				env: {PREFLIGHT_NOW: DAY2, PREFLIGHT_REVIEWER: 'Bob', HOME: w.cwd},
			});
			const screen = await app.waitFor('before-2.0.0.json');
			expect(screen).toContain(`milestone snapshots/${milestoneStem}.json`);
			expect(screen).not.toContain('lists the orphaned answers');
			// At 80 columns the line's end may be cut; the header names O on every frame.
			expect(screen).toMatch(cols >= 100 ? /orphans? · O lists them/ : /orphaned answers? \(O\)/);
			app.type('q');
			expect(await app.exit).toBe(0);
		},
	);

	it('a missing copy (a review begun before copies): the upgrade goes on, one line says why', () => {
		const w = reviewOnV1();
		rmSync(join(w.preflight, 'checklists'), {recursive: true});
		const r = w.cli(['upgrade'], DAY2);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(
			/note: no milestone snapshot of the review on checklist 1\.0\.0: no copy of that checklist is kept/,
		);
		expect(snapshots(w.preflight)).toEqual([]);
		expect(upgradeEntry(w.db)).toMatch(
			/; no milestone snapshot: checklist 1\.0\.0 is not kept beside the database$/,
		);
		expect((readDatabaseFile(w.db) as Db).reviews[0]!.checklist.version).toBe('2.0.0');
	});

	it('an edited copy is not judged on: the upgrade goes on without a milestone', () => {
		const w = reviewOnV1();
		const copy = join(w.preflight, 'checklists', `${v1Hex}.json`);
		writeFileSync(copy, readFileSync(copy, 'utf8').replace('"required"', '"recommended"'));
		const r = w.cli(['upgrade'], DAY2);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/note: no milestone snapshot .*was changed: its digest is sha256:/);
		expect(snapshots(w.preflight)).toEqual([]);
	});

	it('a snapshots folder that cannot be written: one line, the upgrade saved', () => {
		const w = reviewOnV1();
		writeFileSync(join(w.preflight, 'snapshots'), 'in the way');
		const r = w.cli(['upgrade'], DAY2);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/note: no milestone snapshot .*a file of that name is in the way/);
		expect(upgradeEntry(w.db)).toMatch(/; no milestone snapshot: it could not be written$/);
	});
});
