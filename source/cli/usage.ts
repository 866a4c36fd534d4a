// Usage lines, worked out from the command table, for help, error messages and
// the README alike.
import {flagTable, reviewFlags, type FlagName, type FlagSpec} from './flags.js';
import type {Action, ArgSpec, CommandSpec, CommandTable} from './spec.js';

/** `--db PATH`, `--json`, `--format json|md|junit`. */
export function flagUsage(name: FlagName): string {
	const spec: FlagSpec = flagTable[name];
	const value = spec.value ?? spec.values?.join('|');
	return value ? `--${name} ${value}` : `--${name}`;
}

/** `ITEM STATUS`, `[COMMAND]`. */
export function argsUsage(args: readonly ArgSpec[]): string {
	return args.map((a) => (a.optional ? `[${a.name}]` : a.name)).join(' ');
}

/** How many of its own flags a usage line spells out before it says `[options]` instead. */
const spelledOut = 3;

/**
 * The flags a usage line shows: the command's own. The review flags, which
 * every command acting on one review takes, and the common ones are explained
 * once, not on every line.
 */
function shownFlags(flags: readonly FlagName[]): string {
	const own = flags.filter((f) => !(reviewFlags as readonly FlagName[]).includes(f));
	if (own.length > spelledOut) return '[options]';
	return own.map((f) => `[${flagUsage(f)}]`).join(' ');
}

/** A command line as one action: the command's words, arguments and flags. */
export type Line = {
	/** `checklist validate`: what is typed after `preflight`. */
	words: string;
	action: Action;
	/** `preflight checklist validate FILE`, `preflight status [--json] [--as-of DATE]`. */
	usage: string;
};

/** The command's lines: one, or one per subcommand. */
export function linesOf(name: string, spec: CommandSpec): Line[] {
	const actions: Array<[string, Action]> =
		'subcommands' in spec
			? Object.entries(spec.subcommands).map(([sub, action]) => [`${name} ${sub}`, action])
			: [[name, spec]];
	return actions.map(([words, action]) => ({
		words,
		action,
		usage: ['preflight', words, argsUsage(action.args), shownFlags(spec.flags)]
			.filter(Boolean)
			.join(' '),
	}));
}

/** Every line of the table, in its order. */
export function allLines(table: CommandTable): Line[] {
	return Object.entries(table).flatMap(([name, spec]) => linesOf(name, spec));
}
