// Bundles the CLI with esbuild, then turns its ES module chunks into plain
// scripts that dist/preflight.js (source/loader.ts) runs with V8's code cache:
// Node 20 caches no compiled code for ES modules, and compiling the bundle was
// most of every start. Non-UI commands still never load Ink or React: each
// chunk is read only when required. After writing, the build runs each command
// once (the app in a pseudo-terminal) so that the loader can save what V8 compiled.
import {build, context, transform} from 'esbuild';
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative, resolve} from 'node:path';

const watch = process.argv.includes('--watch');
const dist = resolve('dist');

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
 * Emscripten decodes in JavaScript, loading Node's fetch (undici) to do it, and
 * waits for it with a top-level await, which a script cannot contain. Hand it
 * the bytes decoded by Buffer and instantiate them synchronously (Emscripten's
 * `instantiateWasm` hook): the module is ready when loadYoga returns. Both files
 * must still look as expected: the build fails rather than silently changing.
 */
const yogaSync = {
	name: 'yoga-sync',
	setup(b) {
		b.onLoad({filter: /yoga-wasm-base64-esm\.js$/}, async (args) => {
			const text = await readFile(args.path, 'utf8');
			const uri = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(text);
			const scriptDir = 'var _scriptDir = import.meta.url;';
			if (!uri || !text.includes(scriptDir))
				throw new Error('yoga-layout binary loader changed; update scripts/build.mjs');
			const contents = `export const __yogaBase64 = ${JSON.stringify(uri[1])};\n${text
				.replace(uri[0], 'H="data:application/octet-stream;base64,"')
				.replace(scriptDir, 'var _scriptDir = undefined;')}`;
			return {contents, loader: 'js'};
		});
		b.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async (args) => {
			const text = await readFile(args.path, 'utf8');
			const load = "import loadYoga from '../binaries/yoga-wasm-base64-esm.js';";
			const wait = 'const Yoga = wrapAssembly(await loadYoga());';
			if (!text.includes(load) || !text.includes(wait))
				throw new Error('yoga-layout entry changed; update scripts/build.mjs');
			const contents = text
				.replace(
					load,
					"import loadYoga, {__yogaBase64} from '../binaries/yoga-wasm-base64-esm.js';",
				)
				.replace(
					wait,
					`const yogaModule = {
	instantiateWasm(imports, receive) {
		const bytes = Buffer.from(__yogaBase64, 'base64');
		receive(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));
		return {};
	},
};
loadYoga(yogaModule);
if (!yogaModule.calledRun) throw new Error('yoga-layout did not start synchronously');
const Yoga = wrapAssembly(yogaModule);`,
				);
			return {contents, loader: 'js'};
		});
	},
};

/**
 * Ink's reconciler awaits at top level, twice, only when DEV=true (to reach
 * React devtools, stubbed out here anyway, and to read its package.json).
 * Scripts cannot await at top level: drop both. The build fails if they change.
 */
const inkNoTopLevelAwait = {
	name: 'ink-no-top-level-await',
	setup(b) {
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async (args) => {
			const text = await readFile(args.path, 'utf8');
			const devtools =
				/\nif \(isDev\(\)\) \{\n {4}try \{\n {8}await import\('\.\/devtools\.js'\);[\s\S]*?\n\}\n/.exec(
					text,
				);
			const packageJson = '? await loadPackageJson()';
			if (!devtools || !text.includes(packageJson))
				throw new Error('ink/build/reconciler.js changed; update scripts/build.mjs');
			const contents = text
				.replace(devtools[0], '\n')
				.replace(packageJson, '? {name: undefined, version: undefined}');
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
	outdir: dist,
	write: false,
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
		// Each chunk's own URL, passed in by the loader (a script has no import.meta).
		'import.meta.url': '__preflightUrl',
		__PREFLIGHT_VERSION__: JSON.stringify(
			JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
		),
	},
	// string-width matches every grapheme against /^\p{RGI_Emoji}$/v and an
	// Intl.Segmenter: ~70 ms the first time, on the way to the first frame.
	// fast-string-width gives the same widths (checked on our glyphs, CJK and
	// emoji in test/ui/string-width.test.ts) in ~4 ms.
	alias: {'string-width': 'fast-string-width'},
	plugins: [stubDevtools, yogaSync, inkNoTopLevelAwait, inkSharedCaches],
	logLevel: 'warning',
};

/** Writes dist/: every chunk as a script (dist/preflight.cjs, dist/chunks/*.cjs) and the loader. */
async function emit(outputFiles) {
	rmSync(dist, {recursive: true, force: true});
	mkdirSync(join(dist, 'chunks'), {recursive: true});
	for (const file of outputFiles) {
		// A top-level await or import.meta left in a dependency fails here, loudly.
		const script = await transform(file.text.replace(/^#!.*\n/, ''), {
			format: 'cjs',
			loader: 'js',
			minify: true,
			target: 'node20',
			// import() of a chunk becomes a require through the loader
			supported: {'dynamic-import': false},
			logLevel: 'error',
		});
		if (script.warnings.length > 0)
			throw new Error(`${relative(dist, file.path)}: ${script.warnings[0].text}`);
		writeFileSync(file.path.replace(/\.js$/, '.cjs'), script.code);
	}
	await build({
		entryPoints: {preflight: 'source/loader.ts'},
		outdir: dist,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		minify: true,
		legalComments: 'none',
		logLevel: 'warning',
	});
	chmodSync(join(dist, 'preflight.js'), 0o755);
}

/**
 * Runs each command once, and the app in a pseudo-terminal, with the loader
 * saving V8's compiled code next to each chunk it loaded. Commands first, the
 * app last: chunks they share keep the code the app compiled too. A run that
 * fails only leaves its chunks without a cache (slower, still correct).
 */
async function warmCodeCache() {
	const cli = join(dist, 'preflight.js');
	const work = mkdtempSync(join(tmpdir(), 'preflight-build-'));
	const env = {...process.env, PREFLIGHT_WRITE_CODE_CACHE: '1', PREFLIGHT_REVIEWER: 'build'};
	// Ink renders only the last frame under CI; NO_COLOR would skip the colour code.
	for (const key of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'PREFLIGHT_NOW']) delete env[key];
	const db = join(work, 'db.json');
	const snapshot = join(work, 'snapshot.json');
	// A YAML checklist and one large enough for the compiled schemas load their chunks too.
	const bundled = JSON.parse(readFileSync('data/checklists/ai-infrastructure.json', 'utf8'));
	const yamlChecklist = join(work, 'checklist.yaml');
	writeFileSync(yamlChecklist, (await import('yaml')).stringify(bundled));
	const largeChecklist = join(work, 'large.json');
	const items = Array.from({length: 3000}, (_, i) => ({
		id: `item-${i}`,
		title: `Item ${i}`,
		guidance: 'Guidance long enough that the file passes the large-input threshold.',
	}));
	writeFileSync(
		largeChecklist,
		JSON.stringify({...bundled, sections: [{id: 'all', title: 'All', items}]}, null, 2),
	);
	try {
		for (const args of [
			['set', 'architecture.boundaries', 'pass', '--evidence', 'https://example.com/e'],
			['status'],
			['reviews'],
			['gate'],
			['snapshot', '--out', snapshot],
			['verify', snapshot],
			['diff', snapshot, snapshot],
			['checklist', 'schema'],
			['checklist', 'validate', yamlChecklist],
			['checklist', 'validate', largeChecklist],
			['--help'],
			['--version'],
		]) {
			const r = spawnSync(process.execPath, [cli, ...args, '--db', db, '--system', 'build'], {
				cwd: work,
				env,
				encoding: 'utf8',
			});
			if (r.status !== 0 && r.status !== 1)
				console.warn(`build: warming "${args[0]}" failed: ${(r.stderr || '').trim()}`);
		}
		await warmApp(cli, db, work, env);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

async function warmApp(cli, db, cwd, env) {
	let pty;
	try {
		pty = (await import('node-pty')).default;
	} catch {
		console.warn('build: node-pty is not available; the app starts without a code cache');
		return;
	}
	await new Promise((done) => {
		const p = pty.spawn(process.execPath, [cli, '--db', db, '--system', 'build'], {
			cols: 80,
			rows: 24,
			cwd,
			env: {...env, TERM: 'xterm-256color'},
		});
		const timer = setTimeout(() => {
			console.warn('build: the app did not start while warming its code cache');
			p.kill();
		}, 20_000);
		let out = '';
		let started = false;
		p.onData((d) => {
			out += d;
			if (started || !out.includes('q/ctrl+c')) return;
			started = true;
			// Move around, open help, leave it, quit: the keys a person presses first.
			const keys = ['j', 'j', 'k', '\t', 'j', '?', '\u001b', 's', '\u001b', 'q'];
			keys.forEach((key, i) => setTimeout(() => p.write(key), 100 + i * 80));
		});
		p.onExit(() => {
			clearTimeout(timer);
			done();
		});
	});
}

if (watch) {
	// Development: rebuild on change, no code cache (it would be stale at once).
	const ctx = await context({
		...options,
		plugins: [
			...options.plugins,
			{
				name: 'emit',
				setup(b) {
					b.onEnd(async (result) => {
						if (result.errors.length === 0) await emit(result.outputFiles);
					});
				},
			},
		],
	});
	await ctx.watch();
} else {
	const result = await build(options);
	await emit(result.outputFiles);
	await warmCodeCache();
}
