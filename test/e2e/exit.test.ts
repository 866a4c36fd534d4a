import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {builtInModules} from '../built-in-modules.js';
import {launch, tempDir, useSessions, type Session} from './pty.js';

const FOOTER = 'q/ctrl+c quit';
const SHELL = 'shell$ ls\r\nnotes.txt\r\nshell$ preflight\r\n';
const ALT_ON = '\u001b[?1049h';
const ALT_OFF = '\u001b[?1049l';

const {track} = useSessions();

function open(cwd: string, args: string[], cols = 80): Session {
	return track(
		launch(args, {
			cwd,
			cols,
			env: {PREFLIGHT_REVIEWER: 'Alice', HOME: cwd, PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z'},
			screenBefore: SHELL,
		}),
	);
}

/** What the normal screen must show once the app is gone: the shell's lines, the exit line, no frame. */
async function expectRestored(app: Session, line: RegExp): Promise<string> {
	const screen = await app.waitFor(line);
	expect(app.buffer()).toBe('normal');
	expect(screen.startsWith('shell$ ls\nnotes.txt\nshell$ preflight\n')).toBe(true);
	expect(screen).not.toContain(FOOTER);
	expect(screen).not.toContain('Define clear system boundaries');
	// exactly one line from preflight on the normal screen
	expect(screen.split('\n').filter((l) => l.startsWith('preflight:'))).toHaveLength(1);
	return screen;
}

describe('the alternate screen', () => {
	it('draws on the alternate screen; q gives the shell its screen back with one summary line', async () => {
		const cwd = tempDir();
		// Wide enough for the exit line on one row.
		const app = open(cwd, ['--system', 'payments', '--release', '1.2'], 120);
		await app.waitFor(FOOTER);
		expect(app.buffer()).toBe('alternate');
		// The shell's lines are not on the app's screen.
		expect(app.screen()).not.toContain('notes.txt');
		app.type('f');
		await app.waitFor('1/26 answered');
		app.type('q');
		expect(await app.exit).toBe(0);
		await expectRestored(
			app,
			/^preflight: payments 1\.2 · 1\/26 answered · ✖ NOT READY · 26 blockers · saved to \.preflight\/db\.json$/m,
		);
		const raw = app.raw();
		expect(raw.indexOf(ALT_ON)).toBeGreaterThanOrEqual(0);
		// Every frame is drawn between the two.
		const title = 'Define clear system boundaries';
		expect(raw.indexOf(ALT_ON)).toBeLessThan(raw.indexOf(title));
		expect(raw.lastIndexOf(ALT_OFF)).toBeGreaterThan(raw.lastIndexOf(title));
	});

	it('ctrl+c from a prompt ends the same way', async () => {
		const cwd = tempDir();
		const app = open(cwd, ['--system', 'payments']);
		await app.waitFor(FOOTER);
		app.type('e');
		await app.waitFor('Evidence for');
		app.type('half typed');
		await app.waitFor('half typed');
		app.press('ctrlC');
		expect(await app.exit).toBe(0);
		const screen = await expectRestored(app, /^preflight: payments · 0\/26 answered/m);
		expect(screen).not.toContain('half typed');
	});

	it('on home, the line counts the reviews', async () => {
		const cwd = tempDir();
		const app = open(cwd, []);
		await app.waitFor('No reviews yet');
		app.type('q');
		expect(await app.exit).toBe(0);
		await expectRestored(app, /^preflight: no reviews$/m);
	});

	it.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)(
		'%s ends it as q does: screen restored, the line printed, the lock released, code %i',
		async (signal, code) => {
			const cwd = tempDir();
			const app = open(cwd, ['--system', 'payments']);
			await app.waitFor(FOOTER);
			app.type('f');
			await app.waitFor('✔ saved');
			await app.waitFor('1/26 answered');
			process.kill(app.pid, signal);
			expect(await app.exit).toBe(code);
			await expectRestored(app, /^preflight: payments · 1\/26 answered · .* saved to /m);
			expect(readdirSync(join(cwd, '.preflight')).filter((f) => f.endsWith('.lock'))).toEqual([]);
			expect(existsSync(join(cwd, '.preflight', 'db.json'))).toBe(true);
		},
	);

	it('a refused start (database held by another app) enters no alternate screen', async () => {
		const cwd = tempDir();
		const first = open(cwd, ['--system', 'payments']);
		await first.waitFor(FOOTER);
		const second = open(cwd, ['--system', 'payments']);
		expect(await second.exit).toBe(2);
		await second.waitFor('preflight app');
		expect(second.raw()).not.toContain(ALT_ON);
		expect(second.buffer()).toBe('normal');
		// esc asks first, a second esc goes home
		first.press('esc');
		await first.waitFor('esc again goes back');
		first.press('esc');
		await first.waitFor('Choose a review');
		first.type('q');
		expect(await first.exit).toBe(0);
		await expectRestored(first, /^preflight: 1 review · saved to \.preflight\/db\.json$/m);
	});
});

describe('the start', () => {
	it('loads neither node:v8 nor the crypto modules on a small review (milliseconds of every start)', async () => {
		const cwd = tempDir();
		const modules = builtInModules(cwd);
		// A review to open, written before; the app opens on it and leaves unchanged.
		const db = join(cwd, '.preflight', 'db.json');
		const first = open(cwd, ['--system', 'payments']);
		await first.waitFor(FOOTER);
		first.type('q');
		expect(await first.exit).toBe(0);
		const app = track(
			launch(['--system', 'payments', '--db', db], {
				cwd,
				env: {
					PREFLIGHT_REVIEWER: 'Alice',
					HOME: cwd,
					PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z',
					...modules.env,
				},
			}),
		);
		await app.waitFor(FOOTER);
		app.type('q');
		expect(await app.exit).toBe(0);
		const loaded = modules.loaded();
		// The detector works: Ink's terminal streams are there.
		expect(loaded).toContain('tty');
		for (const name of ['v8', 'crypto', 'internal/crypto/webcrypto'])
			expect(loaded).not.toContain(name);
	});
});
