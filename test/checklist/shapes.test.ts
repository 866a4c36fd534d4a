// The shapes read by content (source/checklist/shapes.ts and its readers):
// which shape a file is taken for, what each gives, and the one line when
// none fits. Files that must load are in test/fixtures/corpus; the ones that
// must fail are here.
import {beforeAll, describe, expect, test, vi} from 'vitest';
import {levelOfRisks, reachableRisks} from '../../source/checklist/aws-lens.js';
import {azureGrouping} from '../../source/checklist/azure.js';
import {
	ChecklistError,
	checklistFromText,
	defaultChecklistPath,
	loadShapeSupport,
	loadYamlSupport,
	mayNeedShapes,
	type ChecklistFormat,
	type LoadedChecklist,
} from '../../source/checklist/load.js';

beforeAll(async () => {
	await loadYamlSupport();
	await loadShapeSupport();
});

const load = (text: string, path = 'c.yaml', format?: ChecklistFormat): LoadedChecklist =>
	checklistFromText(text, path, format);
const json = (data: unknown, path = 'c.json', format?: ChecklistFormat) =>
	load(JSON.stringify(data, null, 2), path, format);

function problems(run: () => unknown): string[] {
	try {
		run();
	} catch (error) {
		if (error instanceof ChecklistError) return error.lines();
		throw error;
	}
	throw new Error('loaded without problems');
}

const ids = (c: LoadedChecklist) => c.checklist.sections.flatMap((s) => s.items.map((i) => i.id));
const levels = (c: LoadedChecklist) =>
	Object.fromEntries(c.checklist.sections.flatMap((s) => s.items.map((i) => [i.id, i.level])));
const sectionTitles = (c: LoadedChecklist) => c.checklist.sections.map((s) => s.title);

const tried =
	'format not recognised: tried preflight JSON, YAML, Markdown, AWS lens, Azure and item lists — closest:';

describe('format not recognised', () => {
	test("another tool's scorecard is refused in one line naming the closest shape and its problem", () => {
		const scorecard = {
			date: '2025-01-07',
			repo: {name: 'github.com/example/service', commit: 'abc123'},
			scorecard: {version: 'v5.0.0'},
			score: 6.4,
			checks: [
				{name: 'Binary-Artifacts', score: 10, reason: 'no binaries found', details: null},
				{name: 'Branch-Protection', score: 3, reason: 'not enforced', details: ['main']},
			],
		};
		expect(problems(() => json(scorecard))).toEqual([
			`${tried} item list (checks[0] carries a result ("score"): a report of another tool, not a checklist)`,
		]);
	});

	test('a list of check results (pass/fail) is a report too', () => {
		const results = [
			{rule: 'tls', title: 'TLS enabled', result: 'pass'},
			{rule: 'waf', title: 'WAF enabled', result: 'fail'},
		];
		expect(problems(() => json(results))[0]).toBe(
			`${tried} item list ([0] carries a result ("result"): a report of another tool, not a checklist)`,
		);
	});

	test('data with nothing of any shape names what it is', () => {
		expect(problems(() => load('just a sentence\n'))).toEqual([
			`${tried} preflight YAML (the top level is a string)`,
		]);
		expect(problems(() => json({name: 'x', dependencies: {a: '1'}}))).toEqual([
			`${tried} preflight JSON (missing field "sections")`,
		]);
		expect(problems(() => json([1, 2]))[0]).toBe(
			`${tried} item list ([0] is a number, not an item)`,
		);
		expect(problems(() => json({schemaVersion: '2021-11-01', pillars: 3}))[0]).toBe(
			`${tried} AWS lens (missing field "pillars")`,
		);
		expect(problems(() => load('name: Ops\non: [push]\njobs:\n  build: {}\n'))[0]).toBe(
			`${tried} preflight YAML (missing field "sections")`,
		);
	});

	test('the whole error is one line: checklist PATH: format not recognised …', () => {
		try {
			json({score: 1, checks: [{name: 'x', passed: true}]}, 'scorecard.json');
		} catch (error) {
			expect((error as Error).message).toMatch(
				/^checklist scorecard\.json: format not recognised: tried .* — closest: item list \(checks\[0\] carries a result \("passed"\)/,
			);
			expect((error as Error).message).not.toContain('\n');
			return;
		}
		throw new Error('loaded');
	});
});

describe("preflight's own format keeps its detailed problems", () => {
	test('with sections, every problem by field, line and column', () => {
		const text = 'title: T\nversion: "1"\nsections:\n  - id: a\n    title: A\n    items: []\n';
		expect(problems(() => load(text))).toEqual([
			'line 1, column 1 (id): missing field "id"',
			'line 6, column 12 (sections[0].items): a section needs at least one item',
		]);
	});

	test('holding only its own fields, or its id and version, it is still read as preflight format', () => {
		expect(problems(() => load('id: x\ntitle: X\n'))).toEqual([
			'line 1, column 1 (version): missing field "version"',
			'line 1, column 1 (sections): missing field "sections"',
		]);
		expect(problems(() => json({id: 'x', version: '1', owner: 'me'}))).toEqual([
			'title (line 1, column 1): missing field "title"',
			'sections (line 1, column 1): missing field "sections"',
			'owner (line 4, column 3): unknown field "owner"',
		]);
	});
});

describe('item lists', () => {
	test('a list of categories with items, strings or objects, under common field names', () => {
		const c = load(
			[
				'- name: Security',
				'  checks:',
				'    - TLS everywhere',
				'    - title: Secrets in a vault',
				'      details: No secrets in env files.',
				'- section: Ops',
				'  tasks:',
				'    - task: On-call rota',
				'      priority: low',
			].join('\n'),
		);
		expect(sectionTitles(c)).toEqual(['Security', 'Ops']);
		expect(ids(c)).toEqual([
			'security.tls-everywhere',
			'security.secrets-vault',
			'ops.on-call-rota',
		]);
		expect(c.checklist.sections[0]!.items[1]!.guidance).toBe('No secrets in env files.');
		expect(levels(c)['ops.on-call-rota']).toBe('recommended');
		expect(c.checklist.title).toBe('c');
		expect(c.checklist.version).toMatch(/^content-[0-9a-f]{12}$/);
	});

	test('a flat list groups by the category each item names, in order of first appearance', () => {
		const c = json([
			{title: 'A', group: 'Two'},
			{title: 'B', group: 'One'},
			{title: 'C', group: 'Two'},
			{title: 'D'},
		]);
		expect(sectionTitles(c)).toEqual(['Two', 'One', 'Other']);
		expect(ids(c)).toEqual(['two.a', 'two.c', 'one.b', 'other.d']);
		const single = json({title: 'Launch', items: [{name: 'One'}, {name: 'Two'}]});
		expect(sectionTitles(single)).toEqual(['Launch']);
		expect(ids(single)).toEqual(['launch.one', 'launch.two']);
	});

	test('an id is kept when it can be typed and no other item has it; else the derived rule', () => {
		const c = json([
			{id: 'SEC-1', category: 'S', title: 'First'},
			{id: 'dup', category: 'S', title: 'Second'},
			{id: 'dup', category: 'S', title: 'Third'},
			{id: 'has space', category: 'S', title: 'Fourth'},
			{id: 's.fifth', category: 'S', title: 'Fifth'},
			{category: 'S', title: 'Fifth'},
		]);
		expect(ids(c)).toEqual(['SEC-1', 's.second', 's.third', 's.fourth', 's.fifth', 's.fifth-2']);
	});

	test('levels from level, priority, severity and required/optional switches', () => {
		const c = json([
			{title: 'a', priority: 'P1'},
			{title: 'b', severity: 'Medium'},
			{title: 'c', required: false},
			{title: 'd', optional: true},
			{title: 'e', mandatory: true, priority: 'low'},
			{title: 'f', importance: 'nice to have'},
			{title: 'g', level: 'recommended'},
			{title: 'h', priority: 'whenever'},
			{title: 'i'},
		]);
		expect(Object.values(levels(c))).toEqual([
			'required',
			'recommended',
			'recommended',
			'recommended',
			'required',
			'recommended',
			'recommended',
			'required',
			'required',
		]);
		// a word preflight does not know is kept in the guidance, and the item blocks
		expect(c.checklist.sections[0]!.items[7]!.guidance).toBe('Priority: whenever');
	});

	test('other fields become guidance lines; ticked state and answers are not read', () => {
		const c = json([
			{
				title: 'Backups tested',
				description: 'Restore a copy.',
				links: ['https://a.example', {title: 'Guide', url: 'https://b.example'}],
				owner: 'Site reliability',
				tags: ['ops', 'quarterly'],
				done: true,
				status: 'done',
				reviewEvery: 'P90D',
				evidenceRequired: false,
			},
		]);
		expect(c.checklist.sections[0]!.items[0]).toEqual({
			id: 'c.backups-tested',
			title: 'Backups tested',
			guidance:
				'Restore a copy.\n\nLink: https://a.example\nLink: Guide (https://b.example)\nOwner: Site reliability\nTags: ops, quarterly',
			level: 'required',
			evidenceRequired: false,
			reviewEvery: 'P90D',
		});
	});

	test('one key per category, beside a title and a version', () => {
		const c = load(
			'title: Release\nversion: 2\nBefore:\n  - Bump version\nAfter:\n  - Announce it\n',
		);
		expect(c.checklist).toMatchObject({title: 'Release', id: 'release'});
		expect(c.checklist.version).toMatch(/^2\+content-[0-9a-f]{12}$/);
		expect(sectionTitles(c)).toEqual(['Before', 'After']);
		expect(ids(c)).toEqual(['before.bump-version', 'after.announce']);
	});

	test('problems inside a recognised list name the field, line and column', () => {
		const text = [
			'- category: Ops',
			'  items:',
			'    - title: Runbook',
			'      reviewEvery: monthly',
			'    - 42',
			'- items:',
			'    - Orphan',
		].join('\n');
		expect(problems(() => load(text))).toEqual([
			'line 5, column 7 ([0].items[1]): an item needs a title (title, name, text…)',
			'line 6, column 3 ([1]): a category needs a name (category, section, name, title…)',
		]);
		expect(problems(() => load(text.split('\n').slice(0, 4).join('\n')))).toEqual([
			'line 4, column 20 ([0].items[0].reviewEvery): must be an ISO 8601 duration such as P90D',
		]);
	});
});

describe('Azure', () => {
	const item = (extra: Record<string, string>, n: number) => ({
		text: `Recommendation ${n}`,
		guid: `00000000-0000-4000-8000-00000000000${n}`,
		severity: 'High',
		...extra,
	});

	test('grouped by the first field every item names: category, else waf, subcategory, service', () => {
		expect(azureGrouping([{text: 'a', category: 'X', waf: 'S'}])).toBe('category');
		expect(
			azureGrouping([
				{text: 'a', waf: 'S'},
				{text: 'b', waf: 'R', category: 'X'},
			]),
		).toBe('waf');
		expect(azureGrouping([{text: 'a', subcategory: 'S'}])).toBe('subcategory');
		expect(azureGrouping([{text: 'a', service: 'AKS'}])).toBe('service');
		// no field on every item: the one most items name
		expect(
			azureGrouping([
				{text: 'a', category: 'X'},
				{text: 'b', category: 'Y'},
				{text: 'c', waf: 'S'},
			]),
		).toBe('category');
		expect(azureGrouping([{text: 'a'}])).toBeUndefined();
	});

	test('a WAF checklist without categories loads, one section per pillar', () => {
		const c = json({
			items: [
				item({waf: 'Security', service: 'ACR'}, 1),
				item({waf: 'Reliability', service: 'ACR'}, 2),
				item({waf: 'Security', service: 'Key Vault'}, 3),
			],
			metadata: {name: 'WAF checklist', timestamp: 'April 16, 2025'},
		});
		expect(sectionTitles(c)).toEqual(['Security', 'Reliability']);
		expect(ids(c)).toEqual([
			'security.recommendation-1',
			'security.recommendation-3',
			'reliability.recommendation-2',
		]);
		expect(c.checklist.sections[0]!.items[0]!.guidance).toBe('Service: ACR');
		expect(c.checklist.version).toMatch(/^April 16, 2025\+content-/);
	});

	test('items without the grouping field go to Other; with no grouping field, one section', () => {
		const c = json({
			items: [item({category: 'Net'}, 1), item({category: 'Net'}, 2), item({}, 3)],
			metadata: {name: 'Mixed'},
		});
		expect(sectionTitles(c)).toEqual(['Net', 'Other']);
		const flat = json({items: [item({}, 1), item({}, 2)], metadata: {name: 'Flat'}});
		expect(sectionTitles(flat)).toEqual(['Flat']);
	});

	test('its id (A01.01) when given once, else derived; guids are never ids', () => {
		const c = json({
			items: [
				item({category: 'Net', id: 'A01.01'}, 1),
				item({category: 'Net', id: 'A01.02'}, 2),
				item({category: 'Net', id: 'A01.02'}, 3),
				item({category: 'Net'}, 4),
			],
		});
		expect(ids(c)).toEqual([
			'A01.01',
			'net.recommendation-2',
			'net.recommendation-3',
			'net.recommendation-4',
		]);
	});
});

describe('AWS lens risk rules', () => {
	const rule = (condition: string, risk: 'HIGH_RISK' | 'MEDIUM_RISK' | 'NO_RISK') => ({
		condition,
		risk,
	});

	test('required when an answer can leave a high risk (or no rules say), else recommended', () => {
		expect(levelOfRisks([rule('a && b', 'NO_RISK'), rule('default', 'HIGH_RISK')])).toBe(
			'required',
		);
		expect(levelOfRisks([rule('a', 'HIGH_RISK'), rule('b', 'NO_RISK')])).toBe('required');
		expect(levelOfRisks([rule('a', 'NO_RISK'), rule('default', 'MEDIUM_RISK')])).toBe(
			'recommended',
		);
		expect(levelOfRisks([rule('default', 'NO_RISK')])).toBe('recommended');
		expect(levelOfRisks([])).toBe('required');
		expect(levelOfRisks(undefined)).toBe('required');
	});

	test('rules after default never apply', () => {
		const rules = [rule('a', 'NO_RISK'), rule('default', 'MEDIUM_RISK'), rule('!a', 'HIGH_RISK')];
		expect([...reachableRisks(rules)]).toEqual(['NO_RISK', 'MEDIUM_RISK']);
		expect(levelOfRisks(rules)).toBe('recommended');
	});

	const lens = (extra: Record<string, unknown>, risk = 'NO_RISK') => ({
		schemaVersion: '2021-11-01',
		name: 'Lens',
		...extra,
		pillars: [
			{
				id: 'p',
				name: 'P',
				questions: [
					{
						id: 'q',
						title: 'Q?',
						choices: [{id: 'c', title: 'C'}],
						riskRules: [{condition: 'default', risk}],
					},
				],
			},
		],
	});

	test('a lens whose rules are all NO_RISK blocks nothing', () => {
		expect(levels(json(lens({})))).toEqual({'p.q': 'recommended'});
	});

	test("the lens's own version: _version, else version, with a hash of the file; else the hash", () => {
		expect(json(lens({_version: '1.2', version: '9'})).checklist.version).toMatch(
			/^1\.2\+content-[0-9a-f]{12}$/,
		);
		expect(json(lens({version: 3})).checklist.version).toMatch(/^3\+content-/);
		expect(json(lens({})).checklist.version).toMatch(/^content-/);
	});

	test('a risk AWS does not know is a problem at its place', () => {
		expect(problems(() => json(lens({}, 'LOW_RISK')))).toEqual([
			'pillars[0].questions[0].riskRules[0].risk (line 21, column 23): risk must be HIGH_RISK, MEDIUM_RISK or NO_RISK',
		]);
	});
});

describe('loading', () => {
	test('the readers of other shapes load only when a file may need them', () => {
		expect(mayNeedShapes(defaultChecklistPath())).toBe(false);
		expect(mayNeedShapes('x.md')).toBe(false);
		expect(mayNeedShapes('x.json', 'markdown')).toBe(false);
		expect(mayNeedShapes('x.json')).toBe(true);
		expect(mayNeedShapes('x.yaml', 'yaml')).toBe(true);
		expect(mayNeedShapes(defaultChecklistPath(), 'azure')).toBe(true);
	});

	test('sync loading refuses another shape until its readers are loaded, and reads its own format', async () => {
		vi.resetModules();
		const fresh = await import('../../source/checklist/load.js');
		expect(() => fresh.checklistFromText('[{"title": "a"}]', 'x.json')).toThrow(
			/other checklist shapes is not loaded \(the caller must use loadChecklistAsync\)/,
		);
		expect(
			fresh.checklistFromText(
				'{"id":"x","title":"X","version":"1","sections":[{"id":"s","title":"S","items":[{"id":"s.a","title":"A"}]}]}',
				'x.json',
			).checklist.id,
		).toBe('x');
		await fresh.loadShapeSupport();
		expect(fresh.checklistFromText('[{"title": "a"}]', 'x.json').checklist.id).toBe('x');
	});

	test('--checklist-format json or yaml names the syntax; the shape is still read from the content', () => {
		expect(json([{title: 'a'}], 'list.txt', 'json').checklist.sections).toHaveLength(1);
		expect(load('- title: a\n', 'list.conf', 'yaml').checklist.sections).toHaveLength(1);
	});
});
