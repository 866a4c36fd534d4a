// Runs preflight's commands inside the test process, as the CLI entry does:
// flags parsed, the command run, a PreflightError turned into its exit code,
// anything else exit 70 (a bug). Far cheaper than a node start per command,
// so a property test can run hundreds. The test file mocks
// source/terminal/output.js itself, its writeOut appending to an object it
// hands to runInProcess (a factory importing this module would wait for itself).
import {actionOf, commandNamed} from '../../source/cli/commands.js';
import {parseInvocation} from '../../source/cli/parse.js';
import {isPreflightError} from '../../source/errors.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

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
		// Dispatched through the command table, as the CLI entry does.
		const inv = parseInvocation(argv);
		const spec = inv.command === undefined ? undefined : commandNamed(inv.command);
		if (!spec) throw new Error(`not a command run in-process: ${inv.command}`);
		const action = actionOf(spec, inv.subcommand);
		if (!action) throw new Error(`no subcommand ${inv.subcommand}`);
		code = await (await action.load())(inv);
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
