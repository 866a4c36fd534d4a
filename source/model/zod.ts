// zod/mini tree-shakes to a few KB where the classic API adds ~70 ms to every
// start. Import as `import * as z from './zod.js'`. The re-exports are named one
// by one: `export * from 'zod/mini'` made esbuild keep all of zod (its compiler
// and JSON Schema generator, ~50 KB) in the chunk every command loads. Modules
// that need `compile` or `toJSONSchema` import them from 'zod/mini' themselves.
import {config} from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

config(en());

export type {core, infer} from 'zod/mini';
export {
	_default,
	array,
	boolean,
	custom,
	enum,
	gte,
	int,
	literal,
	lte,
	looseObject,
	minLength,
	nullable,
	number,
	object,
	optional,
	overwrite,
	pipe,
	record,
	refine,
	regex,
	safeParse,
	string,
	unknown,
	strictObject,
	superRefine,
	trim,
	validate,
} from 'zod/mini';
