import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {keys, root, runCli, tempDir, useSessions} from './pty.js';
import {readDatabaseFile} from '../database-file.js';

const NOW = '2026-03-01T12:00:00.000Z';

const {open} = useSessions();

const env = (cwd: string) => ({PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd});

function cli(cwd: string, args: string[]) {
	return runCli(cwd, args, env(cwd), {timeout: 120_000});
}

describe('u right after D in a real terminal', () => {
	it('undoes nothing and says so: the go just recorded stands, the older edit stays', async () => {
		const cwd = tempDir();
		const checklist = JSON.parse(
			readFileSync(join(root, 'data', 'checklists', 'ai-infrastructure.json'), 'utf8'),
		) as {sections: Array<{items: Array<{id: string}>}>};
		for (const id of checklist.sections.flatMap((s) => s.items.map((i) => i.id))) {
			const r = cli(cwd, [
				'set',
				id,
				'pass',
				'--system',
				'demo',
				'--evidence',
				'https://ci.example/ok',
			]);
			expect(r.status, r.stderr).toBe(0);
		}
		const app = open(['--system', 'demo'], {cwd, env: env(cwd)});
		// Every item answered: it opens on the summary; esc goes to the items.
		await app.waitFor('READY');
		app.type(keys.esc);
		await app.waitFor('u undo');
		app.type('c');
		await app.waitFor('Note for “');
		app.type('checked twice');
		app.type(keys.enter);
		await app.waitUntil((s) => !s.includes('Note for “'), 'the note saved');
		app.type('s');
		await app.waitFor('READY');
		app.type('D');
		await app.waitFor('Decision (go or no-go):');
		app.type('go');
		app.type(keys.enter);
		await app.waitFor('Note for the go');
		app.type(keys.enter);
		await app.waitFor('decision: go by Alice');
		app.type(keys.esc);
		await app.waitUntil((s) => !s.includes('decision: go by Alice'), 'back on the review');
		app.type('u');
		await app.waitFor('Nothing undone: the last change is the GO just recorded');
		app.type('q');
		expect(await app.exit).toBe(0);
		const dbPath = join(cwd, '.preflight', 'db.json');
		const review = readDatabaseFile(dbPath).reviews[0]!;
		expect(review.decisions).toHaveLength(1);
		expect(Object.values(review.answers).filter((a) => a.note === 'checked twice')).toHaveLength(1);
		const gate = cli(cwd, ['gate', '--require-decision']);
		expect(gate.status, gate.stdout).toBe(0);
		expect(gate.stdout).toContain('decision: go by Alice');
	}, 120_000);
});
