import {afterEach, describe, expect, it} from 'vitest';
import type {Answer, Review} from '../../source/model/schemas.js';
import {
	blankReview,
	cleanupApps,
	defaultChecklist,
	keys,
	NOW,
	renderReview,
	waitUntil,
	reviewWith,
} from './helpers.js';

afterEach(() => cleanupApps());

const failed: Answer = {
	status: 'fail',
	evidence: [],
	signedOff: {by: 'Ada', at: NOW.toISOString()},
};

describe('action items in the app', () => {
	it('a asks what, owner and due date (defaults offered), saves the action item and lists it', async () => {
		const app = await renderReview();
		await app.press('f');
		// The fail moved the focus on; back to it.
		await app.press('k');
		await app.waitForText('no next step');
		await app.press('a');
		await app.waitForText('Action for “');
		await app.press(keys.enter);
		await app.waitForText('an action item needs what is to be done');
		await app.press('write the ADRs');
		await app.waitForText('write the ADRs');
		await app.press(keys.enter);
		await app.waitForText('enter for Ada');
		await app.press(keys.enter);
		// 14 days after NOW (2026-11-28).
		await app.waitForText('enter for 2026-12-12');
		await app.press('2026-02-30');
		await app.waitForText('2026-02-30');
		await app.press(keys.enter);
		await app.waitForText('is not a date');
		for (let i = 0; i < 10; i++) await app.press(keys.backspace);
		await app.waitFor((f) => !f.includes('2026-02-30'), 'the date erased');
		await app.press(keys.enter);
		const frame = await app.waitForText('action 1: ○ open · due 2026-12-12 · Ada · write the ADRs');
		expect(frame).not.toContain('no next step');
		const savedAnswer = () =>
			Object.values(app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.answers ?? {}).find(
				(a) => a.actions,
			);
		await waitUntil(() => savedAnswer() !== undefined, 'the action item saved');
		const answer = savedAnswer();
		expect(answer?.status).toBe('fail');
		expect(answer?.actions?.[0]).toMatchObject({what: 'write the ADRs', owner: 'Ada'});
	});

	it('esc steps back through the form, and esc at its first step adds nothing', async () => {
		const app = await renderReview();
		await app.press('a');
		await app.waitForText('Action for “');
		await app.press('page the team');
		await app.press(keys.enter);
		await app.waitForText('a person or a role');
		await app.press(keys.escape);
		await app.waitForText('the next step to take');
		await app.press(keys.escape);
		await app.waitForGone('the next step to take');
		expect(app.frame()).not.toContain('action 1:');
	});

	it('the summary lists open action items by owner, overdue first, and the fails with no next step', async () => {
		const review = reviewWith({
			'security.secrets': {
				...failed,
				actions: [
					{
						what: 'rotate the keys',
						owner: 'Dana',
						due: '2026-12-20',
						addedAt: NOW.toISOString(),
						addedBy: 'Ada',
					},
					{
						what: 'revoke old tokens',
						owner: 'Dana',
						due: '2026-11-01',
						addedAt: NOW.toISOString(),
						addedBy: 'Ada',
					},
				],
			},
			'security.encryption': failed,
		});
		const app = await renderReview({review});
		await app.press('s');
		const frame = await app.waitForText('Open action items (2) by owner, overdue first');
		expect(frame).toContain('1 fail with no next step');
		expect(frame).toMatch(/Dana: ! overdue revoke old tokens \(due 2026-11-01\) · rotate the keys/);
	});

	it('the detail pane marks an open action item past its due day overdue, as the summary does', async () => {
		const loaded = defaultChecklist();
		const first = loaded.checklist.sections[0]!.items[0]!.id;
		const due = (what: string, day: string, done = false) => ({
			what,
			owner: 'Dana',
			due: day,
			addedAt: NOW.toISOString(),
			addedBy: 'Ada',
			...(done ? {done: {at: NOW.toISOString(), by: 'Bo'}} : {}),
		});
		const review: Review = {
			...blankReview(loaded),
			answers: {
				[first]: {
					...failed,
					actions: [
						due('revoke old tokens', '2026-11-01'),
						due('rotate the keys', '2026-12-20'),
						due('audit the logs', '2026-10-01', true),
						// Due today (NOW's day) is not overdue yet.
						due('tell the team', NOW.toISOString().slice(0, 10)),
					],
				},
			},
		};
		const app = await renderReview({review});
		await app.press('k');
		const frame = await app.waitForText('action 1: ');
		expect(frame).toContain('action 1: ! overdue · due 2026-11-01 · Dana · revoke old tokens');
		expect(frame).toContain('action 2: ○ open · due 2026-12-20 · Dana · rotate the keys');
		// Done is done, however late.
		expect(frame).toContain('action 3: ✔ done · due 2026-10-01 · Dana · audit the logs');
		expect(frame).toContain('action 4: ○ open');
	});

	describe('A marks an action item done', () => {
		const action = (what: string, done = false) => ({
			what,
			owner: 'Dana',
			due: '2026-12-20',
			addedAt: NOW.toISOString(),
			addedBy: 'Ada',
			...(done ? {done: {at: NOW.toISOString(), by: 'Bo'}} : {}),
		});
		/** The review with its first item failed, carrying these action items. */
		const firstWith = (actions: ReturnType<typeof action>[]) => {
			const loaded = defaultChecklist();
			const first = loaded.checklist.sections[0]!.items[0]!.id;
			const review: Review = {...blankReview(loaded), answers: {[first]: {...failed, actions}}};
			return {first, review};
		};

		it('marks the only open one done at once, saved with who and when; u takes it back', async () => {
			const {first, review} = firstWith([action('rotate the keys')]);
			const app = await renderReview({review});
			// The review opens on its first open item: up to the failed one.
			await app.press('k');
			await app.waitForText('action 1: ○ open');
			await app.press('A');
			await app.waitForText('action 1: ✔ done');
			const saved = () => app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.answers[first];
			await waitUntil(() => saved()?.actions?.[0]?.done !== undefined, 'the done action saved');
			expect(saved()?.actions?.[0]?.done).toEqual({at: NOW.toISOString(), by: 'Ada'});
			expect(app.frame()).toContain('no next step');
			await app.press('u');
			await app.waitForText('action 1: ○ open');
			await waitUntil(() => saved()?.actions?.[0]?.done === undefined, 'the undo saved');
		});

		it('asks which when several are open, numbered as listed (done ones keep their number)', async () => {
			const {first, review} = firstWith([
				action('rotate the keys', true),
				action('revoke old tokens'),
				action('write the runbook'),
			]);
			const app = await renderReview({review});
			await app.press('k');
			await app.waitForText('action 3: ○ open');
			await app.press('A');
			await app.waitForText('Which action item of “');
			await app.waitForText('open: 2, 3 (as numbered above) · enter for 2');
			await app.press('1');
			await app.press(keys.enter);
			await app.waitForText('type the number of an open action item: 2, 3');
			await app.press(keys.backspace);
			await app.press('3');
			await app.press(keys.enter);
			await app.waitForText('action 3: ✔ done');
			expect(app.frame()).toContain('action 2: ○ open');
			const saved = () => app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.answers[first];
			await waitUntil(() => saved()?.actions?.[2]?.done !== undefined, 'action 3 saved done');
			// One open left: A marks it at once.
			await app.press('A');
			await app.waitForText('action 2: ✔ done');
			expect(app.frame()).not.toContain('Which action item of “');
		});

		it('enter alone in the question marks the first open one', async () => {
			const {review} = firstWith([action('rotate the keys'), action('revoke old tokens')]);
			const app = await renderReview({review});
			await app.press('k');
			await app.waitForText('action 2: ○ open');
			await app.press('A');
			await app.waitForText('enter for 1');
			await app.press(keys.enter);
			await app.waitForText('action 1: ✔ done');
			expect(app.frame()).toContain('action 2: ○ open');
		});

		it('says why when there is nothing to mark done, and esc leaves the prompt changing nothing', async () => {
			const none = await renderReview();
			await none.press('A');
			await none.waitForText('This item has no action items (a adds one).');
			cleanupApps();
			const {review} = firstWith([action('rotate the keys', true)]);
			const allDone = await renderReview({review});
			await allDone.press('k');
			await allDone.waitForText('action 1: ✔ done');
			await allDone.press('A');
			await allDone.waitForText('Every action item of this item is done.');
			cleanupApps();
			const two = firstWith([action('rotate the keys'), action('revoke old tokens')]);
			const app = await renderReview({review: two.review});
			await app.press('k');
			await app.waitForText('action 2: ○ open');
			await app.press('A');
			await app.waitForText('Which action item of “');
			await app.press(keys.escape);
			await app.waitForGone('Which action item of “');
			expect(app.frame()).not.toContain('✔ done');
			expect(app.persist).not.toHaveBeenCalled();
		});
	});
});
