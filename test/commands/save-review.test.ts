import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {saveReview} from '../../source/commands/save-review.js';
import {upgradeReview} from '../../source/model/upgrade.js';
import {copyPath} from '../../source/store/checklist-copies.js';
import {snapshotsDir, Store} from '../../source/store/database.js';
import {answeredReview, loaded, v1Data, v2Data} from '../report/milestone-fixtures.js';

const AT = new Date('2026-03-02T12:00:00.000Z');
const lock = {what: 'test', waitMs: 0};

async function storeWithReview() {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-save-'));
	const path = join(dir, '.preflight', 'db.json');
	const v1 = loaded(v1Data);
	const store = await Store.open(path, {lock});
	const review = answeredReview(v1, new Date('2026-03-01T12:00:00.000Z'));
	store.data = {...store.data, reviews: [review]};
	expect(await saveReview(store, undefined, review, v1, AT)).toEqual([]);
	return {store, path, review, v1, v2: loaded(v2Data)};
}

describe('saveReview', () => {
	it('saves an upgrade after its milestone, and keeps both checklists', async () => {
		const {store, path, review, v1, v2} = await storeWithReview();
		try {
			const upgraded = upgradeReview(review, v2.checklist, v2.digest, {by: 'Ann', at: AT}).review;
			const lines = await saveReview(store, review, upgraded, v2, AT);
			expect(lines).toEqual([
				`note: milestone snapshot of the review on checklist 1.0.0: ${join(snapshotsDir(path), 'pay-r1-20260302T120000Z-before-2.0.0.json')}`,
			]);
			expect(readFileSync(path, 'utf8')).toContain(
				'; milestone snapshots/pay-r1-20260302T120000Z-before-2.0.0.json',
			);
			expect(existsSync(copyPath(path, v1.digest)!)).toBe(true);
			expect(existsSync(copyPath(path, v2.digest)!)).toBe(true);
		} finally {
			await store.close();
		}
	});

	it('a save refused (the file changed meanwhile) takes its milestone back', async () => {
		const {store, path, review, v2} = await storeWithReview();
		try {
			// Something else (an editor, git) writes the database while the command has it.
			const text = readFileSync(path, 'utf8');
			writeFileSync(path, text.replace('"no rota"', '"edited by hand"'));
			const upgraded = upgradeReview(review, v2.checklist, v2.digest, {by: 'Ann', at: AT}).review;
			await expect(saveReview(store, review, upgraded, v2, AT)).rejects.toThrow();
			expect(readdirSync(snapshotsDir(path))).toEqual([]);
			expect(existsSync(copyPath(path, v2.digest)!)).toBe(false);
			expect(readFileSync(path, 'utf8')).toContain('edited by hand');
		} finally {
			await store.close();
		}
	});
});
