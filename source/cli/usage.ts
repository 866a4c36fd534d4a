// Usage lines, worked out from the command table, for help, error messages and
// the README alike.
import {flagTable, reviewFlags, type FlagName, type FlagSpec} from './flags.js';
import type {Action, ArgSpec, CommandSpec, CommandTable} from './spec.js';

/** The flag as `action` reads it: the table's, with the values and words of the action's use of it. */
export function flagAsUsed(name: FlagName, action?: Action): FlagSpec {
	const spec: FlagSpec = flagTable[name];
	const use = action?.flagUses?.[name];
	if (!use) return spec;
	if ('description' in use) return {...spec, description: use.description};
	return {...spec, values: use.values, description: `${spec.description}: ${use.detail}`};
}

/** `--db PATH`, `--json`, `--format json|md|junit` (as `action` reads it, when given). */
export function flagUsage(name: FlagName, action?: Action): string {
	const spec = flagAsUsed(name, action);
	const value = spec.value ?? spec.values?.join('|');
	return value ? `--${name} ${value}` : `--${name}`;
}

/** The flags a command line reads beside the common ones: its command's, and a subcommand's own. */
export function lineFlags(spec: CommandSpec, action: Action): readonly FlagName[] {
	if (action === spec || !action.flags) return spec.flags;
	return [...spec.flags, ...action.flags.filter((f) => !spec.flags.includes(f))];
}

/** `ITEM STATUS`, `[COMMAND]`; optional arguments in a row go together: `[ITEM STATUS]`. */
export function argsUsage(args: readonly ArgSpec[]): string {
	const words: string[] = [];
	let group: string[] = [];
	const close = () => {
		if (group.length) words.push(`[${group.join(' ')}]`);
		group = [];
	};
	for (const a of args) {
		const name = a.variadic ? `${a.name}…` : a.name;
		if (a.optional) group.push(name);
		else {
			close();
			words.push(name);
		}
	}
	close();
	return words.join(' ');
}

/** How many of its own flags a usage line spells out before it says `[options]` instead. */
const spelledOut = 3;
/** The widest run of spelled-out flags a usage line holds. */
const maxSpelledWidth = 50;

/**
 * The flags a usage line shows: the command's own. The review flags, which
 * every command acting on one review takes, and the common ones are explained
 * once, not on every line.
 */
function shownFlags(flags: readonly FlagName[], action: Action): string {
	const own = flags.filter((f) => !(reviewFlags as readonly FlagName[]).includes(f));
	if (own.length > spelledOut) return '[options]';
	const spelled = own.map((f) => `[${flagUsage(f, action)}]`).join(' ');
	// A usage line keeps within 80 columns (help's width) with room for the command and its arguments.
	return spelled.length > maxSpelledWidth ? '[options]' : spelled;
}

/** A command line as one action: the command's words, arguments and flags. */
export type Line = {
	/** `checklist validate`: what is typed after `preflight`. */
	words: string;
	action: Action;
	/** The flags it reads beside the common ones (see lineFlags). */
	flags: readonly FlagName[];
	/** `preflight checklist validate FILE`, `preflight status [--json] [--as-of DATE]`. */
	usage: string;
};

/** The command's lines: one, or one per subcommand. */
export function linesOf(name: string, spec: CommandSpec): Line[] {
	const actions: Array<[string, Action]> =
		'subcommands' in spec
			? Object.entries(spec.subcommands).map(([sub, action]) => [`${name} ${sub}`, action])
			: [[name, spec]];
	return actions.map(([words, action]) => {
		const flags = lineFlags(spec, action);
		return {
			words,
			action,
			flags,
			usage: ['preflight', words, argsUsage(action.args), shownFlags(flags, action)]
				.filter(Boolean)
				.join(' '),
		};
	});
}

/** Every line of the table, in its order. */
export function allLines(table: CommandTable): Line[] {
	return Object.entries(table).flatMap(([name, spec]) => linesOf(name, spec));
}
