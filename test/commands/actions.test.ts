import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {parse} from 'csv-parse/sync';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(ensureBuilt);

const item = 'security.secrets';

/** A workspace with one review whose secrets item failed. */
function failedReview() {
	const ws = workspace();
	const r = ws.run(['set', item, 'fail', '--system', 'payments']);
	expect(r.code, r.stderr).toBe(0);
	return ws;
}

describe('preflight action add / done and preflight actions', () => {
	it('adds action items, lists them overdue first, marks one done, exports CSV and Markdown', () => {
		const ws = failedReview();
		const add1 = ws.run([
			'action',
			'add',
			item,
			'rotate the API keys',
			'--owner',
			'Dana Smith',
			'--due',
			'2026-02-20',
			'--url',
			'https://tracker.example.com/SEC-12',
		]);
		expect(add1.code, add1.stderr).toBe(0);
		expect(add1.stdout).toContain('action 1 added');
		const add2 = ws.run([
			'action',
			'add',
			'secr',
			'audit access',
			'--owner',
			'sre',
			'--due',
			'2026-04-01',
		]);
		expect(add2.code, add2.stderr).toBe(0);

		expect(ws.run(['status']).stdout).toContain('actions: 2 open (1 overdue)');
		const text = ws.run(['actions']);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('2 open action items');
		const lines = text.stdout.trim().split('\n');
		expect(lines[1]).toContain('overdue');
		expect(lines[1]).toContain('rotate the API keys');

		const json = JSON.parse(ws.run(['actions', '--json', '--owner', 'dana smith']).stdout) as {
			actions: Array<{item: string; n: number; state: string; overdue: boolean}>;
		};
		expect(json.actions).toEqual([
			expect.objectContaining({item, n: 1, state: 'open', overdue: true}),
		]);

		const done = ws.run(['action', 'done', item, '1']);
		expect(done.code, done.stderr).toBe(0);
		const csv = ws.run(['actions', '--format', 'csv']).stdout.split('\r\n');
		expect(csv[0]).toBe('item,n,title,what,owner,due,state,overdue,url');
		expect(csv[1]).toContain(',audit access,sre,2026-04-01,open,');
		expect(csv[2]).toContain(',rotate the API keys,Dana Smith,2026-02-20,done,no,');
		const md = ws.run(['actions', '--format', 'md']).stdout;
		expect(md).toContain('## Action items: payments');
		expect(md).toContain('- [ ] audit access — owner: sre, due 2026-04-01');
		expect(md).toContain('- [x] rotate the API keys');

		// Snapshots carry them, and verify keeps working.
		const snap = ws.run(['snapshot']);
		expect(snap.code, snap.stderr).toBe(0);
		const [jsonPath, mdPath] = snap.stdout.trim().split('\n');
		const snapshot = JSON.parse(readFileSync(jsonPath!, 'utf8')) as {
			sections: Array<{items: Array<{id: string; actions?: Array<{what: string; state: string}>}>}>;
		};
		const withActions = snapshot.sections.flatMap((s) => s.items).find((i) => i.id === item);
		expect(withActions?.actions?.map((a) => [a.what, a.state])).toEqual([
			['rotate the API keys', 'done'],
			['audit access', 'open'],
		]);
		expect(readFileSync(mdPath!, 'utf8')).toContain('## Action items');
		const verified = ws.run(['verify', jsonPath!]);
		expect(verified.code, verified.stdout + verified.stderr).toBe(0);

		// The status changing keeps them.
		ws.run(['set', item, 'pass', '--evidence', 'https://vault.example.com/rotation']);
		expect(ws.run(['actions', '--json']).stdout).toContain('audit access');
	});

	it('refuses bad input with one line, exit 2, and writes nothing', () => {
		const ws = failedReview();
		// A fail without an open action item: status names it.
		expect(ws.run(['status']).stdout).toContain(`no next step: ${item}`);
		const before = readFileSync(ws.db, 'utf8');
		const bad: Array<[string[], RegExp]> = [
			[['action', 'add', item, 'x', '--owner', 'Dana', '--due', '2026-13-01'], /not a date/],
			[['action', 'add', item, 'x', '--owner', 'Dana'], /needs --due/],
			[['action', 'add', item, 'x', '--due', '2026-05-01'], /needs --owner/],
			[
				['action', 'add', item, ' ', '--owner', 'Dana', '--due', '2026-05-01'],
				/what is to be done/,
			],
			[
				['action', 'add', item, 'x', '--owner', 'Dana', '--due', '2026-05-01', '--url', 'ftp://x'],
				/http/,
			],
			[['action', 'add', 'no.such.item', 'x', '--owner', 'Dana', '--due', '2026-05-01'], /item/],
			// What and URL refuse what owner refuses: escapes, controls, direction marks.
			[
				[
					'action',
					'add',
					item,
					'esc \u001b[31mred\u001b[0m',
					'--owner',
					'Eve',
					'--due',
					'2026-05-01',
				],
				/^preflight: an action item's text must not contain control characters, escape sequences, or invisible or direction marks\n$/,
			],
			[
				['action', 'add', item, 'rtl \u202egnp.exe', '--owner', 'Eve', '--due', '2026-05-01'],
				/action item's text must not contain control characters/,
			],
			...['https://x.example/\u001b]8;;http://evil\u0007', 'https://x.example/\u202e'].map(
				(url): [string[], RegExp] => [
					['action', 'add', item, 'x', '--owner', 'Eve', '--due', '2026-05-01', '--url', url],
					/^preflight: an action URL must not contain control characters, escape sequences, or invisible or direction marks\n$/,
				],
			),
			[
				[
					'action',
					'add',
					item,
					'x',
					'--owner',
					'Eve',
					'--due',
					'2026-05-01',
					'--url',
					'https://bob:pw@x.example/',
				],
				/must not hold a user name or password/,
			],
			[
				['action', 'add', item, 'x'.repeat(2001), '--owner', 'Eve', '--due', '2026-05-01'],
				/at most 2000/,
			],
			[
				['action', 'add', item, 'x', '--owner', 'E'.repeat(201), '--due', '2026-05-01'],
				/at most 200/,
			],
			[['action', 'done', item, '1'], /no action items/],
			[['action', 'done', item, 'one'], /not a number/],
			[['actions', '--format', 'junit'], /csv, md/],
			[
				['action', 'add', item, 'x', '--owner', 'Dana', '--due', '2026-05-01', '--json'],
				/does not apply/,
			],
		];
		for (const [args, message] of bad) {
			const r = ws.run(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(message);
		}
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
	});

	it('prints every field sanitised in CSV, Markdown, text and JSON, whatever a merge brought in', () => {
		const ws = failedReview();
		const added = ws.run([
			'action',
			'add',
			item,
			'rotate, "now"',
			'--owner',
			'Dana',
			'--due',
			'2026-05-01',
			'--url',
			'https://tracker.example.com/SEC-1',
		]);
		expect(added.code, added.stderr).toBe(0);
		// As a merge of another branch's file could bring it in: the database edited.
		const raw = readFileSync(ws.db, 'utf8');
		const what = 'esc \u001b[31mred\u001b[0m \u202egnp.exe\r\nline2 \u001b]8;;http://evil\u0007x';
		writeFileSync(
			ws.db,
			raw
				.replace('"rotate, \\"now\\""', JSON.stringify(what))
				.replace('"Dana"', JSON.stringify('Da\u001b[2Jna\u200f')),
		);
		const csv = ws.run(['actions', '--format', 'csv']);
		expect(csv.code, csv.stderr).toBe(0);
		expect(csv.stdout.endsWith('\r\n')).toBe(true);
		const rows = parse(csv.stdout) as string[][];
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual([
			'item',
			'n',
			'title',
			'what',
			'owner',
			'due',
			'state',
			'overdue',
			'url',
		]);
		expect(rows[1]![0]).toBe(item);
		expect(rows[1]![3]).toBe('esc red gnp.exe line2 x');
		expect(rows[1]![4]).toBe('Dana');
		expect(rows[1]![8]).toBe('https://tracker.example.com/SEC-1');
		const unsafe =
			// eslint-disable-next-line no-control-regex -- looking for control characters is the point
			/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
		for (const args of [['actions', '--format', 'md'], ['actions'], ['actions', '--json']]) {
			const r = ws.run(args);
			expect(r.code, r.stderr).toBe(0);
			expect(r.stdout, args.join(' ')).not.toMatch(unsafe);
		}
		const md = ws.run(['actions', '--format', 'md']).stdout;
		expect(md).toContain('esc red gnp.exe');
		const json = JSON.parse(ws.run(['actions', '--json']).stdout) as {
			actions: Array<{what: string}>;
		};
		// JSON keeps the text as stored, its controls escaped (a parser reads them back).
		expect(json.actions[0]!.what).toBe(what);
	});

	it("keeps a merge from renumbering the base's action items added in the same millisecond", () => {
		const add = (ws: ReturnType<typeof workspace>, what: string) => {
			const r = ws.run(['action', 'add', item, what, '--owner', 'Bo', '--due', '2026-04-01']);
			expect(r.code, r.stderr).toBe(0);
		};
		const base = failedReview();
		add(base, 'zeta');
		add(base, 'alpha');
		const baseFile = join(base.dir, 'base.json');
		copyFileSync(base.db, baseFile);
		const side = (what: string, now: string) => {
			const ws = workspace(now);
			mkdirSync(dirname(ws.db), {recursive: true});
			copyFileSync(baseFile, ws.db);
			add(ws, what);
			return ws.db;
		};
		const ours = side('ours', '2026-03-02T10:00:00.000Z');
		const theirs = side('theirs', '2026-03-02T11:00:00.000Z');
		const order = (a: string, b: string) => {
			const merged = base.run(['merge', baseFile, a, b, '--out', base.db]);
			expect(merged.code, merged.stderr).toBe(0);
			const json = JSON.parse(base.run(['actions', '--json']).stdout) as {
				actions: Array<{n: number; what: string}>;
			};
			return json.actions.map((x) => [x.n, x.what]);
		};
		const expected = [
			[1, 'zeta'],
			[2, 'alpha'],
			[3, 'ours'],
			[4, 'theirs'],
		];
		expect(order(ours, theirs)).toEqual(expected);
		const text = readFileSync(base.db, 'utf8');
		expect(order(theirs, ours)).toEqual(expected);
		expect(readFileSync(base.db, 'utf8')).toBe(text);
	});
});
