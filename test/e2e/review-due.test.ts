import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, tempDir, useSessions, type Session} from './pty.js';

const FOOTER = 'q/ctrl+c quit';

const {open} = useSessions();

/** Runs the built CLI without a terminal, at `now`. */
function cli(cwd: string, now: string, args: string[]) {
	const r = runCli(
		cwd,
		[...args, '--checklist', 'c.json'],
		{HOME: cwd, PREFLIGHT_NOW: now, PREFLIGHT_REVIEWER: 'Alice'},
		{timeout: 120_000},
	);
	expect(r.status, r.stderr).toBe(0);
}

/** The look of the first cell of `text` on screen: its foreground colour (-1: default) and dimness. */
function looksAt(app: Session, text: string): {fg: number; dim: boolean} {
	const buffer = app.xterm.buffer.active;
	for (let y = 0; y < app.xterm.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const x = line?.translateToString(true).indexOf(text) ?? -1;
		if (!line || x < 0) continue;
		const cell = line.getCell(x);
		return {
			fg: cell && !cell.isFgDefault() ? cell.getFgColor() : -1,
			dim: Boolean(cell?.isDim()),
		};
	}
	throw new Error(`"${text}" is not on the screen`);
}

describe('reviews due again on the home screen, in a real terminal', () => {
	it('a review past due is marked in yellow, one soon due dimly, and a go clears it', async () => {
		const cwd = tempDir();
		writeFileSync(
			join(cwd, 'c.json'),
			JSON.stringify({
				id: 'mini',
				title: 'Mini',
				version: '1',
				reviewEvery: 'P1Y',
				sections: [
					{id: 's', title: 'S', items: [{id: 's.a', title: 'A', evidenceRequired: false}]},
				],
			}),
		);
		cli(cwd, '2025-01-10T10:00:00Z', ['set', 's.a', 'pass', '--system', 'old-api']);
		cli(cwd, '2025-02-20T10:00:00Z', ['set', 's.a', 'pass', '--system', 'soon-api']);
		const now = '2026-02-01T12:00:00Z';
		const app = open(['--checklist', 'c.json'], {
			cwd,
			cols: 100,
			env: {PREFLIGHT_NOW: now, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		const screen = await app.waitFor('due again since 2026-01-10');
		expect(screen).toContain(FOOTER);
		// The verdict on the review's row, the due marker on the row below it.
		expect(screen).toMatch(/old-api.*✔ READY\n {4}due again since 2026-01-10\n/);
		expect(screen).toMatch(/soon-api.*✔ READY\n {4}due again 2026-02-20\n/);
		// Yellow (palette 3) past due; dim, in the default colour, soon due.
		expect(looksAt(app, 'due again since')).toEqual({fg: 3, dim: false});
		expect(looksAt(app, 'due again 2026-02-20')).toEqual({fg: -1, dim: true});
		app.type('q');
		expect(await app.exit).toBe(0);

		cli(cwd, now, ['decide', 'go', '--system', 'old-api']);
		const again = open(['--checklist', 'c.json'], {
			cwd,
			cols: 100,
			env: {PREFLIGHT_NOW: now, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		const after = await again.waitFor(FOOTER);
		expect(after).not.toContain('due again since');
		expect(after).toMatch(/soon-api.*✔ READY\n {4}due again 2026-02-20\n/);
	});
});
