// This preflight's version, in a module of its own: `--version` needs nothing else.
import {readFileSync} from 'node:fs';

// The bundle has the package's version written in at build time; run from
// source (tests), it is read from package.json beside source/.
declare const __PREFLIGHT_VERSION__: string | undefined;

/** This preflight's version, as printed by --version and recorded in every snapshot. */
export const TOOL_VERSION: string =
	typeof __PREFLIGHT_VERSION__ === 'string'
		? __PREFLIGHT_VERSION__
		: (
				JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
					version: string;
				}
			).version;
