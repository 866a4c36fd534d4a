import {PreflightError} from '../errors.js';
import {SCHEMA_VERSION} from '../model/schemas.js';

/**
 * Forward-only migrations: `steps[n]` turns a version-n database into version n+1.
 * The store writes a backup copy of the original file before saving a migrated one.
 */
const steps: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
	// 1 -> 2: reviews may remember a fingerprint per checklist item (so a changed
	// checklist can be told apart item by item) and answers may be marked for
	// re-review. Version 1 had neither; both are optional, so the data carries
	// over as it is and the next open against the same checklist fills them in.
	1: (raw) => raw,
};

export function migrate(raw: unknown, from: number): unknown {
	let data = raw as Record<string, unknown>;
	for (let v = from; v < SCHEMA_VERSION; v++) {
		const step = steps[v];
		if (!step) throw new PreflightError(`no migration from database schemaVersion ${v}`);
		data = {...step(data), schemaVersion: v + 1};
	}
	return data;
}
