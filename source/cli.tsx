#!/usr/bin/env node
// Thin entry: flags -> zod -> command. Commands that need no UI never load Ink or React.
import {parseInvocation, type Invocation} from './cli/args.js';
import {isPreflightError} from './errors.js';
import {sanitizeLine} from './terminal/sanitize.js';
import {writeOut} from './terminal/output.js';

type Command = (inv: Invocation) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
	reviews: async () => (await import('./commands/reviews.js')).run,
	status: async () => (await import('./commands/status.js')).run,
	set: async () => (await import('./commands/set.js')).run,
	snapshot: async () => (await import('./commands/snapshot.js')).run,
	gate: async () => (await import('./commands/gate.js')).run,
	verify: async () => (await import('./commands/verify.js')).run,
	diff: async () => (await import('./commands/diff.js')).run,
	checklist: async () => (await import('./commands/checklist.js')).run,
	help: async () => (await import('./commands/help.js')).run,
};

async function main(argv: string[]): Promise<number> {
	const inv = parseInvocation(argv);
	if (inv.flags.version) {
		writeOut(`${(await import('./report/snapshot.js')).TOOL_VERSION}\n`);
		return 0;
	}
	if (inv.flags.help) return (await commands.help!())(inv);
	if (inv.command === undefined) return (await import('./ui/start.js')).startApp(inv);
	const load = commands[inv.command];
	if (!load) {
		process.stderr.write(
			`preflight: unknown command "${sanitizeLine(inv.command)}"; see preflight --help\n`,
		);
		return 2;
	}
	return (await load())(inv);
}

/**
 * Errors quote what was given; a 5,000-character flag value must not make a
 * 10 KB line. The middle goes, so the start (what) and the end (why) stay.
 */
function shorten(line: string, max = 400): string {
	if (line.length <= max) return line;
	const chars = [...line]; // whole code points: never half of a surrogate pair
	const half = Math.floor((max - 1) / 2);
	return `${chars.slice(0, half).join('')}…${chars.slice(chars.length - half).join('')}`;
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (isPreflightError(error)) {
			process.stderr.write(`preflight: ${shorten(sanitizeLine(error.message))}\n`);
			process.exitCode = error.exitCode;
			return;
		}
		// A bug, not bad input: still one line for the user, the stack only on request.
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`preflight: internal error: ${shorten(sanitizeLine(message))}\n`);
		if (process.env.PREFLIGHT_DEBUG && error instanceof Error)
			process.stderr.write(`${error.stack}\n`);
		process.exitCode = 70;
	},
);
