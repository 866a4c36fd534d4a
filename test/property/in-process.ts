// Runs preflight's commands inside the test process, as the CLI entry does:
// flags parsed, the command run, a PreflightError turned into its exit code,
// anything else exit 70 (a bug). Far cheaper than a node start per command,
// so a property test can run hundreds. The test file mocks
// source/terminal/output.js itself, its writeOut appending to an object it
// hands to runInProcess (a factory importing this module would wait for itself).
import {parseInvocation, type Invocation} from '../../source/cli/args.js';
import {run as checklist} from '../../source/commands/checklist.js';
import {run as diff} from '../../source/commands/diff.js';
import {run as gate} from '../../source/commands/gate.js';
import {run as reviews} from '../../source/commands/reviews.js';
import {run as set} from '../../source/commands/set.js';
import {run as snapshot} from '../../source/commands/snapshot.js';
import {run as status} from '../../source/commands/status.js';
import {run as verify} from '../../source/commands/verify.js';
import {isPreflightError} from '../../source/errors.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

const commands = new Map<string, (inv: Invocation) => Promise<number>>([
	['checklist', checklist],
	['diff', diff],
	['gate', gate],
	['reviews', reviews],
	['set', set],
	['snapshot', snapshot],
	['status', status],
	['verify', verify],
]);

/** Where the test's mocked writeOut appends what commands print. */
export type Sink = {stdout: string};

export type Result = {code: number; stdout: string; stderr: string; crash?: unknown};

/** Runs `preflight <argv>` in this process (stdout from `sink`, stderr captured while it runs). */
export async function runInProcess(argv: string[], sink: Sink): Promise<Result> {
	sink.stdout = '';
	const captured = {stderr: ''};
	const write = process.stderr.write.bind(process.stderr);
	process.stderr.write = ((chunk: string | Uint8Array) => {
		captured.stderr += String(chunk);
		return true;
	}) as typeof process.stderr.write;
	let code: number;
	let crash: unknown;
	try {
		const inv = parseInvocation(argv);
		const command = inv.command === undefined ? undefined : commands.get(inv.command);
		if (!command) throw new Error(`not a command run in-process: ${inv.command}`);
		code = await command(inv);
	} catch (error) {
		if (isPreflightError(error)) {
			code = error.exitCode;
			// As the CLI entry prints it.
			captured.stderr += `preflight: ${sanitizeLine(error.message)}\n`;
		} else {
			code = 70;
			crash = error;
		}
	} finally {
		process.stderr.write = write;
	}
	return {code, stdout: sink.stdout, stderr: captured.stderr, ...(crash ? {crash} : {})};
}
