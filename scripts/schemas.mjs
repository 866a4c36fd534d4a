// Writes data/schemas/*.schema.json from the zod schemas (source/report/json-schemas.ts).
// `npm run schemas` after changing a schema; a test fails while the committed files differ.
import {build} from 'esbuild';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'preflight-schemas-'));
try {
	const outfile = join(dir, 'json-schemas.mjs');
	await build({
		entryPoints: ['source/report/json-schemas.ts'],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'warning',
	});
	const m = await import(pathToFileURL(outfile).href);
	mkdirSync('data/schemas', {recursive: true});
	for (const [name, schema] of [
		['checklist', m.checklistJsonSchema()],
		['snapshot', m.snapshotJsonSchema()],
	]) {
		const path = join('data', 'schemas', `${name}.schema.json`);
		writeFileSync(path, m.schemaText(schema));
		console.log(path);
	}
} finally {
	rmSync(dir, {recursive: true, force: true});
}
