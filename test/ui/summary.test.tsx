import {afterEach, describe, expect, it} from 'vitest';
import {
	cleanupApps,
	fakeServices,
	focusedRow,
	keys,
	NOW,
	renderReview,
	resize,
	waitUntil,
	passedAnswer,
	reviewWith,
} from './helpers.js';

afterEach(() => cleanupApps());

describe('summary screen', () => {
	it('shows NOT READY with the blocker count, totals, section bars and blockers', async () => {
		const app = await renderReview();
		await app.press('s');
		const frame = await app.waitForText('NOT READY · 26 blockers');
		expect(frame).toContain('26 items: 0 pass · 0 stale · 0 fail · 0 n/a · 0 waived · 26 pending');
		// Each section's counts carry their words (the legend) and add up to its items.
		expect(frame).toMatch(/^Architecture +░+ 0\/5 · 5 pending · 5 blocking$/m);
		expect(frame).toContain('Blockers (26) — enter jumps to one:');
		for (const title of ['Architecture', 'Security', 'Testing and Quality'])
			expect(frame).toContain(title);
		expect(focusedRow(frame)).toContain('Define clear system boundaries');
		expect(frame).toMatch(/w write snapshot/);
	});

	it('shows READY when everything passes with evidence (opening a finished review goes to the summary)', async () => {
		const app = await renderReview({review: reviewWith()});
		const frame = await app.waitForText('✔ READY');
		expect(frame).toContain('26 items: 26 pass');
		expect(frame).toContain('No blockers.');
		expect(frame).not.toContain('NOT READY');
	});

	it('a pass without evidence is a blocker with its reason', async () => {
		const app = await renderReview({
			review: reviewWith({'security.secrets': {...passedAnswer, evidence: []}}),
		});
		const frame = await app.waitFor((f) => /NOT READY · 1 blocker$/m.test(f), 'one blocker');
		expect(focusedRow(frame)).toMatch(/Manage secrets properly — .*evidence/);
	});

	it('a stale pass: totals that add up, the interval in words, here and on the item', async () => {
		const app = await renderReview({
			review: reviewWith({
				'security.secrets': {
					...passedAnswer,
					signedOff: {by: 'Ada', at: '2026-01-01T09:00:00.000Z'},
				},
			}),
		});
		const frame = await app.waitFor((f) => /NOT READY · 1 blocker$/m.test(f), 'one blocker');
		// 25 + 1 = 26: the stale pass is counted once, as stale.
		expect(frame).toContain('26 items: 25 pass · 1 stale · 0 fail · 0 n/a · 0 waived · 0 pending');
		expect(frame).toMatch(/^Security +[█▒]+ 6\/6 · 5 pass · 1 stale · 1 blocking$/m);
		expect(focusedRow(frame)).toContain(
			'⌛ stale  Manage secrets properly — stale: signed off 2026-01-01, review every 90 days',
		);
		await app.press(keys.enter);
		const item = await app.waitForText('security.secrets ·');
		expect(item).toContain(
			'security.secrets · required · evidence required · review every 90 days',
		);
		expect(item).not.toContain('P90D');
	});

	it('enter on a blocker jumps to it on the review screen; ↑/↓ choose the blocker', async () => {
		const app = await renderReview({
			review: reviewWith({
				'security.secrets': {status: 'fail', evidence: [], signedOff: passedAnswer.signedOff},
				'testing.manual-qa': undefined,
			}),
		});
		// The review opens at its only pending item.
		await app.waitFor((f) => focusedRow(f).includes('Manual QA for user-facing flows'), 'resume');
		await app.press('s');
		let frame = await app.waitForText('NOT READY · 2 blockers');
		expect(focusedRow(frame)).toContain('Manage secrets properly');
		await app.press(keys.down);
		await app.waitFor((f) => focusedRow(f).includes('Manual QA'), 'second blocker');
		await app.press('k');
		await app.waitFor((f) => focusedRow(f).includes('Manage secrets properly'), 'first blocker');
		await app.press(keys.enter);
		frame = await app.waitForText('▸ Security');
		expect(focusedRow(frame)).toContain('Manage secrets properly');
		expect(frame).toContain('answered');
	});

	it('w writes the snapshot through the service and shows both paths', async () => {
		const services = fakeServices();
		const app = await renderReview({services});
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press('w');
		const frame = await app.waitForText('checkout-api.md');
		expect(frame).toContain('✔ wrote');
		expect(frame).toContain('checkout-api.json');
		expect(services.writeSnapshot).toHaveBeenCalledTimes(1);
		expect(services.writeSnapshot.mock.calls[0]![0]).toMatchObject({
			id: 'r-test',
			system: 'checkout-api',
		});
	});

	it('w with a signing key shows the signature beside the paths, with the key fingerprint', async () => {
		const services = fakeServices({
			writeSnapshot: async () => ({
				json: '/s/checkout-api.json',
				markdown: '/s/checkout-api.md',
				signature: '/s/checkout-api.json.sig',
				fingerprint: 'SHA256:abcDEF123',
			}),
		});
		const app = await renderReview({services});
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press('w');
		const frame = await app.waitForText('checkout-api.json.sig');
		expect(frame).toContain('✔ signed by SHA256:abcDEF123: /s/checkout-api.json.sig');
		expect(frame).toContain('✔ wrote /s/checkout-api.md');
	});

	for (const columns of [80, 100])
		it(`at ${columns} columns a long path is shortened in its middle; "✔ signed by" and the fingerprint stay whole`, async () => {
			const fingerprint = 'SHA256:e9yNm+uiOP9HZE8On/+X+Of4d5EkLtvG5tglA9XrEOE';
			const dir = '/home/alice/work/projects/checkout/.preflight/snapshots';
			const services = fakeServices({
				writeSnapshot: async () => ({
					json: `${dir}/checkout-api-20260301T120000Z.json`,
					markdown: `${dir}/checkout-api-20260301T120000Z.md`,
					signature: `${dir}/checkout-api-20260301T120000Z.json.sig`,
					fingerprint,
				}),
			});
			const app = await renderReview({services});
			resize(app.stdout, columns, 24);
			await app.press('s');
			await app.waitForText('NOT READY');
			await app.press('w');
			const frame = await app.waitForText('✔ signed by');
			const lines = frame.split('\n');
			const signed = lines.find((l) => l.includes('✔ signed by')) ?? '';
			expect(signed.trimEnd()).toMatch(/\.sig$/);
			expect(signed.startsWith(`✔ signed by ${fingerprint}: /`), signed).toBe(true);
			expect(signed).toContain('…');
			expect(signed.trimEnd().length).toBeLessThanOrEqual(columns);
			const wrote = lines.filter((l) => l.startsWith('✔ wrote /home/'));
			expect(wrote, frame).toHaveLength(2);
			expect(wrote[0]).toMatch(/20260301T120000Z\.json *$/);
			expect(wrote[1]).toMatch(/20260301T120000Z\.md *$/);
		});

	it('a failing snapshot write shows the reason', async () => {
		const services = fakeServices({
			writeSnapshot: async () => Promise.reject(new Error('disk full')),
		});
		const app = await renderReview({services});
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press('w');
		await app.waitForText('snapshot not written: disk full');
	});

	it('esc returns to the review; q quits', async () => {
		const app = await renderReview();
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press(keys.escape);
		const frame = await app.waitForGone('NOT READY');
		expect(frame).toContain('0/26 answered');
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press('q');
		await waitUntil(() => app.services.quit.mock.calls.length === 1, 'quit');
	});

	it('says how many blockers are out of view, above and below, at 80×24', async () => {
		const app = await renderReview();
		resize(app.stdout, 80, 24);
		await app.press('s');
		let frame = await app.waitFor(
			(f) => f.includes('NOT READY · 26 blockers') && f.split('\n')[0]!.length <= 80,
			'the summary at 80 columns',
		);
		const listed = (f: string) => f.split('\n').filter((l) => /^[ ›] (○ pending|✖ fail)/.test(l));
		const counts = (f: string) => {
			const m = /… (?:(\d+) more above|(\d+) above, (\d+) below|(\d+) more below)/.exec(f);
			expect(m, f).not.toBeNull();
			return {above: Number(m![1] ?? m![2] ?? 0), below: Number(m![3] ?? m![4] ?? 0)};
		};
		let shown = listed(frame).length;
		expect(counts(frame)).toEqual({above: 0, below: 26 - shown});
		expect(frame.split('\n').length).toBeLessThan(24);

		for (let i = 0; i < 13; i++) await app.press(keys.down);
		frame = await app.waitFor((f) => /\d+ above, \d+ below/.test(f), 'both ways');
		const middle = counts(frame);
		expect(middle.above + listed(frame).length + middle.below).toBe(26);

		for (let i = 0; i < 13; i++) await app.press('j');
		frame = await app.waitFor((f) => /more above/.test(f), 'the end of the list');
		shown = listed(frame).length;
		expect(counts(frame)).toEqual({above: 26 - shown, below: 0});
		expect(focusedRow(frame)).toContain('Manual QA for user-facing flows');
	});

	it('the count to discuss later follows the totals, or the verdict where the totals would cut it', async () => {
		const later = {by: 'Ada', at: NOW.toISOString()};
		const review = reviewWith({
			'architecture.boundaries': {...passedAnswer, later},
			'security.secrets': {status: 'fail', evidence: [], later},
			'testing.manual-qa': undefined,
		});
		const app = await renderReview({review});
		resize(app.stdout, 120, 30);
		await app.press('s');
		let frame = await app.waitFor(
			(f) => f.includes('NOT READY') && f.split('\n')[0]!.length > 100,
			'the summary at 120 columns',
		);
		expect(frame).toMatch(/^26 items: .* 1 pending · ◷ 2 to discuss later$/m);
		resize(app.stdout, 80, 24);
		frame = await app.waitFor(
			(f) => f.includes('NOT READY') && f.split('\n')[0]!.length <= 80,
			'the summary at 80 columns',
		);
		// Whole, beside the verdict; the totals whole too.
		expect(frame).toMatch(/✖ NOT READY · 2 blockers +◷ 2 to discuss later$/m);
		expect(frame).toMatch(/^26 items: .* 1 pending$/m);
		expect(frame.split('\n').length).toBeLessThan(24);
		expect(frame).toContain('Blockers (2)');
	});

	it('at 60×16 says how many sections are not shown', async () => {
		const app = await renderReview();
		resize(app.stdout, 60, 16);
		await app.press('s');
		const frame = await app.waitFor(
			(f) => f.includes('NOT READY') && f.split('\n')[0]!.length <= 60,
			'the summary at 60 columns',
		);
		const shown = ['Architecture', 'Security', 'Monitoring', 'Deployment', 'Testing'].filter((t) =>
			frame.includes(t),
		).length;
		expect(frame).toContain(`… and ${5 - shown} more sections`);
		expect(frame.split('\n').length).toBeLessThan(16);
		for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
		expect(frame).toContain('… 25 more below');

		// With the written paths shown there is one row for blockers: it shows the
		// blocker, not the count over it.
		await app.press('w');
		// (a long path is cut at its start, "✔ wrote" with it)
		const written = await app.waitForText('checkout-api.md');
		const lines = written.split('\n');
		const title = lines.findIndex((l) => l.startsWith('Blockers (26)'));
		expect(lines[title + 1]).toMatch(/^› ✖ fail|^› ○ pending/);
		expect(lines[title + 2]).toContain('checkout-api.json');
		expect(written).not.toContain('more below');
	});

	it('a list that fits has no marker', async () => {
		const app = await renderReview({
			review: reviewWith({'security.secrets': {...passedAnswer, evidence: []}}),
		});
		const frame = await app.waitForText('NOT READY · 1 blocker');
		expect(frame).not.toMatch(/… .*(more|above|below)/);
	});

	it('? shows the summary keys, with w as write snapshot', async () => {
		const app = await renderReview();
		await app.press('s');
		await app.waitForText('NOT READY');
		await app.press('?');
		const frame = await app.waitForText('Keys — summary screen');
		expect(frame).toContain('write the snapshot files');
		expect(frame).toContain('jump to the blocker');
		expect(frame).not.toContain('waive (reason, owner, expiry)');
	});
});
