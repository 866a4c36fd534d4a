// Bundles the CLI with esbuild: one entry file (dist/preflight.js) plus lazily
// loaded chunks, so that non-UI commands never parse Ink or React.
import {build, context} from 'esbuild';
import {rmSync} from 'node:fs';

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
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __preflightRequire} from 'node:module';const require=__preflightRequire(import.meta.url);",
	},
	plugins: [stubDevtools],
	logLevel: 'warning',
};

if (watch) {
	const ctx = await context(options);
	await ctx.watch();
} else {
	await build(options);
}
