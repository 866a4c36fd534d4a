import {spawnSync} from 'node:child_process';
import {userInfo} from 'node:os';

/**
 * Reviewer identity: `--reviewer`, else PREFLIGHT_REVIEWER, else git's user.name,
 * else the OS user name.
 */
export function resolveReviewer(flag: string | undefined, env = process.env): string {
	const fromFlag = flag?.trim();
	if (fromFlag) return fromFlag;
	const fromEnv = env.PREFLIGHT_REVIEWER?.trim();
	if (fromEnv) return fromEnv;
	try {
		const git = spawnSync('git', ['config', 'user.name'], {encoding: 'utf8', timeout: 2000});
		const name = git.status === 0 ? git.stdout.trim() : '';
		if (name) return name;
	} catch {
		// git not installed
	}
	try {
		return userInfo().username || 'unknown';
	} catch {
		return env.USER ?? env.USERNAME ?? 'unknown';
	}
}
