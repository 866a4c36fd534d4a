// x on the summary runs every check, at most --jobs at once (the CPUs unless
// the services say otherwise), with a status line while any still runs.
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {
	blankReview,
	cleanupApps,
	dbWith,
	fakeServices,
	renderReview,
	waitUntil,
} from './helpers.js';

// Each check marks that it started, then waits for the test to release it.
const held = (id: string) =>
	`touch ${id}.started; while [ ! -f release-${id} ]; do sleep 0.05; done; echo done-${id}`;
const loaded = checklistFromData(
	{
		id: 'jobs',
		title: 'Jobs',
		version: '1',
		sections: [
			{
				id: 'ops',
				title: 'Ops',
				items: ['a', 'b', 'c'].map((id) => ({
					id: `ops.${id}`,
					title: `Check ${id}`,
					check: {run: held(id), timeout: 'PT5M'},
				})),
			},
		],
	},
	'jobs.json',
);

afterEach(() => {
	cleanupApps();
	vi.unstubAllEnvs();
});

describe('x on the summary', () => {
	it('runs at most --jobs checks at once and says how many still run until the last ends', async () => {
		vi.stubEnv('PREFLIGHT_TRUST_CHECKS', loaded.digest);
		const services = fakeServices({checkJobs: 1});
		const at = (name: string) => join(services.cwd, name);
		const review = blankReview(loaded);
		const app = await renderReview({loaded, review, db: dbWith(review), services});
		await app.press('s');
		await app.waitForText('run checks');
		await app.press('x');
		await waitUntil(() => existsSync(at('a.started')), 'the first check started');
		await app.waitForText('3 checks running…');
		// One slot: b cannot start before a has ended.
		expect(existsSync(at('b.started'))).toBe(false);
		writeFileSync(at('release-a'), '');
		await waitUntil(() => existsSync(at('b.started')), 'the second check started');
		await app.waitForText('2 checks running…');
		expect(existsSync(at('c.started'))).toBe(false);
		writeFileSync(at('release-b'), '');
		await app.waitForText('1 check running…');
		expect(app.frame()).toContain('1 check still running');
		writeFileSync(at('release-c'), '');
		await app.waitFor((f) => f.includes('Check of “Check c” met its expectation'));
		expect(app.frame()).not.toMatch(/checks? running…/);
	}, 60_000);
});
