// zod's ahead-of-time compiler for the snapshot format, loaded with import()
// only for large snapshots (see checkSnapshot). It is handed the schema rather
// than importing it, so that this module and snapshot.ts do not import each other.
import {compile} from 'zod/mini';

type Schema = Parameters<typeof compile>[0];

let compiled: {schema: Schema; result: Schema} | undefined;

/** `schema` compiled, once: the snapshot schema is built once, so one slot is enough. */
export function compiledSchema<S extends Schema>(schema: S): S {
	if (compiled?.schema !== schema) compiled = {schema, result: compile(schema)};
	return compiled.result as S;
}
