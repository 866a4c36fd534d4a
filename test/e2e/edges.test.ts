import {spawnSync} from 'node:child_process';
import {mkdirSync, openSync, closeSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
	childEnv,
	cliPath,
	launch,
	tempDir,
	useSessions,
	type PtyOptions,
	type Session,
} from './pty.js';

const FOOTER = 'q/ctrl+c quit';

const {track} = useSessions();

function open(args: string[], options: PtyOptions): Session {
	return track(
		launch(args, {
			...options,
			env: {PREFLIGHT_REVIEWER: 'Alice', HOME: options.cwd, ...options.env},
		}),
	);
}

/** The non-blank lines the app wrote (the screen would show a long line wrapped). */
function lines(raw: string): string[] {
	return raw.split(/\r?\n/).filter((l) => l.trim() !== '');
}

describe('start-up refusals', () => {
	it('refuses without a terminal, naming the non-interactive commands', () => {
		const cwd = tempDir();
		const devNull = openSync('/dev/null', 'r');
		try {
			const r = spawnSync(process.execPath, [cliPath], {
				cwd,
				stdio: [devNull, 'pipe', 'pipe'],
				encoding: 'utf8',
				env: childEnv({HOME: cwd}),
				timeout: 120_000,
			});
			expect(r.status).toBe(2);
			expect(r.stdout).toBe('');
			const err = r.stderr.trimEnd().split('\n');
			expect(err).toHaveLength(1);
			for (const command of ['status', 'set', 'snapshot', 'gate'])
				expect(err[0]).toContain(command);
			expect(err[0]).not.toMatch(/\bat .*:\d+:\d+/);
		} finally {
			closeSync(devNull);
		}
		// nothing was created
		expect(readdirSync(cwd)).toEqual([]);
	});

	it.each([
		['not JSON', '{"schemaVersion": 1, "reviews": [\n', /not valid JSON/],
		['schema-invalid', '{"schemaVersion":1,"reviews":[{"id":3}]}', /reviews\[0\]\.id/],
	])(
		'refuses a %s database in one line and leaves it byte-for-byte alone',
		async (_, text, why) => {
			const cwd = tempDir();
			const dir = join(cwd, '.preflight');
			mkdirSync(dir);
			const db = join(dir, 'db.json');
			writeFileSync(db, text);
			const before = readFileSync(db);
			const app = open(['--system', 'demo'], {cwd});
			expect(await app.exit).toBe(2);
			await app.waitFor(why);
			expect(lines(app.raw())).toHaveLength(1);
			expect(app.raw()).toContain(db);
			expect(app.raw()).toMatch(/^preflight: /);
			expect(readFileSync(db).equals(before)).toBe(true);
			expect(readdirSync(dir)).toEqual(['db.json']);
		},
	);

	it('says who holds the database when a second app opens it', async () => {
		const cwd = tempDir();
		const first = open(['--system', 'demo'], {cwd});
		await first.waitFor(FOOTER);
		const second = open(['--system', 'demo'], {cwd, env: {PREFLIGHT_REVIEWER: 'Bob'}});
		expect(await second.exit).toBe(2);
		await second.waitFor(`pid ${first.pid}`);
		expect(lines(second.raw())).toHaveLength(1);
		expect(second.raw()).toContain('preflight app');
		// the first one is unharmed and still works
		first.type('j');
		await first.waitFor(/› \S+ pending\s+Design for failure/);
		first.type('q');
		expect(await first.exit).toBe(0);
	});
});

describe('terminal', () => {
	it('asks for a bigger terminal, then lays out the review when resized', async () => {
		const cwd = tempDir();
		const app = open(['--system', 'demo'], {cwd, cols: 40, rows: 10});
		await app.waitFor('too small (40×10)');
		expect(app.screen()).not.toContain(FOOTER);
		app.resize(80, 24);
		const screen = await app.waitFor(FOOTER);
		expect(screen).not.toContain('too small');
		expect(screen).toMatch(/› \S+ pending\s+Define clear system boundaries/);
		app.resize(40, 10);
		await app.waitFor('too small (40×10)');
		app.type('q');
		expect(await app.exit).toBe(0);
	});

	// SGR parameters that set or reset a colour: 30–49 (incl. 38/48 extended), 90–107.
	const colourSgr = (raw: string): string[] =>
		// eslint-disable-next-line no-control-regex -- CSI … m
		[...raw.matchAll(/\u001B\[([0-9;:]*)m/g)]
			.map((m) => m[1]!)
			.filter((params) =>
				params.split(/[;:]/).some((p) => {
					const n = Number(p);
					return p !== '' && ((n >= 30 && n <= 49) || (n >= 90 && n <= 107));
				}),
			);

	async function rawOutput(env: Record<string, string>): Promise<string> {
		const cwd = tempDir();
		const app = open(['--system', 'demo'], {cwd, env});
		await app.waitFor(FOOTER);
		app.type('s');
		await app.waitFor('NOT READY');
		app.type('q');
		expect(await app.exit).toBe(0);
		return app.raw();
	}

	it('writes no colour with NO_COLOR=1, and does without it', async () => {
		expect(colourSgr(await rawOutput({NO_COLOR: '1'}))).toEqual([]);
		// the control: the same screens do use colour normally
		expect(colourSgr(await rawOutput({})).length).toBeGreaterThan(0);
	});
});
