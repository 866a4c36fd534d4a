// A database merged through git holds a conflict: the app opens on it, shows
// both answers, and the keys settle it; what they did is in the file.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import {parseDatabase} from '../../source/store/validated-file.js';
import {sideAnswer, withConflict, writeDatabase} from '../model/conflict-fixture.js';
import {tempDir, useSessions} from './pty.js';

const NOW = '2026-03-01T12:00:00.000Z';
const {open} = useSessions();

const loaded = loadChecklist(defaultChecklistPath());

/** The database at `path`, read as the store reads it (whatever its layout on disk). */
function readDb(path: string) {
	return parseDatabase(readFileSync(path, 'utf8'), path).data;
}

describe('a conflict left by a merge, in a real terminal', () => {
	it('opens on it, 2 keeps the second answer, u brings it back, f answers it afresh; the file says so', async () => {
		const cwd = tempDir();
		const db = join(cwd, '.preflight', 'db.json');
		const review = withConflict(
			{...newReview(loaded.checklist, loaded.digest, 'svc', undefined, new Date(NOW)), id: 'r-e2e'},
			'security.secrets',
			[
				sideAnswer(loaded, 'security.secrets', 'pass', 'Ana', '2026-02-01T09:30:00.000Z', {
					evidence: 'https://vault.example/policy',
				}),
				sideAnswer(loaded, 'security.secrets', 'fail', 'Bo', '2026-02-02T14:00:00.000Z', {
					// Hostile text inside a conflict's answer is drawn clean.
					note: 'keys in image\u001b]0;pwned\u0007\u001b[2J',
				}),
			],
		);
		writeDatabase(db, [review]);
		const kept = review.conflicts!['security.secrets']!.answers[1]!;

		const app = open(['--system', 'svc'], {
			cwd,
			cols: 100,
			rows: 32,
			env: {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Carol', HOME: cwd},
		});
		let screen = await app.waitFor('answer 2:');
		expect(screen).toMatch(/› ⚠ conflict Manage secrets properly/);
		expect(screen).toContain('⚠ 1 conflict');
		expect(screen).toMatch(/answer 1: ✖ fail {2}signed off by Bo/);
		expect(screen).toContain('note: keys in image');
		expect(app.raw()).not.toContain('pwned\u0007');

		app.type('2');
		screen = await app.waitFor('Kept answer 2');
		expect(screen).toMatch(/› ✔ pass {4}Manage secrets properly/);
		await app.waitUntil(() => !readDb(db).reviews[0]!.conflicts, 'the conflict to leave the file');
		expect(readDb(db).reviews[0]!.answers['security.secrets']).toEqual(kept);

		app.type('u');
		await app.waitFor('is a conflict again');
		await app.waitUntil(
			() => Boolean(readDb(db).reviews[0]!.conflicts?.['security.secrets']),
			'the conflict back in the file',
		);

		app.type('f');
		await app.waitFor('Failed “Manage secrets properly”');
		app.type('q');
		expect(await app.exit).toBe(0);

		const saved = readDb(db).reviews[0]!;
		expect(saved.conflicts).toBeUndefined();
		expect(saved.answers['security.secrets']).toMatchObject({
			status: 'fail',
			signedOff: {by: 'Carol'},
		});
		const details = saved.audit.map((e) => `${e.by}: ${e.detail ?? ''}`);
		expect(details).toEqual([
			expect.stringMatching(/^Carol: conflict resolved: kept answer 2 of 2 \(pass by Ana\)/),
			expect.stringMatching(/^Carol: undo: the conflict is back/),
			expect.stringMatching(
				/^Carol: conflict answered afresh; set aside: fail by Bo · pass by Ana/,
			),
		]);
	});
});
