import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir, useSessions} from './pty.js';
import {readDatabaseFile} from '../database-file.js';

const {open} = useSessions();

type Db = {reviews: {answers: Record<string, {status: string; note?: string}>}[]};
const answers = (cwd: string) => {
	const file = join(cwd, '.preflight', 'db.json');
	return existsSync(file) ? ((readDatabaseFile(file) as Db).reviews[0]?.answers ?? {}) : {};
};

// Pasted text that holds the end-of-paste bracket itself (copied from a
// terminal log, or put there on purpose): what follows it must stay text.
const hostile = '\u001b[200~deploy ok\u001b[201~ffff\rq\u001b[201~';

describe('a paste holding its own end bracket', () => {
	it('on the review screen runs no key: nothing is failed, the app does not quit', async () => {
		const cwd = tempDir();
		const app = open(['--system', 'x'], {cwd, env: {PREFLIGHT_REVIEWER: 'Alice', HOME: cwd}});
		await app.waitFor('q/ctrl+c quit');
		app.type(hostile);
		// A key typed in the same read as a paste's end counts as pasted text, so j
		// must come in a read of its own: a pause makes sure of that (it bounds no
		// timing; a slower machine only parts the reads further).
		await new Promise((resolve) => setTimeout(resolve, 300));
		app.type('j');
		await app.waitFor(/› ○ pending Design for failure/);
		expect(Object.values(answers(cwd)).filter((a) => a.status === 'fail')).toEqual([]);
		app.press('ctrlC');
		expect(await app.exit).toBe(0);
	});

	it('in a prompt is one line of text', async () => {
		const cwd = tempDir();
		const app = open(['--system', 'x'], {cwd, env: {PREFLIGHT_REVIEWER: 'Alice', HOME: cwd}});
		await app.waitFor('q/ctrl+c quit');
		app.type('c');
		await app.waitFor('Note for “');
		app.type(hostile);
		await app.waitFor('”: deploy okffff q');
		app.type('\r');
		await app.waitFor('note: deploy okffff q');
		// The screen shows the note as the save begins: wait for the file to hold it.
		await app.waitUntil(() => Object.keys(answers(cwd)).length > 0, 'the note saved');
		expect(Object.values(answers(cwd)).map((a) => a.status)).toEqual(['pending']);
	});
});
