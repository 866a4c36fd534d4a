import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, test, vi} from 'vitest';
import {
	ChecklistError,
	checklistFromText,
	defaultChecklistPath,
	loadChecklist,
	loadChecklistAsync,
	loadMarkdownSupport,
	type ChecklistFormat,
} from '../../source/checklist/load.js';

beforeAll(async () => {
	await loadMarkdownSupport();
});

const fixture = (name: string) => join('test', 'fixtures', 'checklists', name);

async function problems(name: string, format?: ChecklistFormat): Promise<string[]> {
	try {
		await loadChecklistAsync(fixture(name), format);
	} catch (error) {
		if (error instanceof ChecklistError) return error.lines();
		throw error;
	}
	throw new Error(`${name} loaded without problems`);
}

const ids = (c: {sections: {items: {id: string}[]}[]}) =>
	c.sections.flatMap((s) => s.items.map((i) => i.id));

describe('the bundled checklist', () => {
	test('loads with 5 sections, 26 items and P90D on the quarterly items', () => {
		const {checklist, digest} = loadChecklist(defaultChecklistPath());
		expect(checklist.sections).toHaveLength(5);
		expect(ids(checklist)).toHaveLength(26);
		const every = Object.fromEntries(
			checklist.sections.flatMap((s) => s.items.map((i) => [i.id, i.reviewEvery])),
		);
		expect(every['security.secrets']).toBe('P90D');
		expect(every['deployment.disaster-recovery']).toBe('P90D');
		expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
	});
});

describe('preflight format', () => {
	test('JSON and YAML give the same checklist', async () => {
		const json = loadChecklist(fixture('good.json'));
		const yaml = await loadChecklistAsync(fixture('good.yaml'));
		const {guidance: _g, ...runbook} = yaml.checklist.sections[0]!.items[1]!;
		expect(runbook).toEqual({...json.checklist.sections[0]!.items[1], guidance: undefined});
		expect(ids(yaml.checklist)).toEqual(['ops.oncall', 'ops.runbook']);
		expect(yaml.checklist.sections[0]!.items[0]!.reviewEvery).toBe('P30D');
	});

	test('a JSON file lists every problem by path, line and column', async () => {
		expect(await problems('broken.json')).toEqual([
			'colour (line 5, column 2): unknown field "colour"',
			'sections[0].items[0].reviewEvery (line 11, column 52): must be an ISO 8601 duration such as P90D',
			'sections[0].items[1].id (line 12, column 12): duplicate item id "a.one"',
			'sections[1].items (line 15, column 46): a section needs at least one item',
		]);
	});

	test('JSON syntax errors name line and column', async () => {
		expect(await problems('syntax-error.json')).toEqual([
			'line 5, column 1: not valid JSON (Unexpected end of JSON input)',
		]);
	});

	test('a YAML file lists every problem by line and column', async () => {
		expect(await problems('broken.yaml')).toEqual([
			'line 10, column 22 (sections[0].items[0].reviewEvery): must be an ISO 8601 duration such as P90D',
			'line 11, column 9 (sections[0].items[0].owner): unknown field "owner"',
			'line 12, column 13 (sections[0].items[1].id): duplicate item id "a.one"',
			'line 16, column 12 (sections[1].items): a section needs at least one item',
		]);
	});

	test('YAML syntax errors name line and column', async () => {
		const lines = await problems('syntax-error.yaml');
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line).toMatch(/^line 6, column 3: not valid YAML: /);
	});

	test('a missing field is placed at its parent', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-checklist-'));
		const file = join(dir, 'missing.yaml');
		writeFileSync(
			file,
			'id: x\ntitle: X\nversion: "1"\nsections:\n  - id: a\n    items:\n      - id: a.b\n        title: B\n',
		);
		await expect(loadChecklistAsync(file)).rejects.toMatchObject({
			problems: [{where: 'line 5, column 5 (sections[0].title)', message: 'missing field "title"'}],
		});
	});

	test('sync loading refuses YAML until YAML support is loaded, with a clear message', async () => {
		vi.resetModules();
		const fresh = await import('../../source/checklist/load.js');
		expect(() => fresh.checklistFromText('id: x\n', 'x.yaml')).toThrow(/loadChecklistAsync/);
		await fresh.loadYamlSupport();
		expect(() => fresh.checklistFromText('id: x\n', 'x.yaml')).toThrow(/missing field "title"/);
	});

	test('--checklist-format overrides the extension', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-checklist-'));
		const file = join(dir, 'checklist.txt');
		writeFileSync(file, '# T\n\n## S\n\n- [ ] Item\n');
		expect(loadChecklist(file, 'markdown').checklist.title).toBe('T');
		expect(() => loadChecklist(file, 'json')).toThrow(ChecklistError);
		const yamlFile = join(dir, 'data.conf');
		writeFileSync(
			yamlFile,
			'id: y\ntitle: Y\nversion: "1"\nsections:\n  - {id: s, title: S, items: [{id: s.a, title: A}]}\n',
		);
		expect((await loadChecklistAsync(yamlFile, 'yaml')).checklist.id).toBe('y');
		expect((await loadChecklistAsync(yamlFile)).checklist.id).toBe('y');
	});
});

describe('Markdown', () => {
	test('headings, task items, attributes and indented guidance', () => {
		const {checklist} = loadChecklist(fixture('good.md'));
		expect(checklist.id).toBe('payments-launch');
		expect(checklist.title).toBe('Payments launch');
		expect(checklist.version).toBe('2.1.0');
		expect(checklist.sections.map((s) => [s.id, s.title])).toEqual([
			['operations', 'Operations'],
			['security', 'Security'],
		]);
		expect(checklist.sections[0]!.description).toBe('Things the on-call team needs.');
		expect(ids(checklist)).toEqual([
			'operations.on-call-rota-staffed',
			'ops.runbook',
			'ops.dashboards',
			'security.secrets-vault',
			'security.access-reviewed',
		]);
		const [oncall, runbook] = checklist.sections[0]!.items;
		expect(oncall).toMatchObject({
			title: 'On-call rota staffed',
			guidance: 'Each week has a primary and a secondary.\n\nRota lives in the paging tool.',
			reviewEvery: 'P30D',
			level: 'required',
		});
		expect(runbook).toMatchObject({level: 'recommended', evidenceRequired: false, guidance: ''});
		expect(checklist.sections[1]!.items[1]!.guidance).toBe('```\nreview-access --all\n```');
	});

	test('plain bullets and numbered lists are items when no task boxes are used', () => {
		const {checklist} = loadChecklist(fixture('plain.md'));
		expect(ids(checklist)).toEqual([
			'build.reproducible-build',
			'build.signed-artefacts',
			'docs.changelog-updated',
			'docs.upgrade-notes-written',
		]);
		expect(checklist.sections[0]!.items[1]!.guidance).toBe('Sign with the release key.');
		expect(checklist.version).toMatch(/^content-[0-9a-f]{12}$/);
	});

	test('derived ids are stable and unique', () => {
		const text = '# T\n\n## Sec\n\n- [ ] Same\n- [ ] Same\n';
		const a = checklistFromText(text, 'a.md');
		const b = checklistFromText(text, 'b.md');
		expect(ids(a.checklist)).toEqual(['sec.same', 'sec.same-2']);
		expect(a.digest).toBe(b.digest);
	});

	test('a Markdown file lists every problem by line and column', async () => {
		expect(await problems('broken.md')).toEqual([
			'line 1, column 1: item outside any section: put a heading (## Section) above it',
			'line 8, column 15: duplicate item id "alpha.one"',
			'line 9, column 14: must be an ISO 8601 duration such as P90D',
			'line 9, column 31: unknown field "owner"',
			'line 11, column 4: empty section "Empty": a section needs at least one item',
		]);
	});

	test('items directly under the title form one section when there are no others', () => {
		const {checklist} = checklistFromText('# Quick\n\n- [ ] One\n- [ ] Two\n', 'q.md');
		expect(checklist.sections).toHaveLength(1);
		expect(ids(checklist)).toEqual(['quick.one', 'quick.two']);
	});

	test('fenced code, comments and front matter are not items; setext headings are', () => {
		const text = [
			'---',
			'owner: me',
			'---',
			'Title',
			'=====',
			'',
			'Part',
			'----',
			'<!--',
			'- [ ] hidden',
			'-->',
			'```',
			'- [ ] also hidden',
			'```',
			'- [ ] Visible',
		].join('\n');
		const {checklist} = checklistFromText(text, 'x.md');
		expect(checklist.title).toBe('Title');
		expect(checklist.sections.map((s) => s.title)).toEqual(['Part']);
		expect(ids(checklist)).toEqual(['part.visible']);
	});
});

describe('AWS Well-Architected custom lens', () => {
	test('pillars become sections, questions items, choices and resources guidance', async () => {
		const {checklist} = await loadChecklistAsync(fixture('lens.json'));
		expect(checklist.title).toBe('Data platform lens');
		expect(checklist.sections.map((s) => s.title)).toEqual(['Reliability', 'Security']);
		expect(ids(checklist)).toEqual(['reliability.backups', 'security.iam']);
		const guidance = checklist.sections[0]!.items[0]!.guidance;
		expect(guidance).toContain('Backups are taken and restored regularly.');
		expect(guidance).toContain('- Automated backups — Automate it');
		expect(guidance).toContain('- Restores tested');
		expect(guidance).toContain('Backup guide (https://example.com/backup)');
	});

	test('problems name the path in the lens file with line and column', async () => {
		expect(await problems('broken-lens.json')).toEqual([
			'pillars[0].questions[0].title (line 5, column 53): missing field "title"',
			'pillars[1].questions (line 6, column 49): a section needs at least one item',
		]);
	});

	test('forcing aws-lens on an ordinary checklist reports the missing lens fields', async () => {
		const lines = await problems('good.json', 'aws-lens');
		expect(lines).toContain('schemaVersion (line 1, column 1): missing field "schemaVersion"');
	});
});

describe('Azure review checklist', () => {
	test('categories become sections, ids derived from titles, High severity required', async () => {
		const {checklist} = await loadChecklistAsync(fixture('azure.json'));
		expect(checklist.title).toBe('Web app review');
		expect(checklist.version).toMatch(/^2024-05-01\+content-[0-9a-f]{12}$/);
		expect(checklist.sections.map((s) => [s.id, s.title])).toEqual([
			['networking', 'Networking'],
			['identity', 'Identity'],
		]);
		const items = checklist.sections.flatMap((s) => s.items);
		expect(items.map((i) => [i.id, i.level])).toEqual([
			['networking.use-web-application-firewall', 'required'],
			['networking.restrict-outbound-traffic', 'recommended'],
			['identity.use-managed-identities', 'recommended'],
		]);
		expect(items[0]!.guidance).toContain('https://example.com/waf');
		expect(items[1]!.guidance).toContain('Route egress through a firewall.');
	});

	test('problems name the path in the Azure file', async () => {
		// A repeated guid is not a problem: guids are not ids (see docs/checklist-formats.md).
		expect(await problems('broken-azure.json')).toEqual([
			'items[2].text (line 5, column 3): missing field "text"',
		]);
	});
});
