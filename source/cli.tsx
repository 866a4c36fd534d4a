#!/usr/bin/env node
// Thin entry: the command table gives the flags (zod) and the command to run.
// Commands that need no UI never load Ink or React.
import {actionOf, commandNamed, commands} from './cli/commands.js';
import {parseInvocation} from './cli/parse.js';
import {isPreflightError, PreflightError} from './errors.js';
import {sanitizeLine} from './terminal/sanitize.js';
import {writeOut} from './terminal/output.js';
import {TOOL_VERSION} from './version.js';

async function main(argv: string[]): Promise<number> {
	const inv = parseInvocation(argv);
	if (inv.flags.version) {
		writeOut(`${TOOL_VERSION}\n`);
		return 0;
	}
	if (inv.flags.help) return (await commands.help.load())(inv);
	if (inv.command === undefined) return (await import('./ui/start.js')).startApp(inv);
	const spec = commandNamed(inv.command);
	if (!spec) {
		// Thrown, so that it is shortened like any other refusal that quotes what was typed.
		throw new PreflightError(
			`unknown command "${sanitizeLine(inv.command)}"; see preflight --help`,
		);
	}
	// The parser found the subcommand in the table, or refused the line.
	const action = actionOf(spec, inv.subcommand);
	if (!action) throw new Error(`no subcommand for ${inv.command}`);
	return (await action.load())(inv);
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
