#!/usr/bin/env node
// The `preflight` command (dist/preflight.js), a CommonJS script: dist/package.json
// says so. An ES module entry costs every start several milliseconds of Node's ESM
// loader (resolving, linking and evaluating asynchronously), however small it is.
//
// The build turns esbuild's chunks into CommonJS scripts (dist/**/*.cjs). They are
// loaded only when required, so a command that needs no UI never reads Ink or React.
// Compiling them was most of every start, so compiled code is kept between runs:
// - Node 22.1 and later: Node's own compile cache (module.enableCompileCache), in
//   NODE_COMPILE_CACHE or the system's temp folder, keyed by Node version and
//   content; the chunks are required as ordinary modules.
// - Node 20, which has no compile cache: V8's code cache, `<chunk>.cjs.cache`
//   beside each chunk, written by the build after running each command once. A
//   cache that does not fit this Node is rejected by V8 and the chunk is simply
//   compiled; a missing one costs the same.

type Module = {exports: unknown};
type Wrapper = (
	exports: unknown,
	require: (specifier: string) => unknown,
	module: Module,
	filename: string,
	dirname: string,
) => void;
type NodeModule = typeof import('node:module') & {enableCompileCache?: (dir?: string) => unknown};

// Built-ins through require: this file is a script.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
const {readFileSync, writeFileSync} = require('node:fs') as typeof import('node:fs');
const nodeModule = require('node:module') as NodeModule;
const main = `${__dirname}/preflight.cjs`;

/** Node 20: runs the chunk at `file` (and those it requires) with V8's code cache. */
function viaCodeCache(): void {
	const {Script} = require('node:vm') as typeof import('node:vm');
	const loaded = new Map<string, {module: Module; script: InstanceType<typeof Script>}>();
	const load = (file: string): unknown => {
		const hit = loaded.get(file);
		if (hit) return hit.module.exports;
		const source = readFileSync(file, 'utf8');
		let cachedData: Buffer | undefined;
		try {
			cachedData = readFileSync(`${file}.cache`);
		} catch {
			// no cache for this chunk: V8 compiles it
		}
		// Node's own module wrapper, on one line, so that line numbers in stack
		// traces stay true and a chunk runs the same either way.
		const script = new Script(
			`(function (exports, require, module, __filename, __dirname) {${source}\n})`,
			{filename: file, cachedData},
		);
		const module: Module = {exports: {}};
		loaded.set(file, {module, script});
		const dir = file.slice(0, file.lastIndexOf('/'));
		// Chunks name each other as "./name.cjs" (see scripts/build.mjs).
		const requireFrom = (specifier: string) =>
			specifier.startsWith('./') ? load(`${dir}/${specifier.slice(2)}`) : require(specifier);
		(script.runInThisContext() as Wrapper)(module.exports, requireFrom, module, file, dir);
		return module.exports;
	};
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
	load(main);
}

try {
	if (typeof nodeModule.enableCompileCache === 'function') {
		nodeModule.enableCompileCache();
		require(main);
	} else viaCodeCache();
} catch (error) {
	// Node's "Cannot find module" lists the requiring files after the reason.
	const message = (error instanceof Error ? error.message : String(error)).split(
		'\nRequire stack',
	)[0];
	// One line, no stack, and no terminal escapes from a path or message.
	// eslint-disable-next-line no-control-regex -- removing control characters
	const plain = message!.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
	process.stderr.write(`preflight: internal error: cannot load the program: ${plain}\n`);
	process.exitCode = 70;
}
