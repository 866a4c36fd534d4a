// Bundles the CLI with esbuild: one entry file (dist/preflight.js) plus lazily
// loaded chunks, so that non-UI commands never parse Ink or React.
import {build, context} from 'esbuild';
import {createHash} from 'node:crypto';
import {readFileSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {pathToFileURL} from 'node:url';

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
	plugins: [stubDevtools, yogaWasmBinary, inkOutput, inkTextCaches],
	logLevel: 'warning',
};

// Builds only when run (a test imports this file for patchInkOutput).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	rmSync('dist', {recursive: true, force: true});
	if (process.argv.includes('--watch')) {
		const ctx = await context(options);
		await ctx.watch();
	} else {
		await build(options);
	}
}
