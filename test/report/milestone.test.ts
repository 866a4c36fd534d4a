import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {upgradeReview, withUpgradeNote} from '../../source/model/upgrade.js';
import {writeMilestone} from '../../source/report/milestone.js';
import {checkSnapshot, snapshotSchema} from '../../source/report/snapshot.js';
import {copyPath, keepChecklistCopy} from '../../source/store/checklist-copies.js';
import {snapshotsDir} from '../../source/store/database.js';
import {answeredReview, loaded, v1Data, v2Data} from './milestone-fixtures.js';

const AT = new Date('2026-03-02T12:00:00.000Z');

function dbPath(): string {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-milestone-'));
	mkdirSync(join(dir, '.preflight'));
	return join(dir, '.preflight', 'db.json');
}

describe('the milestone snapshot before an upgrade', () => {
	it('judges the review on the checklist it had: a removed item is there, a changed level is the old one', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		await keepChecklistCopy(db, v1);
		const review = answeredReview(v1, new Date('2026-03-01T12:00:00.000Z'));
		const m = await writeMilestone(db, review, '2.0.0', AT);
		expect(m.ok).toBe(true);
		if (!m.ok) return;
		expect(basename(m.json)).toBe('pay-r1-20260302T120000Z-before-2.0.0.json');
		expect(basename(m.markdown)).toBe('pay-r1-20260302T120000Z-before-2.0.0.md');
		expect(m.note).toBe('milestone snapshots/pay-r1-20260302T120000Z-before-2.0.0.json');
		const snapshot = snapshotSchema().parse(JSON.parse(readFileSync(m.json, 'utf8')));
		await checkSnapshot(snapshot); // its digest and rules hold, as verify checks them
		expect(snapshot.checklist).toMatchObject({version: '1.0.0', digest: v1.digest});
		const items = snapshot.sections.flatMap((s) => s.items);
		expect(items.map((i) => i.id)).toEqual(['ops.a', 'ops.b', 'ops.gone']);
		expect(items.find((i) => i.id === 'ops.gone')).toMatchObject({status: 'na'});
		expect(items.find((i) => i.id === 'ops.a')).toMatchObject({level: 'required', status: 'fail'});
		expect(snapshot.verdict).toBe('not-ready');
		expect(readFileSync(m.markdown, 'utf8')).toContain('Gone soon');

		// The review on v2 no longer has ops.gone, and ops.a is only recommended there.
		const v2 = loaded(v2Data);
		const upgraded = upgradeReview(review, v2.checklist, v2.digest, {by: 'Ann', at: AT}).review;
		expect(upgraded.checklist.items?.['ops.gone']).toBeUndefined();
		m.remove();
		expect(readdirSync(snapshotsDir(db))).toEqual([]);
	});

	it('a review begun before copies were kept: no milestone, one line why, nothing written', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		const m = await writeMilestone(db, answeredReview(v1, AT), '2.0.0', AT);
		expect(m).toMatchObject({
			ok: false,
			note: 'no milestone snapshot: checklist 1.0.0 is not kept beside the database',
		});
		expect(m.line).toMatch(/^no milestone snapshot of the review on checklist 1\.0\.0: no copy/);
		expect(m.line).not.toContain('\n');
		expect(existsSync(snapshotsDir(db))).toBe(false);
	});

	it('an edited copy is not judged on: no milestone', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		await keepChecklistCopy(db, v1);
		const path = copyPath(db, v1.digest)!;
		// Same shape, one level changed by hand: its digest is another.
		writeFileSync(path, readFileSync(path, 'utf8').replace('"required"', '"recommended"'));
		const m = await writeMilestone(db, answeredReview(v1, AT), '2.0.0', AT);
		expect(m.ok).toBe(false);
		expect(m.line).toMatch(/was changed: its digest is sha256:/);
		expect(existsSync(snapshotsDir(db))).toBe(false);
	});

	it('a snapshots folder it cannot write: no milestone, one line, no throw', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		await keepChecklistCopy(db, v1);
		writeFileSync(snapshotsDir(db), 'in the way');
		const m = await writeMilestone(db, answeredReview(v1, AT), '2.0.0', AT);
		expect(m).toMatchObject({ok: false, note: 'no milestone snapshot: it could not be written'});
		expect(m.line).toMatch(/cannot create folder .*snapshots: a file of that name is in the way/);
	});

	it('a hostile version names a safe file', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		await keepChecklistCopy(db, v1);
		const m = await writeMilestone(db, answeredReview(v1, AT), '../../\u001b[2J', AT);
		expect(m.ok && basename(m.json)).toBe('pay-r1-20260302T120000Z-before-2J.json');
		const dots = await writeMilestone(db, answeredReview(v1, AT), '/../', AT);
		expect(dots.ok && basename(dots.json)).toMatch(
			/^pay-r1-20260302T120000Z-before-v[0-9a-f]{8}\.json$/,
		);
	});
});

describe('withUpgradeNote', () => {
	it('adds the note to the entry of the upgrade to that digest, once', () => {
		const v1 = loaded(v1Data);
		const v2 = loaded(v2Data);
		const review = answeredReview(v1, AT);
		const upgraded = upgradeReview(review, v2.checklist, v2.digest, {by: 'Ann', at: AT}).review;
		const noted = withUpgradeNote(upgraded, v2.digest, 'milestone snapshots/x.json');
		const entry = noted.audit.find((e) => e.detail?.startsWith('upgraded checklist'));
		expect(entry?.detail).toMatch(/: 1 new, 1 removed, 0 changed.*; milestone snapshots\/x\.json$/);
		expect(withUpgradeNote(noted, v2.digest, 'milestone snapshots/x.json')).toBe(noted);
		expect(withUpgradeNote(upgraded, v1.digest, 'milestone snapshots/x.json')).toBe(upgraded);
	});
});
