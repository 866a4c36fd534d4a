import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import type {Answer, Review} from '../../source/model/schemas.js';
import {cells} from '../../source/terminal/width.js';
import {actor, cleanupApps, dbWith, renderApp, resize} from './helpers.js';

afterEach(() => cleanupApps());

// NOW (helpers.tsx) is 2026-11-28T12:00Z; launch day is 2027-03-01.
const LONG = 'payments-gateway-settlement-and-reconciliation'; // 46 characters

/** Five passes that go stale every 90 days, a waiver, a fail, the whole review held yearly. */
function outlookChecklist(): LoadedChecklist {
	const pass = (id: string) => ({id, title: `Item ${id}`, reviewEvery: 'P90D'});
	return checklistFromData(
		{
			id: 'outlook',
			title: 'Outlook checklist',
			version: '1',
			reviewEvery: 'P1Y',
			sections: [
				{
					id: 'sec',
					title: 'Security',
					items: [
						pass('security.secrets-rotation'),
						pass('security.network-policies'),
						pass('security.dependency-scanning'),
						pass('security.audit-logging'),
						pass('security.key-management'),
						{id: 'ops.retention', title: 'Data retention'},
						{id: 'ops.oncall', title: 'On-call rota'},
					],
				},
			],
		},
		'outlook.json',
	);
}

const signed = (at: string) => ({by: 'Ada', at});
const evidence = [
	{kind: 'url' as const, ref: 'https://ci.example/ok', addedAt: '2026-10-01T00:00:00Z'},
];

/** Started a year and more ago, passes signed 2026-10-01 (stale 2026-12-30), a waiver to 2027-01-31, a fail with an action due after launch. */
function outlookReview(
	loaded: LoadedChecklist,
	id: string,
	system: string,
	release?: string,
): Review {
	const base = newReview(
		loaded.checklist,
		loaded.digest,
		system,
		release,
		new Date('2025-10-15T00:00:00Z'),
	);
	const pass: Answer = {status: 'pass', evidence, signedOff: signed('2026-10-01T00:00:00Z')};
	const answers: Record<string, Answer> = {};
	for (const item of loaded.checklist.sections[0]!.items.slice(0, 5)) answers[item.id] = pass;
	answers['ops.retention'] = {
		status: 'waived',
		evidence: [],
		waiver: {reason: 'vendor fix due', owner: 'Bo', expires: '2027-01-31'},
		signedOff: signed('2026-11-01T00:00:00Z'),
	};
	answers['ops.oncall'] = {
		status: 'fail',
		evidence: [],
		note: 'rota not staffed',
		actions: [
			{
				what: 'staff the rota',
				owner: 'Dana',
				due: '2027-03-15',
				addedAt: '2026-11-20T00:00:00Z',
				addedBy: 'Ada',
			},
		],
	};
	return {...base, id, answers, launchDate: '2027-03-01'};
}

/** Every line of the frame fits `columns`, and there are no more lines than `rows`. */
function expectFits(frame: string, columns: number, rows: number) {
	const lines = frame.split('\n');
	for (const line of lines) expect(cells(line), line).toBeLessThanOrEqual(columns);
	expect(lines.length).toBeLessThanOrEqual(rows);
	expect(lines[0]).toContain('preflight');
}

function line(frame: string, text: string): string {
	return frame.split('\n').find((l) => l.includes(text)) ?? '';
}

describe('home at 100, 80 and 60 columns: the verdict whole, the rest on a second row', () => {
	for (const [columns, rows, verdict, due, launch] of [
		[
			100,
			24,
			'✖ NOT READY · 1 blocker',
			/due again since 2026-10-15/,
			'launch 2027-03-01: ✖ 7 blockers · 5 go stale · 1 waiver expires · 1 action due after',
		],
		[
			80,
			24,
			'✖ NOT READY · 1 blocker',
			/due (again )?since 2026-10-15/,
			'launch 2027-03-01: ✖ 7 blockers · 5 stale',
		],
		[
			60,
			20,
			'✖ NOT READY · 1 blocker',
			/due (again )?since 2026-10-15/,
			'launch 2027-03-01: ✖ 7 blockers',
		],
	] as const)
		it(`${columns}×${rows}: a 46-character system, due again and a launch outlook`, async () => {
			const loaded = outlookChecklist();
			const db = dbWith(
				outlookReview(loaded, 'r-1', LONG, '2.4'),
				outlookReview(loaded, 'r-2', 'billing'),
			);
			const app = await renderApp({loaded, db});
			resize(app.stdout, columns, rows);
			const frame = await app.waitFor(
				(f) => f.split('\n')[0]!.length <= columns && f.includes('billing'),
				`home at ${columns}`,
			);
			expectFits(frame, columns, rows);
			const lines = frame.split('\n');
			const first = lines.findIndex((l) => l.includes(' 2.4 '));
			// The name is cut in the system, never the release nor the verdict.
			expect(lines[first]).toContain('payments-');
			expect(lines[first]).toContain(` 2.4 `);
			expect(lines[first]!.trimEnd().endsWith(verdict)).toBe(true);
			// The second row: the due marker, then what launch day changes (on a row
			// of its own when the two may not share one).
			expect(lines[first + 1]).toMatch(due);
			expect(lines.slice(first + 1, first + 3).join('\n')).toContain(launch);
			if (columns >= 80) expect(lines.slice(first + 1, first + 3).join('\n')).not.toContain('…');
			expect(line(frame, 'billing').trimEnd().endsWith(verdict)).toBe(true);
		});

	it('at 60×20 the bar gives way to a long name and the verdict: the count stays', async () => {
		const loaded = outlookChecklist();
		const short = await renderApp({loaded, db: dbWith(outlookReview(loaded, 'r-1', 'billing'))});
		resize(short.stdout, 60, 20);
		const bar = await short.waitFor(
			(f) => f.split('\n')[0]!.length <= 60 && f.includes('billing'),
			'home at 60',
		);
		// Short names leave the bar its room.
		expect(line(bar, 'billing').trimEnd()).toMatch(
			/billing +\S{10} +7\/7 ✖ NOT READY · 1 blocker$/,
		);
		cleanupApps();
		const db = dbWith(outlookReview(loaded, 'r-1', 'billing'), outlookReview(loaded, 'r-2', LONG));
		const app = await renderApp({loaded, db});
		resize(app.stdout, 60, 20);
		const frame = await app.waitFor(
			(f) => f.split('\n')[0]!.length <= 60 && f.includes('billing'),
			'home at 60',
		);
		expectFits(frame, 60, 20);
		expect(line(frame, 'billing').trimEnd()).toMatch(/billing +7\/7 ✖ NOT READY · 1 blocker$/);
		expect(line(frame, 'payments-').trimEnd()).toMatch(
			/payments-\S+… +7\/7 ✖ NOT READY · 1 blocker$/,
		);
	});

	for (const [columns, rows] of [
		[100, 24],
		[80, 24],
		[60, 20],
	] as const)
		it(`${columns}×${rows}: a 40-character release beside a one-letter system`, async () => {
			const loaded = outlookChecklist();
			const release = 'r'.repeat(36) + '-rc9';
			const db = dbWith(outlookReview(loaded, 'r-1', 'x', release));
			const app = await renderApp({loaded, db});
			resize(app.stdout, columns, rows);
			const frame = await app.waitFor(
				(f) => f.split('\n')[0]!.length <= columns && f.includes('rc9'),
				`home at ${columns}`,
			);
			expectFits(frame, columns, rows);
			const row = line(frame, 'rc9');
			// The verdict whole; the release whole where the bar and count giving way
			// make room (80 columns), else cut at its start once the system is least.
			expect(row.trimEnd().endsWith('✖ NOT READY · 1 blocker')).toBe(true);
			if (columns >= 80) expect(row).toContain(`x ${release}`);
			else expect(row).toMatch(/x …r+-rc9 /);
		});

	it('with many reviews of two rows each, the header stays and the list scrolls by whole reviews', async () => {
		const loaded = outlookChecklist();
		const reviews = Array.from({length: 12}, (_, i) =>
			outlookReview(loaded, `r-${i}`, `system-${String(i).padStart(2, '0')}`),
		);
		const app = await renderApp({loaded, db: dbWith(...reviews)});
		resize(app.stdout, 60, 20);
		let frame = await app.waitFor((f) => f.split('\n')[0]!.length <= 60, 'home at 60');
		expectFits(frame, 60, 20);
		for (let i = 0; i < 11; i++) await app.press('j');
		frame = await app.waitFor((f) => /› system-11/.test(f), 'the last review focused');
		expectFits(frame, 60, 20);
		expect(frame).toContain('12 reviews');
		const lines = frame.split('\n');
		const focused = lines.findIndex((l) => l.includes('› system-11'));
		expect(lines[focused + 1]).toMatch(/due (again )?since 2026-10-15/);
	});
});

describe('the summary at 100, 80 and 60 columns: what launch day changes, each kind named', () => {
	for (const [columns, rows] of [
		[100, 30],
		[80, 24],
		[60, 24],
	] as const)
		it(`${columns}×${rows}`, async () => {
			const loaded = outlookChecklist();
			const review = {
				...outlookReview(loaded, 'r-1', LONG, '2.4'),
				decisions: [
					{
						decision: 'no-go' as const,
						by: 'Ann Long-Surname-For-A-Decision-Maker',
						at: '2025-11-10T10:00:00.000Z',
						verdict: 'not-ready' as const,
						digest: `sha256:${'0'.repeat(64)}`,
						note: 'a long note that says a great deal about why this was decided then',
					},
				],
			};
			const app = await renderApp({
				loaded,
				db: dbWith(review),
				startup: [{type: 'open-review', reviewId: review.id, actor}],
			});
			resize(app.stdout, columns, rows);
			await app.press('s');
			const frame = await app.waitFor(
				(f) => f.includes('on launch day 2027-03-01') && f.split('\n')[0]!.length <= columns,
				'the summary',
			);
			expectFits(frame, columns, rows);
			expect(frame).toContain('✖ NOT READY · 1 blocker');
			expect(line(frame, 'on launch day')).toContain(
				'on launch day 2027-03-01: ✖ NOT READY · 7 blockers',
			);
			const stale = line(frame, 'go stale by then (5):');
			expect(stale).toBeTruthy();
			// As many names as fit, then how many more; at 60 columns, none fits beside the count.
			expect(stale).toMatch(
				columns > 60 ? /\(5\): security\.secrets-rotation.*, and \d more$/ : /\(5\):$/,
			);
			expect(frame).toContain('waiver expires by then (1): ops.retention (2027-01-31)');
			expect(frame).toContain('action items due after it (1): ops.oncall #1 (2027-03-15)');
			// The calls to act stay whole.
			expect(line(frame, 'D records a decision')).toMatch(
				/due (again )?since 2026-11-10.* · D records a decision$/,
			);
			expect(line(frame, 'is void')).toBeFalsy();
			expect(line(frame, 'decision: no-go').trimEnd().endsWith(' · D records one again')).toBe(
				true,
			);
		});

	it('on a short terminal the outlook is one line that counts each kind, and the header stays', async () => {
		const loaded = outlookChecklist();
		const review = outlookReview(loaded, 'r-1', 'billing');
		const app = await renderApp({
			loaded,
			db: dbWith(review),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
		});
		resize(app.stdout, 80, 16);
		await app.press('s');
		const frame = await app.waitFor(
			(f) => f.includes('2027-03-01') && f.split('\n')[0]!.length <= 80 && f.includes('Summary'),
			'the summary',
		);
		expectFits(frame, 80, 16);
		expect(frame).toMatch(
			/launch 2027-03-01: .*5 (go )?stale · 1 waiver (expires|ends) · 1 action/,
		);
	});
});
