// Bundles the CLI with esbuild, then turns its ES module chunks into CommonJS
// scripts that dist/preflight.js (source/loader.ts, itself CommonJS) requires:
// Node 22.1+ keeps their compiled code in its compile cache, and on Node 20,
// which has none, the loader runs them with V8's code cache (compiling the
// bundle was most of every start). Non-UI commands still never load Ink or
// React: each chunk is read only when required. After writing, the build runs
// each command once (the app in a pseudo-terminal) so that the loader can save
// what V8 compiled (Node 20 only: the cache fits only the Node that made it).
import {build, context, transform} from 'esbuild';
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	chmodSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {importSource} from './import-source.mjs';

const watch = process.argv.includes('--watch');
const dist = resolve('dist');
const bundledPath = 'data/checklists/ai-infrastructure.json';

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
function shareOutputCaches(text) {
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
	return `${contents}\nconst sharedOutputCaches = new OutputCaches();\n`;
}

/**
 * Ink's Output.get paints every frame into a fresh grid of styled cells (80×23
 * objects) and turns each row back into a string, comparing the styles of
 * every pair of neighbouring cells (three Sets and four arrays per cell): most
 * of a key press's time, and most of its garbage. Instead, collect the writes
 * that reach each row and reuse the string of a row whose writes are the same
 * as in an earlier frame (header, footer, lists that did not move). A row not
 * seen before is painted exactly as Ink does; neighbouring cells whose styles
 * are the same array skip the comparison (its result is empty), and characters
 * with equal styles share one array. The output is byte for byte Ink's
 * (test/ui/ink-output.test.ts). The build fails if Ink's get() is not the one
 * this replaces.
 */
const inkGetSha256 = '27abe5b4354d8a7bbcdb23e823546fc5925258dedc7c91891b8ff9bff0f42c3d';
const inkTokenizeImport =
	"import { styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';";
const reusedRowsGet = `    get() {
        const { width } = this;
        // Per row, the writes that reach it, in order: x, line, x, line, …
        const rows = [];
        for (let y = 0; y < this.height; y++) {
            rows.push([]);
        }
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') {
                clips.push(operation.clip);
            }
            if (operation.type === 'unclip') {
                clips.pop();
            }
            if (operation.type === 'write') {
                const { text, transformers } = operation;
                let { x, y } = operation;
                let lines = text.split('\\n');
                const clip = clips.at(-1);
                if (clip) {
                    const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
                    const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
                    if (clipHorizontally) {
                        const width = this.caches.getWidestLine(text);
                        if (x + width < clip.x1 || x > clip.x2) {
                            continue;
                        }
                    }
                    if (clipVertically) {
                        const height = lines.length;
                        if (y + height < clip.y1 || y > clip.y2) {
                            continue;
                        }
                    }
                    if (clipHorizontally) {
                        lines = lines.map(line => {
                            const from = x < clip.x1 ? clip.x1 - x : 0;
                            const width = this.caches.getStringWidth(line);
                            const to = x + width > clip.x2 ? clip.x2 - x : width;
                            return sliceAnsi(line, from, to);
                        });
                        if (x < clip.x1) {
                            x = clip.x1;
                        }
                    }
                    if (clipVertically) {
                        const from = y < clip.y1 ? clip.y1 - y : 0;
                        const height = lines.length;
                        const to = y + height > clip.y2 ? clip.y2 - y : height;
                        lines = lines.slice(from, to);
                        if (y < clip.y1) {
                            y = clip.y1;
                        }
                    }
                }
                let offsetY = 0;
                for (let [index, line] of lines.entries()) {
                    const writes = rows[y + offsetY];
                    if (!writes) {
                        continue;
                    }
                    for (const transformer of transformers) {
                        line = transformer(line, index);
                    }
                    writes.push(x, line);
                    offsetY++;
                }
            }
        }
        let generatedOutput = '';
        for (let y = 0; y < rows.length; y++) {
            const writes = rows[y];
            let key = String(width);
            for (let i = 0; i < writes.length; i += 2) {
                key += '|' + writes[i] + ':' + writes[i + 1].length + ':' + writes[i + 1];
            }
            let row = reusedRows.get(key);
            if (row === undefined) {
                row = this.paintRow(writes);
                if (reusedRows.size > 2000) reusedRows.clear();
                reusedRows.set(key, row);
            }
            generatedOutput += y === 0 ? row : '\\n' + row;
        }
        return {
            output: generatedOutput,
            height: rows.length,
        };
    }
    paintRow(writes) {
        const currentLine = [];
        for (let x = 0; x < this.width; x++) {
            currentLine.push(blankCell);
        }
        for (let i = 0; i < writes.length; i += 2) {
            const characters = this.caches.getStyledChars(writes[i + 1]);
            let offsetX = writes[i];
            for (const character of characters) {
                currentLine[offsetX] = character;
                const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                if (characterWidth > 1) {
                    for (let index = 1; index < characterWidth; index++) {
                        currentLine[offsetX + index] = {
                            type: 'char',
                            value: '',
                            fullWidth: false,
                            styles: character.styles,
                        };
                    }
                }
                offsetX += characterWidth;
            }
        }
        return cellsToString(currentLine.filter(item => item !== undefined)).trimEnd();
    }
}
const reusedRows = new Map();
const noStyles = [];
const blankCell = { type: 'char', value: ' ', fullWidth: false, styles: noStyles };
const sharedStyles = new Map();
// tokenize, for a line of characters that are each a grapheme of their own
// (printable ASCII, Latin-1, the punctuation, arrows, box drawing and symbols
// our screens use: none joins with its neighbours) and SGR sequences: the
// tokens of each piece are cached, without segmenting the line into graphemes.
const simpleLine = /^(?:[\\x20-\\x7e\\xa0-\\xff\\u2010-\\u203e\\u2190-\\u23ff\\u2500-\\u27bf]|\\x1b\\[[0-9;]*m)*$/;
const simplePiece = /\\x1b\\[[0-9;]*m|[^\\x1b]/g;
const pieceTokens = new Map();
function tokenizeLine(line) {
    if (!simpleLine.test(line)) return tokenize(line);
    const tokens = [];
    for (const [piece] of line.matchAll(simplePiece)) {
        let cached = pieceTokens.get(piece);
        if (cached === undefined) {
            cached = tokenize(piece);
            if (pieceTokens.size > 5000) pieceTokens.clear();
            pieceTokens.set(piece, cached);
        }
        for (const token of cached) tokens.push(token);
    }
    return tokens;
}
// styledCharsFromTokens, giving characters whose styles are equal the same
// array (so that cellsToString can skip comparing them) instead of a copy each.
function styledCharsOf(tokens) {
    let codes = [];
    let styles = noStyles;
    const chars = [];
    for (const token of tokens) {
        if (token.type === 'ansi') {
            codes = reduceAnsiCodesIncremental(codes, [token]);
            let key = '';
            for (const code of codes) key += code.code + '\\u0000' + code.endCode + '\\u0001';
            styles = codes.length === 0 ? noStyles : sharedStyles.get(key);
            if (styles === undefined) {
                if (sharedStyles.size > 1000) sharedStyles.clear();
                sharedStyles.set(key, codes);
                styles = codes;
            }
        }
        else if (token.type === 'char') {
            chars.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles });
        }
    }
    return chars;
}
// styledCharsToString, without comparing the styles of neighbours that share an
// array (diffAnsiCodes(a, a) is always empty).
function cellsToString(chars) {
    let ret = '';
    for (let i = 0; i < chars.length; i++) {
        const char = chars[i];
        if (i === 0) {
            if (char.styles.length > 0) ret += ansiCodesToString(char.styles);
        }
        else if (chars[i - 1].styles !== char.styles) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        if (i === chars.length - 1 && char.styles.length > 0) {
            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
        }
    }
    return ret;
}`;

function reuseOutputRows(text) {
	const start = text.indexOf('    get() {');
	const end = text.indexOf('\n}\n//# sourceMappingURL');
	const styled = '            cached = styledCharsFromTokens(tokenize(line));';
	if (
		start < 0 ||
		end < start ||
		createHash('sha256').update(text.slice(start, end)).digest('hex') !== inkGetSha256 ||
		!text.includes(inkTokenizeImport) ||
		!text.includes(styled)
	)
		throw new Error('ink/build/output.js changed; update scripts/build.mjs (reuseOutputRows)');
	return (text.slice(0, start) + reusedRowsGet + text.slice(end + 2))
		.replace(
			inkTokenizeImport,
			"import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize, } from '@alcalzone/ansi-tokenize';",
		)
		.replace(styled, '            cached = styledCharsOf(tokenizeLine(line));');
}

/** Ink's output.js as bundled: exported for test/ui/ink-output.test.ts. */
export function patchInkOutput(text) {
	return shareOutputCaches(reuseOutputRows(text));
}

const inkOutput = {
	name: 'ink-output',
	setup(b) {
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async (args) => ({
			contents: patchInkOutput(await readFile(args.path, 'utf8')),
			loader: 'js',
		}));
	},
};

/** JavaScript for `name`, a bounded cache in front of the pure function `fn` of one string. */
function cachedFunction(name, fn) {
	return `const ${name}Results = new Map();
function ${name}(text) {
    let result = ${name}Results.get(text);
    if (result === undefined) {
        if (${name}Results.size > 5000) ${name}Results.clear();
        result = ${fn}(text);
        ${name}Results.set(text, result);
    }
    return result;
}
`;
}

/**
 * Ink works out two things about every Text's string on every frame, whether
 * or not it changed: it strips non-colour escape sequences (tokenising the
 * string, at each level of nesting) and measures the widest line. Both depend
 * on the string alone: keep the last few thousand results. The build fails if
 * Ink's files no longer match.
 */
const inkTextCaches = {
	name: 'ink-text-caches',
	setup(b) {
		const patch = (file, edits) =>
			b.onLoad(
				{filter: new RegExp(`[\\\\/]ink[\\\\/]build[\\\\/]${file.replace('.', '\\.')}$`)},
				async (args) => {
					let contents = await readFile(args.path, 'utf8');
					for (const [from, to] of edits) {
						if (!contents.includes(from))
							throw new Error(
								`ink/build/${file} changed; update scripts/build.mjs (ink-text-caches)`,
							);
						contents = contents.replace(from, to);
					}
					return {contents, loader: 'js'};
				},
			);
		patch('sanitize-ansi.js', [
			[
				'export default sanitizeAnsi;',
				`${cachedFunction('cachedSanitizeAnsi', 'sanitizeAnsi')}export default cachedSanitizeAnsi;`,
			],
		]);
		patch('render-node-to-output.js', [
			[
				'            const currentWidth = widestLine(text);',
				'            const currentWidth = cachedWidestLine(text);',
			],
			[
				'// After nodes are laid out, render each to output object',
				`${cachedFunction('cachedWidestLine', 'widestLine')}// After nodes are laid out, render each to output object`,
			],
		]);
	},
};

/**
 * The bundled checklist's text, digest and validated content (as JSON), worked
 * out with the project's own code, for source/checklist/load.ts: the app and
 * commands on the default checklist then need neither hashing (node:crypto costs
 * several milliseconds of every start) nor zod (building and running the
 * checklist's validation, ~1-2 ms). The text is compared whole at run time; any
 * other text is validated and hashed.
 */
async function bundledChecklist() {
	const {loadChecklist} = await importSource('source/checklist/load.ts');
	const loaded = loadChecklist(bundledPath);
	return {
		text: readFileSync(bundledPath, 'utf8'),
		digest: loaded.digest,
		checklist: JSON.stringify(loaded.checklist),
	};
}

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
		// Each chunk's own URL, worked out where it is used (a script has no import.meta).
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
	plugins: [stubDevtools, yogaSync, inkNoTopLevelAwait, inkOutput, inkTextCaches],
	logLevel: 'warning',
};

/**
 * Writes dist/: every chunk as a CommonJS script (dist/preflight.cjs,
 * dist/chunks/*.cjs) and the loader, dist/preflight.js, which
 * dist/package.json makes CommonJS too (an ES module entry costs every start
 * the ESM loader's time). Chunks name each other "./name.cjs", so that Node's
 * own require loads them as well as the loader's code-cache path does.
 */
async function emit(outputFiles, outdir = dist) {
	rmSync(outdir, {recursive: true, force: true});
	mkdirSync(join(outdir, 'chunks'), {recursive: true});
	writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({type: 'commonjs'})}\n`);
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
			throw new Error(`${relative(outdir, file.path)}: ${script.warnings[0].text}`);
		let code = script.code.replace(/require\("(\.\/[^"]+)\.js"\)/g, 'require("$1.cjs")');
		if (/require\(["'`]\.[^"'`]*\.js["'`]\)/.test(code))
			throw new Error(`${relative(outdir, file.path)}: a chunk required in an unexpected form`);
		// import.meta.url (defined as __preflightUrl): the chunk's own URL, from the
		// __filename that both the loader and Node's require pass to a module.
		if (code.includes('__preflightUrl'))
			code = `var __preflightUrl=require("node:url").pathToFileURL(__filename).href;${code}`;
		writeFileSync(file.path.replace(/\.js$/, '.cjs'), code);
	}
	await build({
		entryPoints: {preflight: 'source/loader.ts'},
		outdir,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		minify: true,
		legalComments: 'none',
		logLevel: 'warning',
	});
	chmodSync(join(outdir, 'preflight.js'), 0o755);
}

/**
 * The benchmark's Ink baseline (scripts/bench.mjs): scripts/bench-hello.tsx, a
 * few lines of Ink text, built into `outdir` exactly as the app is (the same
 * patches, CommonJS chunks, the same loader), and run once in a pseudo-terminal
 * so that Node 20 keeps its V8 code cache as the app's build does.
 */
export async function buildInkHello(outdir) {
	const result = await build({
		...options,
		entryPoints: {preflight: 'scripts/bench-hello.tsx'},
		outdir,
	});
	await emit(result.outputFiles, outdir);
	if (await hasOwnCompileCache()) return;
	await inPty([join(outdir, 'preflight.js')], {cwd: outdir, env: warmingEnv()});
}

/** Node 22.1 and later keep compiled code themselves: no V8 code cache is written for them. */
async function hasOwnCompileCache() {
	return typeof (await import('node:module')).enableCompileCache === 'function';
}

/** The environment of a run that saves its compiled code (see source/loader.ts). */
function warmingEnv(extra = {}) {
	const env = {...process.env, PREFLIGHT_WRITE_CODE_CACHE: '1', ...extra};
	// Ink renders only the last frame under CI; NO_COLOR would skip the colour code.
	for (const key of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'PREFLIGHT_NOW']) delete env[key];
	return env;
}

/**
 * Runs node with `args` in an 80×24 pseudo-terminal until it exits (killed
 * after 20 s, which `onTimeout` hears of); `onData` sees its output and may
 * type into it. Without node-pty, says why and runs nothing.
 */
async function inPty(args, {cwd, env}, onData = () => undefined, onTimeout = () => undefined) {
	let pty;
	try {
		pty = (await import('node-pty')).default;
	} catch {
		console.warn('build: node-pty is not available; the app starts without a code cache');
		return;
	}
	await new Promise((done) => {
		const p = pty.spawn(process.execPath, args, {
			cols: 80,
			rows: 24,
			cwd,
			env: {...env, TERM: 'xterm-256color'},
		});
		const timer = setTimeout(() => {
			onTimeout();
			p.kill();
		}, 20_000);
		p.onData((d) => onData(d, p));
		p.onExit(() => {
			clearTimeout(timer);
			done();
		});
	});
}

/**
 * Runs each command once, and the app in a pseudo-terminal, with the loader
 * saving V8's compiled code next to each chunk it loaded. Commands first, the
 * app last: chunks they share keep the code the app compiled too. A run that
 * fails only leaves its chunks without a cache (slower, still correct).
 */
async function warmCodeCache() {
	if (await hasOwnCompileCache()) {
		console.warn(
			`build: node ${process.version} has its own compile cache; no V8 code cache is written (it would fit only this Node)`,
		);
		return;
	}
	const cli = join(dist, 'preflight.js');
	const work = mkdtempSync(join(tmpdir(), 'preflight-build-'));
	const env = warmingEnv({
		PREFLIGHT_REVIEWER: 'build',
		// Warming never signs with the builder's own key (git's user.signingkey included).
		PREFLIGHT_SIGNING_KEY: '',
		// The cache of validated checklists goes with the work folder.
		XDG_CACHE_HOME: join(work, 'cache'),
		// Checks trusted while warming are trusted in the work folder only.
		XDG_CONFIG_HOME: join(work, 'config'),
	});
	/** One command run while warming; a status outside `ok` is said, and the build goes on. */
	const warmRun = (args, ok) => {
		const r = spawnSync(process.execPath, [cli, ...args], {cwd: work, env, encoding: 'utf8'});
		if (!ok.includes(r.status))
			console.warn(`build: warming "${args[0]}" failed: ${(r.stderr || '').trim()}`);
	};
	const db = join(work, 'db.json');
	const snapshot = join(work, 'snapshot.json');
	const yamlChecklist = join(work, 'checklist.yaml');
	const largeChecklist = join(work, 'large.json');
	const markdownChecklist = join(work, 'checklist.md');
	const checksChecklist = join(work, 'checks.json');
	try {
		// A check that runs loads the runner, the log store and the trust store, chunks of their own.
		writeFileSync(
			checksChecklist,
			JSON.stringify({
				id: 'warm',
				title: 'Warm',
				version: '1',
				sections: [{id: 's', title: 'S', items: [{id: 's.a', title: 'A', check: {run: 'true'}}]}],
			}),
		);
		// A YAML checklist and one large enough for the compiled schemas load their chunks too.
		const bundled = JSON.parse(readFileSync(bundledPath, 'utf8'));
		writeFileSync(yamlChecklist, (await import('yaml')).stringify(bundled));
		// Markdown's parser is a chunk of its own too.
		writeFileSync(
			markdownChecklist,
			[
				`# ${bundled.title}`,
				...bundled.sections.map((s) =>
					[`## ${s.title}`, ...s.items.map((i) => `- [ ] ${i.title}`)].join('\n'),
				),
			].join('\n\n'),
		);
		// Signing and verifying a signature load chunks of their own: a throwaway key.
		const key = join(work, 'signing-key');
		const allowed = join(work, 'allowed_signers');
		const keygen = spawnSync('ssh-keygen', [
			'-q',
			'-t',
			'ed25519',
			'-N',
			'',
			'-C',
			'build',
			'-f',
			key,
		]);
		const signing =
			keygen.status === 0
				? [
						['snapshot', '--sign', key, '--out', join(work, 'signed.json')],
						['verify', join(work, 'signed.json'), '--allowed-signers', allowed],
						// an unsigned snapshot over the signed one removes its .sig (a chunk of its own)
						['snapshot', '--no-sign', '--out', join(work, 'signed.json')],
						['snapshot', '--format', 'intoto', '--sign', key, '--out', join(work, 'a.dsse.json')],
						['verify', join(work, 'a.dsse.json'), '--allowed-signers', allowed],
					]
				: [];
		if (keygen.status === 0) writeFileSync(allowed, `build ${readFileSync(`${key}.pub`, 'utf8')}`);
		else console.warn('build: ssh-keygen is not available; signing starts without a code cache');
		const items = Array.from({length: 3000}, (_, i) => ({
			id: `item-${i}`,
			title: `Item ${i}`,
			guidance: 'Guidance long enough that the file passes the large-input threshold.',
		}));
		spawnSync('git', ['init', '-q', work], {env, stdio: 'ignore'});
		writeFileSync(
			largeChecklist,
			JSON.stringify({...bundled, sections: [{id: 'all', title: 'All', items}]}, null, 2),
		);
		for (const args of [
			['set', 'architecture.boundaries', 'pass', '--evidence', 'https://example.com/e'],
			['status'],
			// action items and decisions (docs/decisions.md): chunks of their own
			[
				'action',
				'add',
				'architecture.boundaries',
				'warm',
				'--owner',
				'build',
				'--due',
				'2030-01-01',
			],
			['action', 'done', 'architecture.boundaries', '1'],
			['actions'],
			['decide', 'no-go'],
			['history'],
			['upgrade'],
			['reviews'],
			['gate'],
			// the bundled checklist gives no item a check: nothing runs, the command loads
			['check'],
			['snapshot', '--out', snapshot],
			['verify', snapshot],
			['diff', snapshot, snapshot],
			// git runs the merge driver on every merge that touches the database
			['merge-driver', db, db, db],
			// in the work folder made a repository below (without git it fails: no cache, no harm)
			['init'],
			['checklist', 'schema'],
			['checklist', 'validate', yamlChecklist],
			['checklist', 'validate', markdownChecklist],
			['checklist', 'validate', largeChecklist],
			['snapshot', '--checklist', largeChecklist, '--out', join(work, 'large-snapshot.json')],
			// again, now from the cache of validated checklists
			['snapshot', '--checklist', largeChecklist, '--out', join(work, 'large-snapshot.json')],
			...signing,
			// a review of its own, after every command that picks the only review
			['check', '--checklist', checksChecklist, '--trust', '--system', 'checks'],
			['--help'],
			['--version'],
		]) {
			// Commands refuse flags they do not read: --system only where one review is picked.
			const pick = ['set', 'status', 'upgrade', 'gate', 'snapshot'].includes(args[0])
				? ['--system', 'build']
				: [];
			warmRun([...args, '--db', db, ...pick], [0, 1]);
		}
		// An upgrade to another version writes its milestone first (a chunk of its
		// own): a review of its own, in a database of its own, moved onto a copy of
		// the bundled checklist with another version.
		const bumped = join(work, 'bumped.json');
		writeFileSync(bumped, JSON.stringify({...bundled, version: `${bundled.version}-warm`}));
		const upgradeDb = join(work, 'upgrade', 'db.json');
		for (const args of [
			['set', 'architecture.boundaries', 'fail', '--system', 'warm'],
			['upgrade', '--checklist', bumped, '--no-renames'],
		]) {
			warmRun([...args, '--db', upgradeDb], [0]);
		}
		await warmApp(cli, db, work, env);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

async function warmApp(cli, db, cwd, env) {
	let out = '';
	let started = false;
	await inPty(
		[cli, '--db', db, '--system', 'build'],
		{cwd, env},
		(d, p) => {
			out += d;
			if (started || !out.includes('q/ctrl+c')) return;
			started = true;
			// Move around, open help, leave it, quit: the keys a person presses first.
			const keys = ['j', 'j', 'k', '\t', 'j', '?', '\u001b', 's', '\u001b', 'q'];
			keys.forEach((key, i) => setTimeout(() => p.write(key), 100 + i * 80));
		},
		() => console.warn('build: the app did not start while warming its code cache'),
	);
}

/**
 * What this build is made of: every source file, this script (its patches), the
 * package and lock files. The cache of validated checklists
 * (source/store/checklist-cache.ts) uses an entry only from the same build.
 */
function buildId() {
	const hash = createHash('sha256');
	const files = readdirSync('source', {recursive: true})
		.map((f) => join('source', String(f)))
		.filter((f) => /\.tsx?$/.test(f))
		.sort();
	for (const file of [...files, 'scripts/build.mjs', 'package.json', 'package-lock.json'])
		hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
	return hash.digest('hex').slice(0, 32);
}

// Builds only when run (a test imports this file for patchInkOutput).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	options.define.__BUNDLED_CHECKLIST__ = JSON.stringify(await bundledChecklist());
	options.define.__PREFLIGHT_BUILD__ = JSON.stringify(buildId());
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
}
