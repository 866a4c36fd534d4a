import {afterEach, describe, expect, it} from 'vitest';
import {
	actor,
	blankReview,
	cleanupApps,
	dbWith,
	fakeServices,
	focusedRow,
	keys,
	NOW,
	renderApp,
	resize,
} from './helpers.js';
import {teamChecklist} from './fixtures-team.js';

afterEach(() => cleanupApps());

const security = {...actor, by: 'Sec', email: 'sec@example.com'};

/** Opens a blank review of the team checklist as `who`. */
async function openAs(who = security, loaded = teamChecklist()) {
	const review = blankReview(loaded);
	return renderApp({
		loaded,
		db: dbWith(review),
		services: fakeServices({reviewer: () => who.by, reviewerEmail: () => who.email}),
		startup: [{type: 'open-review', reviewId: review.id, actor: who}],
	});
}

describe('the app opens on the reviewer’s own items', () => {
	it('a security reviewer starts on the first pending security item', async () => {
		const app = await openAs();
		const frame = await app.waitForText('id: sec.secrets');
		expect(focusedRow(frame)).toContain('Secrets in a vault');
		expect(frame).toContain('Security · 0 of 3 answered');
	});

	it('without a team file it starts on the first pending item, as before', async () => {
		const app = await openAs(security, teamChecklist(false));
		const frame = await app.waitForText('id: arch.bounds');
		expect(focusedRow(frame)).toContain('System boundaries');
	});
});

describe('the filter takes mine and role words', () => {
	it('@sre lists the items sre may settle, counted per section', async () => {
		const app = await openAs();
		await app.waitForText('id: sec.secrets');
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('@sre');
		await app.press(keys.enter);
		const frame = await app.waitForText('filter: @sre');
		expect(frame).toContain('Filter “@sre” (role sre) · 3 matches in 2 sections');
		expect(frame).toContain('Rollback plan');
		expect(frame).toContain('Pager set up');
		expect(frame).toContain('Incident contacts');
		expect(frame).not.toContain('Secrets in a vault');
		expect(frame).toMatch(/Archit\S*\s+\(0\)/);
		expect(frame).toMatch(/Securi\S*\s+\(1\)/);
		expect(frame).toMatch(/Operat\S*\s+\(2\)/);
	});

	it('mine lists the reviewer’s roles’ items and those open to anyone', async () => {
		const app = await openAs();
		await app.waitForText('id: sec.secrets');
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('mine');
		await app.press(keys.enter);
		const frame = await app.waitForText('filter: mine');
		expect(frame).toContain('(you may settle) · 5 matches in 2 sections');
		expect(frame).toContain('System boundaries');
		expect(frame).toContain('Dependency scan');
		expect(frame).not.toContain('Rollback plan');
		expect(frame).not.toContain('Pager set up');
	});

	it('a role the team file does not define is said so', async () => {
		const app = await openAs();
		await app.waitForText('id: sec.secrets');
		await app.press('/');
		await app.waitForText('Filter (text or status):');
		await app.press('role:ops');
		await app.press(keys.enter);
		const frame = await app.waitForText('filter: role:ops');
		expect(frame).toContain('not in the team file');
		expect(frame).toContain('0 matches');
	});
});

describe('home: what each review waits on, per role', () => {
	it('shows "waits on security 3 · sre 3 · anyone 1" under the review with a team file', async () => {
		const loaded = teamChecklist();
		const review = blankReview(loaded);
		review.answers['arch.bounds'] = {
			status: 'pass',
			evidence: [],
			signedOff: {by: 'Ada', at: NOW.toISOString()},
		};
		const app = await renderApp({loaded, db: dbWith(review), ready: 'waits on'});
		expect(app.frame()).toContain('waits on security 3 · sre 3 · anyone 1');
	});

	it('scrolls two-line rows: the focused review stays in view', async () => {
		const loaded = teamChecklist();
		const reviews = Array.from({length: 12}, (_, k) =>
			blankReview(loaded, `r-${k}`, `system-${String(k).padStart(2, '0')}`),
		);
		const app = await renderApp({loaded, db: dbWith(...reviews), ready: 'waits on'});
		resize(app.stdout, 80, 24);
		for (let k = 0; k < 11; k++) await app.press(keys.down);
		const frame = await app.waitFor((f) => f.includes('› system-11'), 'the last review focused');
		const lines = frame.split('\n');
		const at = lines.findIndex((l) => l.includes('› system-11'));
		expect(lines[at + 1]).toContain('waits on security 3 · sre 3 · anyone 2');
		expect(frame).not.toContain('system-00');
	});

	it('says nothing of roles without a team file', async () => {
		const loaded = teamChecklist(false);
		const app = await renderApp({loaded, db: dbWith(blankReview(loaded)), ready: 'checkout-api'});
		expect(app.frame()).not.toContain('waits on');
	});
});

describe('summary: blockers grouped by who may settle them', () => {
	it('lists each group under its heading, open items last; enter jumps to the focused blocker', async () => {
		const app = await openAs();
		await app.waitForText('id: sec.secrets');
		await app.press('s');
		const frame = await app.waitForText('by who may settle them');
		const lines = frame.split('\n').map((l) => l.trim());
		const at = (text: string) => lines.findIndex((l) => l.startsWith(text));
		expect(at('security (2)')).toBeGreaterThan(0);
		expect(at('security (2)')).toBeLessThan(at('› ○ pending Secrets in a vault'));
		expect(at('security or sre (1)')).toBeGreaterThan(at('○ pending Dependency scan'));
		expect(at('sre (2)')).toBeGreaterThan(at('○ pending Incident contacts'));
		expect(at('open to anyone (2)')).toBeGreaterThan(at('○ pending Pager set up'));
		await app.press(keys.down);
		await app.press(keys.down);
		await app.press(keys.enter);
		const review = await app.waitForText('id: sec.contacts');
		expect(focusedRow(review)).toContain('Incident contacts');
	});

	it('keeps the flat list without a team file', async () => {
		const app = await openAs(security, teamChecklist(false));
		await app.waitForText('id: arch.bounds');
		await app.press('s');
		const frame = await app.waitForText('Blockers (7) — enter jumps to one:');
		expect(frame).not.toContain('open to anyone');
	});
});
