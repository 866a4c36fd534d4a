#!/usr/bin/env node
// The `preflight` command. Node 20 has no compile cache for ES modules
// (module.enableCompileCache arrived in Node 22), so every start used to parse
// and compile the whole bundle again, and the ESM loader resolved and linked
// each chunk asynchronously: together most of the start-up time. The build
// therefore turns esbuild's chunks into plain scripts (dist/**/*.cjs), and this
// file runs them with V8's code cache (`<chunk>.cjs.cache`, written by the build
// after running each command once). A cache that does not fit this Node is
// rejected by V8 and the chunk is simply compiled; a missing one costs the same.
// Chunks are loaded only when required, so a command that needs no UI never
// reads Ink or React.
import {createRequire} from 'node:module';

type Module = {exports: unknown};
type Wrapper = (
	exports: unknown,
	require: (specifier: string) => unknown,
	module: Module,
	moduleUrl: string,
) => void;

const nodeRequire = createRequire(import.meta.url);
// Built-ins through require: importing them as ES modules builds a facade for each.
const {readFileSync, writeFileSync} = nodeRequire('node:fs') as typeof import('node:fs');
const {dirname, join} = nodeRequire('node:path') as typeof import('node:path');
const {fileURLToPath, pathToFileURL} = nodeRequire('node:url') as typeof import('node:url');
const {Script} = nodeRequire('node:vm') as typeof import('node:vm');
const loaded = new Map<string, {module: Module; script: InstanceType<typeof Script>}>();

function load(file: string): unknown {
	const hit = loaded.get(file);
	if (hit) return hit.module.exports;
	const source = readFileSync(file, 'utf8');
	let cachedData: Buffer | undefined;
	try {
		cachedData = readFileSync(`${file}.cache`);
	} catch {
		// no cache for this chunk: V8 compiles it
	}
	// One line of wrapper, so that line numbers in stack traces stay true.
	const script = new Script(`(function (exports, require, module, __preflightUrl) {${source}\n})`, {
		filename: file,
		cachedData,
	});
	const module: Module = {exports: {}};
	loaded.set(file, {module, script});
	const dir = dirname(file);
	const require = (specifier: string) =>
		specifier.startsWith('.')
			? load(join(dir, specifier.replace(/\.js$/, '.cjs')))
			: nodeRequire(specifier);
	(script.runInThisContext() as Wrapper)(module.exports, require, module, pathToFileURL(file).href);
	return module.exports;
}

if (process.env.PREFLIGHT_WRITE_CODE_CACHE === '1')
	// Build time only (scripts/build.mjs): after a representative run, keep what V8 compiled.
	process.on('exit', () => {
		for (const [file, {script}] of loaded)
			try {
				writeFileSync(`${file}.cache`, script.createCachedData());
			} catch {
				// a read-only install keeps its caches as they are
			}
	});

try {
	load(join(dirname(fileURLToPath(import.meta.url)), 'preflight.cjs'));
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	// One line, no stack, and no terminal escapes from a path or message.
	// eslint-disable-next-line no-control-regex -- removing control characters
	const plain = message.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
	process.stderr.write(`preflight: internal error: cannot load the program: ${plain}\n`);
	process.exitCode = 70;
}
