import {afterEach, describe, expect, it} from 'vitest';
import type {Answer, Review} from '../../source/model/schemas.js';
import {allotRows} from '../../source/ui/components/item-detail.js';
import {
	blankReview,
	cleanupApps,
	defaultChecklist,
	keys,
	NOW,
	renderReview,
	resize,
} from './helpers.js';

afterEach(() => cleanupApps());

const id = 'architecture.boundaries';

/** The first item failed (focus stays on it: it is opened by id) with `links` URL evidence. */
function reviewWith(answer: Partial<Answer>, links = 0): Review {
	const loaded = defaultChecklist();
	const review = blankReview(loaded);
	review.answers[id] = {
		status: 'fail',
		evidence: Array.from({length: links}, (_, i) => ({
			kind: 'url' as const,
			ref: `https://ci.example/run/${i + 1}`,
		})),
		signedOff: {by: 'Ada', at: NOW.toISOString()},
		...answer,
	};
	return review;
}

/** Opens the review on its first item at columns × rows; returns the app and its frame. */
async function openAt(review: Review, columns: number, rows: number) {
	const app = await renderReview({review});
	// It opens at the first pending item: go back up to the first one.
	await app.press('k');
	resize(app.stdout, columns, rows);
	const frame = await app.waitFor(
		(f) =>
			f.includes('architecture.boundaries ·') &&
			f.split('\n').length < rows &&
			f.split('\n').every((l) => l.length <= columns) &&
			f.split('\n')[0]!.length === columns,
		`the first item at ${columns}×${rows}`,
	);
	return {app, frame};
}

function shownLinks(frame: string): number[] {
	return [...frame.matchAll(/evidence (\d+): https:\/\/ci\.example\/run\/(\d+)/g)].map((m) => {
		// numbered as d numbers them
		expect(m[1]).toBe(m[2]);
		return Number(m[1]);
	});
}

function more(frame: string): number {
	const m = /… and (\d+) more evidence links?/.exec(frame);
	return m ? Number(m[1]) : 0;
}

describe('item detail: evidence', () => {
	it.each([
		[80, 24],
		[120, 40],
	])('shows all four links when there is room (%i×%i)', async (columns, rows) => {
		const {frame} = await openAt(reviewWith({}, 4), columns, rows);
		expect(shownLinks(frame)).toEqual([1, 2, 3, 4]);
		expect(frame).not.toContain('more evidence');
		expect(frame.split('\n').length).toBeLessThan(rows);
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
	});

	it.each([
		[60, 16],
		[80, 24],
		[120, 40],
	])(
		'with more links than fit, shows as many as fit and how many more (%i×%i)',
		async (columns, rows) => {
			const {frame} = await openAt(reviewWith({}, 30), columns, rows);
			const shown = shownLinks(frame);
			expect(shown.length).toBeGreaterThan(0);
			expect(shown).toEqual(shown.map((_, i) => i + 1));
			expect(shown.length + more(frame)).toBe(30);
			expect(frame.split('\n').length).toBeLessThan(rows);
			for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
		},
	);

	it('at 80×24, ten links leave no blank rows under the detail', async () => {
		const {frame} = await openAt(reviewWith({}, 10), 80, 24);
		const lines = frame.split('\n');
		const rule = lines.findIndex((l) => l.startsWith('───'));
		// header, lists, rule, detail; then the message rows and the footer
		const detail = lines.slice(rule + 1, -4);
		expect(detail.every((l) => l.trim() !== '')).toBe(true);
		expect(shownLinks(frame).length + more(frame)).toBe(10);
	});

	it('while d asks which link to remove, the links come before the guidance', async () => {
		const {app, frame} = await openAt(reviewWith({note: 'see the runbook'}, 4), 60, 16);
		expect(shownLinks(frame)).toEqual([]);
		expect(frame).toContain('evidence: 4 links');
		expect(frame).toContain('note: see the runbook');
		await app.press('d');
		const asking = await app.waitForText('Remove which evidence');
		expect(shownLinks(asking)).toEqual([1, 2, 3, 4]);
		expect(asking).toContain('Define clear system boundaries');
		expect(asking.split('\n').length).toBeLessThan(16);
		await app.press(keys.escape);
		await app.waitForText('evidence: 4 links');
	});
});

describe('item detail: notes and justifications', () => {
	const note =
		'the payments call has no circuit breaker and the fallback queue was never load-tested; ' +
		'owner is the platform team, follow-up in INC-42, due before the launch review on Friday';

	it('wraps a long note over the free rows instead of cutting it to one line', async () => {
		const {frame} = await openAt(reviewWith({note}, 1), 80, 24);
		const text = frame.replace(/\s+/g, ' ');
		expect(text).toContain(`note: ${note}`);
		expect(frame).not.toMatch(/note: .*…/);
	});

	it('wraps a long justification the same way', async () => {
		const justification = `${note} (n/a)`;
		const {frame} = await openAt(reviewWith({status: 'na', justification, evidence: []}), 80, 24);
		expect(frame.replace(/\s+/g, ' ')).toContain(`justification: ${justification}`);
	});

	it('at 60×16 a long note is cut with … and the frame still fits', async () => {
		const {frame} = await openAt(reviewWith({note}, 1), 60, 16);
		expect(frame).toMatch(/note: the payments call/);
		expect(frame).toContain('…');
		expect(frame.split('\n').length).toBeLessThan(16);
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
	});

	it('esc from a prompt leaves the detail as it was', async () => {
		const {app} = await openAt(reviewWith({note}, 1), 80, 24);
		await app.press('c');
		await app.waitForText('Note for');
		await app.press(keys.escape);
		await app.waitForGone('Note for');
		expect(app.frame().replace(/\s+/g, ' ')).toContain(`note: ${note}`);
	});
});

describe('allotRows', () => {
	it('gives every part what it wants when there is room', () => {
		expect(allotRows(10, {guidance: 2, evidence: 4, extras: [3]})).toEqual({
			guidance: 2,
			evidence: 4,
			extras: [3],
		});
	});

	it('keeps a row for each part, then grows evidence, then the extras, then the guidance', () => {
		expect(allotRows(6, {guidance: 3, evidence: 4, extras: [3]})).toEqual({
			guidance: 1,
			evidence: 4,
			extras: [1],
		});
		expect(allotRows(8, {guidance: 3, evidence: 4, extras: [3]})).toEqual({
			guidance: 1,
			evidence: 4,
			extras: [3],
		});
	});

	it('an item without evidence still gets its "none yet" row', () => {
		expect(allotRows(5, {guidance: 9, evidence: 0, extras: []})).toEqual({
			guidance: 4,
			evidence: 1,
			extras: [],
		});
	});

	it('with too few rows, guidance goes first, then the last extras', () => {
		expect(allotRows(2, {guidance: 3, evidence: 2, extras: [2, 2]})).toEqual({
			guidance: 0,
			evidence: 1,
			extras: [1, 0],
		});
	});

	it('evidence first: the links take what they need, the rest gets what they leave', () => {
		expect(allotRows(3, {guidance: 3, evidence: 4, extras: [2]}, true)).toEqual({
			guidance: 0,
			evidence: 3,
			extras: [0],
		});
		expect(allotRows(6, {guidance: 3, evidence: 4, extras: [2]}, true)).toEqual({
			guidance: 0,
			evidence: 4,
			extras: [2],
		});
	});

	it('never hands out more rows than there are', () => {
		for (let room = 0; room < 12; room++)
			for (const want of [
				{guidance: 0, evidence: 0, extras: []},
				{guidance: 5, evidence: 7, extras: [4, 2]},
				{guidance: 1, evidence: 1, extras: [1]},
			]) {
				const got = allotRows(room, want);
				const used = got.guidance + got.evidence + got.extras.reduce((a, b) => a + b, 0);
				expect(used).toBeLessThanOrEqual(Math.max(room, 0));
			}
	});
});
