// The team file, `team.yaml` beside the database (docs/team.md): read only
// when it exists, parsed by the one YAML module (loaded on demand) and
// validated with zod; a bad one is one line with its line and column.
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {PreflightError} from '../errors.js';
import {formatPath} from '../model/issue-path.js';
import type {Checklist} from '../model/schemas.js';
import {teamSchema, unknownRoles, type Team} from '../model/team.js';
import * as z from '../model/zod.js';
import {readUserFile} from '../system/read-text.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {at, locateNearest, problemLine, tidyProblems, zodIssues} from './problems.js';

/** The team file's name; it lives in the database's folder. */
export const TEAM_FILE = 'team.yaml';

/** Where the team file of the database at `dbPath` is. */
export function teamPathFor(dbPath: string): string {
	return join(dirname(dbPath), TEAM_FILE);
}

/** Parses and validates team file text; throws one line naming the first problem and where. */
export async function teamFromText(text: string, path: string): Promise<Team> {
	const {parseYaml} = await import('./yaml-source.js');
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = parseYaml(body);
	const fail = (line: string, more: number): never => {
		const extra = more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : '';
		throw new PreflightError(`team file ${sanitizeLine(path)}: ${line}${extra}`);
	};
	if ('problems' in parsed) {
		const tidy = tidyProblems(parsed.problems);
		return fail(tidy[0] ? problemLine(tidy[0]) : 'not valid YAML', tidy.length - 1);
	}
	const result = z.safeParse(teamSchema, parsed.data ?? {});
	if (result.success) return result.data;
	const problems = zodIssues(result.error).map((i) => {
		const p = locateNearest(parsed.locate, i.path, i.key);
		const named = formatPath(i.key === undefined ? i.path : [...i.path, i.key]);
		return {
			where: [p ? at(p) : '', named].filter(Boolean).join(', '),
			message: i.message,
			...(p ?? {}),
		};
	});
	const tidy = tidyProblems(problems);
	return fail(tidy[0] ? problemLine(tidy[0]) : 'invalid', tidy.length - 1);
}

/**
 * The team file beside the database, or undefined when there is none (then
 * everyone may sign everything). Roles the checklist names and the team file
 * does not define are refused: a typo would otherwise lock an item for good.
 */
export async function loadTeam(dbPath: string, checklist: Checklist): Promise<Team | undefined> {
	const path = teamPathFor(dbPath);
	if (!existsSync(path)) return undefined;
	const team = await teamFromText(readUserFile(path, 'team file'), path);
	const unknown = unknownRoles(checklist, team);
	const first = unknown[0];
	if (first)
		throw new PreflightError(
			`team file ${sanitizeLine(path)}: ${sanitizeLine(first.where)} of checklist ${sanitizeLine(checklist.id)} names role "${sanitizeLine(first.role)}", which the team file does not define${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}`,
		);
	return team;
}
