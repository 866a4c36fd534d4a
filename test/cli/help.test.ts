import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {app, commands} from '../../source/cli/commands.js';
import {commandHelp, generalHelp} from '../../source/commands/help.js';
import {cliPath, ensureBuilt} from '../commands/cli.js';

beforeAll(ensureBuilt);

function preflight(...args: string[]) {
	const r = spawnSync(process.execPath, [cliPath, ...args], {encoding: 'utf8'});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

describe('preflight help, built', () => {
	it('prints the whole table for --help, -h and help alike', () => {
		const expected = generalHelp(commands, app);
		for (const args of [['--help'], ['-h'], ['help']]) {
			const r = preflight(...args);
			expect(r, args.join(' ')).toMatchObject({code: 0, stdout: expected, stderr: ''});
		}
	});

	it("prints one command's help for help NAME and NAME --help, whatever else was typed", () => {
		for (const [name, spec] of Object.entries(commands))
			expect(preflight(name, '--help'), name).toMatchObject({
				code: 0,
				stdout: commandHelp(name, spec),
			});
		expect(preflight('help', 'set')).toMatchObject({
			code: 0,
			stdout: commandHelp('set', commands.set),
		});
		expect(preflight('help', '--help').stdout).toBe(commandHelp('help', commands.help));
		// --help explains the command even on a line it would refuse
		expect(preflight('gate', 'stray', '--out', 'x', '--help').stdout).toBe(
			commandHelp('gate', commands.gate),
		);
		expect(preflight('checklist', 'validate', '-h').stdout).toBe(
			commandHelp('checklist', commands.checklist),
		);
	}, 90_000);

	it('refuses an unknown command in one line, exit 2, whichever way help is asked', () => {
		for (const args of [
			['help', 'frobnicate'],
			['frobnicate', '--help'],
			['help', 'constructor'],
		]) {
			const r = preflight(...args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stdout).toBe('');
			expect(r.stderr).toBe(
				`preflight: unknown command "${args.find((a) => a !== 'help' && a !== '--help')}"; see preflight --help\n`,
			);
		}
		const extra = preflight('help', 'set', 'status');
		expect(extra.code).toBe(2);
		expect(extra.stderr).toBe(
			'preflight: set has no subcommand "status"; see preflight help set\n',
		);
		const three = preflight('help', 'action', 'add', 'more');
		expect(three.code).toBe(2);
		expect(three.stderr).toBe(
			'preflight: help takes a command and at most one of its subcommands (preflight help action add); see preflight help --help\n',
		);
		// A subcommand is explained with its command, as `action add --help` does.
		const sub = preflight('help', 'action', 'add');
		expect(sub.code, sub.stderr).toBe(0);
		expect(sub.stdout).toBe(preflight('action', 'add', '--help').stdout);
		expect(sub.stdout).toContain('preflight action add ITEM WHAT');
	});

	it('never loads Ink or React', () => {
		const chunks = join(cliPath, '..', 'chunks');
		const closure = (file: string, seen = new Set<string>()): Set<string> => {
			if (seen.has(file)) return seen;
			seen.add(file);
			for (const m of readFileSync(file, 'utf8').matchAll(
				/require\(\s*["']\.\/([^"']+)\.js["']\s*\)/g,
			))
				closure(join(file, '..', `${m[1]!}.cjs`), seen);
			return seen;
		};
		const help = readdirSync(chunks).find((f) => f.startsWith('help-') && f.endsWith('.cjs'));
		expect(help).toBeDefined();
		const loaded = [...closure(join(chunks, help!))];
		expect(loaded.some((f) => readFileSync(f, 'utf8').includes('react.transitional.element'))).toBe(
			false,
		);
	});
});
