import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/**
 * Records which of Node's own modules a run of the built CLI loaded: `env`
 * (NODE_OPTIONS) makes the child list them when it exits, `loaded()` reads the
 * list of the last run. Starting each costs milliseconds; tests pin that a
 * command loads none it does not use.
 */
export function builtInModules(dir: string): {env: {NODE_OPTIONS: string}; loaded(): string[]} {
	const record = join(dir, 'loaded.cjs');
	const listed = join(dir, 'loaded.txt');
	writeFileSync(
		record,
		`process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listed)}, process.moduleLoadList.join('\\n')));\n`,
	);
	return {
		env: {NODE_OPTIONS: `--require ${record}`},
		loaded: () =>
			readFileSync(listed, 'utf8')
				.split('\n')
				.filter((m) => m.startsWith('NativeModule '))
				.map((m) => m.slice('NativeModule '.length)),
	};
}
