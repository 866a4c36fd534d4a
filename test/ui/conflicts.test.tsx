import {afterEach, describe, expect, it} from 'vitest';
import type {Review} from '../../source/model/schemas.js';
import {sideAnswer, withConflict} from '../model/conflict-fixture.js';
import {
	blankReview,
	cleanupApps,
	defaultChecklist,
	focusedRow,
	keys,
	dbWith,
	renderApp,
	renderReview,
	resize,
	lastSaved,
} from './helpers.js';

afterEach(() => cleanupApps());

const loaded = defaultChecklist();
const secrets = 'Manage secrets properly';
const item = 'security.secrets';

const ana = () =>
	sideAnswer(loaded, item, 'pass', 'Ana', '2026-11-01T09:30:00.000Z', {
		evidence: 'https://vault.example/policy',
		note: 'vault in place',
	});
const bo = () =>
	sideAnswer(loaded, item, 'fail', 'Bo', '2026-11-02T14:00:00.000Z', {
		note: 'keys still in the image',
	});

/** A review of the default checklist whose security.secrets is a conflict (Bo's fail sorts first). */
function conflicted(answers = [ana(), bo()]): Review {
	return withConflict(blankReview(loaded), item, answers);
}

describe('a conflict on the review screen', () => {
	it('opens on it, marks it in the list and the header, and shows every answer whole', async () => {
		const app = await renderReview({review: conflicted(), ready: secrets});
		resize(app.stdout, 100, 40);
		const frame = await app.waitForText('evidence 1: https://vault.example/policy');
		expect(focusedRow(frame)).toMatch(/⚠ conflict +Manage secrets properly/);
		expect(frame).toContain('⚠ 1 conflict');
		expect(frame).toContain('⚠ conflict  the merged branches answered it in 2 ways');
		expect(frame).toContain(
			'1 or 2 keeps that answer as it was · p, f, n or w answers afresh · r clears both',
		);
		expect(frame).toMatch(/answer 1: ✖ fail {2}signed off by Bo at 2026-11-02 14:00 UTC/);
		expect(frame).toContain('note: keys still in the image');
		expect(frame).toMatch(/answer 2: ✔ pass {2}signed off by Ana at 2026-11-01 09:30 UTC/);
		expect(frame).toContain('note: vault in place');
		expect(frame).toContain('evidence 1: https://vault.example/policy');
	});

	it('2 keeps the second answer as it was; u brings the conflict back', async () => {
		const review = conflicted();
		const kept = review.conflicts![item]!.answers[1]!;
		const app = await renderReview({review, ready: secrets});
		await app.waitForText('answer 2:');
		await app.press('2');
		let frame = await app.waitForText('Kept answer 2 for “Manage secrets properly”: pass by Ana');
		expect(focusedRow(frame)).toMatch(/✔ pass +Manage secrets properly/);
		expect(frame).not.toContain('⚠ 1 conflict');
		let stored = await lastSaved(app);
		expect(stored.conflicts).toBeUndefined();
		// Exactly as it was: Ana's sign-off, not the one who picked it.
		expect(stored.answers[item]).toEqual(kept);
		expect(stored.audit.at(-1)).toMatchObject({by: 'Ada', item, to: 'pass'});
		expect(stored.audit.at(-1)!.detail).toContain('conflict resolved: kept answer 2 of 2');

		await app.press('u');
		frame = await app.waitForText('is a conflict again');
		expect(focusedRow(frame)).toMatch(/⚠ conflict +Manage secrets properly/);
		stored = await lastSaved(app, 2);
		expect(stored.conflicts?.[item]).toEqual(review.conflicts![item]);
		expect(Object.hasOwn(stored.answers, item)).toBe(false);
	});

	it('f answers it afresh: the conflict goes, the audit says which answers were set aside', async () => {
		const app = await renderReview({review: conflicted(), ready: secrets});
		await app.waitForText('answer 2:');
		await app.press('f');
		await app.waitForText('Failed “Manage secrets properly”');
		const stored = await lastSaved(app);
		expect(stored.conflicts).toBeUndefined();
		expect(stored.answers[item]).toMatchObject({status: 'fail', signedOff: {by: 'Ada'}});
		expect(stored.audit.at(-1)!.detail).toMatch(
			/^conflict answered afresh; set aside: fail by Bo · pass by Ana/,
		);
		// Back on it, it is an ordinary fail.
		await app.press(keys.up);
		const frame = await app.waitFor((f) => /› ✖ fail +Manage secrets properly/.test(f));
		expect(frame).not.toContain('answer 2:');
	});

	it('p answers afresh through the evidence prompt', async () => {
		const app = await renderReview({review: conflicted(), ready: secrets});
		await app.waitForText('answer 2:');
		await app.press('p');
		await app.waitForText('Evidence to pass');
		await app.press('https://vault.example/new');
		await app.press(keys.enter);
		const stored = await lastSaved(app);
		expect(stored.conflicts).toBeUndefined();
		expect(stored.answers[item]).toMatchObject({
			status: 'pass',
			evidence: [{ref: 'https://vault.example/new'}],
			signedOff: {by: 'Ada'},
		});
	});

	it('says what the keys do where they do not apply', async () => {
		const app = await renderReview({review: conflicted(), ready: secrets});
		await app.waitForText('answer 2:');
		// The footer offers 1–9 on a conflict, and not the keys that need an answer.
		const footer = (f: string) => f.split('\n').slice(-2).join('\n');
		expect(footer(app.frame())).toContain('1–9 keep answer');
		expect(footer(app.frame())).not.toContain('e evidence');
		await app.press('3');
		await app.waitForText('This conflict has 2 answers: 1 or 2 keeps one.');
		const flat = (f: string) => f.replace(/\s+/g, ' ');
		await app.press('e');
		await app.waitFor((f) =>
			flat(f).includes('settle it before adding evidence. 1 or 2 keeps an answer'),
		);
		await app.press('c');
		await app.waitFor((f) => flat(f).includes('settle it before editing its note.'));
		await app.press('a');
		await app.waitFor((f) => flat(f).includes('settle it before adding an action item.'));
		expect(footer(app.frame())).not.toContain('a action');
		expect(app.persist).not.toHaveBeenCalled();
		await app.press(keys.down);
		await app.waitFor((f) => !focusedRow(f).includes(secrets));
		expect(footer(app.frame())).not.toContain('1–9');
		expect(footer(app.frame())).toContain('e evidence');
		await app.press('1');
		await app.waitForText('1 keeps an answer of a conflict:');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('r clears both answers: the item starts again, pending', async () => {
		const app = await renderReview({review: conflicted(), ready: secrets});
		await app.waitForText('answer 2:');
		await app.press('r');
		const stored = await lastSaved(app);
		expect(stored.conflicts).toBeUndefined();
		expect(Object.hasOwn(stored.answers, item)).toBe(false);
		await app.waitFor((f) => /› ○ pending +Manage secrets properly/.test(f));
	});

	it('removes escape sequences from names and notes inside the answers', async () => {
		const hostile = sideAnswer(loaded, item, 'fail', 'Mallory', '2026-11-03T08:00:00.000Z', {
			note: 'evil\u001b]0;pwned\u0007\u001b[2J note\u009b31m',
		});
		hostile.signedOff = {...hostile.signedOff!, by: 'Mal\u001b]8;;https://x.example\u0007lory'};
		const app = await renderReview({review: conflicted([ana(), hostile]), ready: secrets});
		resize(app.stdout, 100, 40);
		const frame = await app.waitForText('note: evil');
		const raw = app.lastFrame() ?? '';
		// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
		expect(raw).not.toMatch(/\u001b\]|\u0007|\u009b|\u001b\[2J/);
		expect(frame).toContain('Mallory');
		expect(frame).toMatch(/note: evil.*note/);
	});

	it('home counts the conflicts of each review; the summary lists them as blockers', async () => {
		const app = await renderApp({db: dbWith(conflicted())});
		let frame = await app.waitForText('checkout-api');
		// The verdict whole on the review's row, the conflicts on the row below it.
		expect(frame).toMatch(/checkout-api.*✖ NOT READY · 26 blockers\n {4}⚠ 1 conflict/);
		await app.press(keys.enter);
		await app.waitForText('answer 1:');
		await app.press('s');
		// First, under their own heading: the most urgent.
		frame = await app.waitForText('⚠ conflicts (1)');
		expect(frame).toMatch(
			/⚠ conflicts \(1\)\n› ⚠ conflict +Manage secrets properly — conflict: fail by Bo · pass by Ana/,
		);
		expect(frame).toContain('other blockers (25)');
		await app.press(keys.enter);
		frame = await app.waitForText('answer 1:');
		expect(focusedRow(frame)).toContain('Manage secrets properly');
	});
});
