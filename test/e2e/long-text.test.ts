import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {root, tempDir, useSessions} from './pty.js';

const checklist = join(root, 'test', 'fixtures', 'checklists', 'long-text.json');
const LAST_CHOICE = '- None of these — the workload has no recovery plan yet';

const {open} = useSessions();

/** The detail pane's scroll line on the screen. */
function scrollLine(screen: string): string | undefined {
	return screen.split('\n').find((l) => /^(↑↓ lines|↑ lines|↓ \d+ more line)/.test(l));
}

describe('long guidance in a real terminal', () => {
	it('scrolls the details of a lens question down to its seventh choice', async () => {
		const cwd = tempDir();
		const app = open(['--checklist', checklist, '--system', 'demo'], {
			cwd,
			env: {PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		});
		let screen = await app.waitFor(/^↓ \d+ more lines · pgdn\/\] · next: guidance/m);
		expect(screen).toContain('REL 13. How do you plan for disaster recovery (DR)?');
		expect(screen).toContain('id: reliability.dr-plan');
		expect(screen).not.toContain('None of these');

		// the terminal's own page-down key, then ] and shift+↓, until the end
		const presses: Array<() => void> = [
			() => app.press('pageDown'),
			() => app.type(']'),
			() => app.press('shiftDown'),
		];
		for (let i = 0; !scrollLine(screen)?.includes('the end'); i++) {
			expect(i, 'presses to reach the end').toBeLessThan(40);
			const before = scrollLine(screen);
			presses[i % presses.length]!();
			screen = await app.waitUntil((s) => scrollLine(s) !== before, 'the details to scroll');
		}
		expect(screen).toContain(LAST_CHOICE);
		expect(scrollLine(screen)).toMatch(/^↑ lines \d+–(\d+) of \1, the end/);
		for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

		app.type('q');
		expect(await app.exit).toBe(0);
	});
});
