// The new-review form's launch question: a year no one ships in is refused; a
// day before today is said once, and enter again keeps it.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanupApps, keys, renderApp, resize, typeSystem} from './helpers.js';

afterEach(() => cleanupApps());

async function atLaunchQuestion() {
	const app = await renderApp();
	await typeSystem(app, 'checkout-api');
	await app.press(keys.enter);
	await app.waitForText('Launch date of checkout-api (optional, YYYY-MM-DD):');
	return app;
}

describe('the launch date in the new-review form', () => {
	it('refuses a year before 1970, saying which years are days to launch on', async () => {
		const app = await atLaunchQuestion();
		await app.press('0000-01-01');
		await app.press(keys.enter);
		await app.waitForText('is not a day to launch on: give a year from 1970 to 9999');
		expect(app.frame()).toContain('Launch date of checkout-api');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('asks about a day before today once; enter again keeps it', async () => {
		const app = await atLaunchQuestion();
		// the clock says 2026-11-28
		await app.press('2026-11-01');
		await app.press(keys.enter);
		const frame = await app.waitForText('⚠ 2026-11-01 is in the past: today is 2026-11-28 (UTC)');
		expect(frame).toContain('enter keeps it, or change it');
		expect(frame).toContain('Launch date of checkout-api');
		expect(app.persist).not.toHaveBeenCalled();
		await app.press(keys.enter);
		await app.waitForText('0/26 answered');
		await app.press('s');
		await app.waitForText('on launch day 2026-11-01');
	});

	it('a changed date is asked about afresh; today is not in the past', async () => {
		const app = await atLaunchQuestion();
		await app.press('2026-11-01');
		await app.press(keys.enter);
		await app.waitForText('is in the past');
		for (let i = 0; i < 10; i++) await app.press(keys.backspace);
		await app.press('2026-11-02');
		await app.press(keys.enter);
		await app.waitForText('2026-11-02 is in the past');
		for (let i = 0; i < 10; i++) await app.press(keys.backspace);
		await app.press('2026-11-28');
		await app.press(keys.enter);
		await app.waitForText('0/26 answered');
	});

	it.each([
		[80, 24],
		[60, 20],
	])(
		'at %i×%i the past day is a warning (⚠, not ✖) whose instruction is shown whole',
		async (columns, rows) => {
			const app = await renderApp();
			resize(app.stdout, columns, rows);
			await typeSystem(app, 'sys');
			await app.press('1.0');
			await app.press(keys.enter);
			await app.waitForText('Launch date of sys 1.0');
			await app.press('2026-11-01');
			await app.press(keys.enter);
			const frame = await app.waitForText('is in the past');
			const lines = frame.split('\n');
			expect(lines.every((l) => l.length <= columns)).toBe(true);
			expect(frame).not.toContain('✖');
			expect(lines).toContain('⚠ 2026-11-01 is in the past: today is 2026-11-28 (UTC)');
			expect(lines).toContain('  enter keeps it, or change it');
			// Edited, the warning goes; the hint is back.
			await app.press(keys.backspace);
			await app.waitForText('enter to start (empty for none)');
			expect(app.frame()).not.toContain('⚠');
		},
	);
});
