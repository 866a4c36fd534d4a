// The whole command surface under random, hostile checklists and answers:
// ids drawn from the names on Object.prototype (and __proto__), titles and notes
// from control and format characters, URL-like text, very long and deeply
// nested values. No command may crash (exit 70 fails the test), no line may
// carry a control or direction character to the terminal, and `gate` says
// READY exactly when every required item was settled by a `set` that succeeded.
// Commands run in-process (see in-process.ts); a few runs go through the built CLI.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {baseEnv, privateCliPath} from '../store/private-cli.js';
import {runInProcess, type Result} from './in-process.js';

const sink = vi.hoisted(() => ({stdout: ''}));
vi.mock('../../source/terminal/output.js', () => ({
	writeOut: (text: string) => {
		sink.stdout += text;
	},
}));

const NOW = '2026-06-01T12:00:00.000Z';
const prototypeNames = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
const plainIds = [
	'a',
	'b.c',
	'x:y/z',
	'http://evil.example/x',
	'www.evil.example',
	'0',
	'7',
	'10',
	`long.${'x'.repeat(300)}`,
];
const badIds = ['-x', 'a b', 'é', ''];

const hostileBits = [
	'\u001b]0;pwned\u0007',
	'\u001b]52;c;cm0gLXJm\u0007',
	'\u001b[2J',
	'\u009b31m',
	'\u0085',
	'\u2028',
	'\u2029',
	'\u202e',
	'\u200b',
	'\u200e',
	'\ufeff',
	'\u2066',
	'\ud800',
	'\u0000',
	'https://evil.example/login',
	'www.evil.example',
	'mail@evil.example',
	'<script>x</script>',
	'| `x` *y* [z](javascript:1)',
	'👨‍👩‍👧',
	'constructor',
	'__proto__',
	'x'.repeat(20_000),
];

const text = fc
	.array(fc.constantFrom(...hostileBits), {minLength: 1, maxLength: 4})
	.map((bits) => bits.join(' '));
const title = text.map((t) => `T ${t}`);
const validId = fc.oneof(
	{weight: 4, arbitrary: fc.constantFrom(...prototypeNames.filter((n) => /^[a-z]/i.test(n)))},
	{weight: 3, arbitrary: fc.constantFrom(...plainIds)},
	{weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/)},
);
// Now and then an id no checklist may have (__proto__, __defineGetter__, "a b"):
// the checklist is refused, and every command must say so in one line.
const badId = fc.constantFrom(...prototypeNames.filter((n) => n.startsWith('_')), ...badIds);

const item = fc.record({
	id: validId,
	title,
	level: fc.constantFrom('required', 'recommended'),
	evidenceRequired: fc.boolean(),
	reviewEvery: fc.option(fc.constantFrom('P1D', 'P1M', 'P1Y', 'PT24H'), {nil: undefined}),
	guidance: fc.option(text, {nil: undefined}),
});

const checklist = fc.record({
	sections: fc.array(
		fc.record({id: validId, title, items: fc.array(item, {minLength: 1, maxLength: 4})}),
		{
			minLength: 1,
			maxLength: 3,
		},
	),
	// Now and then a value nested thousands deep, where a checklist has a string.
	deep: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 5000),
	bad: fc.option(badId, {nil: undefined, freq: 8}),
});

type GeneratedChecklist = typeof checklist extends fc.Arbitrary<infer T> ? T : never;

/** `weight` copies of `common`, one of each `rare`: mostly what succeeds, sometimes what must be refused. */
function mostly<T>(common: T, weight: number, ...rare: T[]): fc.Arbitrary<T> {
	return fc.constantFrom(...Array<T>(weight).fill(common), ...rare);
}

const op = fc.record({
	item: fc.nat(),
	status: fc.constantFrom(
		'pass',
		'pass',
		'pass',
		'fail',
		'na',
		'na',
		'waived',
		'waived',
		'pending',
	),
	evidence: fc.oneof(
		{weight: 6, arbitrary: fc.constantFrom('url', 'file')},
		{weight: 1, arbitrary: fc.constantFrom('none', 'fifo', 'zero', 'outside', 'dir')},
	),
	note: fc.option(text, {nil: undefined}),
	justification: fc.option(text, {nil: undefined, freq: 5}),
	reason: text,
	owner: mostly('carol', 6, 'car\u200bol', 'x\u202ey', 'a\u00a0b'),
	expires: mostly('2027-12-31', 6, '2020-01-01', '2027-02-30', 'soon'),
});
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let dir: string;
let runs = 0;
const cwd = process.cwd();

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'preflight-prop-commands-'));
	const work = join(dir, 'work');
	mkdirSync(join(work, 'sub'), {recursive: true});
	writeFileSync(join(work, 'ev.md'), '# evidence\n');
	writeFileSync(join(dir, 'outside.md'), '# outside\n');
	execFileSync('mkfifo', [join(work, 'fifo')]);
	// Evidence paths are relative to the current folder outside a repository.
	process.chdir(work);
	process.env.PREFLIGHT_NOW = NOW;
	process.env.PREFLIGHT_REVIEWER = 'Prop Tester';
});

afterAll(() => {
	process.chdir(cwd);
	delete process.env.PREFLIGHT_NOW;
	delete process.env.PREFLIGHT_REVIEWER;
});

/** The checklist as a file: ids made unique (most runs should load), deep values spliced in as text. */
function writeChecklist(c: GeneratedChecklist, path: string): string[] {
	const seen = new Set<string>();
	const unique = (x: string) => {
		let out = x;
		for (let n = 2; seen.has(out); n++) out = `${x}.${n}`;
		seen.add(out);
		return out;
	};
	const data = {
		id: 'prop',
		title: 'Property checklist',
		version: '1',
		sections: c.sections.map((s) => ({
			...s,
			id: unique(s.id),
			items: s.items.map((i) => ({...i, id: unique(i.id)})),
		})),
	};
	if (c.bad !== undefined) data.sections[0]!.items[0]!.id = c.bad;
	if (c.deep) (data.sections[0]!.items[0] as Record<string, unknown>).guidance = '@@DEEP@@';
	const json = JSON.stringify(data).replace(
		'"@@DEEP@@"',
		`${'['.repeat(c.deep)}${']'.repeat(c.deep)}`,
	);
	writeFileSync(path, json);
	return data.sections.flatMap((s) => s.items.map((i) => i.id));
}

const evidencePath: Record<Op['evidence'], string | undefined> = {
	none: undefined,
	url: 'https://ci.example.com/run/1',
	file: 'ev.md',
	fifo: 'fifo',
	zero: '/dev/zero',
	outside: '../outside.md',
	dir: 'sub',
};

function setArgs(o: Op, itemId: string): string[] {
	const args = ['set', itemId, o.status, '--system', 'sys'];
	const ev = evidencePath[o.evidence];
	if (ev) args.push('--evidence', ev);
	if (o.note !== undefined) args.push('--note', o.note);
	if (o.status === 'na' && o.justification !== undefined)
		args.push('--justification', o.justification);
	if (o.status === 'waived')
		args.push(
			'--waiver-reason',
			o.reason,
			'--waiver-owner',
			o.owner,
			'--waiver-expires',
			o.expires,
		);
	return args;
}

// What must never reach a terminal: escapes, C0 but newline, C1, direction and invisible marks.
const unsafe =
	// eslint-disable-next-line no-control-regex -- looking for control characters
	/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
// JSON output escapes these (JSON.stringify alone leaves them raw).
const rawInJson = /[\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function expectSafe(r: Result, what: string, json = false): void {
	expect(
		r.crash,
		`${what} crashed: ${String((r.crash as Error | undefined)?.stack)}`,
	).toBeUndefined();
	expect([0, 1, 2], `${what}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
	expect(unsafe.test(r.stderr), `${what} stderr: ${JSON.stringify(r.stderr)}`).toBe(false);
	if (json && r.code !== 2) {
		expect(rawInJson.test(r.stdout), `${what} stdout`).toBe(false);
		expect(() => JSON.parse(r.stdout) as unknown, what).not.toThrow();
	} else expect(unsafe.test(r.stdout), `${what} stdout: ${JSON.stringify(r.stdout)}`).toBe(false);
}

async function scenario(c: GeneratedChecklist, ops: readonly Op[]): Promise<void> {
	const n = runs++;
	const file = join(dir, `c${n}.json`);
	const db = join(dir, `db${n}`, 'db.json');
	const ids = writeChecklist(c, file);
	const common = ['--db', db, '--checklist', file];
	const run = async (args: string[], json = false) => {
		const r = await runInProcess([...args, ...common], sink);
		expectSafe(r, args.slice(0, 3).join(' '), json);
		return r;
	};
	const valid = (await run(['checklist', 'validate', file])).code === 0;
	const state = new Map<string, string>();
	let created = false;
	for (const o of ops) {
		const itemId = ids[o.item % ids.length]!;
		const r = await run(setArgs(o, itemId));
		if (r.code === 0) {
			state.set(itemId, o.status);
			created = true;
		}
	}
	const gate = await run(['gate']);
	const gateJson = await run(['gate', '--json'], true);
	const status = await run(['status', '--json'], true);
	await run(['status']);
	await run(['reviews']);
	await run(['reviews', '--json'], true);
	await run(['gate', '--as-of', '2031-01-01']);
	const pair = await run(['snapshot']);
	const md = await run(['snapshot', '--format', 'md', '--out', join(dir, `s${n}.md`)]);
	await run(['snapshot', '--format', 'junit']);
	if (!valid || !created) {
		for (const r of [gate, gateJson, status, pair, md]) expect(r.code).toBe(2);
		return;
	}
	const unsettled = unsettledIn(file, state);
	expect(gate.code, `gate with unsettled ${unsettled.join(', ')}`).toBe(
		unsettled.length === 0 ? 0 : 1,
	);
	expect(JSON.parse(gateJson.stdout).ready).toBe(unsettled.length === 0);
	const totals = JSON.parse(status.stdout).totals as {items: number; pending: number};
	const answered = [...state.values()].filter((s) => s !== 'pending').length;
	expect(totals.items).toBe(ids.length);
	expect(totals.pending).toBe(ids.length - answered);
	// What preflight just wrote keeps preflight's rules and its checklist.
	expect(pair.code, pair.stderr).toBe(0);
	const [json] = pair.stdout.trim().split('\n');
	const verified = await run(['verify', json!, '--json'], true);
	expect(verified.code, verified.stdout).toBe(0);
	expect((await run(['verify', json!])).code).toBe(0);
	expect((await run(['diff', json!, json!])).code).toBe(0);
}

/** Each item's id and level, as written to the file. */
function levels(path: string): Map<string, string | undefined> {
	const data = JSON.parse(readFileSync(path, 'utf8')) as {
		sections: Array<{items: Array<{id: string; level?: string}>}>;
	};
	return new Map(data.sections.flatMap((s) => s.items.map((i) => [i.id, i.level])));
}

/** True when the review has a required item that no successful `set` settled. */
function unsettledIn(path: string, state: ReadonlyMap<string, string>): string[] {
	return [...levels(path)]
		.filter(([itemId, level]) => level !== 'recommended' && !settled(state.get(itemId)))
		.map(([itemId]) => itemId);
}

function settled(status: string | undefined): boolean {
	return status === 'pass' || status === 'na' || status === 'waived';
}

describe('every command under hostile checklists and answers', () => {
	it('never crashes, never prints a control character, and gates READY only when every required item is settled', async () => {
		await fc.assert(
			fc.asyncProperty(checklist, fc.array(op, {maxLength: 10}), (c, ops) => scenario(c, ops)),
			{numRuns: 25},
		);
	}, 300_000);

	it('the same through the built CLI', () => {
		const cli = privateCliPath();
		fc.assert(
			fc.property(checklist, fc.array(op, {maxLength: 4}), (c, ops) => {
				const n = runs++;
				const file = join(dir, `c${n}.json`);
				const db = join(dir, `db${n}`, 'db.json');
				const ids = writeChecklist(c, file);
				const work = join(dir, 'work');
				const run = (argv: string[]) => {
					// argv cannot carry NUL
					const args = argv.map((a) => a.replaceAll('\u0000', ''));
					const r = spawnSync(process.execPath, [cli, ...args, '--db', db, '--checklist', file], {
						cwd: work,
						encoding: 'utf8',
						env: baseEnv(work, {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Prop Tester'}),
						timeout: 20_000,
					});
					const result = {code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr};
					expectSafe(result, args.slice(0, 3).join(' '));
					return result;
				};
				const state = new Map<string, string>();
				for (const o of ops) {
					const itemId = ids[o.item % ids.length]!;
					if (run(setArgs(o, itemId)).code === 0) state.set(itemId, o.status);
				}
				const gate = run(['gate']);
				if (gate.code === 0) expect(unsettledIn(file, state)).toEqual([]);
				const snap = run(['snapshot']);
				if (snap.code === 0) expect(run(['verify', snap.stdout.split('\n')[0]!]).code).toBe(0);
			}),
			{numRuns: 4},
		);
	}, 300_000);
});
