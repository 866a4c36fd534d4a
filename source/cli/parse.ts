import {parseArgs} from 'node:util';
import {PreflightError} from '../errors.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {app, commandNamed} from './commands.js';
import {
	commonFlags,
	flagsSchema,
	flagTable,
	isFlagName,
	parseArgsOptions,
	reviewFlags,
	type FlagName,
	type Flags,
	type FlagSpec,
} from './flags.js';
import type {CommandSpec, Invocation} from './spec.js';
import {linesOf, type Line} from './usage.js';

/**
 * Reads the command line against the command table: flags by their zod types,
 * then the command's words and arguments. Bad usage is a PreflightError (one
 * line, exit 2). An unknown command is returned as it is: the caller says so.
 */
export function parseInvocation(argv: string[]): Invocation {
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({
			args: argv,
			options: parseArgsOptions,
			allowPositionals: true,
			strict: true,
			tokens: true,
		});
	} catch (error) {
		throw new PreflightError(`${argsProblem(error as Error, argv)}; see preflight --help`);
	}
	// parseArgs keeps the last of a repeated flag: `--system a --system b` would
	// quietly act on b. Only flags the table marks `multiple` may repeat.
	const seen = new Set<string>();
	for (const token of parsed.tokens ?? []) {
		if (token.kind !== 'option' || !isFlagName(token.name)) continue;
		const spec: FlagSpec = flagTable[token.name];
		if (spec.type !== 'string' || spec.multiple) continue;
		if (seen.has(token.name)) throw new PreflightError(`--${token.name} given twice; give it once`);
		seen.add(token.name);
	}
	const result = z.safeParse(flagsSchema, parsed.values);
	if (!result.success)
		throw new PreflightError(sanitizeLine(result.error.issues[0]?.message ?? 'bad flags'));
	const flags = result.data;
	const [command, ...rest] = parsed.positionals;
	if (command === undefined) {
		refuseForeignFlags(flags, app.flags, 'the app', 'preflight --help');
		return {command, positionals: [], flags};
	}
	const spec = commandNamed(command);
	if (!spec) return {command, positionals: rest, flags};
	return parseCommand(command, spec, rest, flags);
}

/**
 * What node's parseArgs refused, in one line of preflight's own words: its
 * messages run over several sentences ("Option '--jobs' argument is
 * ambiguous.\nDid you forget…"), end in a full stop and speak of "options".
 * A flag's value that looks like a flag (`--jobs -1`) is judged by the flag's
 * own rule, as `--jobs=-1` would be.
 */
function argsProblem(error: Error, argv: readonly string[]): string {
	const first = error.message.split('\n')[0] ?? '';
	const name = /'--([^' ]+)/.exec(first)?.[1];
	const code = (error as Error & {code?: string}).code;
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name && isFlagName(name)) {
		const spec: FlagSpec = flagTable[name];
		if (spec.type === 'boolean') return `--${name} takes no value`;
		const at = argv.indexOf(`--${name}`);
		const value = at >= 0 ? argv[at + 1] : undefined;
		const placeholder = spec.value ?? spec.values?.join('|');
		const wanted = `--${name} needs a value${placeholder ? ` (--${name} ${placeholder})` : ''}`;
		if (value === undefined || !value.startsWith('-')) return wanted;
		// The next flag (`--jobs --trust`): the value was left out.
		if (isFlagName(value.replace(/^--/, '').split('=')[0]!)) return wanted;
		const judged = z.safeParse(flagsSchema, {[name]: value});
		if (!judged.success) return sanitizeLine(judged.error.issues[0]?.message ?? wanted);
		return `${wanted}: ${sanitizeLine(value)} looks like a flag; write --${name}=${sanitizeLine(value)} if it is the value`;
	}
	const unknown = /^Unknown option '([^']*)'/.exec(first);
	if (unknown) return `unknown flag ${sanitizeLine(unknown[1]!)}`;
	return sanitizeLine(first.replace(/\.\s.*$/, '').replace(/\.$/, '')) || 'bad arguments';
}

function parseCommand(name: string, spec: CommandSpec, rest: string[], flags: Flags): Invocation {
	const help = `preflight ${name} --help`;
	// --help explains whatever was typed; --version answers before anything is checked.
	const lenient = flags.help === true || flags.version === true;
	const lines = linesOf(name, spec);
	if (!('subcommands' in spec)) {
		if (!lenient) checkLine(lines[0]!, flags, `preflight ${name}`, help);
		if (!lenient) checkArguments(lines[0]!, spec, rest, help);
		return {command: name, positionals: rest, flags};
	}
	const [sub, ...args] = rest;
	const line = lines.find((l) => sub !== undefined && l.words === `${name} ${sub}`);
	if (!line) {
		if (lenient) return {command: name, positionals: rest, flags};
		refuseForeignFlags(
			flags,
			[...new Set(lines.flatMap((l) => l.flags))],
			`preflight ${name}`,
			help,
		);
		throw new PreflightError(`usage: ${lines.map((l) => l.usage).join(' | ')}; see ${help}`);
	}
	if (!lenient) checkLine(line, flags, `preflight ${line.words}`, help);
	if (!lenient) checkArguments(line, spec, args, help);
	return {command: name, subcommand: sub, positionals: args, flags};
}

/** The line's flags only, each with a value the line accepts (`--format` differs by command). */
function checkLine(line: Line, flags: Flags, what: string, help: string): void {
	refuseForeignFlags(flags, line.flags, what, help);
	for (const name of line.flags) {
		const use = line.action.flagUses?.[name];
		const given = flags[name];
		if (use && 'values' in use && typeof given === 'string' && !use.values.includes(given))
			throw new PreflightError(`--${name} must be one of ${use.values.join(', ')} for ${what}`);
	}
}

/** Refuses a flag the command does not read: `gate --out x` would look as if it had done something. */
function refuseForeignFlags(
	flags: Flags,
	own: readonly FlagName[],
	what: string,
	help: string,
): void {
	for (const name of Object.keys(flags) as FlagName[]) {
		if (flags[name] === undefined || commonFlags.includes(name) || own.includes(name)) continue;
		throw new PreflightError(`--${name} does not apply to ${what}; see ${help}`);
	}
}

/** The arguments the table declares: each required one given and not empty, none extra. */
function checkArguments(line: Line, spec: CommandSpec, given: string[], help: string): void {
	const {args} = line.action;
	const [first] = given;
	if (args.length === 0 && first !== undefined) {
		// A stray word is most often a review's name: a typo must never gate another review.
		const hint = reviewFlags.every((f) => spec.flags.includes(f))
			? 'name a review with --system S [--release R]'
			: `see ${help}`;
		throw new PreflightError(
			`${line.words} takes no arguments (got "${sanitizeLine(first)}"); ${hint}`,
		);
	}
	const missing = args.some((a, i) => !a.optional && !given[i]);
	const rest = args.at(-1)?.variadic === true;
	if (missing || (given.length > args.length && !rest))
		throw new PreflightError(`usage: ${line.usage}; see ${help}`);
}
