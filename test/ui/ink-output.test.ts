import {build} from 'esbuild';
import fc from 'fast-check';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

// The build replaces Ink's Output.get (scripts/build.mjs, patchInkOutput): the
// frames it produces must be Ink's, byte for byte, frame after frame (the
// patched module keeps caches across frames).

type Transformer = (line: string, index: number) => string;
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Output = {
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: Clip): void;
	unclip(): void;
	get(): {output: string; height: number};
};
type OutputClass = new (options: {width: number; height: number}) => Output;
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: number}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

const inkOutputFile = join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
const work = mkdtempSync(join(tmpdir(), 'preflight-ink-output-'));
let original: OutputClass;
let patched: OutputClass;

async function load(name: string, contents: string): Promise<OutputClass> {
	const result = await build({
		stdin: {contents, resolveDir: dirname(inkOutputFile), sourcefile: 'output.js', loader: 'js'},
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		logLevel: 'silent',
		// as in the app's bundle
		alias: {'string-width': 'fast-string-width'},
	});
	const file = join(work, `${name}.mjs`);
	writeFileSync(file, result.outputFiles[0]!.text);
	const loaded = (await import(pathToFileURL(file).href)) as {default: OutputClass};
	return loaded.default;
}

beforeAll(async () => {
	const text = readFileSync(inkOutputFile, 'utf8');
	// scripts/build.mjs is plain JavaScript; its one export is typed here.
	const buildScript = pathToFileURL(join(import.meta.dirname, '../../scripts/build.mjs')).href;
	const {patchInkOutput} = (await import(buildScript)) as {
		patchInkOutput: (text: string) => string;
	};
	original = await load('original', text);
	patched = await load('patched', patchInkOutput(text));
}, 60_000);

afterAll(() => rmSync(work, {recursive: true, force: true}));

const transformers: Transformer[][] = [
	[],
	[(line) => `\u001B[1m${line}\u001B[22m`],
	[(line, index) => (index % 2 ? line.toUpperCase() : `\u001B[36m${line}\u001B[39m`)],
];

function frame(Output: OutputClass, width: number, height: number, operations: Operation[]) {
	const output = new Output({width, height});
	for (const op of operations) {
		if (op.type === 'write')
			output.write(op.x, op.y, op.text, {transformers: transformers[op.transformers]!});
		else if (op.type === 'clip') output.clip(op.clip);
		else output.unclip();
	}
	return output.get();
}

const pieces = [
	'a',
	'word',
	' ',
	'  ',
	'日本',
	'✔ pass',
	'😀',
	'é',
	'─',
	'\n',
	'\u001B[1m',
	'\u001B[22m',
	'\u001B[2m',
	'\u001B[36m',
	'\u001B[39m',
	'\u001B[7m',
	'\u001B[27m',
	'\u001B[31m',
	'\u001B[0m',
	'\u001B[38;5;123m',
	'\u001B[48;2;1;2;3m',
	'\u001B[49m',
	// not what the app draws, but Ink's output must not change on it either
	'e\u0301',
	'\u00AD',
	'›',
	'⌛',
	'\uFE0F',
	'\u200D',
	'👍🏽',
	'ｱ',
	'\u009B1m',
	'\u001B',
	'\u001B[',
	'\u001B[1;3;31m',
	'\u001B[m',
	'\u001B[;1m',
	'm',
	'\u001B]8;;https://x.y\u0007',
	'\u001B]8;;\u0007',
];
const text = fc.array(fc.constantFrom(...pieces), {maxLength: 12}).map((p) => p.join(''));
const coordinate = fc.option(fc.integer({min: -3, max: 24}), {nil: undefined});
const operation: fc.Arbitrary<Operation> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			type: fc.constant('write' as const),
			x: fc.integer({min: -3, max: 22}),
			y: fc.integer({min: -2, max: 7}),
			text,
			transformers: fc.integer({min: 0, max: transformers.length - 1}),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			type: fc.constant('clip' as const),
			clip: fc.record({x1: coordinate, x2: coordinate, y1: coordinate, y2: coordinate}),
		}),
	},
	{weight: 1, arbitrary: fc.constant({type: 'unclip' as const})},
);

describe('Ink output as bundled', () => {
	it('gives the frames Ink gives, also when a frame repeats an earlier one', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 0, max: 20}),
				fc.integer({min: 0, max: 6}),
				fc.array(operation, {maxLength: 14}),
				(width, height, operations) => {
					const expected = frame(original, width, height, operations);
					expect(frame(patched, width, height, operations)).toEqual(expected);
					expect(frame(patched, width, height, operations)).toEqual(expected);
				},
			),
			{numRuns: 3000},
		);
	});

	it('gives the frames Ink gives for a screen of styled rows', () => {
		const rows = (focus: number): Operation[] =>
			Array.from({length: 8}, (_, y) => ({
				type: 'write' as const,
				x: 2,
				y,
				text: `${y === focus ? '\u001B[7m' : ''}item ${y} ✔ pass 日本${y === focus ? '\u001B[27m' : ''}`,
				transformers: y % 3,
			}));
		for (let focus = 0; focus < 8; focus++)
			expect(frame(patched, 40, 9, rows(focus))).toEqual(frame(original, 40, 9, rows(focus)));
	});
});
