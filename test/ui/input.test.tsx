import {afterEach, describe, expect, it} from 'vitest';
import type {Database} from '../../source/model/schemas.js';
import {
	cleanupApps,
	focusedRow,
	keys,
	renderApp,
	renderReview,
	waitUntil,
	type FakeServices,
	waitFor,
} from './helpers.js';

afterEach(() => cleanupApps());

const first = 'Define clear system boundaries';
const second = 'Design for failure';
const firstId = 'architecture.boundaries';
const secondId = 'architecture.failure-paths';

type App = {
	persist: {mock: {calls: Array<[Database]>}};
	services: FakeServices;
};

async function lastSaved(app: App, count = 1) {
	await waitUntil(() => app.persist.mock.calls.length >= count, `${count} persist call(s)`);
	return app.persist.mock.calls.at(-1)![0];
}

const quitWith = async (app: App, code: number) => {
	await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit');
	expect(app.services.quit).toHaveBeenCalledWith(code);
};

/**
 * Sequences that killed the app through Ink 6.8's useInput (a ctrl flag with no
 * key name, then `undefined.startsWith`), and their neighbours.
 */
const hostile = {
	ctrlF1: '\u001b[1;5P',
	red: '\u001b[31m',
	reset: '\u001b[0m',
	ctrlF5: '\u001b[15;5~',
	altF1: '\u001b[1;3P',
	sgr0: '\u001b(B\u001b[m',
	bold: '\u001b[1m',
	mouse: '\u001b[<0;3;4M',
	kitty: '\u001b[99;5u',
	title: '\u001b]0;pwned\u0007',
};

describe('escape sequences that are no key', () => {
	it('are ignored on the review screen, one per read or all in one, and keys still work', async () => {
		const app = await renderReview();
		for (const sequence of Object.values(hostile)) await app.press(sequence);
		await app.press(Object.values(hostile).join(''));
		await app.press(`${hostile.red}j${hostile.reset}`);
		const frame = await app.waitFor((f) => focusedRow(f).includes(second), 'j moved on');
		expect(frame).not.toContain('pwned');
		expect(app.persist).not.toHaveBeenCalled();
		expect(app.services.quit).not.toHaveBeenCalled();
	});

	it('in the note prompt, pasted coloured text keeps its text and loses its escapes', async () => {
		const app = await renderReview();
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press(hostile.ctrlF1);
		await app.press(
			`${hostile.red}red${hostile.reset} and ${hostile.bold}bold${hostile.sgr0}${hostile.title}`,
		);
		await app.waitForText('”: red and bold');
		await app.press(keys.enter);
		await app.waitForText('note: red and bold');
		const review = (await lastSaved(app)).reviews[0]!;
		expect(review.answers[firstId]).toMatchObject({status: 'pending', note: 'red and bold'});
	});

	it('on the home screen and in the new-review form', async () => {
		const app = await renderApp();
		await app.press(`${hostile.ctrlF1}${hostile.red}`);
		await app.press('n');
		await app.waitForText('System under review:');
		await app.press(`${hostile.red}pay${hostile.reset}ments${hostile.ctrlF1}`);
		await app.waitForText('System under review: payments');
		await app.press(keys.enter);
		await app.waitForText('Release of payments');
	});
});

describe('keys that arrive in one read', () => {
	it('c, text and enter make a note: the keys after c go to the prompt it opens', async () => {
		const app = await renderReview();
		await app.press('cfine\r');
		const frame = await app.waitForText('note: fine');
		expect(frame).not.toContain('Note for “');
		expect(focusedRow(frame)).toContain(first);
		const review = (await lastSaved(app)).reviews[0]!;
		expect(review.answers[firstId]).toMatchObject({status: 'pending', note: 'fine'});
		expect(review.answers[secondId]?.status ?? 'pending').toBe('pending');
		expect(app.persist).toHaveBeenCalledTimes(1);
	});

	it('n, the system, enter, the release, enter, no launch date, enter on the home screen open that review', async () => {
		const app = await renderApp();
		await app.press('npayments\r2.0\r\r');
		const frame = await app.waitForText('0/26 answered');
		expect(frame).toContain('payments 2.0');
		const db = await lastSaved(app);
		expect(db.reviews).toHaveLength(1);
		expect(db.reviews[0]).toMatchObject({system: 'payments', release: '2.0'});
	});

	it('n and the answers in a second read do the same', async () => {
		const app = await renderApp();
		await app.press('n');
		await app.press('payments\r2.0\r\r');
		await app.waitForText('0/26 answered');
		expect((await lastSaved(app)).reviews[0]).toMatchObject({system: 'payments', release: '2.0'});
	});

	it('keys after a submitted prompt go back to the screen', async () => {
		const app = await renderReview();
		// p asks for evidence; the URL passes the item and moves on; f fails the next.
		await app.press('phttps://ci.example/1\rf');
		const frame = await app.waitFor((f) => /✖ fail\s+Design for failure/.test(f), 'f failed');
		expect(frame).toMatch(/✔ pass\s+Define clear system boundaries/);
		const review = (await lastSaved(app, 2)).reviews[0]!;
		expect(review.answers[firstId]).toMatchObject({
			status: 'pass',
			evidence: [{kind: 'url', ref: 'https://ci.example/1'}],
		});
		expect(review.answers[secondId]?.status).toBe('fail');
	});

	it('a refused answer keeps the prompt, and the keys after it stay in the prompt', async () => {
		const app = await renderReview();
		await app.press('n\rok\r');
		const frame = await app.waitForText('– n/a');
		expect(frame).not.toContain('a justification is required');
		expect((await lastSaved(app)).reviews[0]!.answers[firstId]).toMatchObject({
			status: 'na',
			justification: 'ok',
		});
	});

	// More keys than React allows nested renders (50): each key's render is its own.
	it('a long run of screen keys is handled key by key', async () => {
		const app = await renderReview();
		await app.press('jk'.repeat(30) + 'jc');
		await waitFor(app.lastFrame, (f) => f.includes('Note for “'), 'the note prompt', 20_000);
		expect(focusedRow(app.frame())).toContain(second);
	});

	it('a long paste into a prompt arrives whole', async () => {
		const app = await renderReview();
		const text = 'x'.repeat(2000);
		await app.press(`c${text}\r`);
		const review = (await lastSaved(app)).reviews[0]!;
		expect(review.answers[firstId]?.note).toBe(text);
	});
});

describe('the text prompt', () => {
	it('moves and deletes by whole characters: an emoji is never cut in half', async () => {
		const app = await renderReview();
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press('a😀');
		await app.press(keys.backspace);
		await app.waitForText('”: a');
		await app.press('😀b');
		await app.press(keys.left);
		await app.press(keys.left);
		await app.press(keys.right);
		await app.press(keys.backspace);
		await app.press(keys.enter);
		const review = (await lastSaved(app)).reviews[0]!;
		expect(review.answers[firstId]?.note).toBe('ab');
	});
});

describe('bracketed paste', () => {
	const paste = (text: string) => `\u001b[200~${text}\u001b[201~`;

	it('a multi-line paste into a prompt is one line of text: its lines never run as commands', async () => {
		const app = await renderReview();
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press(paste('deploy ok\nfailed twice\r\nwaiting\u001b[31m!'));
		await app.waitForText('deploy ok failed twice waiting!');
		await app.press(keys.enter);
		const review = (await lastSaved(app)).reviews[0]!;
		expect(review.answers[firstId]).toMatchObject({
			status: 'pending',
			note: 'deploy ok failed twice waiting!',
		});
		expect(focusedRow(app.frame())).toContain(first);
		expect(app.persist.mock.calls).toHaveLength(1);
	});

	it('a paste on a screen does nothing but say so, and the keys after it work', async () => {
		const app = await renderReview();
		await app.press(paste('fpfw\nr'));
		await app.waitForText('a paste does nothing here (? lists the keys).');
		// in a read of its own: a key in the same read as a paste's end is pasted text
		await app.press('j');
		await app.waitFor((f) => focusedRow(f).includes(second), 'j moved on');
		expect(app.persist).not.toHaveBeenCalled();
	});
});

describe('ctrl+c inside a prompt', () => {
	it.each([
		['note', 'c', 'Note for “'],
		['evidence', 'e', 'Evidence for “'],
		['pass evidence', 'p', 'Evidence to pass “'],
		['justification', 'n', '” is n/a because:'],
		['filter', '/', 'Filter'],
		['waiver reason', 'w', '” because:'],
	])('quits from the %s prompt, dropping its text', async (_name, open, label) => {
		const app = await renderReview();
		await app.press(open);
		await app.waitForText(label);
		await app.press('draft text');
		await app.waitForText('draft text');
		await app.press(keys.ctrlC);
		await quitWith(app, 0);
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('quits from a later step of the waiver', async () => {
		const app = await renderReview();
		await app.press('wvendor fix\r');
		await app.waitForText('” — owner:');
		await app.press(keys.ctrlC);
		await quitWith(app, 0);
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('quits from either question of the new-review form, creating nothing', async () => {
		for (const keysBefore of ['n', 'npayments\r']) {
			const app = await renderApp();
			await app.press(keysBefore);
			await app.waitForText(keysBefore === 'n' ? 'System under review:' : 'Release of payments');
			await app.press('typed');
			await app.press(keys.ctrlC);
			await quitWith(app, 0);
			expect(app.persist).not.toHaveBeenCalled();
		}
	});

	it('in the same read as the text before it', async () => {
		const app = await renderReview();
		await app.press('cdraft\u0003');
		await quitWith(app, 0);
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('waits for changes being saved, as q does', async () => {
		let release = () => {};
		const app = await renderReview({
			persist: () => new Promise<void>((resolve) => (release = resolve)),
		});
		await app.press('f');
		await waitUntil(() => app.persist.mock.calls.length === 1, 'the fail is being saved');
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press(keys.ctrlC);
		await app.waitForGone('Note for “');
		expect(app.services.quit).not.toHaveBeenCalled();
		release();
		await quitWith(app, 0);
	});

	it('after a failed save, closes the prompt and warns; a second ctrl+c quits anyway', async () => {
		const app = await renderReview({persist: async () => Promise.reject(new Error('disk full'))});
		await app.press('f');
		await app.waitForText('not saved');
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press(`unsaved${keys.ctrlC}`);
		await app.waitForText('Changes are NOT saved. Press q again to quit anyway.');
		expect(app.frame()).not.toContain('Note for “');
		expect(app.services.quit).not.toHaveBeenCalled();
		await app.press(keys.ctrlC);
		await quitWith(app, 1);
	});
});
