// The checklist file changes on disk under a live review: opening the app
// asks about the renames it proposes before showing the review, and what is
// accepted is in the database.
import {copyFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadChecklistAsync} from '../../source/checklist/load.js';
import {root, runCli, tempDir, useSessions} from './pty.js';
import {readDatabaseFile} from '../database-file.js';

const NOW = '2026-03-01T12:00:00.000Z';
const fixtures = join(root, 'test', 'fixtures', 'upgrade');

type Db = {
	reviews: Array<{
		answers: Record<string, {status: string; note?: string; reReview?: boolean}>;
		orphans?: Record<string, unknown>;
		proposals?: unknown[];
		audit: Array<{item: string; by: string; detail?: string}>;
	}>;
};

const {open} = useSessions();

/** An item's id by its title in a fixture (the Markdown reader derives ids its own way). */
async function idOf(name: string, title: string): Promise<string> {
	const {checklist} = await loadChecklistAsync(join(fixtures, name));
	for (const s of checklist.sections)
		for (const it of s.items) if (it.title === title) return it.id;
	throw new Error(`no item “${title}” in ${name}`);
}

function cli(cwd: string, args: string[]) {
	const r = runCli(cwd, args, {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd});
	expect(r.status, r.stderr).toBe(0);
}

describe('a checklist changed on disk under a review', () => {
	it('the app asks about the proposed renames on open; y accepts and the database has the answer', async () => {
		const cwd = tempDir();
		const checklist = join(cwd, 'checklist.md');
		copyFileSync(join(fixtures, 'markdown-v1.md'), checklist);
		const on = ['--checklist', checklist, '--system', 'svc'];
		const rollback = await idOf('markdown-v1.md', 'Define clear rollback steps');
		const dashboards = await idOf('markdown-v1.md', 'Dashboards exist');
		const renamed = await idOf('markdown-first-word.md', 'Document clear rollback steps');
		cli(cwd, ['set', rollback, 'fail', '--note', 'no plan', ...on]);
		cli(cwd, ['set', dashboards, 'fail', ...on]);
		// The checklist is edited: the first word of an answered item changes.
		copyFileSync(join(fixtures, 'markdown-first-word.md'), checklist);

		const app = open(on, {
			cwd,
			env: {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Bob', HOME: cwd},
		});
		let screen = await app.waitFor('Renames proposed');
		expect(screen).toMatch(
			/› 0\.\d\d {2}Define clear rollback steps → Document clear rollback steps/,
		);
		expect(screen).toContain('y accept');
		app.type('y');
		// The save's milestone note comes first in the two-row message line when the
		// save ends before the rename is said (under load): the rename may be cut there.
		screen = await app.waitFor('Renamed “Define');
		// Every rename decided: the review is shown, the renamed item marked for re-review.
		expect(screen).toContain('2/6 answered');
		expect(screen).toMatch(/↻ recheck\s+Document clear rollback steps/);
		app.type('q');
		expect(await app.exit).toBe(0);

		const db = readDatabaseFile(join(cwd, '.preflight', 'db.json')) as Db;
		const review = db.reviews[0]!;
		expect(review.answers[renamed]).toMatchObject({
			status: 'fail',
			note: 'no plan',
			reReview: true,
		});
		expect(review.answers[dashboards]?.status).toBe('fail');
		expect(review.orphans).toBeUndefined();
		expect(review.proposals).toBeUndefined();
		expect(review.audit.at(-1)).toMatchObject({
			item: renamed,
			by: 'Bob',
			detail: expect.stringMatching(/re-attached: rename proposed with score 0\.\d\d, accepted/),
		});
	});
});
