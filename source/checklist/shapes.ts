// Which shape a parsed JSON or YAML checklist has, recognised by its content
// in a fixed order (docs/checklist-formats.md), and the one clear line when
// none fits. Loaded on demand by load.ts: preflight's own format never needs it.
import {fromAwsLens, isAwsLens} from './aws-lens.js';
import {fromAzure, isAzureChecklist} from './azure.js';
import {formatPath} from '../model/issue-path.js';
import {field, isRecord, kindOf, type Conversion} from './foreign.js';
import {fromItemList, itemListMiss} from './item-lists.js';
import {ownTopKeys} from './own-shape.js';
import {quote} from './problems.js';

/** The shapes read from JSON or YAML data besides preflight's own. */
export type ForeignShape = 'aws-lens' | 'azure' | 'item-list';

export type Shaped =
	{shape: 'own'} | {shape: ForeignShape; conversion: Conversion} | {shape: 'none'; message: string};

export type ShapeOptions = {
	/** A shape the user named with `--checklist-format`. */
	forced?: 'aws-lens' | 'azure';
	/** The file's syntax, for naming preflight's own format. */
	syntax: 'json' | 'yaml';
	path: string;
	/** The version of a file that carries none (a hash of its text), made only when needed. */
	fallbackVersion: () => string;
};

/**
 * Preflight's own format after all, once no other shape fits: what only it
 * has (`$schema`, `renamed`), or its `id` and `version` together.
 */
function ownAfterAll(data: unknown): boolean {
	if (!isRecord(data)) return false;
	const has = (k: string) => Object.hasOwn(data, k);
	return has('$schema') || has('renamed') || (has('id') && has('version'));
}

export const triedShapes = 'preflight JSON, YAML, Markdown, AWS lens, Azure and item lists';

function firstIssue(conversion: Conversion): string | undefined {
	if (!('issues' in conversion)) return undefined;
	const issue = conversion.issues[0];
	if (!issue) return undefined;
	const where = formatPath(issue.key === undefined ? issue.path : [...issue.path, issue.key]);
	return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * `format not recognised: tried … — closest: <shape> (<its main problem>)`:
 * the shape whose marks the data has most of, and what keeps it from being one.
 */
function notRecognised(data: unknown, options: ShapeOptions): string {
	const own = `preflight ${options.syntax === 'yaml' ? 'YAML' : 'JSON'}`;
	const miss = itemListMiss(data);
	const candidates: Array<{name: string; score: number; problem: () => string}> = [
		{
			name: own,
			score: isRecord(data) ? Object.keys(data).filter((k) => ownTopKeys.has(k)).length : 0,
			problem: () =>
				isRecord(data) ? `missing field ${quote('sections')}` : `the top level is ${kindOf(data)}`,
		},
		{
			name: 'item list',
			score: miss?.score ?? 0,
			problem: () => miss?.problem ?? 'no list of items',
		},
		{
			name: 'AWS lens',
			score:
				(Array.isArray(field(data, 'pillars')) ? 2 : 0) +
				(field(data, 'schemaVersion') === undefined ? 0 : 1),
			problem: () =>
				Array.isArray(field(data, 'pillars'))
					? (firstIssue(fromAwsLens(data, options.path, '')) ?? 'no questions')
					: `missing field ${quote('pillars')}`,
		},
		{
			name: 'Azure checklist',
			score: Array.isArray(field(data, 'items')) ? 1 : 0,
			problem: () =>
				Array.isArray(field(data, 'items'))
					? `its items have no ${quote('guid')} and there is no ${quote('metadata')}`
					: `missing field ${quote('items')}`,
		},
	];
	const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
	return `format not recognised: tried ${triedShapes} — closest: ${best.name} (${best.problem()})`;
}

/**
 * The shape of parsed data that is not preflight's own format as it stands
 * (load.ts knows that one without this module): forced, else the first that
 * fits, in the documented order.
 */
export function readShape(data: unknown, options: ShapeOptions): Shaped {
	const {forced, path, fallbackVersion} = options;
	if (forced === 'aws-lens')
		return {shape: 'aws-lens', conversion: fromAwsLens(data, path, fallbackVersion())};
	if (forced === 'azure')
		return {shape: 'azure', conversion: fromAzure(data, path, fallbackVersion())};
	if (isAwsLens(data))
		return {shape: 'aws-lens', conversion: fromAwsLens(data, path, fallbackVersion())};
	if (isAzureChecklist(data))
		return {shape: 'azure', conversion: fromAzure(data, path, fallbackVersion())};
	if (itemListMiss(data) === undefined)
		return {shape: 'item-list', conversion: fromItemList(data, path, fallbackVersion())};
	if (ownAfterAll(data)) return {shape: 'own'};
	return {shape: 'none', message: notRecognised(data, options)};
}
