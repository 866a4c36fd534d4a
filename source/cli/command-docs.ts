// The README's command table, from the command table. scripts/docs.mjs writes
// it between the README's markers; test/cli/readme.test.ts fails while they differ.
import {commands} from './commands.js';
import type {CommandTable} from './spec.js';
import {allLines} from './usage.js';

/** Where the generated table goes in the README. */
export const readmeMarkers = {
	start: '<!-- commands:start -->',
	end: '<!-- commands:end -->',
} as const;

/** A pipe ends a Markdown table cell, even inside a code span. */
function cell(text: string): string {
	return text.replaceAll('|', '\\|');
}

/** The block between the markers (markers included), before formatting. */
export function commandsMarkdown(table: CommandTable): string {
	const rows = allLines(table).map(
		({usage, action}) => `| \`${cell(usage)}\` | ${cell(action.summary)} | ${cell(action.exit)} |`,
	);
	return [
		readmeMarkers.start,
		'<!-- Generated from source/cli/commands.ts by `npm run docs`: change the table there. -->',
		'',
		'| command | does | exit |',
		'| --- | --- | --- |',
		...rows,
		'',
		readmeMarkers.end,
	].join('\n');
}

/** The README's block for this program's own table. */
export function readmeBlock(): string {
	return commandsMarkdown(commands);
}
