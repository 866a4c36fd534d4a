import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {readDatabaseFile} from '../database-file.js';
import {runCli, tempDir, until, useSessions} from './pty.js';

const NOW = '2026-03-01T12:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';

const {open} = useSessions();

const readDb = (cwd: string) => readDatabaseFile(join(cwd, '.preflight', 'db.json'));

describe('meeting aids in a real terminal', () => {
	it('m marks the item to discuss later, on disk with who and when; m again clears it', async () => {
		const cwd = tempDir();
		const env = {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd};
		const app = open(['--system', 'demo'], {cwd, env});
		await app.waitFor(FOOTER);
		app.type('m');
		await app.waitFor('◷ Define clear system boundaries');
		await app.waitFor('to discuss later · marked by Alice');
		app.type('q');
		expect(await app.exit).toBe(0);
		let review = readDb(cwd).reviews[0]!;
		expect(review.answers['architecture.boundaries']).toEqual({
			status: 'pending',
			evidence: [],
			later: {by: 'Alice', at: NOW},
		});
		expect(review.audit.at(-1)).toMatchObject({
			by: 'Alice',
			item: 'architecture.boundaries',
			detail: 'marked to discuss later',
		});

		const status = runCli(cwd, ['status', '--json'], env);
		expect(status.status).toBe(0);
		expect(JSON.parse(status.stdout).later).toEqual([
			{
				item: 'architecture.boundaries',
				title: 'Define clear system boundaries',
				by: 'Alice',
				at: NOW,
			},
		]);

		const again = open(['--system', 'demo'], {cwd, env});
		await again.waitFor('◷ Define clear system boundaries');
		again.type('m');
		await again.waitUntil((s) => !s.includes('◷'), 'the mark to go');
		again.type('q');
		expect(await again.exit).toBe(0);
		review = readDb(cwd).reviews[0]!;
		expect(review.answers['architecture.boundaries']).toBeUndefined();
	});

	it('o runs $BROWSER with the URL as one argument, hostile characters and all, without a shell', async () => {
		const cwd = tempDir();
		const out = join(cwd, 'browser-args');
		const browser = join(cwd, 'fake-browser');
		writeFileSync(
			browser,
			`#!/bin/sh\nprintf '%s\\n' "$#" > '${out}.tmp'\nprintf '%s' "$1" >> '${out}.tmp'\nmv '${out}.tmp' '${out}'\n`,
		);
		chmodSync(browser, 0o755);
		const url = "https://example.com/a;b?q='x'&c=$(touch${IFS}pwned)&d=`id`|e";
		const env = {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd, BROWSER: browser};
		const set = runCli(
			cwd,
			['set', 'architecture.boundaries', 'pass', '--system', 'demo', '--evidence', url],
			env,
		);
		expect(set.stderr).toBe('');
		expect(set.status).toBe(0);
		const stored = readDb(cwd).reviews[0]!.answers['architecture.boundaries']!.evidence[0]!.ref;

		const app = open(['--system', 'demo'], {cwd, env, cols: 120});
		await app.waitFor(FOOTER);
		// The guided flow opened the first pending item: back to the passed one.
		app.press('up');
		await app.waitFor(/›\s*✔ pass\s+Define clear system boundaries/);
		app.type('o');
		await app.waitFor('Opened with');
		await until(() => existsSync(out), 'the fake browser to run');
		expect(readFileSync(out, 'utf8')).toBe(`1\n${stored}`);
		expect(stored).toContain('$(touch');
		expect(existsSync(join(cwd, 'pwned'))).toBe(false);
		app.type('q');
		expect(await app.exit).toBe(0);
	});
});
