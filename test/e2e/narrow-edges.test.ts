// At 80×24 and 60×20 in a real terminal: the review footer keeps `a` on an
// answered item, and the new-review form's past launch date is a warning whose
// instruction shows whole.
import {describe, expect, it} from 'vitest';
import {tempDir, useSessions} from './pty.js';

const NOW = '2026-03-02T13:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';

const {open} = useSessions();

describe('narrow terminals', () => {
	it('at 80×24 the footer of a failed item offers a', async () => {
		const cwd = tempDir();
		const app = open(['--system', 'demo'], {
			cwd,
			cols: 80,
			rows: 24,
			env: {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		await app.waitFor(FOOTER);
		app.type('f');
		await app.waitFor(/✖ fail\s+Define clear system boundaries/);
		app.type('k');
		const screen = await app.waitFor('r reset');
		const footer = screen.split('\n').slice(-2).join('\n');
		expect(footer).toContain('a action');
		expect(footer).toContain('s summary');
	});

	for (const [cols, rows] of [
		[80, 24],
		[60, 20],
	] as const)
		it(`at ${cols}×${rows} a past launch date in the form is a warning, its instruction whole`, async () => {
			const cwd = tempDir();
			const app = open([], {
				cwd,
				cols,
				rows,
				env: {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
			});
			await app.waitFor('press n to start one');
			app.type('n');
			await app.answer('System under review:', 'sys');
			await app.answer('Release of sys', '1.0');
			await app.answer('Launch date of sys 1.0', '2026-03-01');
			const screen = await app.waitFor('enter keeps it, or change it');
			expect(screen).toContain('⚠ 2026-03-01 is in the past: today is 2026-03-02 (UTC)');
			expect(screen).not.toContain('✖');
			for (const l of screen.split('\n')) expect(l.length).toBeLessThanOrEqual(cols);
		});
});
