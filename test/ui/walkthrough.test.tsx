import {afterEach, describe, expect, it} from 'vitest';
import {recordAnswer} from '../../source/model/review.js';
import {
	blankReview,
	cleanupApps,
	defaultChecklist,
	focusedRow,
	keys,
	renderApp,
	renderReview,
	resize,
	waitUntil,
} from './helpers.js';

afterEach(() => cleanupApps());

// What a facilitator's walkthrough found, each a test.
describe('the review screen, as a facilitator drives it', () => {
	it('says so for keys that do nothing here, instead of ignoring them', async () => {
		const app = await renderReview();
		for (const [press, name] of [
			[' ', 'space'],
			[keys.enter, 'enter'],
			['G', '“G”'],
			['0', '“0”'],
		] as const) {
			await app.press(press);
			await app.waitForText(`${name} does nothing here (? lists the keys).`);
			await app.press(keys.down);
			await app.waitForGone('does nothing here');
		}
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('a prompt’s footer shows the prompt’s keys, not the screen’s; q types into it', async () => {
		const app = await renderReview();
		await app.press('c');
		let frame = await app.waitForText('Note for “');
		const footer = frame.split('\n').slice(-3).join('\n');
		expect(footer).toContain('enter confirm');
		expect(footer).toContain('esc cancel');
		expect(footer).not.toContain('quit');
		expect(footer).not.toContain('p pass');
		// path completion is offered only where it works
		expect(footer).not.toContain('complete path');
		await app.press('q');
		frame = await app.waitForText('Note for “Define clear system boundaries”: q');
		expect(app.services.quit).not.toHaveBeenCalled();
		await app.press(keys.escape);
		await app.press('e');
		frame = await app.waitForText('Evidence for “');
		expect(frame.split('\n').slice(-3).join('\n')).toContain('tab complete path');
	});

	it('the filter is live, spans every section, and counts its matches', async () => {
		const app = await renderReview();
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		// no enter: the list follows what is typed
		await app.press('monitor');
		let frame = await app.waitForText('Filter “monitor” · ');
		expect(frame).toMatch(/Filter “monitor” · \d+ match(es)? in \d+ sections?/);
		await app.press(keys.escape);
		// esc in the prompt puts back the filter it opened over (none)
		frame = await app.waitForGone('Filter “monitor”');
		expect(frame).toContain('1/5 Architecture');

		// a status filter over the whole review: fails from two sections in one list
		await app.press('f'); // fails Architecture's first item
		await app.press(keys.right);
		await app.press('f'); // and Security's first
		await waitUntil(() => app.persist.mock.calls.length >= 2, 'both fails saved');
		await app.press('/');
		await app.press('fail');
		await app.press(keys.enter);
		frame = await app.waitForText('Filter “fail” (status) · 2 matches in 2 sections');
		expect(frame).toContain('· Architect'); // cut to a quarter of the row
		expect(frame).toContain('· Security');
		// ↓ crosses from one section's match to the next
		await app.press(keys.down);
		frame = await app.waitFor((f) => focusedRow(f).includes('· Security'), 'the Security match');
		expect(frame).toMatch(/▸ Security/);
	});

	it('a note given with a fail is kept in the history, not shown once the item passes', async () => {
		const loaded = defaultChecklist();
		const id = 'architecture.boundaries';
		const review = recordAnswer(
			blankReview(loaded),
			id,
			{
				status: 'fail',
				evidence: [{kind: 'url', ref: 'https://example.com/adr'}],
				note: 'no ADR yet',
			},
			{by: 'Bob', at: new Date('2026-11-01T00:00:00Z')},
		);
		const app = await renderReview({loaded, review});
		resize(app.stdout, 120, 40);
		await app.press('k');
		let frame = await app.waitForText('note: no ADR yet');
		await app.press('p');
		frame = await app.waitFor((f) => !f.includes('note: no ADR yet'), 'the note set aside');
		await waitUntil(() => app.persist.mock.calls.length > 0, 'saved');
		const saved = app.persist.mock.calls.at(-1)![0].reviews[0]!;
		expect(saved.answers[id]!.note).toBeUndefined();
		expect(saved.audit.at(-1)!.detail).toContain('note given with the fail: no ADR yet');
		// a tall terminal shows the item's history, the note included
		await app.press('k');
		frame = await app.waitForText('history (2 changes, newest first):');
		expect(frame).toContain('note given with the fail: no ADR yet');
	});
});

describe('the new-review form', () => {
	it('refuses a name with a space that is not a plain one, as the flags do', async () => {
		const app = await renderApp();
		await app.press('n');
		await app.waitForText('System under review:');
		await app.press('pay\u00a0ments');
		await app.press(keys.enter);
		await app.waitForText('a name may not hold control characters or invisible or direction marks');
		expect(app.persist).not.toHaveBeenCalled();
	});
});
