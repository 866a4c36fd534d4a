import {afterEach, describe, expect, it} from 'vitest';
import {
	cleanupApps,
	keys,
	renderApp,
	renderReview,
	resize,
	typeSystem,
	waitUntil,
} from './helpers.js';

afterEach(() => cleanupApps());

const first = 'Define clear system boundaries';
const TOO_SMALL = 'The terminal is too small';

describe('an open prompt across the size limit', () => {
	it('keeps its text and cursor when the terminal shrinks below 60×16 and grows back', async () => {
		const app = await renderReview();
		resize(app.stdout, 80, 24);
		await app.press('e');
		await app.waitForText(`Evidence for “${first}”:`);
		await app.press('https://example.com/arch');
		await app.press(keys.left);
		await app.waitForText('https://example.com/arch');
		resize(app.stdout, 50, 14);
		await app.waitForText(TOO_SMALL);
		// Back at another width: the label is cut differently, the draft is the same.
		resize(app.stdout, 90, 24);
		await app.waitForText('https://example.com/arch');
		// The cursor came back where it was: typing goes in before the last character.
		await app.press('X');
		await app.waitForText('https://example.com/arcXh');
		await app.press(keys.enter);
		await waitUntil(() => app.persist.mock.calls.length > 0, 'the evidence saved');
		const saved = app.persist.mock.calls.at(-1)![0].reviews[0]!;
		expect(saved.answers['architecture.boundaries']?.evidence[0]?.ref).toBe(
			'https://example.com/arcXh',
		);
	});

	it('is dropped once the prompt closes: opened again, it starts empty', async () => {
		const app = await renderReview();
		await app.press('e');
		await app.waitForText(`Evidence for “${first}”:`);
		await app.press('draft text');
		await app.waitForText('draft text');
		resize(app.stdout, 40, 10);
		await app.waitForText(TOO_SMALL);
		resize(app.stdout, 100, 24);
		await app.waitForText('draft text');
		await app.press(keys.escape);
		await app.waitForGone('draft text');
		await app.press('e');
		const frame = await app.waitForText(`Evidence for “${first}”:`);
		expect(frame).not.toContain('draft text');
	});

	it('each step of the waiver keeps its own draft', async () => {
		const app = await renderReview();
		await app.press('w');
		await app.waitForText(`Waive “${first}” because:`);
		await app.press('vendor fix');
		await app.press(keys.enter);
		await app.waitForText('— owner:');
		await app.press('carol');
		await app.waitForText('— owner: carol');
		resize(app.stdout, 59, 24);
		await app.waitForText(TOO_SMALL);
		resize(app.stdout, 100, 24);
		await app.waitForText('— owner: carol');
		// esc steps back to the reason, which shows what was entered there, not the owner's draft
		await app.press(keys.escape);
		const frame = await app.waitForText(`Waive “${first}” because: vendor fix`);
		expect(frame).not.toContain('carol');
	});

	it('the new-review form keeps its step, the name and the release typed so far', async () => {
		const app = await renderApp();
		await typeSystem(app, 'payments');
		await app.press('2.4');
		await app.waitForText('Release of payments (optional): 2.4');
		resize(app.stdout, 40, 10);
		await app.waitForText(TOO_SMALL);
		resize(app.stdout, 100, 24);
		await app.waitForText('Release of payments (optional): 2.4');
		await app.press(keys.escape);
		await app.waitForText('System under review: payments');
	});
});
