import {userInfo} from 'node:os';
import {PreflightError} from '../errors.js';
import {MAX_EMAIL, MAX_NAME, tooLong} from '../model/text-limits.js';
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
	const long = tooLong(name, MAX_NAME, `the reviewer name from ${source}`);
	if (long) throw new PreflightError(`${long}; give a shorter one with --reviewer NAME`);
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
	return (givenReviewer(flag, env) ?? gitOrOsUser(gitUser(askGitSync()), env)).name;
}

/** The name given with --reviewer or PREFLIGHT_REVIEWER (checked), if one was. */
function givenReviewer(
	flag: string | undefined,
	env: NodeJS.ProcessEnv,
): {name: string; source: 'flag' | 'env'} | undefined {
	const fromFlag = flag?.trim();
	if (fromFlag) return {name: checked(fromFlag, '--reviewer'), source: 'flag'};
	const fromEnv = env.PREFLIGHT_REVIEWER?.trim();
	if (fromEnv) return {name: checked(fromEnv, 'PREFLIGHT_REVIEWER'), source: 'env'};
	return undefined;
}

/** git's user.name (checked), else the OS user's name. */
function gitOrOsUser(
	git: {name?: string},
	env: NodeJS.ProcessEnv,
): {name: string; source: 'git' | 'os'} {
	return git.name
		? {name: checked(git.name, "git's user.name"), source: 'git'}
		: {name: checked(osUser(env), 'the OS user name'), source: 'os'};
}

/** What git says of its user (see gitUser), or undefined when git cannot say. */
function askGitSync(): string | undefined {
	try {
		const git = childProcess().spawnSync('git', gitUserArgs, {encoding: 'utf8', timeout: 2000});
		return git.status === 0 ? git.stdout : undefined;
	} catch {
		return undefined; // git not installed
	}
}

/** Where the reviewer's name came from; `os` means nobody named one (no flag, variable or git user.name). */
export type ReviewerSource = 'flag' | 'env' | 'git' | 'os';

/** Who records a change: the name, where it came from, and the email if there is one. */
export type Identity = {name: string; source: ReviewerSource; email?: string};

/**
 * The reviewer (as resolveReviewer) and their email, recorded with each sign-off
 * and matched against the team file: PREFLIGHT_REVIEWER_EMAIL, else git's
 * user.email — but only when the name is git's too: a name given with
 * --reviewer or PREFLIGHT_REVIEWER is someone the git configuration may not
 * describe, unless it is git's user.name itself. git is asked once, for both
 * (each spawn costs a command several milliseconds), and not at all when the
 * name and the email are both given.
 */
export function resolveIdentity(flag: string | undefined, env = process.env): Identity {
	const known = knownIdentity(flag, env);
	return identityFrom(known, known.askGit ? askGitSync() : undefined, env);
}

/**
 * The same without blocking: the app starts this first and reads it after Ink
 * has loaded, so asking git costs little on the way to the first frame. A bad
 * name or email from the flag or the environment throws here, at once.
 */
export function resolveIdentityAsync(
	flag: string | undefined,
	env = process.env,
): Promise<Identity> {
	const known = knownIdentity(flag, env);
	if (!known.askGit) return Promise.resolve(identityFrom(known, undefined, env));
	const found = new Promise<Identity>((resolve, reject) => {
		const settle = (stdout: string | undefined) => {
			try {
				resolve(identityFrom(known, stdout, env));
			} catch (error) {
				reject(error);
			}
		};
		try {
			childProcess().execFile(
				'git',
				gitUserArgs,
				{encoding: 'utf8', timeout: 2000},
				(error, stdout) => settle(error ? undefined : stdout),
			);
		} catch {
			settle(undefined);
		}
	});
	// The caller awaits this later, after other work: a refusal must wait for
	// it there, not count meanwhile as an unhandled rejection (which ends Node).
	found.catch(() => undefined);
	return found;
}

type KnownIdentity = {
	given?: {name: string; source: 'flag' | 'env'};
	/** PREFLIGHT_REVIEWER_EMAIL checked: '' when set but blank, undefined when unset. */
	explicitEmail?: string;
	askGit: boolean;
};

/** What the flag and the environment say (checked), and whether git must be asked for the rest. */
function knownIdentity(flag: string | undefined, env: NodeJS.ProcessEnv): KnownIdentity {
	const explicit = explicitEmail(env);
	const given = givenReviewer(flag, env);
	return {
		...(given ? {given} : {}),
		...(explicit === undefined ? {} : {explicitEmail: explicit}),
		askGit: given === undefined || explicit === undefined,
	};
}

/**
 * git's user.name and user.email (the last of each, as `git config KEY` gives),
 * from `git config -z --get-regexp`: records of KEY, a newline and the value,
 * each ended by NUL, so that a value holding a newline stays one value (and is
 * refused as a name); a key with no value is an empty one.
 */
function gitUser(stdout: string | undefined): {name?: string; email?: string} {
	const found: {name?: string; email?: string} = {};
	for (const record of (stdout ?? '').split('\0')) {
		const cut = record.indexOf('\n');
		const key = (cut < 0 ? record : record.slice(0, cut)).toLowerCase();
		const value = cut < 0 ? '' : record.slice(cut + 1);
		if (key === 'user.name') found.name = value.trim();
		else if (key === 'user.email') found.email = value;
	}
	return found;
}

/** Asks git for its user's name and email at once. */
const gitUserArgs = ['config', '-z', '--get-regexp', '^user\\.(name|email)$'];

function identityFrom(
	known: KnownIdentity,
	gitStdout: string | undefined,
	env: NodeJS.ProcessEnv,
): Identity {
	const git = gitUser(gitStdout);
	const who: {name: string; source: ReviewerSource} = known.given ?? gitOrOsUser(git, env);
	const email =
		known.explicitEmail !== undefined
			? known.explicitEmail || undefined
			: // git's email is the reviewer's only when the name is git's own.
				known.given === undefined ||
				  (git.name !== undefined &&
						git.name.normalize('NFC') === known.given.name.normalize('NFC'))
				? gitEmail(git.email ?? '')
				: undefined;
	return {...who, ...(email ? {email} : {})};
}

function osUser(env: NodeJS.ProcessEnv): string {
	try {
		return userInfo().username || 'unknown';
	} catch {
		return env.USER ?? env.USERNAME ?? 'unknown';
	}
}

/** PREFLIGHT_REVIEWER_EMAIL checked ('' when set but blank), or undefined when unset. */
function explicitEmail(env: NodeJS.ProcessEnv): string | undefined {
	const value = env.PREFLIGHT_REVIEWER_EMAIL;
	if (value === undefined) return undefined;
	const email = value.trim();
	const long = tooLong(email, MAX_EMAIL, 'PREFLIGHT_REVIEWER_EMAIL');
	if (long) throw new PreflightError(long);
	if (email && (hasUnsafeName(email) || !/^[^\s@]+@[^\s@]+$/.test(email)))
		throw new PreflightError(
			`PREFLIGHT_REVIEWER_EMAIL ("${sanitizeLine(email)}") is not a plain email address such as name@example.com`,
		);
	return email;
}

/** git's user.email, or undefined when it is empty, too long, or not one a person could type back. */
function gitEmail(stdout: string): string | undefined {
	const email = stdout.trim();
	return email && !tooLong(email, MAX_EMAIL, "git's user.email") && !hasUnsafeName(email)
		? email
		: undefined;
}
