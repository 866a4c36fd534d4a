import type {Invocation} from '../cli/args.js';
import {ChecklistError, loadChecklistAsync, type LoadedChecklist} from '../checklist/load.js';
import {ownFormat} from '../checklist/own-format.js';
import {checklistJsonSchema} from '../report/json-schemas.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {writeOut} from '../terminal/output.js';
import {jsonText, print, printError} from '../terminal/print.js';

/** `preflight checklist schema`: the checklist format's JSON Schema. */
export async function schema(): Promise<number> {
	writeOut(jsonText(checklistJsonSchema()));
	return 0;
}

/**
 * Loads FILE for validate and show: every problem on stderr, one a line,
 * sanitised, and exit 2 when it has any.
 */
async function loadFile(inv: Invocation): Promise<LoadedChecklist | number> {
	// The parser gave the one argument the command table declares.
	const [file = ''] = inv.positionals;
	try {
		return await loadChecklistAsync(file, inv.flags['checklist-format']);
	} catch (error) {
		if (!(error instanceof ChecklistError)) throw error;
		const n = error.problems.length;
		if (error.whole) {
			printError(`checklist ${file}: ${sanitizeLine(error.lines().join('; '))}`);
			return 2;
		}
		printError(`checklist ${file}: ${n} problem${n === 1 ? '' : 's'}`);
		for (const line of error.lines()) process.stderr.write(`  ${sanitizeLine(line)}\n`);
		return 2;
	}
}

/** `preflight checklist validate FILE`: 0 valid, 2 with every problem. */
export async function validate(inv: Invocation): Promise<number> {
	const loaded = await loadFile(inv);
	if (typeof loaded === 'number') return loaded;
	const {checklist} = loaded;
	const items = checklist.sections.reduce((n, s) => n + s.items.length, 0);
	print(
		`${sanitizeLine(inv.positionals[0] ?? '')}: valid — ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)}, ${checklist.sections.length} section${checklist.sections.length === 1 ? '' : 's'}, ${items} item${items === 1 ? '' : 's'}`,
	);
	return 0;
}

/**
 * `preflight checklist show FILE [--format json|yaml]`: the checklist as
 * preflight reads it, in preflight's own format. Nothing is left out or
 * changed: characters a terminal would act on are written as escapes (JSON's
 * `\u001b`, YAML's in double quotes), which read back as the same text.
 */
export async function show(inv: Invocation): Promise<number> {
	const loaded = await loadFile(inv);
	if (typeof loaded === 'number') return loaded;
	const own = ownFormat(loaded.checklist);
	if (inv.flags.format === 'yaml') {
		const {stringifyYaml} = await import('../checklist/yaml-source.js');
		writeOut(stringifyYaml(own));
	} else writeOut(jsonText(own));
	return 0;
}
