import {afterEach, describe, expect, it} from 'vitest';
import {recordAnswer} from '../../source/model/review.js';
import {bindingsFor} from '../../source/ui/keys.js';
import {
	blankReview,
	cleanupApps,
	defaultChecklist,
	fakeServices,
	focusedRow,
	keys,
	NOW,
	renderReview,
	resize,
	waitUntil,
	lastSaved,
} from './helpers.js';

afterEach(() => cleanupApps());

const first = 'Define clear system boundaries';
const second = 'Design for failure';
const third = 'Establish data flow contracts';

/** The row of the item list that shows this title. */
function row(frame: string, title: string): string {
	return frame.split('\n').find((l) => l.includes(title)) ?? '';
}

describe('review screen', () => {
	it('shows sections with progress, the focused item, its guidance and the footer', async () => {
		const app = await renderReview();
		const frame = await app.waitForText(first);
		expect(frame).toContain('checkout-api · 0/26 answered');
		expect(frame).toContain('▸ Architecture');
		expect(frame).toContain('0/5');
		expect(focusedRow(frame)).toContain(first);
		expect(frame).toContain('architecture.boundaries · required · evidence required');
		expect(frame).toContain('evidence: none yet');
		expect(frame).toContain('✔ saved');
		for (const hint of ['pass', 'fail', 'n/a', 'waive', 'evidence', 'note', 'undo', 'filter'])
			expect(frame).toContain(hint);
	});

	it('p without evidence asks for it; bad evidence is refused with the reason and kept; a URL passes and advances', async () => {
		const app = await renderReview();
		await app.press('p');
		await app.waitForText('Evidence to pass');
		await app.press('ftp://x');
		await app.waitForText('ftp://x');
		await app.press(keys.enter);
		let frame = await app.waitForText('only http and https links are evidence');
		expect(frame).toMatch(/Evidence to pass.*ftp:\/\/x/);

		await app.press(keys.ctrlU);
		await app.waitForGone('ftp://x');
		await app.press('missing.txt');
		await app.waitForText('missing.txt');
		await app.press(keys.enter);
		frame = await app.waitForText('no such file: missing.txt');
		expect(frame).toMatch(/Evidence to pass.*missing\.txt/);
		expect(app.persist).not.toHaveBeenCalled();

		await app.press(keys.ctrlU);
		await app.waitFor((f) => !/Evidence to pass.*missing/.test(f), 'the field cleared');
		await app.press('https://ci.example/run/1');
		await app.waitForText('https://ci.example/run/1');
		await app.press(keys.enter);
		frame = await app.waitFor((f) => focusedRow(f).includes(second), 'focus on the next item');
		expect(frame).not.toContain('Evidence to pass');
		expect(row(frame, first)).toContain('✔ pass');
		const review = await lastSaved(app);
		expect(review.answers['architecture.boundaries']).toMatchObject({
			status: 'pass',
			evidence: [{kind: 'url', ref: 'https://ci.example/run/1'}],
			signedOff: {by: 'Ada', at: '2026-11-28T12:00:00.000Z'},
		});
	});

	it('e adds file and URL evidence; d asks which one when there are several and removes it', async () => {
		const app = await renderReview();
		await app.press('e');
		await app.waitForText('Evidence for “Define clear system boundaries”');
		await app.press('runbook.md');
		await app.waitForText('runbook.md');
		await app.press(keys.enter);
		let frame = await app.waitForText('evidence 1: file runbook.md (sha256');
		// Adding evidence does not answer the item.
		expect(focusedRow(frame)).toContain(first);
		expect(row(frame, first)).toContain('pending');

		await app.press('e');
		await app.waitForText('Evidence for');
		await app.press('https://docs.example/arch');
		await app.waitForText('https://docs.example/arch');
		await app.press(keys.enter);
		await app.waitForText('evidence 2: https://docs.example/arch');

		await app.press('d');
		await app.waitForText(`Remove which evidence from “${first}” (1-2)?`);
		await app.press('3');
		await app.waitForText('3');
		await app.press(keys.enter);
		await app.waitForText('type a number from 1 to 2');
		await app.press(keys.backspace);
		await app.press('1');
		await app.press(keys.enter);
		frame = await app.waitForText('evidence 1: https://docs.example/arch');
		expect(frame).not.toContain('file runbook.md');
		// the history keeps what happened to it
		expect(frame).toContain('evidence removed: runbook.md');

		// With one link left, d removes it at once.
		await app.press('d');
		await app.waitForText('evidence: none yet');
		const review = await lastSaved(app, 4);
		expect(review.answers['architecture.boundaries']).toBeUndefined();
	});

	it('d on an item without evidence says so', async () => {
		const app = await renderReview();
		await app.press('d');
		await app.waitForText('This item has no evidence to remove.');
	});

	it('f fails at once and moves on; c edits the note', async () => {
		const app = await renderReview();
		await app.press('f');
		let frame = await app.waitFor((f) => focusedRow(f).includes(second), 'focus moved on');
		expect(row(frame, first)).toContain('✖ fail');
		await app.press('k');
		await app.waitFor((f) => focusedRow(f).includes(first), 'back on the first item');
		await app.press('c');
		await app.waitForText(`Note for “${first}”:`);
		await app.press('owner missing');
		await app.waitForText('owner missing');
		await app.press(keys.enter);
		frame = await app.waitForText('note: owner missing');
		expect(focusedRow(frame)).toContain(first);
		const review = await lastSaved(app, 2);
		expect(review.answers['architecture.boundaries']).toMatchObject({
			status: 'fail',
			note: 'owner missing',
		});
	});

	it('c pressed right after f edits the note of the item just failed, not the next one', async () => {
		const app = await renderReview();
		await app.press('f');
		let frame = await app.waitFor((f) => focusedRow(f).includes(second), 'focus moved on');
		expect(frame).toContain(`Failed “${first}” — c adds a note to it.`);
		await app.press('c');
		frame = await app.waitForText(`Note for “${first}”:`);
		await app.press('why it failed');
		await app.waitForText('why it failed');
		await app.press(keys.enter);
		await app.waitForGone(`Note for “${first}”`);
		let review = await lastSaved(app, 2);
		expect(review.answers['architecture.boundaries']).toMatchObject({
			status: 'fail',
			note: 'why it failed',
		});
		expect(review.answers['architecture.failure-paths']).toBeUndefined();
		// The guided flow is otherwise unchanged: the focus stays on the next item.
		expect(focusedRow(app.frame())).toContain(second);

		// Any other key in between: c is for the focused item again.
		await app.press('f');
		await app.waitFor((f) => focusedRow(f).includes(third), 'focus moved on again');
		await app.press('k');
		await app.waitFor((f) => focusedRow(f).includes(second), 'back on the second item');
		await app.press('j');
		await app.waitFor((f) => focusedRow(f).includes(third), 'on the third item');
		await app.press('c');
		await app.waitForText(`Note for “${third}”:`);
		await app.press('later');
		await app.press(keys.enter);
		await app.waitForGone(`Note for “${third}”`);
		review = await lastSaved(app, 4);
		expect(review.answers['architecture.data-contracts']).toMatchObject({note: 'later'});
		expect(review.answers['architecture.failure-paths']).toMatchObject({status: 'fail'});
		expect(review.answers['architecture.failure-paths']!.note).toBeUndefined();
	});

	it('f and c typed in one chunk still note the failed item', async () => {
		const app = await renderReview();
		await app.press('fc');
		await app.waitForText(`Note for “${first}”:`);
		expect(focusedRow(app.frame())).toContain(second);
	});

	it('every prompt that records something names the item it applies to', async () => {
		const app = await renderReview();
		const labels: Array<[string, string]> = [
			['p', `Evidence to pass “${first}”:`],
			['e', `Evidence for “${first}”:`],
			['c', `Note for “${first}”:`],
			['n', `“${first}” is n/a because:`],
			['w', `Waive “${first}” because:`],
		];
		for (const [key, label] of labels) {
			await app.press(key);
			await app.waitForText(label);
			await app.press(keys.escape);
			await app.waitForGone(label);
		}
		await app.press('w');
		await app.press('risk');
		await app.press(keys.enter);
		await app.waitForText(`Waive “${first}” — owner:`);
		await app.press(keys.enter);
		await app.waitForText(`Waive “${first}” until (YYYY-MM-DD):`);
		// esc steps back (expiry → owner → reason), and closes from the first step.
		await app.press(keys.escape);
		await app.waitForText(`Waive “${first}” — owner:`);
		await app.press(keys.escape);
		await app.waitForText(`Waive “${first}” because: risk`);
		await app.press(keys.escape);
		await app.waitForGone('Waive “');
		for (const ref of ['https://a.example', 'https://b.example']) {
			await app.press('e');
			await app.waitForText('Evidence for');
			await app.press(ref);
			await app.press(keys.enter);
			await app.waitForText(ref);
		}
		await app.press('d');
		await app.waitForText(`Remove which evidence from “${first}” (1-2)?`);
	});

	it.each([
		[80, 24],
		[60, 16],
	])('at %i columns every prompt label leaves room to see what is typed', async (columns, rows) => {
		const app = await renderReview();
		resize(app.stdout, columns, rows);
		await app.waitFor((f) => f.split('\n')[0]!.length <= columns, 'the narrower frame');
		const typed = 'abcdefghijklmnopqr';
		for (const key of ['p', 'e', 'c', 'n', 'w']) {
			await app.press(key);
			await app.press(typed);
			const frame = await app.waitFor((f) => f.includes(typed), `${key}: what was typed`);
			const line = frame.split('\n').find((l) => l.includes(typed))!;
			expect(line.length, key).toBeLessThanOrEqual(columns);
			// the item is named; at 80 columns with its whole title
			expect(line, key).toMatch(
				columns >= 80 ? /“Define clear system boundaries”/ : /“Define clear.*…”/,
			);
			await app.press(keys.escape);
			await app.waitForGone(typed);
		}
	});

	it('n asks for a justification and refuses an empty one', async () => {
		const app = await renderReview();
		await app.press('n');
		await app.waitForText('is n/a because:');
		await app.press(keys.enter);
		await app.waitForText('a justification is required');
		await app.press('no external callers');
		await app.waitForText('no external callers');
		await app.press(keys.enter);
		let frame = await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
		expect(row(frame, first)).toContain('n/a');
		await app.press(keys.up);
		frame = await app.waitForText('justification: no external callers');
		const review = await lastSaved(app);
		expect(review.answers['architecture.boundaries']).toMatchObject({
			status: 'na',
			justification: 'no external callers',
		});
	});

	it('w asks for reason, owner and expiry, and refuses a past date', async () => {
		const app = await renderReview();
		await app.press('w');
		await app.waitForText(`Waive “${first}” because:`);
		await app.press(keys.enter);
		await app.waitForText('a waiver needs a reason');
		await app.press('vendor fix due');
		await app.waitForText('vendor fix due');
		await app.press(keys.enter);
		let frame = await app.waitForText(`Waive “${first}” — owner:`);
		// The owner defaults to the reviewer, offered as a hint (typing replaces it, not appends).
		expect(frame).toContain('enter for Ada');
		await app.press(keys.enter);
		frame = await app.waitForText(`Waive “${first}” until (YYYY-MM-DD):`);
		// The expiry defaults to 30 days from now, offered as a hint.
		expect(frame).toContain('enter for 2026-12-28');
		await app.press('2026-01-01');
		await app.waitForText('2026-01-01');
		await app.press(keys.enter);
		frame = await app.waitForText('has already passed');
		expect(frame).toContain('2026-01-01');
		expect(app.persist).not.toHaveBeenCalled();
		await app.press(keys.ctrlU);
		await app.press('2027-01-15');
		await app.waitForText('2027-01-15');
		await app.press(keys.enter);
		frame = await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
		expect(row(frame, first)).toContain('waived');
		const review = await lastSaved(app);
		expect(review.answers['architecture.boundaries']).toMatchObject({
			status: 'waived',
			waiver: {reason: 'vendor fix due', owner: 'Ada', expires: '2027-01-15'},
		});
	});

	it('r resets an answered item to pending, and says so when it already is', async () => {
		const app = await renderReview();
		await app.press('r');
		await app.waitForText('Already pending.');
		await app.press('f');
		await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
		await app.press('k');
		await app.waitFor((f) => focusedRow(f).includes(first), 'back');
		await app.press('r');
		const frame = await app.waitFor((f) => row(f, first).includes('pending'), 'reset');
		expect(focusedRow(frame)).toContain(first);
		const review = await lastSaved(app, 2);
		expect(review.answers['architecture.boundaries']).toBeUndefined();
		expect(review.audit.at(-1)).toMatchObject({from: 'fail', to: 'pending', by: 'Ada'});
	});

	it('u undoes the last change', async () => {
		const app = await renderReview();
		await app.press('f');
		await app.waitFor((f) => row(f, first).includes('fail'), 'failed');
		await app.press('u');
		const frame = await app.waitForText(`Undone: “${first}” ✖ fail → ○ pending.`);
		expect(row(frame, first)).toContain('pending');
		expect(focusedRow(frame)).toContain(first);
		await app.press('u');
		await app.waitForText('Nothing to undo.');
	});

	it('/ filters by status word and by text; esc clears the filter', async () => {
		const app = await renderReview();
		await app.press('f');
		await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('fail');
		await app.waitForText('fail');
		await app.press(keys.enter);
		let frame = await app.waitForText('filter: fail');
		expect(frame).toContain(first);
		expect(frame).not.toContain(second);
		expect(frame).not.toContain(third);

		// An empty filter shows everything again.
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press(keys.ctrlU);
		await app.press(keys.enter);
		frame = await app.waitForGone('filter: fail');
		expect(frame).toContain(third);

		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('secrets');
		await app.waitForText('secrets');
		await app.press(keys.enter);
		frame = await app.waitForText('filter: secrets');
		expect(frame).toContain('▸ Security');
		expect(focusedRow(frame)).toContain('Manage secrets properly');
		expect(frame).not.toContain('Encrypt data at rest');
		// Sections without a match are skipped.
		await app.press('l');
		await app.press(keys.tab);
		frame = await app.waitFor((f) => f.includes('filter: secrets'), 'still filtered');
		expect(frame).toContain('▸ Security');
	});

	it('with a filter that matches nothing, answer keys act on no hidden item', async () => {
		const app = await renderReview();
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('zzzz');
		await app.press(keys.enter);
		let frame = await app.waitForText('Nothing matches “zzzz”');
		// the detail pane shows no item out of sight either
		expect(frame).not.toContain('architecture.boundaries');
		for (const key of ['p', 'f', 'n', 'w', 'r', 'e', 'd', 'c']) {
			await app.press(key);
			frame = await app.waitForText('No item selected');
			// no prompt opened (it would take the keys that follow)
			expect(frame, key).not.toMatch(/Note for|Evidence for|Waive “|Evidence to pass|Remove which/);
		}
		expect(frame).toContain('filter: zzzz');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('u keeps the filter when the undone item is visible, and says so when it must clear it', async () => {
		const app = await renderReview();
		/** Fails the first item, then filters by `text`. */
		const failThenFilter = async (text: string) => {
			await app.press('f');
			await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
			await app.press('/');
			await app.waitForText('Filter (text or status):');
			await app.press(text);
			await app.press(keys.enter);
			await app.waitForText(`filter: ${text}`);
		};
		await failThenFilter('fail');
		await app.press('u');
		let frame = await app.waitForText('Undone');
		// the undone item is pending now, which the filter hides: it is cleared, and said
		expect(frame).toContain(`Undone: “${first}” ✖ fail → ○ pending (filter cleared to show it).`);
		expect(frame).not.toContain('filter: fail');
		expect(focusedRow(frame)).toContain(first);

		await failThenFilter('architecture');
		await app.press('u');
		frame = await app.waitForText('→ ○ pending.');
		expect(frame).toContain('filter: architecture');
		expect(focusedRow(frame)).toContain(first);
		expect(row(frame, first)).toContain('pending');
	});

	// Ink reports esc with meta=true; the key table must still read it as 'back'.
	it('esc clears the filter', async () => {
		const app = await renderReview();
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('secrets');
		await app.waitForText('secrets');
		await app.press(keys.enter);
		await app.waitForText('filter: secrets');
		await app.press(keys.escape);
		const frame = await app.waitForGone('filter: secrets');
		expect(frame).toContain('Encrypt data at rest');
	});

	it('esc without a filter asks, and a second esc goes back to the home screen', async () => {
		const app = await renderReview();
		await app.press(keys.escape);
		await app.waitForText('esc again goes back to the list of reviews');
		// another key in between takes the question back
		await app.press(keys.down);
		await app.waitForGone('esc again');
		await app.press(keys.escape);
		await app.waitForText('esc again goes back');
		await app.press(keys.escape);
		await app.waitForText('Choose a review to resume');
	});

	it('esc pressed twice to leave a prompt never leaves the screen', async () => {
		const app = await renderReview();
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press(keys.escape + keys.escape);
		const frame = await app.waitForText('esc again goes back');
		expect(frame).toContain('0/26 answered');
		expect(frame).not.toContain('Note for “');
	});

	it('←/→, h/l and shift+tab/tab change sections', async () => {
		const app = await renderReview();
		const at = (title: string) => app.waitFor((f) => f.includes(`▸ ${title}`), `section ${title}`);
		await at('Architecture');
		await app.press(keys.right);
		await at('Security');
		await app.press('l');
		await at('Monitoring and Obser');
		await app.press(keys.tab);
		await at('Deployment and Failo');
		await app.press(keys.left);
		await at('Monitoring and Obser');
		await app.press('h');
		await at('Security');
		await app.press(keys.shiftTab);
		const frame = await at('Architecture');
		expect(focusedRow(frame)).toContain(first);
		await app.press(keys.shiftTab);
		await at('Testing and Quality');
	});

	it('↑/↓ and k/j move between items', async () => {
		const app = await renderReview();
		await app.press(keys.down);
		await app.waitFor((f) => focusedRow(f).includes(second), 'down');
		await app.press('j');
		await app.waitFor((f) => focusedRow(f).includes(third), 'j');
		await app.press('k');
		await app.waitFor((f) => focusedRow(f).includes(second), 'k');
		await app.press(keys.up);
		await app.waitFor((f) => focusedRow(f).includes(first), 'up');
	});

	it('s opens the summary', async () => {
		const app = await renderReview();
		await app.press('s');
		const frame = await app.waitForText('NOT READY · 26 blockers');
		expect(frame).toContain('Summary · checkout-api');
	});

	it('? opens the help overlay listing the key table; esc closes it', async () => {
		const app = await renderReview();
		await app.press('?');
		const frame = await app.waitForText('Keys — review screen');
		for (const b of bindingsFor('review')) {
			expect(frame, b.action).toContain(b.keys);
			expect(frame, b.action).toContain(b.label);
		}
		// Keys do not reach the review behind the overlay; ? closes it again.
		await app.press('f');
		await app.press('?');
		const after = await app.waitForGone('Keys — review screen');
		expect(row(after, first)).toContain('pending');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('esc closes the help overlay', async () => {
		const app = await renderReview();
		await app.press('?');
		await app.waitForText('Keys — review screen');
		await app.press(keys.escape);
		await app.waitForGone('Keys — review screen');
	});

	it('q and ctrl+c quit', async () => {
		const app = await renderReview();
		await app.press('q');
		await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit on q');
		expect(app.services.quit).toHaveBeenCalledWith(0);
		const other = await renderReview();
		await other.press(keys.ctrlC);
		await waitUntil(() => other.services.quit.mock.calls.length === 1, 'quit on ctrl+c');
	});

	it('an answer typed together with q is saved before the app ends', async () => {
		let release = () => {};
		const app = await renderReview({
			persist: () => new Promise<void>((resolve) => (release = resolve)),
		});
		await app.press('fq');
		await waitUntil(() => app.persist.mock.calls.length === 1, 'the answer is persisted');
		expect(app.services.quit).not.toHaveBeenCalled();
		release();
		await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit once saved');
		expect(app.services.quit).toHaveBeenCalledWith(0);
	});

	it('after a failed save, q warns and a second q quits with a non-zero code', async () => {
		const app = await renderReview({persist: async () => Promise.reject(new Error('disk full'))});
		await app.press('f');
		await app.waitForText('not saved');
		await app.press('q');
		await app.waitForText('Changes are NOT saved. Press q again to quit anyway.');
		expect(app.services.quit).not.toHaveBeenCalled();
		await app.press('q');
		await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit anyway');
		expect(app.services.quit).toHaveBeenCalledWith(1);
	});

	it('u restores the earlier answer exactly: undoing signs nothing off', async () => {
		const loaded = defaultChecklist();
		const id = 'architecture.boundaries';
		const review = recordAnswer(
			blankReview(loaded),
			id,
			{status: 'pass', evidence: [{kind: 'url', ref: 'https://example.com/adr'}]},
			{by: 'Bob', at: new Date('2026-01-01T00:00:00Z')},
		);
		const original = review.answers[id];
		const app = await renderReview({loaded, review});
		await app.press('k');
		await app.press('f');
		await waitUntil(() => app.persist.mock.calls.length === 1, 'the fail is saved');
		await app.press('u');
		await app.waitForText(`Undone: “${first}” ✖ fail → ✔ pass.`);
		await waitUntil(() => app.persist.mock.calls.length === 2, 'the undo is saved');
		const saved = app.persist.mock.calls.at(-1)?.[0].reviews[0];
		expect(saved?.answers[id]).toEqual(original);
		expect(saved?.audit.at(-1)).toMatchObject({item: id, from: 'fail', to: 'pass', by: 'Ada'});
	});

	it('while a prompt is open, letters go into the prompt, not to commands', async () => {
		const app = await renderReview();
		await app.press('c');
		await app.waitForText('Note for “');
		for (const ch of ['p', 'f', 'q', 's', 'j', '?']) await app.press(ch);
		let frame = await app.waitForText('pfqsj?');
		expect(frame).toContain('Note for “');
		expect(app.services.quit).not.toHaveBeenCalled();
		expect(focusedRow(frame)).toContain(first);
		await app.press(keys.escape);
		frame = await app.waitForGone('Note for “');
		expect(row(frame, first)).toContain('pending');
		expect(frame).not.toContain('NOT READY');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('refuses the same evidence twice and keeps the text', async () => {
		const app = await renderReview();
		await app.press('e');
		await app.waitForText('Evidence for');
		await app.press('https://ci.example/1');
		await app.waitForText('https://ci.example/1');
		await app.press(keys.enter);
		await app.waitForText('evidence 1: https://ci.example/1');
		await app.press('e');
		await app.waitForText('Evidence for');
		await app.press('https://ci.example/1');
		await app.waitFor((f) => /Evidence for.*https:\/\/ci\.example\/1/.test(f), 'typed');
		await app.press(keys.enter);
		const frame = await app.waitForText('that evidence is already attached');
		expect(frame).toMatch(/Evidence for.*https:\/\/ci\.example\/1/);
	});

	it('p on an item that already has evidence passes at once, signed with the git commit', async () => {
		const services = fakeServices({commit: () => 'abcdef1234567890'});
		const app = await renderReview({services});
		await app.press('e');
		await app.waitForText('Evidence for');
		await app.press('runbook.md');
		await app.waitForText('runbook.md');
		await app.press(keys.enter);
		await app.waitForText('evidence 1: file runbook.md');
		await app.press('p');
		let frame = await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
		expect(frame).not.toContain('Evidence to pass');
		await app.press('k');
		frame = await app.waitForText('signed off by Ada at 2026-11-28 12:00 UTC (commit abcdef1)');
		expect(row(frame, first)).toContain('✔ pass');
	});

	it('answering the last pending item opens the summary', async () => {
		const loaded = defaultChecklist();
		const review = blankReview(loaded);
		for (const s of loaded.checklist.sections)
			for (const it of s.items)
				if (it.id !== 'testing.manual-qa')
					review.answers[it.id] = {
						status: 'na',
						justification: 'out of scope',
						evidence: [],
						signedOff: {by: 'Ada', at: NOW.toISOString()},
					};
		const app = await renderReview({review});
		await app.waitFor((f) => focusedRow(f).includes('Manual QA for user-facing flows'), 'resume');
		await app.press('n');
		await app.waitForText('is n/a because:');
		await app.press('no UI');
		await app.waitForText('no UI');
		await app.press(keys.enter);
		const frame = await app.waitForText('Every item is answered: here is the summary.');
		expect(frame).toContain('✔ READY');
		expect(frame).toContain('26 n/a');
	});

	it('/ with the word pending shows only pending items', async () => {
		const app = await renderReview();
		await app.press('f');
		await app.waitFor((f) => focusedRow(f).includes(second), 'advanced');
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('pending');
		await app.waitFor((f) => /Filter.*pending/.test(f), 'typed');
		await app.press(keys.enter);
		const frame = await app.waitForText('filter: pending');
		expect(frame).not.toContain(first);
		expect(frame).toContain(second);
	});
});
