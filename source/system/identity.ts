import {execFile, spawnSync} from 'node:child_process';
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
	return osUser(env);
}

/**
 * The same identity without blocking: the app starts this first and reads it
 * after Ink has loaded, so asking git costs nothing on the way to the first frame.
 */
export function resolveReviewerAsync(flag: string | undefined, env = process.env): Promise<string> {
	if (flag?.trim() || env.PREFLIGHT_REVIEWER?.trim())
		return Promise.resolve(resolveReviewer(flag, env));
	return new Promise((resolve) => {
		try {
			execFile(
				'git',
				['config', 'user.name'],
				{encoding: 'utf8', timeout: 2000},
				(error, stdout) => {
					const name = error ? '' : stdout.trim();
					resolve(name || osUser(env));
				},
			);
		} catch {
			resolve(osUser(env));
		}
	});
}

function osUser(env: NodeJS.ProcessEnv): string {
	try {
		return userInfo().username || 'unknown';
	} catch {
		return env.USER ?? env.USERNAME ?? 'unknown';
	}
}
