import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {beforeAll, describe, expect, it} from 'vitest';
import {
	checklistFromData,
	checklistFromText,
	checklistFormats,
	defaultChecklistPath,
	loadMarkdownSupport,
	loadYamlSupport,
} from '../../source/checklist/load.js';
import {sortKeys} from '../../source/model/canonical.js';
import type {Database} from '../../source/model/schemas.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';
import {mutate, mutation, onlyPreflightErrors, randomText} from './arbitraries.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures');
const checklistTexts: Array<[string, string]> = [
	['default.json', readFileSync(defaultChecklistPath(), 'utf8')],
	...['good.json', 'good.yaml', 'good.md', 'lens.json', 'azure.json', 'plain.md'].map(
		(name): [string, string] => [name, readFileSync(join(fixtures, 'checklists', name), 'utf8')],
	),
];
const v1 = readFileSync(join(fixtures, 'db', 'v1.json'), 'utf8');
const v2 = v1.replace('"schemaVersion": 1', '"schemaVersion": 2');
const v3 = readFileSync(join(fixtures, 'db', 'v3.json'), 'utf8');
const v4 = readFileSync(join(fixtures, 'db', 'v4.json'), 'utf8');

const paths = ['c.json', 'c.yaml', 'c.md', 'c.txt'];

beforeAll(async () => {
	await loadYamlSupport();
	await loadMarkdownSupport();
});

describe('checklist loaders never throw anything but a PreflightError', () => {
	it('random text, any file name and format', () => {
		fc.assert(
			fc.property(
				randomText,
				fc.constantFrom(...paths),
				fc.option(fc.constantFrom(...checklistFormats), {nil: undefined}),
				(text, path, format) => onlyPreflightErrors(() => checklistFromText(text, path, format)),
			),
			{numRuns: 300},
		);
	});

	it('mutated real checklists', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...checklistTexts),
				fc.array(mutation, {minLength: 1, maxLength: 4}),
				([name, text], mutations) =>
					onlyPreflightErrors(() => checklistFromText(mutate(text, mutations), name)),
			),
			{numRuns: 300},
		);
	});

	it('random and mutated data objects', () => {
		const base = JSON.parse(checklistTexts[0]![1]) as unknown;
		fc.assert(
			fc.property(
				fc.oneof(
					fc.anything({maxDepth: 4}),
					fc.array(mutation, {minLength: 1, maxLength: 3}).map((m) => {
						try {
							return JSON.parse(mutate(JSON.stringify(base), m)) as unknown;
						} catch {
							return base;
						}
					}),
				),
				(data) => onlyPreflightErrors(() => checklistFromData(data, 'data.json')),
			),
			{numRuns: 200},
		);
	});
});

describe('parseDatabase never throws anything but a PreflightError', () => {
	it('random text', () => {
		fc.assert(
			fc.property(randomText, (text) => onlyPreflightErrors(() => parseDatabase(text, 'db.json'))),
			{numRuns: 300},
		);
	});

	it('mutated real databases; whatever it accepts saves and reads back the same', () => {
		// The same but for what the file does not hold: the order of audit entries
		// of one time (by item once written) and updatedAt (derived from them).
		const unordered = (data: Database) =>
			data.reviews.map((r) => ({
				...r,
				updatedAt: '',
				audit: r.audit.map((e) => JSON.stringify(sortKeys(e))).sort(),
			}));
		fc.assert(
			fc.property(
				fc.constantFrom(v1, v2, v3, v4),
				fc.array(mutation, {minLength: 1, maxLength: 4}),
				(text, mutations) =>
					onlyPreflightErrors(() => {
						const {data} = parseDatabase(mutate(text, mutations), 'db.json');
						const saved = serializeDatabase(data);
						const back = parseDatabase(saved, 'db.json').data;
						expect(unordered(back)).toEqual(unordered(data));
						expect(serializeDatabase(back)).toBe(saved);
					}),
			),
			{numRuns: 300},
		);
	});

	it('objects with a schemaVersion and random content', () => {
		fc.assert(
			fc.property(
				fc.integer({min: -2, max: 100}),
				fc.anything({maxDepth: 4}),
				(schemaVersion, reviews) =>
					onlyPreflightErrors(() =>
						parseDatabase(JSON.stringify({schemaVersion, reviews}), 'db.json'),
					),
			),
			{numRuns: 200},
		);
	});
});
