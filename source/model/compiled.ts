// zod's ahead-of-time compiler: 2-3x faster validation of large inputs, at the
// cost of ~90 KB of code and tens of milliseconds per schema to compile. Loaded
// with import() only when a file is large (see LARGE_INPUT), and each schema is
// compiled only when first asked for.
import {compile} from 'zod/mini';
import {checklistSchema, reviewSchema} from './schemas.js';
import type * as z from './zod.js';

let checklist: typeof checklistSchema | undefined;
let review: typeof reviewSchema | undefined;
const compiled = new WeakMap<object, unknown>();

export function compiledChecklistSchema(): typeof checklistSchema {
	return (checklist ??= compile(checklistSchema));
}

export function compiledReviewSchema(): typeof reviewSchema {
	return (review ??= compile(reviewSchema));
}

/**
 * Any schema compiled, once: for schemas defined above the model (the file's
 * layout, store/layout.ts), which this module may not import.
 */
export function compiledSchema<T extends z.core.SomeType>(schema: T): T {
	let done = compiled.get(schema) as T | undefined;
	if (!done) compiled.set(schema, (done = compile(schema)));
	return done;
}
