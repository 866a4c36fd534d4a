import type {Team} from '../model/team.js';
import {existsSync, statSync} from 'node:fs';
import {readUserFile} from '../system/read-text.js';
import {dirname, extname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {PreflightError, withinLimits} from '../errors.js';
import {digestOf} from '../model/canonical.js';
import {formatPath} from '../model/issue-path.js';
import {tooDeep, tooDeepMessage} from '../model/depth.js';
import {LARGE_INPUT, loadCompiledSchemas} from '../model/large.js';
import {checklistSchema, type Checklist} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import type {Conversion} from './foreign.js';
import {contentVersion} from './ids.js';
import {jsonLocator, parseJson} from './json-source.js';
import {looksOwn} from './own-shape.js';
import {
	at,
	ChecklistError,
	duplicateIdIssues,
	locateNearest,
	zodIssues,
	type ChecklistProblem,
	type Locator,
	type RawIssue,
} from './problems.js';

export {ChecklistError, zodProblems, problemLine} from './problems.js';
export type {ChecklistProblem, Position} from './problems.js';

/** A checklist as loaded: its content, where it came from and its content digest. */
export type LoadedChecklist = {
	checklist: Checklist;
	path: string;
	digest: string;
	/** The team file beside the database, when there is one (checklist/team-file.ts). */
	team?: Team;
};

/** Formats `--checklist-format` accepts. */
export const checklistFormats = ['json', 'yaml', 'markdown', 'aws-lens', 'azure'] as const;
export type ChecklistFormat = (typeof checklistFormats)[number];

type Syntax = 'json' | 'yaml' | 'markdown';
type Source = {data: unknown; locate: Locator; syntax: 'json' | 'yaml'};
type YamlModule = typeof import('./yaml-source.js');
type ShapesModule = typeof import('./shapes.js');
type MarkdownModule = typeof import('./markdown.js');

let yamlModule: YamlModule | undefined;
let shapesModule: ShapesModule | undefined;
let markdownModule: MarkdownModule | undefined;

/** Loads the YAML parser (kept out of start-up); afterwards loadChecklist reads YAML too. */
/** The compiled checklist schema, once a large checklist has asked for it. */
let compiledChecklist: typeof checklistSchema | undefined;

export async function loadYamlSupport(): Promise<void> {
	yamlModule ??= await import('./yaml-source.js');
}

/** Loads the readers of other shapes (lens, Azure, item lists), kept out of start-up like YAML. */
export async function loadShapeSupport(): Promise<void> {
	shapesModule ??= await import('./shapes.js');
}

/** Loads the Markdown parser (kept out of start-up); afterwards loadChecklist reads Markdown too. */
export async function loadMarkdownSupport(): Promise<void> {
	markdownModule ??= await import('./markdown.js');
}

/** Where a problem is: the field path and, when known, line and column. */
function describe(
	source: Source,
	path: readonly PropertyKey[],
	key?: string,
): Omit<ChecklistProblem, 'message'> {
	const position = locateNearest(source.locate, path, key);
	const field = formatPath(key === undefined ? path : [...path, key]);
	if (!position) return {where: field};
	if (source.syntax === 'yaml')
		return {where: `${at(position)}${field ? ` (${field})` : ''}`, ...position};
	return {where: `${field || 'top level'} (${at(position)})`, ...position};
}

function problemsOf(
	issues: readonly RawIssue[],
	where: (issue: RawIssue) => Omit<ChecklistProblem, 'message'>,
): ChecklistProblem[] {
	return issues.map((issue) => ({...where(issue), message: issue.message}));
}

/**
 * Validates converted data against the checklist schema; problems are placed by
 * `where`. Duplicate ids are looked for even when other problems exist (the
 * schema's own check only runs on otherwise valid data).
 */
// The bundle has the bundled checklist's text and digest written in at build
// time (scripts/build.mjs): hashing loads node:crypto, several milliseconds of
// every start. Any other text, or the code run from source, is hashed as usual.
declare const __BUNDLED_CHECKLIST__: {text: string; digest: string; checklist: string} | undefined;

function knownDigest(text: string): string | undefined {
	return typeof __BUNDLED_CHECKLIST__ !== 'undefined' && text === __BUNDLED_CHECKLIST__.text
		? __BUNDLED_CHECKLIST__.digest
		: undefined;
}

/**
 * The bundled checklist as the build validated it with this very code, when
 * `text` is exactly its text read as JSON: the same text gives the same result,
 * without zod. A fresh copy each time.
 */
function knownChecklist(text: string, path: string): LoadedChecklist | undefined {
	if (typeof __BUNDLED_CHECKLIST__ === 'undefined' || text !== __BUNDLED_CHECKLIST__.text)
		return undefined;
	const checklist = JSON.parse(__BUNDLED_CHECKLIST__.checklist) as Checklist;
	return {checklist, path, digest: __BUNDLED_CHECKLIST__.digest};
}

function validate(
	data: unknown,
	path: string,
	where: (issue: RawIssue) => Omit<ChecklistProblem, 'message'>,
	earlier: ChecklistProblem[] = [],
	digest?: string,
): LoadedChecklist {
	const result = z.safeParse(compiledChecklist ?? checklistSchema, data);
	if (result.success && earlier.length === 0) {
		const {$schema: _ignored, ...content} = result.data;
		return {checklist: content, path, digest: digest ?? digestOf(content)};
	}
	const issues = result.success
		? []
		: [
				...zodIssues(result.error).filter(
					(i) => !(i.message.startsWith('duplicate ') && i.path.at(-1) === 'id'),
				),
				...duplicateIdIssues(data),
			];
	throw new ChecklistError(path, [...earlier, ...problemsOf(issues, where)]);
}

/** Validates parsed data as a checklist; throws ChecklistError naming every problem. */
export function checklistFromData(data: unknown, path: string): LoadedChecklist {
	return validate(data, path, (i) => ({
		where: formatPath(i.key === undefined ? i.path : [...i.path, i.key]),
	}));
}

function readText(path: string): string {
	const text = readUserFile(path, 'checklist');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The syntax of a file: from the format when given, else the extension, else the content. */
function syntaxOf(path: string, text: string, format?: ChecklistFormat): Syntax {
	if (format === 'json' || format === 'yaml' || format === 'markdown') return format;
	const ext = extname(path).toLowerCase();
	if (ext === '.json') return 'json';
	if (ext === '.yaml' || ext === '.yml') return 'yaml';
	if (ext === '.md' || ext === '.markdown' || ext === '.mdown') return 'markdown';
	const start = text.trimStart();
	if (start.startsWith('{') || start.startsWith('[')) return 'json';
	if (/^#{1,6}[ \t]/m.test(text) || /^[ \t]*[-*+][ \t]+\[[ xX]\]/m.test(text)) return 'markdown';
	return 'yaml';
}

function fromJsonText(text: string, path: string): Source {
	const parsed = parseJson(text);
	if ('error' in parsed) {
		const detail = parsed.error.message
			.replace(/,? ".*" is not valid JSON$/s, '')
			.replace(/ in JSON at position \d+.*$/s, '');
		const position = parsed.error.position;
		throw new ChecklistError(path, [
			{
				where: position ? at(position) : '',
				message: `not valid JSON (${detail})`,
				...position,
			},
		]);
	}
	refuseDeep(parsed.data, path);
	return {data: parsed.data, locate: jsonLocator(text), syntax: 'json'};
}

/**
 * Parsed data nested deeper than any checklist is refused before anything
 * walks it: the locator, zod and the converters recurse (see depth.ts).
 */
function refuseDeep(data: unknown, path: string): void {
	const deep = tooDeep(data);
	// One line, as for a file that cannot be read: there is nothing more to list.
	if (deep !== undefined)
		throw new PreflightError(`checklist ${sanitizeLine(path)}: ${tooDeepMessage(deep)}`);
}

function fromYamlText(text: string, path: string): Source {
	if (!yamlModule)
		throw new PreflightError(
			`checklist ${sanitizeLine(path)}: YAML support is not loaded (the caller must use loadChecklistAsync)`,
		);
	const parsed = yamlModule.parseYaml(text);
	if ('problems' in parsed) {
		// The YAML parser reports running out of stack as a syntax error.
		if (parsed.problems.some((p) => /call stack/i.test(p.message)))
			throw new PreflightError(
				`checklist ${sanitizeLine(path)}: nested too deeply (no preflight file nests so deep)`,
			);
		throw new ChecklistError(path, parsed.problems);
	}
	refuseDeep(parsed.data, path);
	return {data: parsed.data, locate: parsed.locate, syntax: 'yaml'};
}

/**
 * Imported formats never carry commands: a `check` their converter let through
 * is dropped before the checklist is validated (and so before its digest).
 */
function withoutChecks(data: unknown): unknown {
	if (typeof data !== 'object' || data === null || !('sections' in data)) return data;
	const {sections} = data as {sections: unknown};
	if (!Array.isArray(sections)) return data;
	return {
		...data,
		sections: sections.map((s: unknown) =>
			typeof s === 'object' && s !== null && Array.isArray((s as {items?: unknown}).items)
				? {
						...s,
						items: (s as {items: unknown[]}).items.map((it) => {
							if (typeof it !== 'object' || it === null || !('check' in it)) return it;
							const {check: _dropped, ...rest} = it as Record<string, unknown>;
							return rest;
						}),
					}
				: s,
		),
	};
}

function fromForeign(source: Source, path: string, converted: Conversion) {
	if ('issues' in converted)
		throw new ChecklistError(
			path,
			problemsOf(converted.issues, (i) => describe(source, i.path, i.key)),
		);
	return validate(withoutChecks(converted.data), path, (i) =>
		describe(source, converted.source(i.path) ?? [], undefined),
	);
}

/** Parses and validates checklist text in any supported format. */
export function checklistFromText(
	text: string,
	path: string,
	format?: ChecklistFormat,
): LoadedChecklist {
	// Every format says the same of a file with nothing in it, and says it once.
	if (text.trim() === '')
		throw new ChecklistError(path, [{where: '', message: 'the file is empty'}], true);
	const syntax = syntaxOf(path, text, format);
	const known =
		syntax === 'json' && (format === undefined || format === 'json')
			? knownChecklist(text, path)
			: undefined;
	if (known) return known;
	if (syntax === 'markdown') {
		if (!markdownModule)
			throw new PreflightError(
				`checklist ${sanitizeLine(path)}: Markdown support is not loaded (the caller must use loadChecklistAsync)`,
			);
		const md = markdownModule.fromMarkdown(text, path, contentVersion(text));
		return validate(
			withoutChecks(md.data),
			path,
			(i) => {
				const position = locateNearest(md.locate, i.path, i.key);
				return position ? {where: at(position), ...position} : {where: formatPath(i.path)};
			},
			md.problems,
		);
	}
	const source = syntax === 'json' ? fromJsonText(text, path) : fromYamlText(text, path);
	const forced = format === 'aws-lens' || format === 'azure' ? format : undefined;
	// Preflight's own format is known without shapes.ts, which reads every other shape.
	const shaped =
		!forced && looksOwn(source.data)
			? {shape: 'own' as const}
			: shapesFor(path).readShape(source.data, {
					forced,
					syntax: source.syntax,
					path,
					fallbackVersion: () => contentVersion(text),
				});
	if (shaped.shape === 'none')
		throw new ChecklistError(path, [{where: '', message: shaped.message}]);
	if (shaped.shape !== 'own') return fromForeign(source, path, shaped.conversion);
	return validate(source.data, path, (i) => describe(source, i.path, i.key), [], knownDigest(text));
}

function shapesFor(path: string): ShapesModule {
	if (!shapesModule)
		throw new PreflightError(
			`checklist ${sanitizeLine(path)}: support for other checklist shapes is not loaded (the caller must use loadChecklistAsync)`,
		);
	return shapesModule;
}

/**
 * True when reading this file (with this format) may need shapes.ts: any JSON
 * or YAML file but the bundled checklist, which is preflight's own format.
 */
export function mayNeedShapes(path: string, format?: ChecklistFormat): boolean {
	if (format === 'aws-lens' || format === 'azure') return true;
	if (format === 'markdown') return false;
	if (format === undefined && /\.(md|markdown|mdown)$/i.test(path)) return false;
	try {
		return path !== defaultChecklistPath();
	} catch {
		return true; // run from outside the package (a copied bundle): nothing is the bundled file
	}
}

/** True when reading this file (with this format) needs the YAML parser. */
export function needsYaml(path: string, format?: ChecklistFormat): boolean {
	if (format === 'yaml') return true;
	if (format === 'json' || format === 'markdown') return false;
	const ext = extname(path).toLowerCase();
	if (ext === '.yaml' || ext === '.yml') return true;
	if (ext === '.json' || ext === '.md' || ext === '.markdown' || ext === '.mdown') return false;
	// Unknown extension: the content decides, so load YAML support to be safe.
	return true;
}

/** True when reading this file (with this format) may need the Markdown parser. */
export function needsMarkdown(path: string, format?: ChecklistFormat): boolean {
	if (format !== undefined) return format === 'markdown';
	const ext = extname(path).toLowerCase();
	if (ext === '.md' || ext === '.markdown' || ext === '.mdown') return true;
	// Unknown extension: the content decides.
	return ext !== '.json' && ext !== '.yaml' && ext !== '.yml';
}

/**
 * Reads and validates a checklist file, synchronously. preflight's own JSON
 * always works; YAML, Markdown and the other shapes work once
 * `loadYamlSupport()`, `loadMarkdownSupport()` and `loadShapeSupport()` have
 * run (use `loadChecklistAsync` to have that done for you).
 */
export function loadChecklist(path: string, format?: ChecklistFormat): LoadedChecklist {
	return withinLimits(`checklist ${sanitizeLine(path)}`, () =>
		checklistFromText(readText(path), path, format),
	);
}

/**
 * Loads what validating this file may need: the YAML parser, the shape readers,
 * the Markdown parser, the compiled schema.
 */
async function prepareFor(path: string, format: ChecklistFormat | undefined, size: number) {
	if (needsYaml(path, format)) await loadYamlSupport();
	if (mayNeedShapes(path, format)) await loadShapeSupport();
	if (needsMarkdown(path, format)) await loadMarkdownSupport();
	if (!compiledChecklist && size >= LARGE_INPUT)
		compiledChecklist = (await loadCompiledSchemas()).compiledChecklistSchema();
}

/** Reads and validates a checklist file in any supported format, YAML included. */
export async function loadChecklistAsync(
	path: string,
	format?: ChecklistFormat,
): Promise<LoadedChecklist> {
	await prepareFor(path, format, sizeOf(path));
	return loadChecklist(path, format);
}

/** A checklist file's text as loadChecklist reads it (a regular file, bounded; no BOM). */
export function readChecklistText(path: string): string {
	return withinLimits(`checklist ${sanitizeLine(path)}`, () => readText(path));
}

/** Validates text read from `path` as loadChecklistAsync validates the file. */
export async function checklistFromTextAsync(
	text: string,
	path: string,
	format?: ChecklistFormat,
): Promise<LoadedChecklist> {
	await prepareFor(path, format, text.length);
	return withinLimits(`checklist ${sanitizeLine(path)}`, () =>
		checklistFromText(text, path, format),
	);
}

function sizeOf(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0; // reading it will say what is wrong
	}
}

let packageRoot: string | undefined;
/** The folder that holds `data/` (the package root), from source or from the bundle. */
export function packageDir(): string {
	if (packageRoot) return packageRoot;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 5; i++) {
		// Both: the bundle's own dist/package.json (it makes dist/ CommonJS) has no data/ beside it.
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) {
			packageRoot = dir;
			return dir;
		}
		dir = dirname(dir);
	}
	throw new PreflightError('cannot find the preflight package folder');
}

export function defaultChecklistPath(): string {
	return join(packageDir(), 'data', 'checklists', 'ai-infrastructure.json');
}
