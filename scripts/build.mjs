// Bundles the CLI with esbuild: one entry file (dist/preflight.js) plus lazily
// loaded chunks, so that non-UI commands never parse Ink or React.
import {build, context} from 'esbuild';
import {readFileSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';

const watch = process.argv.includes('--watch');
rmSync('dist', {recursive: true, force: true});

/** Ink imports its devtools module eagerly; marking react-devtools-core external is not enough. */
const stubDevtools = {
	name: 'stub-ink-devtools',
	setup(b) {
		b.onResolve({filter: /devtools\.js$/}, (args) =>
			args.importer.includes(`${'node_modules'}/ink/`)
				? {path: 'devtools-stub', namespace: 'stub'}
				: undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export {};', loader: 'js'}));
	},
};

/**
 * yoga-layout (Ink's layout engine) ships its wasm as a base64 data URI that
 * Emscripten decodes in JavaScript, loading Node's fetch (undici) to do it:
 * about 100 ms of every app start. Hand it the bytes instead (`wasmBinary`),
 * decoded by Buffer in native code. The file must still look as expected: the
 * build fails rather than silently losing the speed-up.
 */
const yogaWasmBinary = {
	name: 'yoga-wasm-binary',
	setup(b) {
		b.onLoad({filter: /yoga-wasm-base64-esm\.js$/}, async (args) => {
			const text = await readFile(args.path, 'utf8');
			const uri = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(text);
			const entry = 'loadYoga = loadYoga || {};';
			if (!uri || !text.includes(entry))
				throw new Error('yoga-layout binary loader changed; update scripts/build.mjs');
			const contents = `var __yogaBase64 = ${JSON.stringify(uri[1])};\n${text
				.replace(uri[0], 'H="data:application/octet-stream;base64,"+__yogaBase64')
				.replace(
					entry,
					`${entry} loadYoga.wasmBinary = loadYoga.wasmBinary || Buffer.from(__yogaBase64, "base64");`,
				)}`;
			return {contents, loader: 'js'};
		});
	},
};

/**
 * Ink keeps its per-line caches (ANSI tokenising, styled characters, widths) on
 * each Output, and makes a new Output for every frame: every key press redid
 * that work for every line on screen, about two thirds of the frame's time.
 * Share one bounded set of caches across frames. Cached values are only read,
 * never changed, by Ink. The build fails if Ink's file no longer matches.
 */
const inkSharedCaches = {
	name: 'ink-shared-output-caches',
	setup(b) {
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async (args) => {
			const text = await readFile(args.path, 'utf8');
			const field = '    caches = new OutputCaches();';
			const bounded = [
				['getStyledChars(line) {', 'styledChars'],
				['getStringWidth(text) {', 'widths'],
				['getWidestLine(text) {', 'blockWidths'],
			];
			if (!text.includes(field) || bounded.some(([head]) => !text.includes(head)))
				throw new Error('ink/build/output.js changed; update scripts/build.mjs');
			let contents = text.replace(field, '    caches = sharedOutputCaches;');
			for (const [head, map] of bounded)
				contents = contents.replace(
					head,
					`${head}\n        if (this.${map}.size > 5000) this.${map}.clear();`,
				);
			contents += '\nconst sharedOutputCaches = new OutputCaches();\n';
			return {contents, loader: 'js'};
		});
	},
};

const options = {
	entryPoints: {preflight: 'source/cli.tsx'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	jsx: 'automatic',
	define: {
		'process.env.NODE_ENV': '"production"',
		__PREFLIGHT_VERSION__: JSON.stringify(
			JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
		),
	},
	banner: {
		js: "import {createRequire as __preflightRequire} from 'node:module';const require=__preflightRequire(import.meta.url);",
	},
	// string-width matches every grapheme against /^\p{RGI_Emoji}$/v and an
	// Intl.Segmenter: ~70 ms the first time, on the way to the first frame.
	// fast-string-width gives the same widths (checked on our glyphs, CJK and
	// emoji in test/ui/string-width.test.ts) in ~4 ms.
	alias: {'string-width': 'fast-string-width'},
	plugins: [stubDevtools, yogaWasmBinary, inkSharedCaches],
	logLevel: 'warning',
};

if (watch) {
	const ctx = await context(options);
	await ctx.watch();
} else {
	await build(options);
}
