// Rewrites the README's command table (between <!-- commands:start --> and
// <!-- commands:end -->) from the command table, source/cli/commands.ts.
// `npm run docs` after changing a command; test/cli/readme.test.ts fails while
// the README differs. Nothing outside the markers is touched.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import * as prettier from 'prettier';
import {importSource} from './import-source.mjs';

const root = join(import.meta.dirname, '..');
export const readmePath = join(root, 'README.md');

/**
 * `readme` with the block between its markers replaced by `block` (markers
 * included), formatted by the project's Prettier settings as `npm run format`
 * would: the padded table is what the formatting check expects.
 */
export async function withCommandsBlock(readme, block, markers) {
	const start = readme.indexOf(markers.start);
	const end = readme.indexOf(markers.end);
	if (start < 0 || end < start || readme.indexOf(markers.start, start + 1) >= 0)
		throw new Error(`README.md needs one ${markers.start} … ${markers.end} pair`);
	const options = (await prettier.resolveConfig(readmePath)) ?? {};
	const formatted = await prettier.format(block, {...options, parser: 'markdown'});
	return `${readme.slice(0, start)}${formatted.trimEnd()}${readme.slice(end + markers.end.length)}`;
}

/**
 * The table loads each command with import(): left as it is (never run here),
 * or the docs would bundle every command, Ink and React with them.
 */
const leaveImplementations = {
	name: 'leave-implementations',
	setup(b) {
		b.onResolve({filter: /.*/}, (args) =>
			args.kind === 'dynamic-import' ? {path: args.path, external: true} : undefined,
		);
	},
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const docs = await importSource(join(root, 'source/cli/command-docs.ts'), {
		plugins: [leaveImplementations],
	});
	const readme = readFileSync(readmePath, 'utf8');
	const updated = await withCommandsBlock(readme, docs.readmeBlock(), docs.readmeMarkers);
	if (updated === readme) console.log('README.md: command table up to date');
	else {
		writeFileSync(readmePath, updated);
		console.log('README.md: command table rewritten');
	}
}
