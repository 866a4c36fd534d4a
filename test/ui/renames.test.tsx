import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Database, Review} from '../../source/model/schemas.js';
import {emptyDatabase} from '../../source/store/database.js';
import {
	actor,
	cleanupApps,
	focusedRow,
	keys,
	NOW,
	renderApp,
	resize,
	waitUntil,
} from './helpers.js';

afterEach(() => cleanupApps());

const item = (id: string, title: string, guidance = '') => ({
	id,
	title,
	guidance,
	evidenceRequired: false,
});

const v1 = checklistFromData(
	{
		id: 'launch',
		title: 'Launch',
		version: '1',
		sections: [
			{
				id: 's1',
				title: 'Operations',
				items: [
					item('s1.rollback', 'Define clear rollback steps', 'Every deploy can be undone.'),
					item('s1.pager', 'Pager configured'),
				],
			},
			{
				id: 's2',
				title: 'Security',
				items: [item('s2.vault', 'Secrets in a vault'), item('s2.access', 'Access reviewed')],
			},
		],
	},
	'v1.json',
);

const v2 = checklistFromData(
	{
		id: 'launch',
		title: 'Launch',
		version: '2',
		sections: [
			{
				id: 's1',
				title: 'Operations',
				items: [
					item('s1.rollback-plan', 'Document clear rollback steps', 'Every deploy can be undone.'),
					item('s1.pager', 'Pager configured'),
				],
			},
			{
				id: 's2',
				title: 'Security',
				items: [
					item('s2.secrets-vault', 'Secrets kept in a vault'),
					item('s2.prod-access', 'Access to production reviewed'),
				],
			},
		],
	},
	'v2.json',
);

/** A review on v1 with three of its items answered. */
function answeredOnV1(loaded: LoadedChecklist = v1): Review {
	let review: Review = {
		...newReview(loaded.checklist, loaded.digest, 'checkout-api', undefined, NOW),
		id: 'r-test',
	};
	const answer = (id: string, status: 'pass' | 'fail') =>
		(review = recordAnswer(
			review,
			id,
			withStatus({status: 'pending', evidence: []}, status),
			actor,
		));
	answer('s1.rollback', 'fail');
	answer('s2.vault', 'pass');
	answer('s2.access', 'fail');
	return review;
}

/** The app on v2, opening the review answered on v1. */
async function openOnV2(review = answeredOnV1()) {
	const db: Database = {...emptyDatabase(), reviews: [review]};
	return renderApp({
		loaded: v2,
		db,
		startup: [{type: 'open-review', reviewId: review.id, actor}],
		ready: 'Renames proposed',
	});
}

type App = Awaited<ReturnType<typeof openOnV2>>;

/** The database the app last handed to persist. */
function saved(app: App): Review {
	const calls = app.persist.mock.calls;
	return calls.at(-1)![0].reviews[0]!;
}

async function savedWhen(app: App, check: (review: Review) => boolean, what: string) {
	await waitUntil(() => app.persist.mock.calls.length > 0 && check(saved(app)), what);
	return saved(app);
}

describe('the renames screen, asked on opening a review whose checklist changed', () => {
	it('lists each proposal with its score, and the keys to decide', async () => {
		const app = await openOnV2();
		const frame = app.frame();
		expect(frame).toContain('3 answered items are gone; new ones look like them');
		expect(frame).toMatch(
			/› 0\.\d\d {2}Define clear rollback steps → Document clear rollback steps/,
		);
		expect(frame).toMatch(/0\.\d\d {2}Secrets in a vault → Secrets kept in a vault/);
		expect(frame).toMatch(/0\.\d\d {2}Access reviewed → Access to production reviewed/);
		expect(frame).toContain('Gone: “Define clear rollback steps” (s1.rollback) · removed in 2');
		expect(frame).toContain('answer: ✖ fail');
		expect(frame).toContain(
			'New:  “Document clear rollback steps” (s1.rollback-plan) · Operations',
		);
		for (const hint of ['y accept', 'n decline', 'a accept all', 'x none', 'esc later'])
			expect(frame).toContain(hint);
		// The upgrade is saved before anything is decided: the answers are orphans, not lost.
		const review = await savedWhen(app, (r) => r.orphans !== undefined, 'the upgrade saved');
		expect(Object.keys(review.orphans!).sort()).toEqual(['s1.rollback', 's2.access', 's2.vault']);
		expect(review.proposals).toHaveLength(3);
	});

	it('y accepts the focused rename: the answer moves, marked ↻ recheck; the next one is focused', async () => {
		const app = await openOnV2();
		await app.press('y');
		const frame = await app.waitForText(
			'Renamed “Define clear rollback steps” → “Document clear rollback steps”',
		);
		expect(focusedRow(frame)).toContain('Secrets in a vault → Secrets kept in a vault');
		expect(frame).not.toContain('Define clear rollback steps →');
		const review = await savedWhen(
			app,
			(r) => r.answers['s1.rollback-plan'] !== undefined,
			'y saved',
		);
		expect(review.answers['s1.rollback-plan']).toMatchObject({status: 'fail', reReview: true});
		expect(review.orphans?.['s1.rollback']).toBeUndefined();
	});

	it('n declines the focused rename: the answer stays an orphan', async () => {
		const app = await openOnV2();
		await app.press('n');
		await app.waitForText('Kept “Define clear rollback steps” as an orphan');
		const review = await savedWhen(
			app,
			(r) => (r.proposals ?? []).every((p) => p.from !== 's1.rollback'),
			'n saved',
		);
		expect(review.orphans?.['s1.rollback']?.answer.status).toBe('fail');
		expect(review.answers['s1.rollback-plan']).toBeUndefined();
		expect(review.proposals).toHaveLength(2);
	});

	it('↓/↑ (and j/k) choose which rename y takes', async () => {
		const app = await openOnV2();
		await app.press(keys.down);
		await app.waitFor((f) => focusedRow(f).includes('Secrets in a vault'), 'second focused');
		await app.press('j');
		await app.waitFor((f) => focusedRow(f).includes('Access reviewed'), 'third focused');
		await app.press('k');
		await app.press(keys.up);
		await app.waitFor((f) => focusedRow(f).includes('Define clear rollback steps'), 'first again');
		await app.press(keys.down);
		await app.waitFor((f) => focusedRow(f).includes('Secrets in a vault'), 'second again');
		await app.press('y');
		const review = await savedWhen(
			app,
			(r) => r.answers['s2.secrets-vault'] !== undefined,
			'saved',
		);
		expect(review.answers['s2.secrets-vault']?.status).toBe('pass');
		expect(review.answers['s1.rollback-plan']).toBeUndefined();
	});

	it('a accepts every rename, then the review opens', async () => {
		const app = await openOnV2();
		await app.press('a');
		const frame = await app.waitForText('3 renames taken');
		expect(frame).toContain('3/4 answered');
		expect(frame).not.toContain('orphaned');
		const review = await savedWhen(app, (r) => r.orphans === undefined, 'a saved');
		expect(review.answers['s1.rollback-plan']?.status).toBe('fail');
		expect(review.answers['s2.secrets-vault']?.status).toBe('pass');
		expect(review.answers['s2.prod-access']?.status).toBe('fail');
		expect(review.proposals).toBeUndefined();
	});

	it('x declines every rename: the review opens and its header says 3 orphaned answers', async () => {
		const app = await openOnV2();
		await app.press('x');
		const frame = await app.waitForText(
			'3 answers kept as orphans: o on the review screen re-attaches them',
		);
		expect(frame).toContain('0/4 answered · ⚠ 3 orphaned answers (O)');
		const review = await savedWhen(app, (r) => r.proposals === undefined, 'x saved');
		expect(Object.keys(review.orphans ?? {})).toHaveLength(3);
	});

	it('esc leaves the renames for later: the review opens, the proposals are asked again next time', async () => {
		const app = await openOnV2();
		await app.press(keys.escape);
		const frame = await app.waitForText('3 renames are left for later');
		expect(frame).toContain('0/4 answered');
		const review = await savedWhen(app, (r) => r.proposals !== undefined, 'upgrade saved');
		expect(review.proposals).toHaveLength(3);
		// reopened with what was saved: asked again
		const again = await openOnV2(review);
		expect(again.frame()).toContain('3 answered items are gone');
	});

	it('? lists the keys of the renames screen', async () => {
		const app = await openOnV2();
		await app.press('?');
		const frame = await app.waitForText('Keys — renames screen');
		expect(frame).toContain('accept: the answer moves to the new item');
		expect(frame).toContain('decline: the answer stays an orphan');
		expect(frame).toContain('accept every rename listed');
		expect(frame).toContain('decline every rename listed (none)');
		expect(frame).toContain('decide later: open the review');
	});
});

describe('orphaned answers on the review screen', () => {
	/** Opened on v2 with every rename declined: three orphans, the review showing. */
	async function withOrphans() {
		const app = await openOnV2();
		await app.press('x');
		await app.waitForText('⚠ 3 orphaned answers (O)');
		return app;
	}

	it('O lists them; enter attaches the focused one to the item focused in the review', async () => {
		const app = await withOrphans();
		// the review opened at its first pending item: Document clear rollback steps
		await app.press('O');
		let frame = await app.waitForText('3 answers kept from items no longer in the checklist');
		expect(frame).toContain('enter attaches the chosen one to “Document clear rollback steps”');
		expect(frame).toContain('✖ fail    Access reviewed (s2.access) · removed in 2');
		expect(focusedRow(frame)).toContain('Define clear rollback steps');
		await app.press(keys.down);
		await app.press('j');
		frame = await app.waitFor((f) => focusedRow(f).includes('Secrets in a vault'), 'vault focused');
		await app.press(keys.up);
		await app.waitFor((f) => focusedRow(f).includes('Access reviewed'), 'access focused');
		await app.press('k');
		await app.waitFor(
			(f) => focusedRow(f).includes('Define clear rollback steps'),
			'rollback focused',
		);
		await app.press(keys.enter);
		frame = await app.waitForText(
			'Attached the answer of “Define clear rollback steps” to “Document clear rollback steps”',
		);
		expect(frame).toContain('⚠ 2 orphaned answers (O)');
		const review = await savedWhen(
			app,
			(r) => r.answers['s1.rollback-plan'] !== undefined,
			'attached',
		);
		expect(review.answers['s1.rollback-plan']).toMatchObject({status: 'fail', reReview: true});
		expect(Object.keys(review.orphans ?? {})).toHaveLength(2);
		// u does not take an attached answer back (the orphan is gone: it would be lost)
		await app.press('u');
		await app.waitForText('Nothing to undo.');
	});

	it('esc goes back to the review without attaching anything', async () => {
		const app = await withOrphans();
		await app.press('O');
		await app.waitForText('kept from items no longer in the checklist');
		const calls = app.persist.mock.calls.length;
		await app.press(keys.escape);
		await app.waitForText('⚠ 3 orphaned answers (O)');
		expect(app.persist.mock.calls.length).toBe(calls);
	});

	it('attaching to an item that has an answer is refused, saying why', async () => {
		const app = await withOrphans();
		await app.press('f'); // fails the focused item, the flow moves on
		await app.press(keys.up);
		await app.waitFor((f) => focusedRow(f).includes('Document clear rollback steps'), 'back on it');
		await app.press('O');
		await app.waitForText('kept from items no longer in the checklist');
		await app.press(keys.enter);
		await app.waitForText('has an answer already (fail); reset it first to attach another');
	});

	it('O says so when the review has no orphans', async () => {
		const app = await openOnV2();
		await app.press('a');
		await app.waitForText('3 renames taken');
		await app.press('O');
		await app.waitForText('No orphaned answers in this review');
	});

	it('the summary says how many answers are orphaned, not judged', async () => {
		const app = await withOrphans();
		await app.press('s');
		await app.waitForText('⚠ 3 orphaned answers, not judged');
	});
});

describe('the smallest terminal (60×16)', () => {
	it('both screens fit: list rows cut with …, the detail wrapped whole', async () => {
		const long = 'A title long enough to run well past the sixty columns of the smallest terminal';
		const before = checklistFromData(
			{
				id: 'launch',
				title: 'Launch',
				version: '1',
				sections: [
					{
						id: 's1',
						title: 'Operations',
						items: [item('s1.long', long), item('s1.other', 'Other')],
					},
				],
			},
			'v1.json',
		);
		const after = checklistFromData(
			{
				id: 'launch',
				title: 'Launch',
				version: '2',
				sections: [
					{
						id: 's1',
						title: 'Operations',
						items: [item('s1.longer', `${long}, reworded`), item('s1.other', 'Other')],
					},
				],
			},
			'v2.json',
		);
		let review: Review = {
			...newReview(before.checklist, before.digest, 'svc', undefined, NOW),
			id: 'r-test',
		};
		review = recordAnswer(
			review,
			's1.long',
			withStatus({status: 'pending', evidence: []}, 'fail'),
			actor,
		);
		const app = await renderApp({
			loaded: after,
			db: {...emptyDatabase(), reviews: [review]},
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Renames proposed',
		});
		resize(app.stdout, 60, 16);
		const fits = (frame: string) => {
			const rows = frame.split('\n');
			expect(rows.length).toBeLessThan(16);
			for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(60);
		};
		let frame = await app.waitFor(
			(f) => f.includes('y accept') && f.split('\n').length < 16,
			'fitted',
		);
		fits(frame);
		expect(focusedRow(frame)).toMatch(/…$/);
		// The detail below the list shows both titles whole, wrapped.
		const flat = frame.replace(/\s+/g, ' ');
		expect(flat).toContain(`Gone: “${long}”`);
		expect(flat).toContain(`New: “${long}, reworded”`);
		await app.press('x');
		await app.waitForText('orphaned');
		await app.press(keys.up);
		await app.press('O');
		frame = await app.waitForText('enter attach');
		fits(frame);
		expect(focusedRow(frame)).toContain('A title long enough');
	});
});
