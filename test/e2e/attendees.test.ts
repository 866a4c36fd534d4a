import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {launch, runCli, tempDir, useSessions, type Session} from './pty.js';

const NOW = '2026-03-01T12:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';

type StoredDb = {
	reviews: Array<{
		log?: Array<{item: string; by: string; detail?: string}>;
		decisions?: Array<{attendees?: string[]}>;
	}>;
};

const {track} = useSessions();

function open(cwd: string, args: string[], env: Record<string, string> = {}): Session {
	return track(
		launch(args, {
			cwd,
			env: {
				PREFLIGHT_NOW: NOW,
				PREFLIGHT_REVIEWER: 'Ann Smith',
				PREFLIGHT_REVIEWER_EMAIL: 'ann@x.io',
				HOME: cwd,
				...env,
			},
		}),
	);
}

function sessions(cwd: string): string[] {
	const db = JSON.parse(readFileSync(join(cwd, '.preflight', 'db.json'), 'utf8')) as StoredDb;
	return (db.reviews[0]!.log ?? [])
		.filter((e) => e.item === '*' && e.detail?.startsWith('session:'))
		.map((e) => `${e.by}: ${e.detail}`);
}

describe('attendees in a real terminal', () => {
	it('--attendees records the session; the next session asks who is here, offering them', async () => {
		const cwd = tempDir();
		const first = open(cwd, ['--system', 'payments', '--attendees', 'Ann, Bo Li']);
		const screen = await first.waitFor(FOOTER);
		expect(screen.split('\n')[0]).toContain('signing as Ann Smith <ann@x.io>');
		await first.waitFor('Session recorded: attended by Ann, Bo Li.');
		await first.waitFor('✔ saved');
		first.type('q');
		expect(await first.exit).toBe(0);
		expect(sessions(cwd)).toEqual(['Ann Smith: session: attended by Ann, Bo Li']);

		// The next session, without --attendees: asked, with the last session's offered.
		const second = open(cwd, ['--system', 'payments'], {PREFLIGHT_NOW: '2026-03-08T12:00:00.000Z'});
		const asked = await second.waitFor('Who is here?');
		expect(asked).toMatch(/Who is here\? \(names, comma-separated\) Ann, Bo Li/);
		expect(asked).toContain('last time: Ann, Bo Li');
		second.type(', Cy');
		await second.waitFor('Ann, Bo Li, Cy');
		second.press('enter');
		await second.waitFor('Session recorded: attended by Ann, Bo Li, Cy.');
		await second.waitFor('✔ saved');
		second.type('q');
		expect(await second.exit).toBe(0);
		expect(sessions(cwd)).toEqual([
			'Ann Smith: session: attended by Ann, Bo Li',
			'Ann Smith: session: attended by Ann, Bo Li, Cy',
		]);

		// esc skips: nothing recorded, nothing written.
		const before = readFileSync(join(cwd, '.preflight', 'db.json'), 'utf8');
		const third = open(cwd, ['--system', 'payments']);
		await third.waitFor('Who is here?');
		third.press('esc');
		await third.waitFor('No attendees recorded for this session.');
		third.type('q');
		expect(await third.exit).toBe(0);
		expect(readFileSync(join(cwd, '.preflight', 'db.json'), 'utf8')).toBe(before);
	});

	it('attendees named only by decide --attendees are offered on the next open', async () => {
		const cwd = tempDir();
		const env = {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Dana', HOME: cwd};
		const cli = (args: string[]) => runCli(cwd, args, env);
		expect(cli(['set', 'security.secrets', 'fail', '--system', 'payments']).status).toBe(0);
		const decided = cli(['decide', 'no-go', '--note', 'not yet', '--attendees', 'Ann, Dana']);
		expect(decided.status, decided.stderr).toBe(0);
		expect(sessions(cwd)).toEqual([]);
		const app = open(cwd, ['--system', 'payments'], {PREFLIGHT_NOW: '2026-03-08T12:00:00.000Z'});
		const asked = await app.waitFor('Who is here?');
		expect(asked).toMatch(/Who is here\? \(names, comma-separated\) Ann, Dana/);
		app.press('esc');
		await app.waitFor('No attendees recorded for this session.');
		app.type('q');
		expect(await app.exit).toBe(0);
	});

	it('refuses a bad --attendees with one line and exit 2, creating nothing', async () => {
		const cwd = tempDir();
		const app = open(cwd, ['--system', 'payments', '--attendees', 'Ann, ann']);
		expect(await app.exit).toBe(2);
		expect(app.raw()).toContain('--attendees names someone twice');
		expect(() => readFileSync(join(cwd, '.preflight', 'db.json'))).toThrow();
	});
});
