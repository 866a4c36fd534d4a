import {checklistSchema} from '../model/schemas.js';
import {toJSONSchema} from 'zod/mini';
import {snapshotSchema} from './snapshot.js';
import {teamSchema} from '../model/team.js';

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

/** JSON Schema of the team file, team.yaml beside the database (docs/team.md). */
export function teamJsonSchema(): Record<string, unknown> {
	return {
		...toJSONSchema(teamSchema, {io: 'input'}),
		title: 'preflight team file',
	};
}

/** The committed file text: two-space JSON and a trailing newline. */
export function schemaText(schema: Record<string, unknown>): string {
	return `${JSON.stringify(schema, null, 2)}\n`;
}
