// The shapes of the command table (source/cli/commands.ts). Types only, so the
// help command and the docs can read a table without importing the one that
// loads them.
import type {FlagName, Flags} from './flags.js';

/** The command line after parsing: the command words, positional arguments, flags. */
export type Invocation = {
	/** The first word; undefined opens the app. Not checked against the table here. */
	command: string | undefined;
	/** The second word, for a command made of subcommands (`checklist validate`). */
	subcommand?: string;
	/** The arguments after the command words. */
	positionals: string[];
	flags: Flags;
};

/** Runs a command; resolves to its exit code. */
export type Run = (inv: Invocation) => Promise<number>;

/** A positional argument, by its placeholder in usage lines. */
export type ArgSpec = {
	/** Upper case, as shown: `FILE`, `ITEM`. */
	name: string;
	description: string;
	optional?: boolean;
	/** The last argument only: it may be given any number of times (`ITEM…`). */
	variadic?: boolean;
};

/** A command line worth copying, shown in the command's help. */
export type Example = {
	/** The whole line, starting with `preflight`, with no quoted words: the tests parse it. */
	line: string;
	description: string;
};

/**
 * A flag as one command line reads it: fewer values than the flag table's and
 * what they mean here, or its own words for what the flag is on this line.
 */
export type FlagUse =
	| {
			/** The values this line accepts: some of the flag's own. */
			values: readonly string[];
			/** Appended to the flag's description in this command's help. */
			detail: string;
	  }
	| {
			/** The flag's description in this command's help, in place of the table's. */
			description: string;
	  };

/** What one command line does: the whole command, or one of its subcommands. */
export type Action = {
	/** One line, lower case, no Markdown: help and the README's "does" column. */
	summary: string;
	args: readonly ArgSpec[];
	/** A subcommand's own flags, beside its command's (which all its subcommands read). */
	flags?: readonly FlagName[];
	/** Flags this line reads with fewer values than the flag table gives (`--format`). */
	flagUses?: Partial<Record<FlagName, FlagUse>>;
	/** The exit codes this command means something by (2, bad usage or input, goes without saying). */
	exit: string;
	/** Imports the implementation only when the command runs. */
	load: () => Promise<Run>;
};

type Described = {
	/** A paragraph for the command's own help, beyond its summary. */
	details?: string;
	/** The flags it reads beside the common ones; any other is refused. */
	flags: readonly FlagName[];
	examples: readonly Example[];
};

/** A command: one action, or named subcommands that share its flags. */
export type CommandSpec =
	| (Described & Action)
	| (Described & {
			summary: string;
			subcommands: Readonly<Record<string, Action>>;
	  });

/** The entry without a command: the interactive app. */
export type AppSpec = Described & {summary: string};

/** Every command, by name. */
export type CommandTable = Readonly<Record<string, CommandSpec>>;
