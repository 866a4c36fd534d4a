// Writes data/schemas/*.schema.json from the zod schemas (source/report/json-schemas.ts).
// `npm run schemas` after changing a schema; a test fails while the committed files differ.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {importSource} from './import-source.mjs';

const m = await importSource('source/report/json-schemas.ts');
mkdirSync('data/schemas', {recursive: true});
for (const [name, schema] of [
	['checklist', m.checklistJsonSchema()],
	['snapshot', m.snapshotJsonSchema()],
]) {
	const path = join('data', 'schemas', `${name}.schema.json`);
	writeFileSync(path, m.schemaText(schema));
	console.log(path);
}
