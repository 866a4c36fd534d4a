import {userInfo} from 'node:os';
import {PreflightError} from '../errors.js';
import {hasUnsafeName, sanitizeLine} from '../terminal/sanitize.js';

/**
 * node:child_process, loaded when git is first asked: loading it (with the
 * stream and socket modules it needs) costs every start ~4 ms, and most commands
 * that import this module never ask.
 */
function childProcess(): typeof import('node:child_process') {
	return process.getBuiltinModule('node:child_process');
}

/**
 * A reviewer name as it will be recorded on every sign-off; refused, naming
 * where it came from, when it holds what a person cannot see or type back
 * (control characters, escape sequences, invisible or direction marks), as
 * a name given with --reviewer is.
 */
function checked(name: string, source: string): string {
	if (hasUnsafeName(name))
		throw new PreflightError(
			`the reviewer name from ${source} ("${sanitizeLine(name)}") contains control characters, escape sequences, or invisible or direction marks; give a plain one with --reviewer NAME`,
		);
	return name;
}

/**
 * Reviewer identity: `--reviewer`, else PREFLIGHT_REVIEWER, else git's user.name,
 * else the OS user name.
 */
export function resolveReviewer(flag: string | undefined, env = process.env): string {
	const fromFlag = flag?.trim();
	if (fromFlag) return checked(fromFlag, '--reviewer');
	const fromEnv = env.PREFLIGHT_REVIEWER?.trim();
	if (fromEnv) return checked(fromEnv, 'PREFLIGHT_REVIEWER');
	let name = '';
	try {
		const git = childProcess().spawnSync('git', ['config', 'user.name'], {
			encoding: 'utf8',
			timeout: 2000,
		});
		name = git.status === 0 ? git.stdout.trim() : '';
	} catch {
		// git not installed
	}
	return name ? checked(name, "git's user.name") : checked(osUser(env), 'the OS user name');
}

/** Where the reviewer's name came from; `os` means nobody named one (no flag, variable or git user.name). */
export type ReviewerSource = 'flag' | 'env' | 'git' | 'os';

/**
 * The same identity without blocking, with where it came from: the app starts
 * this first and reads it after Ink has loaded, so asking git costs nothing on
 * the way to the first frame.
 */
export function resolveReviewerAsync(
	flag: string | undefined,
	env = process.env,
): Promise<{name: string; source: ReviewerSource}> {
	// A bad name from the flag or the environment throws here, at once.
	if (flag?.trim()) return Promise.resolve({name: resolveReviewer(flag, env), source: 'flag'});
	if (env.PREFLIGHT_REVIEWER?.trim())
		return Promise.resolve({name: resolveReviewer(flag, env), source: 'env'});
	const found = new Promise<{name: string; source: ReviewerSource}>((resolve, reject) => {
		const settle = (name: string, source: ReviewerSource) => {
			try {
				resolve({
					name: checked(name, source === 'git' ? "git's user.name" : 'the OS user name'),
					source,
				});
			} catch (error) {
				reject(error);
			}
		};
		try {
			childProcess().execFile(
				'git',
				['config', 'user.name'],
				{encoding: 'utf8', timeout: 2000},
				(error, stdout) => {
					const name = error ? '' : stdout.trim();
					if (name) settle(name, 'git');
					else settle(osUser(env), 'os');
				},
			);
		} catch {
			settle(osUser(env), 'os');
		}
	});
	// The caller awaits this later, after other work: a refusal must wait for
	// it there, not count meanwhile as an unhandled rejection (which ends Node).
	found.catch(() => undefined);
	return found;
}

function osUser(env: NodeJS.ProcessEnv): string {
	try {
		return userInfo().username || 'unknown';
	} catch {
		return env.USER ?? env.USERNAME ?? 'unknown';
	}
}

/**
 * The reviewer's email, recorded with each sign-off and matched against the
 * team file: PREFLIGHT_REVIEWER_EMAIL, else git's user.email — but only when
 * the name is git's too: a name given with --reviewer or PREFLIGHT_REVIEWER
 * is someone the git configuration may not describe, unless it is git's
 * user.name itself. Undefined when none.
 */
export function resolveReviewerEmail(
	flag: string | undefined,
	env = process.env,
): string | undefined {
	const explicit = explicitEmail(env);
	if (explicit !== undefined) return explicit || undefined;
	const named = givenName(flag, env);
	try {
		const git = childProcess().spawnSync('git', gitUserArgs(named), {
			encoding: 'utf8',
			timeout: 2000,
		});
		return git.status === 0 ? emailFromGit(git.stdout, named) : undefined;
	} catch {
		return undefined; // git not installed
	}
}

/** The name given with --reviewer or PREFLIGHT_REVIEWER, if one was. */
function givenName(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
	return flag?.trim() || env.PREFLIGHT_REVIEWER?.trim() || undefined;
}

/** What to ask git: its email; with a given name, its name as well, to compare. */
function gitUserArgs(named: string | undefined): string[] {
	return named === undefined
		? ['config', 'user.email']
		: ['config', '--get-regexp', '^user\\.(name|email)$'];
}

/**
 * git's user.email from its answer to gitUserArgs: without a given name, the
 * email; with one, the email only when git's user.name is that very name (the
 * same person, named by hand).
 */
function emailFromGit(stdout: string, named: string | undefined): string | undefined {
	if (named === undefined) return gitEmail(stdout);
	let name: string | undefined;
	let email: string | undefined;
	for (const line of stdout.split('\n')) {
		const cut = line.indexOf(' ');
		if (cut < 0) continue;
		const key = line.slice(0, cut).toLowerCase();
		if (key === 'user.name') name = line.slice(cut + 1).trim();
		else if (key === 'user.email') email = line.slice(cut + 1);
	}
	if (name === undefined || email === undefined) return undefined;
	return name.normalize('NFC') === named.normalize('NFC') ? gitEmail(email) : undefined;
}

/** The same without blocking, for the app (see resolveReviewerAsync). */
export function resolveReviewerEmailAsync(
	flag: string | undefined,
	env = process.env,
): Promise<string | undefined> {
	const explicit = explicitEmail(env);
	if (explicit !== undefined) return Promise.resolve(explicit || undefined);
	const named = givenName(flag, env);
	return new Promise((resolve) => {
		try {
			childProcess().execFile(
				'git',
				gitUserArgs(named),
				{encoding: 'utf8', timeout: 2000},
				(error, stdout) => resolve(error ? undefined : emailFromGit(stdout, named)),
			);
		} catch {
			resolve(undefined);
		}
	});
}

/** PREFLIGHT_REVIEWER_EMAIL checked ('' when set but blank), or undefined when unset. */
function explicitEmail(env: NodeJS.ProcessEnv): string | undefined {
	const value = env.PREFLIGHT_REVIEWER_EMAIL;
	if (value === undefined) return undefined;
	const email = value.trim();
	if (email && (hasUnsafeName(email) || !/^[^\s@]+@[^\s@]+$/.test(email)))
		throw new PreflightError(
			`PREFLIGHT_REVIEWER_EMAIL ("${sanitizeLine(email)}") is not a plain email address such as name@example.com`,
		);
	return email;
}

/** git's user.email, or undefined when it is empty or not one a person could type back. */
function gitEmail(stdout: string): string | undefined {
	const email = stdout.trim();
	return email && !hasUnsafeName(email) ? email : undefined;
}
