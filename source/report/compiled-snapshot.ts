// zod's ahead-of-time compiler for the snapshot format, loaded with import()
// only for large snapshots (see checkSnapshot).
import {compile} from 'zod/mini';
import {snapshotSchema} from './snapshot.js';

let compiled: ReturnType<typeof snapshotSchema> | undefined;

export function compiledSnapshotSchema(): ReturnType<typeof snapshotSchema> {
	return (compiled ??= compile(snapshotSchema()));
}
