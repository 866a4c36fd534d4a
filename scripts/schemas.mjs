// Writes data/schemas/*.schema.json from the zod schemas (source/report/json-schemas.ts).
// `npm run schemas` after changing a schema; a test fails while the committed files differ.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {importSource} from './import-source.mjs';

// Bundled into a temp folder, the snapshot module cannot find package.json
// for its version: it is given, as the build gives it.
const {version} = JSON.parse(readFileSync('package.json', 'utf8'));
const m = await importSource('source/report/json-schemas.ts', {
	define: {__PREFLIGHT_VERSION__: JSON.stringify(version)},
});
mkdirSync('data/schemas', {recursive: true});
for (const [name, schema] of [
	['checklist', m.checklistJsonSchema()],
	['snapshot', m.snapshotJsonSchema()],
	['team', m.teamJsonSchema()],
]) {
	const path = join('data', 'schemas', `${name}.schema.json`);
	writeFileSync(path, m.schemaText(schema));
	console.log(path);
}
