// The review screen's footer offers the action-item keys (a, A) and O while
// the review has orphans; the ? overlay names every filter word.
import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import type {Review} from '../../source/model/schemas.js';
import {parseFilter, filterWordsText} from '../../source/ui/state/filter.js';
import {sideAnswer, withConflict} from '../model/conflict-fixture.js';
import {
	blankReview,
	cleanupApps,
	dbWith,
	defaultChecklist,
	focusedRow,
	renderReview,
	resize,
} from './helpers.js';

afterEach(() => cleanupApps());

const footer = (frame: string) => frame.split('\n').slice(-2).join('\n');

/** The first item of `loaded` (the one the review opens on). */
function firstItem(loaded: LoadedChecklist): string {
	return loaded.checklist.sections[0]!.items[0]!.id;
}

/** A review of `loaded` whose first item is pending, failed or a conflict; with an orphan or not. */
function reviewOf(
	loaded: LoadedChecklist,
	kind: 'pending' | 'fail' | 'conflict',
	orphans: boolean,
): Review {
	const id = firstItem(loaded);
	const at = '2026-11-01T09:30:00.000Z';
	let review = blankReview(loaded);
	if (kind === 'fail')
		review = {
			...review,
			answers: {...review.answers, [id]: sideAnswer(loaded, id, 'fail', 'Bo', at)},
		};
	if (kind === 'conflict')
		review = withConflict(review, id, [
			sideAnswer(loaded, id, 'pass', 'Ana', at, {evidence: 'https://x.example/a'}),
			sideAnswer(loaded, id, 'fail', 'Bo', '2026-11-02T14:00:00.000Z'),
		]);
	if (orphans)
		review = {
			...review,
			orphans: {
				'gone.item': {
					answer: sideAnswer(loaded, id, 'fail', 'Bo', at),
					removedIn: '0.9',
					removedAt: at,
				},
			},
		};
	return review;
}

/** The default checklist with a check on its first item, so that x is offered too. */
function withCheck(): LoadedChecklist {
	const loaded = defaultChecklist();
	const [first, ...sections] = loaded.checklist.sections;
	const [item, ...items] = first!.items;
	return checklistFromData(
		{
			...loaded.checklist,
			sections: [
				{...first!, items: [{...item!, check: {run: 'true', mode: 'pass'}}, ...items]},
				...sections,
			],
		},
		'checked.json',
	);
}

describe('the review footer and help', () => {
	it('at 200 columns lists a, A and every answer key; O only with orphans', async () => {
		const app = await renderReview();
		resize(app.stdout, 200, 30);
		const frame = await app.waitFor((f) => footer(f).includes('A done'), 'A in the footer');
		expect(footer(frame)).toContain('a action');
		expect(footer(frame)).not.toContain('O orphans');
	});

	it('at 80 columns a is offered on a pending item beside s; A and esc give way first', async () => {
		const app = await renderReview();
		resize(app.stdout, 80, 24);
		const frame = await app.waitFor(
			(f) => f.split('\n').every((l) => l.length <= 80),
			'an 80-column frame',
		);
		for (const hint of ['? help', 'quit', 'p pass', 'w waive', 'u undo', 's summary', 'a action'])
			expect(footer(frame)).toContain(hint);
		// On a pending item r has nothing to reset: left out, so that a fits.
		expect(footer(frame)).not.toContain('r reset');
		expect(footer(frame)).not.toContain('A done');
		resize(app.stdout, 100, 24);
		const wide = await app.waitFor((f) => footer(f).includes('A done'), 'A at 100 columns');
		expect(footer(wide)).toContain('esc back');
	});

	it('the ? row of / names the filter words: later and conflict included', async () => {
		const app = await renderReview();
		resize(app.stdout, 120, 40);
		await app.press('?');
		const frame = await app.waitForText('filter: status/mine/later/conflict/@role');
		expect(frame).toContain('add an action item');
	});

	it('every word the help names is one the filter reads as a word, not text', () => {
		const words = filterWordsText.split('/');
		expect(words).toEqual(['status', 'mine', 'later', 'conflict', '@role']);
		for (const w of words.filter((x) => x !== 'status' && x !== '@role'))
			expect(parseFilter(w).kind).not.toBe('text');
		expect(parseFilter('@sre').kind).toBe('role');
	});

	describe.each([
		{kind: 'pending', check: false},
		{kind: 'fail', check: false},
		{kind: 'fail', check: true},
		{kind: 'conflict', check: false},
		{kind: 'conflict', check: true},
	] as const)('on a $kind item (check: $check)', ({kind, check}) => {
		it.each([
			{columns: 80, orphans: false},
			{columns: 80, orphans: true},
			{columns: 100, orphans: false},
			{columns: 100, orphans: true},
		])(
			'at $columns columns (orphans: $orphans) a fits, and O while there are orphans',
			async ({columns, orphans}) => {
				const loaded = check ? withCheck() : defaultChecklist();
				const review = reviewOf(loaded, kind, orphans);
				const app = await renderReview({loaded, review, db: dbWith(review)});
				resize(app.stdout, columns, 24);
				// The review opens on the first item still to answer: back to the failed one.
				if (kind === 'fail') {
					await app.press('k');
					await app.waitFor((f) => focusedRow(f).includes('✖ fail'), 'the failed item focused');
				}
				const frame = await app.waitFor(
					(f) => f.split('\n').every((l) => l.length <= columns) && footer(f).includes('s summary'),
					`a ${columns}-column frame`,
				);
				const shown = footer(frame);
				for (const hint of ['? help', 'q/ctrl+c quit', 'p pass', 'f fail', 'w waive', 'u undo'])
					expect(shown).toContain(hint);
				if (kind === 'conflict') {
					expect(shown).toContain('1–9 keep answer');
					expect(shown).not.toContain('a action');
				} else expect(shown).toContain('a action');
				if (check) expect(shown).toContain('x check');
				if (orphans) expect(shown).toContain('O orphans');
				else expect(shown).not.toContain('O orphans');
				if (kind !== 'pending') expect(shown).toContain('r reset');
				if (columns === 100) {
					expect(shown).toContain('esc back');
					if (kind !== 'conflict') expect(shown).toContain('A done');
				}
			},
		);
	});
});
