import type {Invocation} from '../cli/args.js';
import {ChecklistError, loadChecklistAsync} from '../checklist/load.js';
import {checklistJsonSchema} from '../report/json-schemas.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {writeOut} from '../terminal/output.js';
import {jsonText, print, printError} from '../terminal/print.js';

/** `preflight checklist schema`: the checklist format's JSON Schema. */
export async function schema(): Promise<number> {
	writeOut(jsonText(checklistJsonSchema()));
	return 0;
}

/** `preflight checklist validate FILE`: 0 valid, 2 with every problem. */
export async function validate(inv: Invocation): Promise<number> {
	// The parser gave the one argument the command table declares.
	const [file = ''] = inv.positionals;
	try {
		const {checklist} = await loadChecklistAsync(file, inv.flags['checklist-format']);
		const items = checklist.sections.reduce((n, s) => n + s.items.length, 0);
		print(
			`${sanitizeLine(file)}: valid — ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)}, ${checklist.sections.length} section${checklist.sections.length === 1 ? '' : 's'}, ${items} item${items === 1 ? '' : 's'}`,
		);
		return 0;
	} catch (error) {
		if (!(error instanceof ChecklistError)) throw error;
		const n = error.problems.length;
		printError(`checklist ${file}: ${n} problem${n === 1 ? '' : 's'}`);
		for (const line of error.lines()) process.stderr.write(`  ${sanitizeLine(line)}\n`);
		return 2;
	}
}
