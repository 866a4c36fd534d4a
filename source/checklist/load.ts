import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {PreflightError} from '../errors.js';
import {digestOf} from '../model/canonical.js';
import {checklistSchema, type Checklist} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';

/** A checklist as loaded: its content, where it came from and its content digest. */
export type LoadedChecklist = {checklist: Checklist; path: string; digest: string};

/** One problem found in a checklist file, with where it is. */
export type ChecklistProblem = {where: string; message: string};

export class ChecklistError extends PreflightError {
	readonly problems: ChecklistProblem[];
	constructor(path: string, problems: ChecklistProblem[]) {
		const first = problems[0];
		const more =
			problems.length > 1
				? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
				: '';
		super(
			`checklist ${sanitizeLine(path)}: ${first ? `${first.where ? `${first.where}: ` : ''}${first.message}` : 'invalid'}${more}`,
		);
		this.problems = problems;
	}
}

/** `sections[1].items[0].title` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const p of path) {
		if (typeof p === 'number') out += `[${p}]`;
		else out += out ? `.${String(p)}` : String(p);
	}
	return sanitizeLine(out);
}

export function zodProblems(error: z.core.$ZodError): ChecklistProblem[] {
	return error.issues.map((issue) => {
		let message = issue.message;
		if (issue.code === 'unrecognized_keys')
			message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
		return {where: formatPath(issue.path), message: sanitizeLine(message)};
	});
}

/** Validates parsed data as a checklist; throws ChecklistError naming every problem. */
export function checklistFromData(data: unknown, path: string): LoadedChecklist {
	const result = z.safeParse(checklistSchema, data);
	if (!result.success) throw new ChecklistError(path, zodProblems(result.error));
	const {$schema: _ignored, ...content} = result.data;
	return {checklist: content, path, digest: digestOf(content)};
}

function jsonProblem(text: string, error: unknown): ChecklistProblem {
	const message = error instanceof Error ? error.message : String(error);
	const at = /position (\d+)/.exec(message);
	if (at) {
		const pos = Number(at[1]);
		const before = text.slice(0, pos).split('\n');
		return {
			where: `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`,
			message: 'not valid JSON',
		};
	}
	return {where: '', message: `not valid JSON (${sanitizeLine(message)})`};
}

/** Reads and validates a checklist file. */
export function loadChecklist(path: string): LoadedChecklist {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new PreflightError(
			`checklist ${sanitizeLine(path)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`}`,
		);
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new ChecklistError(path, [jsonProblem(text, error)]);
	}
	return checklistFromData(data, path);
}

let packageRoot: string | undefined;
/** The folder that holds `data/` (the package root), from source or from the bundle. */
export function packageDir(): string {
	if (packageRoot) return packageRoot;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 5; i++) {
		try {
			readFileSync(join(dir, 'package.json'));
			packageRoot = dir;
			return dir;
		} catch {
			dir = dirname(dir);
		}
	}
	throw new PreflightError('cannot find the preflight package folder');
}

export function defaultChecklistPath(): string {
	return join(packageDir(), 'data', 'checklists', 'ai-infrastructure.json');
}
