import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {loadChecklist} from '../../source/checklist/load.js';
import {
	blankReview,
	cleanupApps,
	detailPane,
	detailScrollLine,
	focusedRow,
	keys,
	readDetails,
	renderReview,
	resize,
} from './helpers.js';

afterEach(() => cleanupApps());

// An AWS lens question whose guidance lists 7 choices, a Markdown item whose
// title is 858 characters long with an 86-character id, and a Japanese item.
const loaded = loadChecklist(join(import.meta.dirname, '../fixtures/checklists/long-text.json'));
const items = loaded.checklist.sections.flatMap((s) => s.items);
const dr = items.find((i) => i.id === 'reliability.dr-plan')!;
const logging = items.find((i) => i.id.startsWith('logging.'))!;
const cjk = items.find((i) => i.id === 'cjk.dr-runbook')!;
const LAST_CHOICE = '- None of these — the workload has no recovery plan yet';

/** The review on the lens question (its first item), at columns × rows. */
async function openAt(columns: number, rows: number) {
	const app = await renderReview({loaded, review: blankReview(loaded)});
	resize(app.stdout, columns, rows);
	const frame = await app.waitFor(
		(f) =>
			f.includes(dr.title) &&
			f.split('\n').length < rows &&
			f.split('\n').every((l) => stringWidth(l) <= columns),
		`the lens question at ${columns}×${rows}`,
	);
	return {app, frame};
}

type App = Awaited<ReturnType<typeof openAt>>['app'];

/** The first line the pane shows, from its scroll line (1 at the top). */
function firstShown(frame: string): number {
	const line = detailScrollLine(frame) ?? '';
	if (line.startsWith('↓')) return 1;
	return Number(/lines (\d+)–/.exec(line)?.[1] ?? Number.NaN);
}

/** Presses a key and waits for the detail's scroll line to change. */
async function scroll(app: App, key: string, from: string): Promise<string> {
	const before = detailScrollLine(from);
	await app.press(key);
	return app.waitFor((f) => detailScrollLine(f) !== before, `the details to move on ${key}`);
}

/** The lines of the pane above its scroll line. */
function shownLines(frame: string): string[] {
	const pane = detailPane(frame);
	const line = detailScrollLine(frame);
	return line ? pane.slice(0, pane.lastIndexOf(line)) : pane;
}

describe('the detail pane scrolls', () => {
	it('says how much is below and what, and hides the last choice until scrolled to', async () => {
		const {frame} = await openAt(80, 24);
		const line = detailScrollLine(frame);
		expect(line).toMatch(/^↓ \d+ more lines · pgdn\/\] · next: guidance, history$/);
		// the answer before the explanation: the evidence line is in view
		expect(shownLines(frame)).toContain('evidence: none yet (e adds a URL or file)');
		expect(frame).not.toContain('None of these');
		// guidance is never cut with … any more
		expect(detailPane(frame).join('\n')).not.toContain('…');
	});

	it('pgdn and ] go down a page keeping one line, pgup and [ come back, shift+↓/↑ move a line', async () => {
		const {app, frame: top} = await openAt(80, 24);
		const rows = shownLines(top).length;
		const last = shownLines(top).at(-1)!;
		let frame = await scroll(app, keys.pageDown, top);
		expect(firstShown(frame)).toBe(rows);
		// the last line of a page is the first of the next
		expect(shownLines(frame)[0]).toBe(last);
		expect(detailScrollLine(frame)).toMatch(
			new RegExp(`^↑↓ lines ${rows}–${2 * rows - 1} of \\d+ · pgup/\\[ pgdn/\\] · next: `),
		);
		frame = await scroll(app, ']', frame);
		expect(firstShown(frame)).toBe(2 * rows - 1);
		frame = await scroll(app, keys.shiftUp, frame);
		expect(firstShown(frame)).toBe(2 * rows - 2);
		frame = await scroll(app, keys.shiftDown, frame);
		expect(firstShown(frame)).toBe(2 * rows - 1);
		frame = await scroll(app, '[', frame);
		expect(firstShown(frame)).toBe(rows);
		frame = await scroll(app, keys.pageUp, frame);
		expect(detailPane(frame)).toEqual(detailPane(top));
		// at the top, up says so
		await app.press('[');
		await app.waitForText('Already at the top of the details.');
	});

	it('reaches the last of the 7 choices, and says when it is at the end', async () => {
		const {app, frame} = await openAt(80, 24);
		const {lines, frame: end} = await readDetails(app, frame);
		const text = lines.join('\n');
		for (const choice of dr.guidance.split('\n').filter((l) => l.startsWith('- ')))
			expect(text.replace(/\n +/g, ' ')).toContain(choice);
		expect(end).toContain(LAST_CHOICE);
		expect(detailScrollLine(end)).toMatch(/^↑ lines \d+–(\d+) of \1, the end · pgup\/\[$/);
		expect(lines.at(-1)).toBe('history: no change yet');
		await app.press(']');
		await app.waitForText('Already at the end of the details.');
	});

	it('the focused item opens at its top: moving away and back resets the scroll', async () => {
		const {app, frame: top} = await openAt(80, 24);
		let frame = await scroll(app, ']', top);
		await app.press('j');
		frame = await app.waitFor((f) => focusedRow(f).includes('Backups are restored'), 'j');
		expect(shownLines(frame)[0]).toBe('Backups are restored on a schedule');
		await app.press('k');
		frame = await app.waitFor((f) => focusedRow(f).includes('REL 13'), 'k');
		expect(detailPane(frame)).toEqual(detailPane(top));
		// the guided flow moves the focus too: f fails the question and moves on
		frame = await scroll(app, ']', frame);
		await app.press('f');
		frame = await app.waitFor((f) => focusedRow(f).includes('Backups are restored'), 'f');
		expect(shownLines(frame)[0]).toBe('Backups are restored on a schedule');
	});

	it('the help overlay keeps the place', async () => {
		const {app, frame: top} = await openAt(80, 24);
		const frame = await scroll(app, ']', top);
		await app.press('?');
		const help = await app.waitForText('Keys — review screen');
		expect(help).toMatch(/pgdn\/\]\s+scroll details down a page/);
		expect(help).toMatch(/shift\+↑\s+scroll details up a line/);
		await app.press(keys.escape);
		const back = await app.waitForGone('Keys — review screen');
		expect(detailPane(back)).toEqual(detailPane(frame));
	});

	it('keeps working when the terminal resizes: the place stays within the lines there are', async () => {
		const {app, frame} = await openAt(80, 24);
		let end = (await readDetails(app, frame)).frame;
		expect(end).toContain(LAST_CHOICE);
		// narrower: more lines, the same place, and the end is still reached
		resize(app.stdout, 60, 20);
		let narrow = await app.waitFor(
			(f) => f.split('\n').every((l) => stringWidth(l) <= 60) && !!detailScrollLine(f),
			'the 60×20 layout',
		);
		expect(firstShown(narrow)).toBe(firstShown(end));
		narrow = (await readDetails(app, narrow)).frame;
		expect(narrow).toContain('None of these');
		for (const l of narrow.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(60);
		// wide and tall: everything fits, no scroll line, nothing past the end
		resize(app.stdout, 200, 50);
		const wide = await app.waitFor(
			(f) => f.includes(dr.title) && f.includes(LAST_CHOICE),
			'200×50',
		);
		expect(detailScrollLine(wide)).toBeUndefined();
		expect(shownLines(wide)[0]).toBe(dr.title);
		// back to 80×24: the keys still work from the top
		resize(app.stdout, 80, 24);
		end = await app.waitFor((f) => !!detailScrollLine(f) && f.split('\n').length < 24, '80×24');
		end = (await readDetails(app, end)).frame;
		expect(end).toContain(LAST_CHOICE);
	});

	it('evidence and a note just given show above a long guidance, without scrolling', async () => {
		const {app} = await openAt(80, 24);
		await app.press('e');
		await app.waitForText('Evidence for');
		await app.press('https://ex.io/dr');
		await app.waitForText('https://ex.io/dr');
		await app.press(keys.enter);
		await app.waitForText('evidence 1: https://ex.io/dr');
		await app.press('c');
		await app.waitForText('Note for');
		await app.press('drill took 41 minutes');
		await app.waitForText('drill took 41 minutes');
		await app.press(keys.enter);
		const frame = await app.waitFor(
			(f) => shownLines(f).includes('note: drill took 41 minutes'),
			'the note in view',
		);
		expect(firstShown(frame)).toBe(1);
		expect(shownLines(frame)).toContain('evidence 1: https://ex.io/dr');
		expect(frame).not.toContain('None of these');
	});

	it('details that fit have nothing to scroll, and say so', async () => {
		const {app} = await openAt(80, 24);
		await app.press('j');
		const frame = await app.waitFor((f) => focusedRow(f).includes('Backups'), 'j');
		expect(detailScrollLine(frame)).toBeUndefined();
		await app.press(keys.pageDown);
		await app.waitForText('The details fit: there is nothing to scroll.');
	});
});

describe('long titles, ids and CJK text in the detail pane', () => {
	it.each([
		[80, 24],
		[60, 20],
		[200, 50],
	])(
		'an 858-character title wraps whole there, and keeps one row in the list (%i×%i)',
		async (columns, rows) => {
			const {app} = await openAt(columns, rows);
			await app.press('l');
			const frame = await app.waitFor(
				(f) => focusedRow(f).includes('Centralised, structured logging'),
				'the Logging section',
			);
			// one row in the list, cut there
			const listRow = focusedRow(frame);
			expect(listRow).toContain('…');
			expect(frame.split('\n').filter((l) => l.includes('Centralised, structured'))).toHaveLength(
				2,
			);
			// whole in the pane, at word boundaries, within the width (and 120 columns)
			const {lines} = await readDetails(app, frame);
			const idAt = lines.findIndex((l) => l.startsWith('id: '));
			const titleLines = lines.slice(0, idAt);
			expect(titleLines.join(' ')).toBe(logging.title);
			for (const l of titleLines) {
				expect(stringWidth(l)).toBeLessThanOrEqual(Math.min(120, columns - 1));
				expect(l).not.toMatch(/^\s|\s$/);
			}
			expect(titleLines.length).toBeGreaterThan(logging.title.length / Math.min(120, columns));
		},
	);

	it('shows the focused item’s id whole, dim, as preflight set takes it', async () => {
		const {app, frame} = await openAt(80, 24);
		expect(shownLines(frame)[1]).toBe('id: reliability.dr-plan · required · evidence required');
		await app.press('l');
		const logs = await app.waitFor(
			(f) => focusedRow(f).includes('Centralised, structured logging'),
			'the Logging section',
		);
		const {lines} = await readDetails(app, logs);
		const idAt = lines.findIndex((l) => l.startsWith('id: '));
		const statusAt = lines.findIndex((l) => l.startsWith('○ pending'));
		// 86 characters: wrapped where the line ends, whole
		expect(lines.slice(idAt, statusAt).join('')).toBe(
			`id: ${logging.id} · required · evidence required`,
		);
	});

	it('wraps Japanese text within the width, between characters, never before a closing mark', async () => {
		// at 80 columns, lines of the title and of the guidance would start with ー and ュ
		const {app} = await openAt(80, 24);
		await app.press('l');
		await app.press('l');
		const frame = await app.waitFor((f) => focusedRow(f).includes('本番環境'), 'the CJK section');
		const {lines} = await readDetails(app, frame);
		const idAt = lines.findIndex((l) => l.startsWith('id: '));
		expect(lines.slice(0, idAt).join('')).toBe(cjk.title);
		const evidenceAt = lines.findIndex((l) => l.startsWith('evidence:'));
		const historyAt = lines.findIndex((l) => l.startsWith('history:'));
		expect(lines.slice(evidenceAt + 1, historyAt).join('')).toBe(cjk.guidance);
		for (const l of lines) {
			expect(stringWidth(l)).toBeLessThanOrEqual(79);
			expect(l).not.toMatch(/^[、。ーっゃゅょ」』）]/);
		}
		// the lines are full: a wrapped line ends where the next character would not fit
		// (or one character earlier, to keep a closing mark off the start of the next)
		const wrapped = lines.slice(0, idAt - 1);
		for (const l of wrapped) expect(stringWidth(l)).toBeGreaterThanOrEqual(76);
	});

	it('draws no escape sequence from the checklist', async () => {
		const {app} = await openAt(200, 50);
		await app.press('l');
		const frame = await app.waitForText('Escape sequences in the text are never drawn.');
		expect(frame).not.toContain('pwned');
		// eslint-disable-next-line no-control-regex -- looking for what must not be there
		expect(app.lastFrame()).not.toMatch(/\u001b\]|\u001b\[2J|\u0007/);
	});
});
