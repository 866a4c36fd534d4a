// Where the signing key is configured. Loaded by `snapshot` (small, no
// crypto); the signing itself (signing-key.ts) loads only when a key is.
import {spawnSync} from 'node:child_process';

/** Where the signing key was named, for messages. */
export type KeySource = {from: string; spec: string};

/**
 * git's gpg.format and user.signingkey, in one `git config` (the last value of
 * each wins, as git reads them); empty when git is missing or says nothing.
 */
function gitSigningConfig(cwd: string): {format?: string; key?: string} {
	try {
		const r = spawnSync(
			'git',
			['config', '--null', '--get-regexp', '^(gpg\\.format|user\\.signingkey)$'],
			{cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000},
		);
		if (r.status !== 0) return {};
		const found: {format?: string; key?: string} = {};
		// --null: each entry is `name\nvalue\0`.
		for (const entry of r.stdout.split('\0')) {
			const at = entry.indexOf('\n');
			if (at < 0) continue;
			const name = entry.slice(0, at).toLowerCase();
			const value = entry.slice(at + 1).trim();
			if (name === 'gpg.format') found.format = value;
			else if (name === 'user.signingkey') found.key = value;
		}
		return found;
	} catch {
		return {};
	}
}

/**
 * The signing key configured: `--sign KEY`, else PREFLIGHT_SIGNING_KEY, else
 * git's user.signingkey when gpg.format is ssh (as git signs commits with it).
 * An empty PREFLIGHT_SIGNING_KEY turns the git fallback off.
 */
export function configuredSigningKey(
	flag: string | undefined,
	env: NodeJS.ProcessEnv,
	cwd: string,
): KeySource | undefined {
	if (flag !== undefined) return {from: '--sign', spec: flag};
	const fromEnv = env.PREFLIGHT_SIGNING_KEY;
	if (fromEnv !== undefined)
		return fromEnv === '' ? undefined : {from: 'PREFLIGHT_SIGNING_KEY', spec: fromEnv};
	const git = gitSigningConfig(cwd);
	if (git.format !== 'ssh' || !git.key) return undefined;
	return {from: "git's user.signingkey", spec: git.key};
}
