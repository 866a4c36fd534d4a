import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import type {Database} from '../../source/model/schemas.js';
import {
	blankReview,
	cleanupApps,
	dbWith,
	fakeServices,
	keys,
	renderReview,
	waitUntil,
} from './helpers.js';

const loaded = checklistFromData(
	{
		id: 'checked',
		title: 'Checked checklist',
		version: '1',
		sections: [
			{
				id: 'ops',
				title: 'Ops',
				items: [
					{
						id: 'ops.quick',
						title: 'Quick check',
						check: {run: 'echo gateway-ok', expect: {match: 'gateway-ok'}},
					},
					{
						id: 'ops.slow',
						title: 'Slow check',
						check: {run: "printf 'out-%s\\n' one two; sleep 120", timeout: 'PT10M'},
					},
					{id: 'ops.auto', title: 'Auto check', check: {run: 'true', mode: 'pass'}},
					{id: 'ops.plain', title: 'Plain item'},
				],
			},
		],
	},
	'checked.json',
);

let config: string;
beforeEach(() => {
	config = mkdtempSync(join(tmpdir(), 'preflight-trust-'));
	vi.stubEnv('XDG_CONFIG_HOME', config);
	vi.stubEnv('PREFLIGHT_TRUST_CHECKS', '');
});
afterEach(() => {
	cleanupApps();
	vi.unstubAllEnvs();
});

async function open() {
	const review = blankReview(loaded);
	return renderReview({loaded, review, db: dbWith(review), services: fakeServices()});
}

function saved(app: {persist: {mock: {calls: Array<[Database]>}}}) {
	return app.persist.mock.calls.at(-1)?.[0].reviews[0]?.answers;
}

describe('x runs checks in the app', () => {
	it('asks once to trust the checklist, showing every command, then runs the check and records it', async () => {
		const app = await open();
		await app.waitForText('check: echo gateway-ok (evidence)');
		await app.press('x');
		const asked = await app.waitForText('Trust all 3 commands of this checklist');
		expect(asked).toContain("ops.slow: printf 'out-%s\\n' one two; sleep 120");
		expect(asked).toContain('ops.auto: true');
		await app.press('yes');
		await app.press(keys.enter);
		await app.waitForText('✔ met exit 0');
		expect(app.frame()).toContain('v opens the log');
		await waitUntil(() => Boolean(saved(app)?.['ops.quick']?.checks?.length), 'the run saved');
		const answer = saved(app)!['ops.quick']!;
		expect(answer.status).toBe('pending');
		expect(answer.evidence[0]?.kind).toBe('check');
		expect(existsSync(join(config, 'preflight', 'trusted-checks.json'))).toBe(true);
		// Trusted now: the next x runs at once.
		await app.press('j');
		await app.press('j');
		await app.waitFor((f) => f.includes('check: true (passes the item)'));
		await app.press('x');
		await waitUntil(
			() => saved(app)?.['ops.auto']?.status === 'pass',
			'the check passing its item',
		);
		expect(saved(app)!['ops.auto']!.note).toBe('by check');
	}, 60_000);

	it('streams the output while the check runs, keeps the keys working, and esc kills it', async () => {
		vi.stubEnv('PREFLIGHT_TRUST_CHECKS', loaded.digest);
		const app = await open();
		await app.press('j');
		await app.waitForText('check: printf');
		await app.press('x');
		await app.waitForText('out-two');
		expect(app.frame()).toMatch(/running \d+\.\d s · esc cancels/);
		// Keys stay responsive: the focus moves and comes back while it runs.
		await app.press('k');
		await app.waitForText('check: echo gateway-ok');
		await app.press('j');
		await app.waitForText('out-two');
		await app.press(keys.escape);
		await app.waitForText('✖ failed cancelled');
		await waitUntil(
			() => saved(app)?.['ops.slow']?.checks?.[0]?.stopped === 'cancelled',
			'the cancelled run saved',
		);
	}, 60_000);

	it('says so on an item without a check, and x on the summary runs every check', async () => {
		vi.stubEnv('PREFLIGHT_TRUST_CHECKS', loaded.digest);
		const app = await open();
		// The footer offers x where there is a check to run, and not elsewhere.
		await app.waitFor((f) => f.includes('x check'));
		for (let i = 0; i < 3; i++) await app.press('j');
		await app.waitFor((f) => f.includes('id: ops.plain') && !f.includes('x check'));
		await app.press('x');
		await app.waitForText('This item has no check');
		await app.press('s');
		await app.waitForText('run checks');
		await app.press('x');
		await waitUntil(
			() => Boolean(saved(app)?.['ops.quick']?.checks && saved(app)?.['ops.auto']?.checks),
			'two runs saved',
		);
		await app.press(keys.escape);
		await waitUntil(
			() => Boolean(saved(app)?.['ops.slow']?.checks),
			'the slow run cancelled and saved',
		);
	}, 60_000);

	it("a passing mode-pass check leaves a person's fail standing and says so", async () => {
		vi.stubEnv('PREFLIGHT_TRUST_CHECKS', loaded.digest);
		const review = blankReview(loaded);
		review.answers['ops.auto'] = {
			status: 'fail',
			note: 'broken on staging',
			evidence: [],
			signedOff: {by: 'Dana', at: '2026-01-10T00:00:00.000Z'},
		};
		const app = await renderReview({loaded, review, db: dbWith(review), services: fakeServices()});
		await app.press('j');
		await app.press('j');
		await app.waitFor((f) => f.includes('check: true (passes the item)'));
		await app.press('x');
		await app.waitForText('not passed: Dana failed it');
		await waitUntil(() => Boolean(saved(app)?.['ops.auto']?.checks), 'the run saved');
		const answer = saved(app)!['ops.auto']!;
		expect(answer.status).toBe('fail');
		expect(answer.note).toBe('broken on staging');
		expect(answer.checks?.[0]?.ok).toBe(true);
	}, 60_000);

	it('shows each line of a command written over several lines, in the pane and the trust prompt', async () => {
		const multi = checklistFromData(
			{
				id: 'multi',
				title: 'Multi',
				version: '1',
				sections: [
					{
						id: 'ops',
						title: 'Ops',
						items: [{id: 'ops.m', title: 'Multi', check: {run: 'echo ok\ntouch x'}}],
					},
				],
			},
			'multi.json',
		);
		const review = blankReview(multi);
		const app = await renderReview({
			loaded: multi,
			review,
			db: dbWith(review),
			services: fakeServices(),
		});
		const frame = await app.waitForText('check: echo ok');
		expect(frame).not.toContain('echo ok touch x');
		expect(frame).toMatch(/check: echo ok\s*\n.*\s{7}touch x \(evidence\)/);
		await app.press('x');
		const asked = await app.waitForText('ops.m: echo ok');
		expect(asked).toMatch(/ops\.m: echo ok\s*\n.*\s{7}touch x/);
		expect(asked).not.toContain('echo ok touch x');
	}, 60_000);
});
