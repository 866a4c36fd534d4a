// Where the signing key is configured. Loaded by `snapshot` (small, no
// crypto); the signing itself (signing-key.ts) loads only when a key is.
import {spawnSync} from 'node:child_process';

/** Where the signing key was named, for messages. */
export type KeySource = {from: string; spec: string};

function gitConfig(name: string, cwd: string): string | undefined {
	try {
		const r = spawnSync('git', ['config', '--get', name], {
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
			timeout: 10_000,
		});
		const value = r.status === 0 ? r.stdout.trim() : '';
		return value || undefined;
	} catch {
		return undefined;
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
	if (gitConfig('gpg.format', cwd) !== 'ssh') return undefined;
	const key = gitConfig('user.signingkey', cwd);
	return key ? {from: "git's user.signingkey", spec: key} : undefined;
}
