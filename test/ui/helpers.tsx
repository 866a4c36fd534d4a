import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Key} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import React from 'react';
import {vi} from 'vitest';
import {
	checklistFromData,
	defaultChecklistPath,
	loadChecklist,
	type LoadedChecklist,
} from '../../source/checklist/load.js';
import type {Actor} from '../../source/model/actor.js';
import {newReview} from '../../source/model/review.js';
import type {Answer, Database, Review} from '../../source/model/schemas.js';
import {emptyDatabase} from '../../source/store/database.js';
import {blankKey} from '../../source/ui/input/blank-key.js';
import {App} from '../../source/ui/app.js';
import type {Services} from '../../source/ui/state/context.js';
import {initialState} from '../../source/ui/state/reducer.js';
import type {Action, State} from '../../source/ui/state/types.js';

/** The one place that knows the escape sequences a terminal sends for keys. */
export const keys = {
	up: '\u001b[A',
	down: '\u001b[B',
	right: '\u001b[C',
	left: '\u001b[D',
	enter: '\r',
	escape: '\u001b',
	tab: '\t',
	shiftTab: '\u001b[Z',
	backspace: '\u007f',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
	pageUp: '\u001b[5~',
	pageDown: '\u001b[6~',
	shiftUp: '\u001b[1;2A',
	shiftDown: '\u001b[1;2B',
} as const;

export const NOW = new Date('2026-11-28T12:00:00Z');

/** A Key with every flag off but the ones given, as Ink hands to useInput. */
export function key(flags: Partial<Key> = {}): Key {
	return {...blankKey, ...flags};
}

let defaultLoaded: LoadedChecklist | undefined;
/** The AI Infrastructure Checklist shipped in data/checklists. */
export function defaultChecklist(): LoadedChecklist {
	defaultLoaded ??= loadChecklist(defaultChecklistPath());
	return defaultLoaded;
}

/** A small checklist: s1 (a1 a2 a3), s2 (b1 b2), s3 (c1), titles easy to filter on. */
export function smallChecklist(): LoadedChecklist {
	return checklistFromData(
		{
			id: 'small',
			title: 'Small checklist',
			version: '1',
			sections: [
				{
					id: 's1',
					title: 'First',
					items: [
						{id: 'a1', title: 'Alpha one', guidance: 'about alpha'},
						{id: 'a2', title: 'Alpha two'},
						{id: 'a3', title: 'Alpha three', evidenceRequired: false},
					],
				},
				{
					id: 's2',
					title: 'Second',
					items: [
						{id: 'b1', title: 'Beta one'},
						{id: 'b2', title: 'Beta two'},
					],
				},
				{id: 's3', title: 'Third', items: [{id: 'c1', title: 'Gamma one'}]},
			],
		},
		'small.json',
	);
}

/** A review as the app creates it, with a fixed id, no answers, created at NOW. */
export function blankReview(
	loaded: LoadedChecklist,
	id = 'r-test',
	system = 'checkout-api',
): Review {
	return {...newReview(loaded.checklist, loaded.digest, system, undefined, NOW), id};
}

/** Who acts in tests: Ada, at NOW, outside git. */
export const actor: Actor = {by: 'Ada', at: NOW};

export function dbWith(...reviews: Review[]): Database {
	return {...emptyDatabase(), reviews};
}

export type FakeServices = Services & {
	writeSnapshot: ReturnType<typeof vi.fn<Services['writeSnapshot']>>;
	quit: ReturnType<typeof vi.fn<Services['quit']>>;
};

const tempDirs: string[] = [];

/** Unmounts every rendered app and removes the temp folders of fake services (for afterEach). */
export function cleanupApps(): void {
	cleanup();
	for (const dir of tempDirs.splice(0)) rmSync(dir, {recursive: true, force: true});
}

/** Services with a fixed clock, reviewer Ada, no git commit, and a temp cwd holding `runbook.md`. */
export function fakeServices(overrides: Partial<Services> = {}): FakeServices {
	const cwd = mkdtempSync(join(tmpdir(), 'preflight-ui-'));
	tempDirs.push(cwd);
	writeFileSync(join(cwd, 'runbook.md'), '# Runbook\n');
	return {
		cwd,
		dbPath: join(cwd, '.preflight', 'db.json'),
		now: () => new Date(NOW.getTime()),
		reviewer: () => 'Ada',
		commit: () => undefined,
		writeSnapshot: vi.fn<Services['writeSnapshot']>(async (review) => ({
			json: join(cwd, '.preflight', 'snapshots', `${review.system}.json`),
			markdown: join(cwd, '.preflight', 'snapshots', `${review.system}.md`),
		})),
		quit: vi.fn<Services['quit']>(),
		...overrides,
	} as FakeServices;
}

/** Waits for pending effects (ink-testing-library attaches input inside one). */
export function tick(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

// Colour codes (SGR) are styling, not content.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const sgr = /\u001b\[[0-9;]*m/g;

export function plain(frame: string | undefined): string {
	return (frame ?? '').replace(sgr, '');
}

/**
 * How long a test waits for a condition before it fails. Generous: a wait ends
 * as soon as its condition holds, so this costs nothing when the app works,
 * and a machine busy with other work must not fail a test that would pass.
 */
export const WAIT_MS = 30_000;

/** Polls until the (colour-stripped) frame satisfies the predicate; fails with the last frame. */
export async function waitFor(
	lastFrame: () => string | undefined,
	predicate: (frame: string) => boolean,
	what = 'the expected frame',
	timeoutMs = WAIT_MS,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = plain(lastFrame());
		if (predicate(frame)) return frame;
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Polls until an assertion-like condition holds (for calls to services). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = WAIT_MS) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export type RenderOptions = {
	loaded?: LoadedChecklist;
	db?: Database;
	startup?: Action[];
	services?: FakeServices;
	persist?: (db: Database) => Promise<void | string>;
	initial?: State;
	/** Text the first frame must show before the app counts as ready. */
	ready?: string;
};

/** Renders <App>, waits for its first frame and for input to attach. */
export async function renderApp(options: RenderOptions = {}) {
	const loaded = options.loaded ?? defaultChecklist();
	const db = options.db ?? emptyDatabase();
	const services = options.services ?? fakeServices();
	const persist = vi.fn(
		options.persist ?? (async (_db: Database): Promise<void | string> => undefined),
	);
	const initial = options.initial ?? initialState(loaded, db);
	const result = render(
		<App initial={initial} services={services} persist={persist} startup={options.startup} />,
	);
	const {lastFrame, stdin} = result;
	await waitFor(lastFrame, (f) => f.includes(options.ready ?? 'preflight'), 'the first frame');
	await tick();
	const frame = () => plain(lastFrame());
	return {
		...result,
		services,
		persist,
		frame,
		waitFor: (predicate: string | ((frame: string) => boolean), what?: string) =>
			waitFor(
				lastFrame,
				typeof predicate === 'string' ? (f) => f.includes(predicate) : predicate,
				what ?? (typeof predicate === 'string' ? `"${predicate}"` : undefined),
			),
		waitForText: (text: string) => waitFor(lastFrame, (f) => f.includes(text), `"${text}"`),
		waitForGone: (text: string) => waitFor(lastFrame, (f) => !f.includes(text), `"${text}" gone`),
		/** Sends one key (or a chunk of typed text) after letting effects attach. */
		press: async (data: string) => {
			await tick();
			stdin.write(data);
			await tick();
		},
	};
}

/** From the home screen: n, the system's name, enter; leaves the form at its release question. */
export async function typeSystem(app: Awaited<ReturnType<typeof renderApp>>, system: string) {
	await app.press('n');
	await app.waitForText('System under review:');
	await app.press(system);
	await app.waitForText(system);
	await app.press(keys.enter);
	await app.waitForText(`Release of ${system}`);
}

/** Opens `review` of `loaded` (the default checklist unless given) straight on the review screen. */
export async function renderReview(
	options: Omit<RenderOptions, 'startup'> & {review?: Review} = {},
) {
	const loaded = options.loaded ?? defaultChecklist();
	const review = options.review ?? blankReview(loaded);
	return renderApp({
		...options,
		loaded,
		db: options.db ?? dbWith(review),
		startup: [{type: 'open-review', reviewId: review.id, actor}],
	});
}

/** ink-testing-library's stdout reports 100 columns and no rows (the app falls back to 24). */
export function resize(stdout: NodeJS.EventEmitter, columns: number, rows: number) {
	Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
	stdout.emit('resize');
}

/** The line of the frame that holds the focused list row (marked with ›). */
export function focusedRow(frame: string): string {
	return frame.split('\n').find((l) => l.includes('› ')) ?? '';
}

/** The rows of the review screen's detail pane: under the lists (their frame or rule), above the message rows and the footer. */
export function detailPane(frame: string): string[] {
	const lines = frame.split('\n');
	let top = lines.length - 1;
	while (top >= 0 && !/^(╰|───)/.test(lines[top]!)) top--;
	return lines.slice(top + 1, -4);
}

/** The detail pane's scroll line (its last row), when the details do not fit. */
export function detailScrollLine(frame: string): string | undefined {
	const last = detailPane(frame)
		.filter((l) => l.trim())
		.at(-1);
	return last && /^(↑↓ lines|↑ lines|↓ \d+ more line)/.test(last) ? last : undefined;
}

/**
 * Pages through the focused item's details with ] to their end, and returns
 * every line of them in order (each where its page's scroll line places it)
 * and the last frame.
 */
export async function readDetails(
	app: Awaited<ReturnType<typeof renderApp>>,
	frame: string,
): Promise<{lines: string[]; frame: string}> {
	const doc: string[] = [];
	for (;;) {
		const line = detailScrollLine(frame);
		const pane = detailPane(frame);
		const content = line ? pane.slice(0, pane.lastIndexOf(line)) : pane;
		const at = line && !line.startsWith('↓') ? Number(/lines (\d+)–/.exec(line)![1]) - 1 : 0;
		content.forEach((l, i) => (doc[at + i] = l));
		if (!line || line.includes('the end')) return {lines: doc, frame};
		await app.press(']');
		frame = await app.waitFor((f) => detailScrollLine(f) !== line, 'the details to scroll');
	}
}

/** A pass with URL evidence, signed off by Ada at NOW. */
export const passedAnswer: Answer = {
	status: 'pass',
	evidence: [{kind: 'url', ref: 'https://ci.example/ok', addedAt: NOW.toISOString()}],
	signedOff: {by: 'Ada', at: NOW.toISOString()},
};

/** The default checklist's review with every item passed, except those given (undefined: not answered). */
export function reviewWith(except: Record<string, Answer | undefined> = {}): Review {
	const loaded = defaultChecklist();
	const answers: Record<string, Answer> = {};
	for (const s of loaded.checklist.sections)
		for (const it of s.items) {
			const a = it.id in except ? except[it.id] : passedAnswer;
			if (a) answers[it.id] = a;
		}
	return {...blankReview(loaded), answers};
}

/** The first review of the last database saved, once `count` saves were made. */
export async function lastSaved(app: {persist: {mock: {calls: Array<[Database]>}}}, count = 1) {
	await waitUntil(() => app.persist.mock.calls.length >= count, `${count} persist call(s)`);
	return app.persist.mock.calls.at(-1)![0].reviews[0]!;
}
