// Running git itself, for the commands that work with a repository's merges
// (`preflight merge --git`, `preflight init`): no shell, arguments as given,
// output as bytes.
import {execFile} from 'node:child_process';
import {PreflightError} from '../errors.js';

/** What a git command gave: its exit code and output. */
export type GitResult = {code: number; stdout: string; stderr: string};

/** A database's three versions are read whole: git show's output may be this large. */
const maxOutput = 512 * 1024 * 1024;

/** Runs `git ARGS` in `cwd` (no shell); resolves with the exit code, never rejects for a failed command. */
export function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
	return new Promise((resolve, reject) => {
		execFile(
			'git',
			args,
			{cwd, encoding: 'utf8', maxBuffer: maxOutput, windowsHide: true},
			(error, stdout, stderr) => {
				if (error && typeof error.code !== 'number') {
					if (error.code === 'ENOENT')
						reject(new PreflightError('git is not installed (or not on PATH)'));
					else reject(error);
					return;
				}
				resolve({code: error ? Number(error.code) : 0, stdout, stderr});
			},
		);
	});
}

/** The top folder of the work tree holding `cwd`, or undefined outside a repository. */
export async function repositoryRoot(cwd: string): Promise<string | undefined> {
	const r = await runGit(['rev-parse', '--show-toplevel'], cwd);
	const top = r.stdout.replace(/\n$/, '');
	return r.code === 0 && top ? top : undefined;
}
