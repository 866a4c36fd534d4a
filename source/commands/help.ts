import type {Invocation} from '../cli/args.js';
import {commonFlags, type FlagName, type FlagSpec} from '../cli/flags.js';
import type {Action, AppSpec, ArgSpec, CommandSpec, CommandTable, Run} from '../cli/spec.js';
import {allLines, argsUsage, flagAsUsed, flagUsage, linesOf} from '../cli/usage.js';
import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {writeOut} from '../terminal/output.js';

const width = 80;
/** A left column wider than this puts its description on the next line. */
const widestTerm = 28;

/** Words of `text` in lines of at most `room` characters (a longer word stands alone). */
function wrap(text: string, room: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > room) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return line ? [...lines, line] : lines;
}

function paragraph(text: string, indent = ''): string {
	return wrap(text, width - indent.length)
		.map((l) => `${indent}${l}`)
		.join('\n');
}

type Rows = Array<[term: string, description: string]>;

function termWidthOf(...tables: Rows[]): number {
	return Math.min(widestTerm, Math.max(0, ...tables.flat().map(([t]) => t.length)));
}

/** Terms and their descriptions in two columns, each description wrapped in its own. */
function columns(rows: Rows, termWidth = termWidthOf(rows)): string {
	const indent = ' '.repeat(2 + termWidth + 2);
	return rows
		.map(([term, description]) => {
			const text = wrap(description, width - indent.length);
			const first =
				term.length > termWidth
					? [`  ${term}`, `${indent}${text[0] ?? ''}`]
					: [`  ${term.padEnd(termWidth)}  ${text[0] ?? ''}`];
			return [...first, ...text.slice(1).map((l) => `${indent}${l}`)]
				.map((l) => l.trimEnd())
				.join('\n');
		})
		.join('\n');
}

/** A row per flag, as `action` reads it when given; `only` names the subcommand a flag is for. */
function flagRows(names: readonly FlagName[], action?: Action, only?: string): Rows {
	return names.map((name) => {
		const spec: FlagSpec = flagAsUsed(name, action);
		const term = spec.short
			? `-${spec.short}, ${flagUsage(name, action)}`
			: flagUsage(name, action);
		const values = spec.value && spec.values ? ` (${spec.values.join(', ')})` : '';
		return [term, `${spec.description}${values}${only ? ` (${only} only)` : ''}`];
	});
}

function argRows(args: readonly ArgSpec[]): Rows {
	return args.map((a) => [a.name, a.description]);
}

function sentence(summary: string): string {
	return `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`;
}

function section(title: string, body: string): string {
	return body ? `${title}:\n${body}\n` : '';
}

function exitLine(exit: string): string {
	return `Exit codes: ${exit}${/\b2\b/.test(exit) ? '' : '; 2 on bad usage or bad input'}.\n`;
}

/** `preflight --help`: every command of the table, the app's flags and the common ones. */
export function generalHelp(table: CommandTable, app: AppSpec): string {
	const commandRows = allLines(table).map(({words, action}): [string, string] => [
		[words, argsUsage(action.args)].filter(Boolean).join(' '),
		action.summary,
	]);
	const appRows = flagRows(app.flags);
	const commonRows = flagRows(commonFlags);
	const flagWidth = termWidthOf(appRows, commonRows);
	return [
		'preflight — launch-readiness reviews in the terminal\n',
		section('Usage', '  preflight COMMAND [ARGUMENTS] [options]\n  preflight [options]'),
		section('Commands', columns(commandRows)),
		`${paragraph(`Without a command, ${app.summary}.`)}\n${columns(appRows, flagWidth)}\n`,
		section('Every command', columns(commonRows, flagWidth)),
		paragraph(
			'Run preflight help COMMAND (or preflight COMMAND --help) for its arguments, flags and examples.',
		),
		'\nExit codes: 0 ok, 1 not ready / changed, 2 bad usage or bad input.\n',
	].join('\n');
}

/** `preflight help NAME`, `preflight NAME --help`: usage, arguments, flags, examples. */
export function commandHelp(name: string, spec: CommandSpec): string {
	const lines = linesOf(name, spec);
	const usage =
		lines.length === 1
			? `Usage: ${lines[0]!.usage}\n`
			: section('Usage', lines.map((l) => `  ${l.usage}`).join('\n'));
	const grouped = 'subcommands' in spec;
	const subcommandRows = grouped
		? Object.entries(spec.subcommands).map(([sub, action]): [string, string] => [
				[sub, argsUsage(action.args)].filter(Boolean).join(' '),
				`${action.summary} (exit ${action.exit})`,
			])
		: [];
	const args = grouped ? Object.values(spec.subcommands).flatMap((a) => a.args) : spec.args;
	const argRowsOnce = argRows(
		args.filter((a, i) => args.findIndex((b) => b.name === a.name) === i),
	);
	const ownRows = grouped
		? [
				...flagRows(spec.flags),
				...Object.entries(spec.subcommands).flatMap(([sub, action]) =>
					flagRows(
						(action.flags ?? []).filter((f) => !spec.flags.includes(f)),
						action,
						sub,
					),
				),
			]
		: flagRows(spec.flags, spec);
	const commonRows = flagRows(commonFlags);
	const flagWidth = termWidthOf(ownRows, commonRows);
	const examples = spec.examples
		.map((e) => `  ${e.line}\n${paragraph(e.description, '      ')}`)
		.join('\n');
	return [
		usage,
		`${paragraph([sentence(spec.summary), spec.details ?? ''].join(' '))}\n`,
		section('Commands', subcommandRows.length ? columns(subcommandRows) : ''),
		section('Arguments', argRowsOnce.length ? columns(argRowsOnce) : ''),
		section('Options', ownRows.length ? columns(ownRows, flagWidth) : ''),
		section('Every command', columns(commonRows, flagWidth)),
		section('Examples', examples),
		grouped ? '' : exitLine(spec.exit),
	]
		.filter(Boolean)
		.join('\n');
}

/**
 * The help command over `table`: handed the table by the table itself, which
 * this module could not import without importing itself back.
 */
export function helpCommand(table: CommandTable, app: AppSpec): Run {
	return async (inv: Invocation) => {
		// `help NAME` explains NAME; `help` alone, everything; `help --help`, itself.
		const name =
			inv.command === 'help'
				? (inv.positionals[0] ?? (inv.flags.help ? 'help' : undefined))
				: inv.command;
		if (name === undefined) {
			writeOut(generalHelp(table, app));
			return 0;
		}
		if (!Object.hasOwn(table, name))
			throw new PreflightError(`unknown command "${sanitizeLine(name)}"; see preflight --help`);
		const spec = table[name]!;
		// `help action add`: the subcommand is explained in its command's help, as `action add --help` does.
		const [, sub, ...more] = inv.command === 'help' ? inv.positionals : [];
		if (more.length > 0)
			throw new PreflightError(
				'help takes a command and at most one of its subcommands (preflight help action add); see preflight help --help',
			);
		if (sub !== undefined && !('subcommands' in spec && Object.hasOwn(spec.subcommands, sub)))
			throw new PreflightError(
				`${sanitizeLine(name)} has no subcommand "${sanitizeLine(sub)}"; see preflight help ${sanitizeLine(name)}`,
			);
		writeOut(commandHelp(name, spec));
		return 0;
	};
}
