// The README's command table, from the command table. scripts/docs.mjs writes
// it between the README's markers; test/cli/readme.test.ts fails while they differ.
import {commands} from './commands.js';
import {commonFlags, flagTable, reviewFlags, type FlagName, type FlagSpec} from './flags.js';
import type {CommandTable} from './spec.js';
import {allLines, flagUsage} from './usage.js';

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
		sharedFlagsLine(),
		'',
		readmeMarkers.end,
	].join('\n');
}

/**
 * The flags the usage lines leave out, said once under the table: the common
 * flags and the review flags (a hand-written list here once missed
 * `--checklist-format`).
 */
function sharedFlagsLine(): string {
	const spelled = (names: readonly FlagName[]) =>
		names
			.map((n) => {
				const spec: FlagSpec = flagTable[n];
				return spec.short ? `\`-${spec.short}\`/\`${flagUsage(n)}\`` : `\`${flagUsage(n)}\``;
			})
			.join(', ');
	return `Every command also takes ${spelled(commonFlags)}; those that act on one review take ${spelled(reviewFlags)}.`;
}

/** The README's block for this program's own table. */
export function readmeBlock(): string {
	return commandsMarkdown(commands);
}
