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
