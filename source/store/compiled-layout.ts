// The stored schemas compiled with zod's ahead-of-time compiler, for large
// files (see model/compiled.ts, which does the same for checklists). Loaded
// with import() only when a file is large; each compiled when first asked for.
import {compile} from 'zod/mini';
import {storedDatabaseSchema, storedReviewSchema} from './layout.js';

let database: typeof storedDatabaseSchema | undefined;
let review: typeof storedReviewSchema | undefined;

export function compiledStoredDatabaseSchema(): typeof storedDatabaseSchema {
	return (database ??= compile(storedDatabaseSchema));
}

export function compiledStoredReviewSchema(): typeof storedReviewSchema {
	return (review ??= compile(storedReviewSchema));
}
