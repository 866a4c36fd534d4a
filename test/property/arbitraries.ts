import fc from 'fast-check';
import {isPreflightError} from '../../source/errors.js';

/** Runs `f` and fails unless it returns or throws a PreflightError (the loaders' typed error). */
export function onlyPreflightErrors(f: () => unknown): boolean {
	try {
		f();
		return true;
	} catch (error) {
		if (isPreflightError(error)) return true;
		throw error;
	}
}

/** One edit of a text: a byte replaced, a range deleted, text inserted, or a cut. */
export type Mutation =
	| {kind: 'replace'; at: number; char: string}
	| {kind: 'delete'; at: number; length: number}
	| {kind: 'insert'; at: number; text: string}
	| {kind: 'truncate'; at: number};

const hostileChar = fc.constantFrom(
	'{',
	'}',
	'[',
	']',
	'"',
	',',
	':',
	'\\',
	'\n',
	'-',
	'#',
	'\u0000',
	'\u001b',
	'\u009b',
	'\ud800',
	'🚀',
	'0',
	'null',
	'true',
	'- [ ] ',
	'  ',
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({kind: fc.constant('replace' as const), at: fc.nat(), char: hostileChar}),
	fc.record({
		kind: fc.constant('delete' as const),
		at: fc.nat(),
		length: fc.integer({min: 1, max: 40}),
	}),
	fc.record({
		kind: fc.constant('insert' as const),
		at: fc.nat(),
		text: fc.oneof(hostileChar, fc.string({maxLength: 10, unit: 'binary'})),
	}),
	fc.record({kind: fc.constant('truncate' as const), at: fc.nat()}),
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
	let out = text;
	for (const m of mutations) {
		const at = out.length === 0 ? 0 : m.at % (out.length + 1);
		switch (m.kind) {
			case 'replace':
				out = out.slice(0, at) + m.char + out.slice(at + 1);
				break;
			case 'delete':
				out = out.slice(0, at) + out.slice(at + m.length);
				break;
			case 'insert':
				out = out.slice(0, at) + m.text + out.slice(at);
				break;
			case 'truncate':
				out = out.slice(0, at);
				break;
		}
	}
	return out;
}

/** Random text: arbitrary Unicode, or JSON of arbitrary values. */
export const randomText = fc.oneof(
	fc.string({unit: 'binary', maxLength: 200}),
	fc.json({maxDepth: 4}),
	fc.jsonValue({maxDepth: 4}).map((v) => JSON.stringify(v, null, 2)),
);
