import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {keys, launch, tempDir, useSessions, type Session} from './pty.js';
import {readDatabaseFile} from '../database-file.js';

const FOOTER = 'q/ctrl+c quit';

type Db = {
	reviews: {
		system: string;
		release?: string;
		answers: Record<string, {status: string; note?: string; evidence: unknown[]}>;
	}[];
};

const {track} = useSessions();

function open(cwd: string, args: string[]): Session {
	return track(launch(args, {cwd, env: {PREFLIGHT_REVIEWER: 'Alice', HOME: cwd}}));
}

const readDb = (cwd: string) => readDatabaseFile(join(cwd, '.preflight', 'db.json')) as Db;

/** The bytes a terminal sends for ctrl+F1, and pasted coloured text: these killed the app. */
const ctrlF1 = '\u001b[1;5P';
const red = '\u001b[31m';
const reset = '\u001b[0m';

describe('keyboard input in a real terminal', () => {
	it('survives ctrl+F1 and pasted colours, routes typeahead through the prompt it opens, and quits from a prompt on ctrl+c', async () => {
		const cwd = tempDir();
		const app = open(cwd, ['--system', 'x']);
		await app.waitFor(FOOTER);

		// On the review screen: one per write, then all in one.
		app.type(ctrlF1);
		app.type(red);
		app.type(reset);
		app.type(`${ctrlF1}${red}${reset}j`);
		await app.waitFor(/› ○ pending Design for failure/);

		// Typeahead: c opens the note prompt, which receives "fine", and enter saves it.
		app.type('kcfine\r');
		let screen = await app.waitFor('note: fine');
		expect(screen).toMatch(/› ○ pending Define clear system boundaries/);
		expect(screen).not.toContain('Note for “');

		// Inside the prompt: the same sequences, and pasted coloured text.
		app.type('c');
		await app.waitFor('”: fine');
		app.press('ctrlU');
		app.type(ctrlF1);
		app.type(`${red}red${reset} text${ctrlF1}\r`);
		screen = await app.waitFor('note: red text');

		// A multi-line paste (bracketed, as the app asks the terminal) is text in the
		// prompt; its lines do not run as commands. Esc drops it again.
		expect(app.raw()).toContain('\u001b[?2004h');
		app.type('c');
		await app.waitFor('”: red text');
		app.type('\u001b[200~ and\nfpf\nw\u001b[201~');
		await app.waitFor('”: red text and fpf w');
		app.type('\u001b');
		await app.waitFor('note: red text');

		// ctrl+c inside a prompt quits; its text is dropped.
		app.type('cunsaved');
		await app.waitFor('”: red textunsaved');
		app.press('ctrlC');
		expect(await app.exit).toBe(0);
		expect(app.raw()).not.toContain('TypeError');
		expect(app.raw()).toContain('\u001b[?2004l'); // bracketed paste turned off again

		const answers = readDb(cwd).reviews[0]!.answers;
		expect(answers['architecture.boundaries']).toMatchObject({status: 'pending', note: 'red text'});
		expect(answers['architecture.failure-paths']?.status ?? 'pending').toBe('pending');
	});

	it('n and the whole new-review form (no launch date) in one write open the review; ctrl+c in the form quits', async () => {
		const cwd = tempDir();
		const app = open(cwd, []);
		await app.waitFor('No reviews yet');
		app.type('n');
		app.type('payments\r2.0\r\r');
		await app.waitFor('0/26 answered');
		await app.waitFor('payments 2.0');
		// esc asks first on the review screen; a second esc goes home
		app.type('\u001b');
		await app.waitFor('esc again goes back');
		app.type('\u001b');
		await app.waitFor('1 review');
		app.type('nsecond');
		await app.waitFor('System under review: second');
		app.type(keys.ctrlC);
		expect(await app.exit).toBe(0);
		const db = readDb(cwd);
		expect(db.reviews.map((r) => [r.system, r.release])).toEqual([['payments', '2.0']]);
	});
});
