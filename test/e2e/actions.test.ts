import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir, useSessions} from './pty.js';
import {parseDatabase} from '../../source/store/validated-file.js';

const NOW = '2026-03-01T12:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';

const {open} = useSessions();

describe('an action item in a real terminal', () => {
	it('f fails the item, a adds an action item (owner and due date by default), q leaves it saved', async () => {
		const cwd = tempDir();
		const app = open(['--system', 'demo'], {
			cwd,
			env: {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		await app.waitFor(FOOTER);
		app.type('f');
		await app.waitFor(/✖ fail\s+Define clear system boundaries/);
		app.type('k');
		await app.waitFor('no next step');
		app.type('a');
		await app.answer('Action for', 'write the boundary ADR');
		await app.waitFor('enter for Alice');
		app.press('enter');
		await app.waitFor('enter for 2026-03-15');
		app.press('enter');
		await app.waitFor('action 1: ○ open · due 2026-03-15 · Alice · write the boundary ADR');
		app.type('q');
		expect(await app.exit).toBe(0);

		const dbPath = join(cwd, '.preflight', 'db.json');
		const db = parseDatabase(readFileSync(dbPath, 'utf8'), dbPath).data;
		const answer = db.reviews[0]!.answers['architecture.boundaries']!;
		expect(answer.status).toBe('fail');
		expect(answer.actions).toEqual([
			expect.objectContaining({
				what: 'write the boundary ADR',
				owner: 'Alice',
				due: '2026-03-15',
				addedBy: 'Alice',
			}),
		]);
		expect(db.reviews[0]!.audit.at(-1)?.detail).toContain('action added: write the boundary ADR');
	});
});
