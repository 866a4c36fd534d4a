import {PreflightError} from '../errors.js';
import {SCHEMA_VERSION} from '../model/schemas.js';

/**
 * Forward-only migrations: `steps[n]` turns a version-n database into version n+1.
 * The store writes a backup copy of the original file before saving a migrated one.
 */
const steps: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrate(raw: unknown, from: number): unknown {
	let data = raw as Record<string, unknown>;
	for (let v = from; v < SCHEMA_VERSION; v++) {
		const step = steps[v];
		if (!step) throw new PreflightError(`no migration from database schemaVersion ${v}`);
		data = {...step(data), schemaVersion: v + 1};
	}
	return data;
}
