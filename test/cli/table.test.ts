import {describe, expect, it} from 'vitest';
import {app, commandNamed, commands} from '../../source/cli/commands.js';
import {commonFlags, flagTable, reviewFlags, type FlagName} from '../../source/cli/flags.js';
import {parseInvocation} from '../../source/cli/parse.js';
import type {Action, CommandSpec} from '../../source/cli/spec.js';
import {flagAsUsed, flagUsage, linesOf} from '../../source/cli/usage.js';
import {commandHelp, generalHelp} from '../../source/commands/help.js';

const rows = Object.entries(commands) as Array<[string, CommandSpec]>;
const actions = (spec: CommandSpec): Action[] =>
	'subcommands' in spec ? Object.values(spec.subcommands) : [spec];
const flagNames = Object.keys(flagTable) as FlagName[];
/** Help wraps its columns: compare text with the line breaks and indents taken out. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the command table', () => {
	it('reads every flag somewhere, and lists no common flag as a command own', () => {
		const read = new Set<FlagName>([...commonFlags, ...app.flags]);
		for (const [name, spec] of rows)
			for (const flag of [...spec.flags, ...actions(spec).flatMap((a) => a.flags ?? [])]) {
				expect(commonFlags, `${name} --${flag}`).not.toContain(flag);
				read.add(flag);
			}
		expect([...read].sort()).toEqual([...flagNames].sort());
	});

	it('takes the review flags together: --release alone would pick nothing', () => {
		for (const [name, spec] of [...rows, ['app', app] as const]) {
			const picks = reviewFlags.filter((f) => spec.flags.includes(f));
			expect(picks.length === 0 || picks.length === reviewFlags.length, name).toBe(true);
		}
	});

	it('writes names, arguments and summaries the same way everywhere', () => {
		for (const [name, spec] of rows) {
			expect(name).toMatch(/^[a-z][a-z-]*$/);
			for (const text of [spec.summary, ...actions(spec).map((a) => a.summary)]) {
				// Summaries are help lines and README cells alike: plain text, lower case, no full stop.
				expect(text, name).toMatch(/^[a-z]/);
				expect(text, name).not.toMatch(/[.`*]$|`|\*\*/);
			}
			for (const action of actions(spec)) {
				for (const arg of action.args) expect(arg.name).toMatch(/^[A-Z]+$/);
				// Optional arguments come last, or the parser could not tell which was left out.
				const firstOptional = action.args.findIndex((a) => a.optional);
				if (firstOptional >= 0)
					expect(action.args.slice(firstOptional).every((a) => a.optional)).toBe(true);
				expect(action.exit).toMatch(/^0/);
			}
			if ('subcommands' in spec)
				for (const sub of Object.keys(spec.subcommands)) expect(sub).toMatch(/^[a-z][a-z-]*$/);
		}
	});

	it('gives every command an example, and every example parses as that command', () => {
		for (const [name, spec] of [...rows, ['', app] as const]) {
			expect(spec.examples.length, name).toBeGreaterThan(0);
			for (const {line} of spec.examples) {
				const [program, ...argv] = line.split(' ');
				expect(program).toBe('preflight');
				const inv = parseInvocation(argv);
				expect(inv.command ?? '', line).toBe(name);
			}
		}
	});

	it('loads an implementation for every command line, only when asked', async () => {
		for (const [name, spec] of rows)
			for (const action of actions(spec))
				expect(typeof (await action.load()), name).toBe('function');
	});

	it('finds commands by own name only', () => {
		expect(commandNamed('status')).toBe(commands.status);
		for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', ''])
			expect(commandNamed(word), word).toBeUndefined();
	});
});

describe('help, from the table', () => {
	const general = flat(generalHelp(commands, app));

	it('lists every command line and every flag the app and all commands take', () => {
		for (const [name, spec] of rows)
			for (const line of linesOf(name, spec)) {
				expect(general).toContain(line.words);
				expect(general).toContain(line.action.summary);
			}
		for (const flag of [...app.flags, ...commonFlags]) {
			expect(general).toContain(flagUsage(flag));
			expect(general).toContain(flat(flagTable[flag].description));
		}
		// once missing from a hand-written help
		expect(general).toContain('--checklist-format FORMAT');
	});

	it("shows each command's usage, arguments, flags with their descriptions, and examples", () => {
		for (const [name, spec] of rows) {
			const help = flat(commandHelp(name, spec));
			for (const line of linesOf(name, spec)) expect(help).toContain(line.usage);
			for (const action of actions(spec))
				for (const arg of action.args) expect(help).toContain(`${arg.name} ${arg.description}`);
			for (const line of linesOf(name, spec))
				for (const flag of [...line.flags, ...commonFlags]) {
					// as this line reads it: `--format json|yaml` for checklist show
					expect(help, `${line.words} --${flag}`).toContain(flagUsage(flag, line.action));
					expect(help, `${line.words} --${flag}`).toContain(
						flat(flagAsUsed(flag, line.action).description),
					);
				}
			for (const example of spec.examples) {
				expect(help).toContain(example.line);
				expect(help).toContain(flat(example.description));
			}
		}
		expect(commandHelp('gate', commands.gate)).not.toContain('--out');
		expect(flat(commandHelp('checklist', commands.checklist))).toContain(
			'--format json|yaml the output format: json (the default) or yaml (show only)',
		);
		expect(commandHelp('snapshot', commands.snapshot)).not.toContain('junit|yaml');
	});

	it('names the allowed values of a flag that takes one of a few', () => {
		expect(flat(commandHelp('snapshot', commands.snapshot))).toContain('--format json|md|junit');
		expect(general).toContain('(json, yaml, markdown, aws-lens, azure)');
	});

	it('keeps every line within 80 columns, apart from examples meant to be copied whole', () => {
		const examples = new Set(rows.flatMap(([, spec]) => spec.examples.map((e) => `  ${e.line}`)));
		for (const [name, spec] of rows)
			for (const line of commandHelp(name, spec).split('\n'))
				if (!examples.has(line)) expect(line.length, `${name}: ${line}`).toBeLessThanOrEqual(80);
		for (const line of generalHelp(commands, app).split('\n'))
			expect(line.length, line).toBeLessThanOrEqual(80);
	});
});
