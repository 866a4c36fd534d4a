// Imports a TypeScript module of source/ from a script: bundled with esbuild
// into a temp file (its dependencies included), imported, the file removed.
// `options` go to esbuild as they are (plugins, say).
import {build} from 'esbuild';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {pathToFileURL} from 'node:url';

export async function importSource(entry, options = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-source-'));
	try {
		const outfile = join(dir, `${basename(entry, '.ts')}.mjs`);
		await build({
			entryPoints: [entry],
			outfile,
			bundle: true,
			format: 'esm',
			platform: 'node',
			target: 'node20',
			logLevel: 'warning',
			...options,
		});
		return await import(pathToFileURL(outfile).href);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
