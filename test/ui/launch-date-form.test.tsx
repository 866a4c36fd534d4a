// The new-review form's launch question: a year no one ships in is refused; a
// day before today is said once, and enter again keeps it.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanupApps, keys, renderApp, typeSystem} from './helpers.js';

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
		const frame = await app.waitForText(
			'launch date 2026-11-01 is in the past: today is 2026-11-28 (UTC): enter keeps it',
		);
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
		await app.waitForText('launch date 2026-11-02 is in the past');
		for (let i = 0; i < 10; i++) await app.press(keys.backspace);
		await app.press('2026-11-28');
		await app.press(keys.enter);
		await app.waitForText('0/26 answered');
	});
});
