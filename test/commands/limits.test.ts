import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {withinLimits} from '../../source/errors.js';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(() => ensureBuilt());

describe('files beyond what can be read', () => {
	it('a deeply nested file or one with tens of thousands of problems: one line, exit 2, nothing changed', () => {
		const ws = workspace();
		const deep = join(ws.dir, 'deep.json');
		writeFileSync(deep, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
		const cases: Array<[string[], string]> = [
			[['checklist', 'validate', deep], `checklist ${deep}: nested too deeply`],
			[['status', '--checklist', deep], `checklist ${deep}: nested too deeply`],
			[['verify', deep], `${deep}: `],
			[['diff', deep, deep], `${deep}: `],
		];
		mkdirSync(dirname(ws.db), {recursive: true});
		const manyBroken = `{"schemaVersion":2,"reviews":[${Array(30_000).fill('{}').join(',')}]}`;
		writeFileSync(ws.db, manyBroken);
		cases.push(
			[['status'], `database ${ws.db}: `],
			[['set', 'testing.unit-tests', 'fail', '--system', 's'], `database ${ws.db}: `],
		);
		for (const [args, start] of cases) {
			const r = ws.run(args);
			expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
			expect(r.stderr.startsWith(`preflight: ${start}`), r.stderr).toBe(true);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
		}
		expect(readFileSync(ws.db, 'utf8')).toBe(manyBroken);
		expect(readdirSync(dirname(ws.db)).sort()).toEqual(['db.json']);
	});

	it('running out of string length is named too', () => {
		const tooLong = Object.assign(new Error('Cannot create a string longer than 0x1fffffe8'), {
			code: 'ERR_STRING_TOO_LONG',
		});
		expect(() =>
			withinLimits('database big.json', () => {
				throw tooLong;
			}),
		).toThrow('database big.json: too large to read');
		const other = new Error('something else');
		expect(() =>
			withinLimits('x', () => {
				throw other;
			}),
		).toThrow(other);
	});
});

describe('text people type, beyond its length', () => {
	const item = 'testing.unit-tests';
	const long = (n: number, c = 'x') => c.repeat(n);

	it('every recorded text flag and variable: one line naming the limit, exit 2, nothing written', () => {
		const ws = workspace();
		expect(ws.run(['set', item, 'fail', '--system', 'shop']).code).toBe(0);
		const before = readFileSync(ws.db, 'utf8');
		const cases: Array<[string[], Record<string, string>, string]> = [
			[
				['set', item, 'fail', '--note', long(2001)],
				{},
				'--note is 2001 characters long: at most 2000 are allowed',
			],
			[
				['set', item, 'na', '--justification', long(2001)],
				{},
				'--justification is 2001 characters long',
			],
			[
				[
					'set',
					item,
					'waived',
					'--waiver-reason',
					long(2001),
					'--waiver-owner',
					'Ann',
					'--waiver-expires',
					'2026-04-01',
				],
				{},
				'--waiver-reason is 2001 characters long',
			],
			[
				[
					'set',
					item,
					'waived',
					'--waiver-reason',
					'r',
					'--waiver-owner',
					long(201),
					'--waiver-expires',
					'2026-04-01',
				],
				{},
				'--waiver-owner is 201 characters long: at most 200 are allowed',
			],
			[
				['set', item, 'pass', '--evidence', `https://example.com/${long(1990)}`],
				{},
				'evidence "https://example.com/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…": the reference is 2010 characters long: at most 2000 are allowed',
			],
			[['set', item, 'fail', '--system', long(201)], {}, '--system is 201 characters long'],
			[
				['set', item, 'fail', '--system', 'shop', '--release', long(201)],
				{},
				'--release is 201 characters long',
			],
			[
				['set', item, 'fail', '--system', 'shop', '--reviewer', long(201)],
				{},
				'--reviewer is 201 characters long',
			],
			[
				['set', item, 'fail', '--system', 'shop'],
				{PREFLIGHT_REVIEWER: long(201)},
				'the reviewer name from PREFLIGHT_REVIEWER is 201 characters long: at most 200 are allowed; give a shorter one with --reviewer NAME',
			],
			[
				['set', item, 'fail', '--system', 'shop'],
				{PREFLIGHT_REVIEWER_EMAIL: `${long(250)}@x.io`},
				'PREFLIGHT_REVIEWER_EMAIL is 255 characters long: at most 254 are allowed',
			],
		];
		for (const [args, env, message] of cases) {
			const r = ws.run(args, env);
			expect(r.code, `${args.join(' ').slice(0, 80)}: ${r.stderr}`).toBe(2);
			expect(r.stderr, args[3]).toContain(`preflight: ${message}`);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			// The text itself is not echoed back.
			expect(r.stderr.length).toBeLessThan(300);
		}
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
		// At the limit, the text is taken.
		const atLimit = ws.run([
			'set',
			item,
			'fail',
			'--note',
			long(2000),
			'--reviewer',
			long(200, 'R'),
		]);
		expect(atLimit.code, atLimit.stderr).toBe(0);
		expect(readFileSync(ws.db, 'utf8')).toContain(long(2000));
	});

	it("git's own name too long is refused like any other; its email too long is no email", () => {
		const ws = workspace();
		const git = (name: string, email: string) => ({
			PREFLIGHT_REVIEWER: '',
			GIT_CONFIG_COUNT: '2',
			GIT_CONFIG_KEY_0: 'user.name',
			GIT_CONFIG_VALUE_0: name,
			GIT_CONFIG_KEY_1: 'user.email',
			GIT_CONFIG_VALUE_1: email,
		});
		const refused = ws.run(['set', item, 'fail', '--system', 'shop'], git(long(201), 'a@b.io'));
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain(
			"the reviewer name from git's user.name is 201 characters long",
		);
		const taken = ws.run(
			['set', item, 'fail', '--system', 'shop'],
			git('Ann', `${long(250)}@x.io`),
		);
		expect(taken.code, taken.stderr).toBe(0);
		const db = readFileSync(ws.db, 'utf8');
		expect(db).toContain('"by": "Ann"');
		expect(db).not.toContain('@x.io');
	});
});

describe('what counts as a character, and what is kept', () => {
	it('an emoji or a CJK character is one character; spaces around the text are neither counted nor kept', () => {
		const ws = workspace();
		const ok = ws.run([
			'set',
			'testing.unit-tests',
			'fail',
			'--system',
			'shop',
			'--reviewer',
			'😀'.repeat(200),
		]);
		expect(ok.code, ok.stderr).toBe(0);
		const refused = ws.run(['set', 'testing.unit-tests', 'fail', '--reviewer', '漢'.repeat(201)]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('--reviewer is 201 characters long: at most 200 are allowed');
		const spaced = ' '.repeat(5000);
		const note = ws.run(['set', 'testing.unit-tests', 'fail', '--note', `${spaced}kept${spaced}`]);
		expect(note.code, note.stderr).toBe(0);
		expect(readFileSync(ws.db, 'utf8')).toContain('"note": "kept"');
	});

	it("a session's attendees: each name, and the whole list", () => {
		const ws = workspace();
		expect(ws.run(['set', 'testing.unit-tests', 'fail', '--system', 'shop']).code).toBe(0);
		const before = readFileSync(ws.db, 'utf8');
		const many = Array.from({length: 500}, (_, i) => `Person ${i}`).join(', ');
		const r = ws.run(['decide', 'no-go', '--attendees', many]);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(
			/^preflight: --attendees is \d+ characters long: at most 2000 are allowed\n$/,
		);
		expect(readFileSync(ws.db, 'utf8')).toBe(before);
	});
});
