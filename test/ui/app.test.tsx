import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {MIN_COLUMNS, MIN_ROWS} from '../../source/ui/app.js';
import {reviewLayout} from '../../source/ui/screens/review.js';
import {
	cleanupApps,
	blankReview,
	dbWith,
	focusedRow,
	keys,
	plain,
	renderApp,
	renderReview,
	resize,
	waitUntil,
} from './helpers.js';

afterEach(() => cleanupApps());

/** A promise the test settles by hand. */
function deferred() {
	let resolve!: () => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<void>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return {promise, resolve, reject};
}

describe('saved indicator', () => {
	it('shows saving until persist resolves, then saved', async () => {
		const pending = deferred();
		const app = await renderReview({persist: () => pending.promise});
		await app.waitForText('✔ saved');
		await app.press('f');
		await app.waitForText('… saving');
		expect(app.frame()).not.toContain('✔ saved');
		pending.resolve();
		await app.waitForText('✔ saved');
		expect(app.persist).toHaveBeenCalledTimes(1);
		expect(
			app.persist.mock.calls[0]![0].reviews[0]!.answers['architecture.boundaries'],
		).toMatchObject({status: 'fail'});
	});

	it('shows not saved, with the reason, when persist rejects', async () => {
		const app = await renderReview({persist: async () => Promise.reject(new Error('disk full'))});
		await app.press('f');
		const frame = await app.waitForText('✖ not saved');
		expect(frame).toContain('could not save: disk full');
		expect(frame).not.toContain('✔ saved');
	});

	it('a later successful save clears the error', async () => {
		let calls = 0;
		const app = await renderReview({
			persist: async () => {
				calls++;
				if (calls === 1) throw new Error('disk full');
			},
		});
		await app.press('f');
		await app.waitForText('✖ not saved');
		await app.press('f');
		await app.waitForText('✔ saved');
		expect(app.frame()).not.toContain('could not save');
	});
});

describe('terminal size', () => {
	it('ink-testing-library reports 100 columns and no rows', async () => {
		const app = await renderApp();
		expect(app.stdout.columns).toBe(100);
		expect((app.stdout as unknown as {rows?: number}).rows).toBeUndefined();
	});

	it('a resize below the minimum shows the too-small message; q still quits; growing restores', async () => {
		const app = await renderReview();
		await app.waitForText('answered');
		resize(app.stdout, 50, 10);
		let frame = await app.waitForText('The terminal is too small (50×10).');
		expect(frame).toContain(`preflight needs at least ${MIN_COLUMNS}×${MIN_ROWS}`);
		await app.press('q');
		await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit');
		resize(app.stdout, 100, 24);
		frame = await app.waitForText('0/26 answered');
		expect(frame).not.toContain('too small');
		// the same input router serves both: keys still reach the screen
		await app.press('j');
		await app.waitFor((f) => focusedRow(f).includes('Design for failure'), 'j moved on');
	});

	it('too few rows alone is too small', async () => {
		const app = await renderApp();
		resize(app.stdout, 120, MIN_ROWS - 1);
		await app.waitForText(`The terminal is too small (120×${MIN_ROWS - 1}).`);
	});

	it('switches to one column with a section line when narrower than 80', async () => {
		const app = await renderReview();
		resize(app.stdout, 70, 24);
		const frame = await app.waitForText('◂ 1/5 Architecture ▸');
		expect(frame).not.toContain('  Security');
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(70);
	});

	it.each([
		[100, 24],
		[80, 24],
		[60, 16],
		[70, 40],
	])('the review frame fits a %i×%i terminal', async (columns, rows) => {
		const app = await renderReview();
		resize(app.stdout, columns, rows);
		const frame = await app.waitFor(
			(f) => f.includes('answered') && f.split('\n').every((l) => l.length <= columns),
			'a frame that fits',
		);
		expect(frame.split('\n').length).toBeLessThan(rows);
	});

	it('reviewLayout keeps the frame shorter than the terminal', () => {
		for (const columns of [60, 100])
			for (const rows of [MIN_ROWS, 24, 40, 80]) {
				const layout = reviewLayout({columns, rows});
				// header, the rule of a narrow screen, prompt or message (2) and footer (2)
				// surround list and detail.
				const rule = layout.wide ? 0 : 1;
				const used = 1 + layout.listH + rule + layout.detailH + 2 + 2;
				expect(used, `${columns}×${rows}`).toBeLessThan(rows);
				expect(layout.listH).toBeGreaterThanOrEqual(3);
				expect(layout.detailH).toBeGreaterThanOrEqual(6);
			}
		expect(reviewLayout({columns: 79, rows: 24}).wide).toBe(false);
		expect(reviewLayout({columns: 80, rows: 24}).wide).toBe(true);
		// Section titles are given their width, up to 36% of the terminal (40% from 100 columns).
		expect(reviewLayout({columns: 200, rows: 24}, 6, 28).sectionW).toBe(45);
		expect(reviewLayout({columns: 100, rows: 24}, 6, 60).sectionW).toBe(40);
		expect(reviewLayout({columns: 80, rows: 24}, 6, 5).sectionW).toBe(29);
	});
});

describe('text prompt', () => {
	// Regression: one read holding text around an escape sequence arrives as several
	// keys; a handler that started from the value of the last render let each part
	// overwrite the one before ("abc↑def" → "def").
	it('keeps text typed before an escape sequence in the same chunk', async () => {
		const app = await renderReview();
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press(`abc${keys.up}def`);
		await app.waitForText('def');
		await app.press(keys.enter);
		await app.waitForText('note: abcdef');
	});
});

describe('hostile text', () => {
	const osc = '\u001b]0;pwned\u0007';
	const clear = '\u001b[2J';
	const c1 = '\u009b31m\u0085\u009d8;;https://evil.example\u009c';
	const loaded = checklistFromData(
		{
			id: 'hostile',
			title: `Hostile ${osc}checklist`,
			version: '1',
			sections: [
				{
					id: 'bad',
					title: `Bad ${clear}section${c1}`,
					items: [
						{
							id: 'x1',
							title: `Title ${osc}one${clear}`,
							guidance: `Guidance ${c1}with ${osc}\u0008controls`,
						},
						{id: 'x2', title: `Second ${c1}item\u0007`},
					],
				},
			],
		},
		'hostile.json',
	);

	function assertClean(frame: string | undefined, noResidue = true) {
		const text = plain(frame);
		expect(text.length).toBeGreaterThan(0);
		expect(text).not.toContain('\u001b');
		// eslint-disable-next-line no-control-regex -- looking for control characters is the point
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		if (noResidue) expect(text).not.toContain('pwned');
	}

	it('renders home, review, summary and a prompt without escape or control characters', async () => {
		const review = {...blankReview(loaded), system: `sys${osc}tem`};
		const app = await renderApp({loaded, db: dbWith(review)});
		let frame = await app.waitForText('1 review');
		expect(frame).toContain('Hostile checklist');
		assertClean(app.lastFrame());
		await app.press(keys.enter);
		frame = await app.waitForText('Title one');
		expect(frame).toContain('Guidance with controls');
		assertClean(app.lastFrame());
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press('typed ');
		await app.waitForText('”: typed');
		await app.press(osc);
		await app.press(clear);
		await app.press('note\u009b2J\u0085');
		await app.waitForText('note');
		assertClean(app.lastFrame(), false);
		await app.press(keys.enter);
		frame = await app.waitForText('note: typed');
		assertClean(app.lastFrame(), false);
		await app.press('s');
		await app.waitForText('NOT READY');
		assertClean(app.lastFrame());
		for (const f of app.frames) assertClean(f, false);
	});

	// Ink's useInput stripped the ESC of a sequence it did not know and passed the
	// rest on as text; the router's decoder drops the whole sequence.
	it('a typed OSC or CSI sequence leaves no residue in the prompt value', async () => {
		const app = await renderReview({loaded, review: blankReview(loaded)});
		await app.press('c');
		await app.waitForText('Note for “');
		await app.press('a');
		await app.waitForText('”: a');
		await app.press(osc);
		await app.press(clear);
		await app.press('b');
		await app.press(keys.enter);
		const frame = await app.waitForText('note: a');
		expect(frame).toContain('note: ab');
	});
});

describe('text beyond its length in a prompt', () => {
	const long = (n: number) => 'x'.repeat(n);

	it('a note, a justification, a waiver and evidence: the limit said in the prompt, the text kept, nothing saved', async () => {
		const app = await renderReview();
		const cases: Array<[string, string, string, string]> = [
			['c', 'Note for “', long(2001), 'a note is 2001 characters long: at most 2000 are allowed'],
			['n', 'is n/a because', long(2001), 'a justification is 2001 characters long'],
			['w', 'because:', long(2001), "a waiver's reason is 2001 characters long"],
			[
				'e',
				'Evidence for “',
				`https://example.com/${long(1990)}`,
				'the reference is 2010 characters long',
			],
		];
		for (const [key, label, text, error] of cases) {
			await app.press(key);
			await app.waitForText(label);
			await app.press(text);
			await app.press(keys.enter);
			await app.waitForText(error);
			// Still asking, with the text kept to shorten.
			expect(app.frame()).toContain(label);
			await app.press(keys.escape);
			await app.waitForGone(label);
		}
		// The waiver's owner, a step further.
		await app.press('w');
		await app.waitForText('because:');
		await app.press('accepted');
		await app.press(keys.enter);
		await app.waitForText('owner:');
		await app.press(long(201));
		await app.press(keys.enter);
		await app.waitForText("a waiver's owner is 201 characters long: at most 200 are allowed");
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('a system or release name in the new-review form', async () => {
		const app = await renderApp();
		await app.press('n');
		await app.waitForText('System under review:');
		await app.press(long(201));
		await app.press(keys.enter);
		await app.waitForText('a system name is 201 characters long: at most 200 are allowed');
		for (let i = 0; i < 201; i++) await app.press(keys.backspace);
		await app.press('shop');
		await app.press(keys.enter);
		await app.waitForText('Release of shop');
		await app.press(long(201));
		await app.press(keys.enter);
		await app.waitForText('a release is 201 characters long');
		expect(app.persist).not.toHaveBeenCalled();
	});
});
