import {afterEach, describe, expect, it} from 'vitest';
import type {Answer, Review} from '../../source/model/schemas.js';
import {
	blankReview,
	cleanupApps,
	defaultChecklist,
	detailPane,
	detailScrollLine,
	keys,
	NOW,
	readDetails,
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

const scrollLine = detailScrollLine;

/** Pages through the details with ] to their end; returns the links seen on the way and the last frame. */
async function pageToEnd(app: Awaited<ReturnType<typeof openAt>>['app'], frame: string) {
	const read = await readDetails(app, frame);
	return {frame: read.frame, seen: shownLinks(read.lines.join('\n'))};
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
		'with more links than fit, shows the first ones, says how much is below, and ] reaches the rest (%i×%i)',
		async (columns, rows) => {
			const {app, frame} = await openAt(reviewWith({}, 30), columns, rows);
			const shown = shownLinks(frame);
			expect(shown).toEqual(shown.map((_, i) => i + 1));
			expect(scrollLine(frame)).toMatch(/^↓ \d+ more lines · pgdn\/\] · next: .*evidence/);
			expect(detailPane(frame).join('\n')).not.toContain('…');
			const end = await pageToEnd(app, frame);
			// every link on some page, none cut, the last one at the end
			expect(end.seen).toEqual(Array.from({length: 30}, (_, i) => i + 1));
			expect(shownLinks(end.frame)).toContain(30);
			for (const f of [frame, end.frame]) {
				expect(f.split('\n').length).toBeLessThan(rows);
				for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
			}
		},
	);

	it('at 80×24, ten links leave no blank rows under the detail', async () => {
		const {frame} = await openAt(reviewWith({}, 10), 80, 24);
		const lines = frame.split('\n');
		const rule = lines.findIndex((l) => l.startsWith('───'));
		// header, lists, rule, detail; then the message rows and the footer
		const detail = lines.slice(rule + 1, -4);
		expect(detail.every((l) => l.trim() !== '')).toBe(true);
		expect(shownLinks(frame).length).toBeGreaterThan(0);
	});

	it('while d asks which link to remove, the id, blocker and note make way for the links', async () => {
		const {app, frame} = await openAt(reviewWith({note: 'see the runbook'}, 4), 60, 16);
		expect(shownLinks(frame).length).toBeLessThan(4);
		expect(frame).toContain('blocker: ');
		await app.press('d');
		const asking = await app.waitForText('Remove which evidence');
		expect(shownLinks(asking)).toEqual([1, 2, 3, 4]);
		expect(asking).toContain('Define clear system boundaries');
		expect(asking).not.toContain('blocker: ');
		expect(asking.split('\n').length).toBeLessThan(16);
		await app.press(keys.escape);
		await app.waitForGone('Remove which evidence');
		expect(detailPane(app.frame())).toEqual(detailPane(frame));
	});
});

describe('item detail: notes and justifications', () => {
	const note =
		'the payments call has no circuit breaker and the fallback queue was never load-tested; ' +
		'owner is the platform team, follow-up in INC-42, due before the launch review on Friday';

	it('wraps a long note whole, after the evidence', async () => {
		const {app, frame} = await openAt(reviewWith({note}, 1), 80, 24);
		const {lines} = await readDetails(app, frame);
		const text = lines.join('\n');
		expect(text.replace(/\s+/g, ' ')).toContain(`note: ${note}`);
		expect(text).not.toMatch(/note: .*…/);
		expect(text.indexOf('evidence 1:')).toBeLessThan(text.indexOf('note:'));
		// its lines hang under the text after the label
		const at = lines.findIndex((l) => l.startsWith('note: '));
		expect(lines[at + 1]).toMatch(/^ {6}\S/);
	});

	it('wraps a long justification the same way', async () => {
		const justification = `${note} (n/a)`;
		const {app, frame} = await openAt(
			reviewWith({status: 'na', justification, evidence: []}),
			80,
			24,
		);
		const {lines} = await readDetails(app, frame);
		expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(`justification: ${justification}`);
	});

	it('at 60×16 a long note is never cut with …: ] scrolls to the rest of it', async () => {
		const {app, frame} = await openAt(reviewWith({note}, 1), 60, 16);
		const read = await readDetails(app, frame);
		const text = read.lines.join('\n');
		expect(text.replace(/\s+/g, ' ')).toContain(`note: ${note}`);
		expect(text).not.toMatch(/note: [^]*…/);
		for (const f of [frame, read.frame]) {
			expect(f.split('\n').length).toBeLessThan(16);
			for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
		}
	});

	it('esc from a prompt leaves the detail as it was', async () => {
		const {app, frame} = await openAt(reviewWith({note}, 1), 80, 24);
		await app.press('c');
		await app.waitForText('Note for');
		await app.press(keys.escape);
		await app.waitForGone('Note for');
		expect(detailPane(app.frame())).toEqual(detailPane(frame));
	});
});
