// A Node 24 binary for the bench and CI, which also measure and smoke-test the
// built CLI on the Node that users run. It is the npm registry's package of the
// official binary for this platform (node-<platform>-<arch>, as the registry's
// `node` package installs it, without that package's install script), at a
// pinned version, installed on first use into node_modules/.cache/ — not a
// dependency, so `npm ci` stays as light for users as it was, and a clean
// checkout gets it with the ordinary npm client. Usage:
//   node scripts/node-24.mjs          prints the binary's path (installs it if missing)
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

/** The pinned Node 24 release. */
export const NODE_24_VERSION = '24.11.1';

const root = join(import.meta.dirname, '..');
const platform = process.platform === 'win32' ? 'win' : process.platform;
const packageName = `node-${platform}-${process.arch}`;
const prefix = join(root, 'node_modules', '.cache', 'preflight', `node-${NODE_24_VERSION}`);
const packageDir = join(prefix, 'node_modules', packageName);

/** The path of the installed binary, or undefined when it is not installed. */
export function installedNode24() {
	try {
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
		const bin = join(packageDir, manifest.bin.node);
		return manifest.version === NODE_24_VERSION && existsSync(bin) ? bin : undefined;
	} catch {
		return undefined;
	}
}

/** The binary's path, installing it first when missing; throws saying why it cannot. */
export function node24() {
	const installed = installedNode24();
	if (installed) return installed;
	mkdirSync(prefix, {recursive: true});
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const r = spawnSync(
		npm,
		[
			'install',
			'--prefix',
			prefix,
			'--no-save',
			'--no-package-lock',
			'--no-audit',
			'--no-fund',
			'--ignore-scripts',
			`${packageName}@${NODE_24_VERSION}`,
		],
		{encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32'},
	);
	const bin = installedNode24();
	if (r.status !== 0 || !bin)
		throw new Error(
			`cannot install ${packageName}@${NODE_24_VERSION}: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' ')}`,
		);
	return bin;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		console.log(node24());
	} catch (error) {
		console.error(`node-24: ${error.message}`);
		process.exit(1);
	}
}
