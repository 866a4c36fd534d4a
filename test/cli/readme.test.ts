import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {commandsMarkdown, readmeBlock, readmeMarkers} from '../../source/cli/command-docs.js';
import {commands} from '../../source/cli/commands.js';

const root = join(import.meta.dirname, '..', '..');

// scripts/docs.mjs is plain JavaScript; its one export is typed here.
type Markers = typeof readmeMarkers;
const {withCommandsBlock} = (await import(
	pathToFileURL(join(root, 'scripts', 'docs.mjs')).href
)) as {withCommandsBlock: (readme: string, block: string, markers: Markers) => Promise<string>};

const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe("the README's command table", () => {
	it('is the one the command table generates (run npm run docs)', async () => {
		expect(await withCommandsBlock(readme, readmeBlock(), readmeMarkers)).toBe(readme);
	});

	it('has a row for every command line, and the check notices an edited row', async () => {
		for (const usage of [
			'`preflight set [ITEM STATUS] [options]`',
			'`preflight snapshot [options]`',
			'`preflight checklist validate FILE`',
			'`preflight checklist schema`',
		])
			expect(readme).toContain(usage);
		const edited = readme.replace('list reviews with progress and verdict', 'list the reviews');
		expect(edited).not.toBe(readme);
		expect(await withCommandsBlock(edited, readmeBlock(), readmeMarkers)).toBe(readme);
	});

	it('is rebuilt from the table alone: a new row appears, nothing outside the markers moves', async () => {
		const table = {
			...commands,
			audit: {
				summary: 'a command | with a pipe',
				args: [{name: 'FILE', description: 'x'}],
				flags: ['json'],
				exit: '0',
				examples: [],
				load: commands.reviews.load,
			},
		} as const;
		const updated = await withCommandsBlock(readme, commandsMarkdown(table), readmeMarkers);
		expect(updated).toMatch(
			/\| `preflight audit FILE \[--json\]` +\| a command \\\| with a pipe +\| 0 +\|/,
		);
		const outside = (text: string) =>
			text.slice(0, text.indexOf(readmeMarkers.start)) +
			text.slice(text.indexOf(readmeMarkers.end));
		expect(outside(updated)).toBe(outside(readme));
	});

	it('refuses a README without exactly one pair of markers', async () => {
		await expect(withCommandsBlock('# x\n', readmeBlock(), readmeMarkers)).rejects.toThrow(
			'commands:start',
		);
		const twice = `${readme}\n${readmeMarkers.start}\n${readmeMarkers.end}\n`;
		await expect(withCommandsBlock(twice, readmeBlock(), readmeMarkers)).rejects.toThrow();
	});
});
