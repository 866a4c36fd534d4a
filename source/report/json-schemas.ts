import {checklistSchema} from '../model/schemas.js';
import {toJSONSchema} from 'zod/mini';
import {snapshotSchema} from './snapshot.js';

/** JSON Schema of the checklist file format (what a file may contain: defaults make fields optional). */
export function checklistJsonSchema(): Record<string, unknown> {
	return {
		...toJSONSchema(checklistSchema, {io: 'input'}),
		title: 'preflight checklist',
	};
}

/** JSON Schema of the snapshot file format (docs/snapshots-and-verify.md, "The JSON format"). */
export function snapshotJsonSchema(): Record<string, unknown> {
	return {
		...toJSONSchema(snapshotSchema(), {io: 'output'}),
		title: 'preflight snapshot',
	};
}

/** The committed file text: two-space JSON and a trailing newline. */
export function schemaText(schema: Record<string, unknown>): string {
	return `${JSON.stringify(schema, null, 2)}\n`;
}
