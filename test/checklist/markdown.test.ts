// The Markdown reader's rules, one at a time (docs/checklist-formats.md#markdown).
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, test, vi} from 'vitest';
import {
	ChecklistError,
	checklistFromText,
	loadChecklist,
	loadChecklistAsync,
	loadMarkdownSupport,
} from '../../source/checklist/load.js';
import {derivedItemId, derivedSectionId} from '../../source/checklist/ids.js';
import type {Checklist} from '../../source/model/schemas.js';
import {cliPath, ensureBuilt} from '../commands/cli.js';

beforeAll(async () => {
	await loadMarkdownSupport();
});

const read = (...lines: string[]): Checklist =>
	checklistFromText(lines.join('\n'), 'c.md').checklist;

function problems(...lines: string[]): string[] {
	try {
		checklistFromText(lines.join('\n'), 'c.md');
	} catch (error) {
		if (error instanceof ChecklistError) return error.lines();
		throw error;
	}
	throw new Error('read without problems');
}

const items = (c: Checklist) => c.sections.flatMap((s) => s.items);
const titles = (c: Checklist) => items(c).map((i) => i.title);
const sectionTitles = (c: Checklist) => c.sections.map((s) => s.title);

describe('the examples in docs/checklist-formats.md', () => {
	const page = readFileSync(join('docs', 'checklist-formats.md'), 'utf8');
	const part = page.slice(page.indexOf('## Markdown\n'), page.indexOf('\n## AWS'));
	const examples = [...part.matchAll(/```markdown\n([\s\S]*?)```/g)].map((m) => m[1]!);
	const summary = (c: Checklist) =>
		c.sections.map((s) => [
			s.id,
			items({...c, sections: [s]}).map((i) => [i.id, i.title, i.guidance]),
		]);

	test('there are three: the usual shape, nested boxes and tables', () => {
		expect(examples).toHaveLength(3);
	});

	test('the usual shape', () => {
		const c = read(examples[0]!);
		expect([c.id, c.title, c.version]).toEqual(['payments-launch', 'Payments launch', '2.1.0']);
		expect(c.sections[0]!.description).toBe("Shown as the section's description.");
		expect(summary(c)).toEqual([
			[
				'operations',
				[
					[
						'operations.on-call-rota-staffed',
						'On-call rota staffed',
						'The text after the attributes is guidance.\n\nSo are the paragraphs, lists and code blocks under the item.',
					],
					['ops.runbook', 'Runbook written', ''],
					['ops.dashboards', 'Dashboards exist', ''],
				],
			],
			[
				'security',
				[
					['security.secrets-vault', 'Secrets in a vault', ''],
					['security.access-reviewed', 'Access reviewed', ''],
				],
			],
		]);
	});

	test('nested task boxes, as the page describes them', () => {
		expect(summary(read('# Doc', examples[1]!))).toEqual([
			[
				'logging',
				[
					[
						'logging.logs-shipped-archive',
						'Logs are shipped to the archive',
						"- a plain note, part of the parent's guidance",
					],
					[
						'logging.retention-30-days',
						'Retention is 30 days',
						'Part of: Logs are shipped to the archive',
					],
					['logging.buckets-private', 'Buckets are private', 'Part of: Storage'],
				],
			],
		]);
	});

	test('tables, as the page describes them', () => {
		const c = read('# Doc', examples[2]!);
		expect(summary(c)).toEqual([
			[
				'identity-access',
				[
					[
						'identity-access.root-account-hardware-mfa',
						'Root account has hardware MFA',
						'Owner: Security',
					],
					[
						'identity-access.break-glass-accounts-tested',
						'Break-glass accounts are tested',
						'Owner: Security',
					],
					['identity-access.default-vpcs-deleted', 'Default VPCs deleted', '#: 1'],
				],
			],
		]);
		expect(items(c)[1]!.level).toBe('recommended');
	});

	test('the derived id example', () => {
		expect(part).toContain('`operations.on-call-rota-staffed`');
		expect(items(read('# T', '## Operations', '- [ ] On-call rota staffed'))[0]!.id).toBe(
			'operations.on-call-rota-staffed',
		);
	});
});

describe('loading', () => {
	test('the sync reader refuses Markdown until its parser is loaded; the async loader loads it', async () => {
		vi.resetModules();
		const fresh = await import('../../source/checklist/load.js');
		const text = '# T\n\n## S\n\n- [ ] One\n';
		// A fresh module graph: its PreflightError is another class than this file's.
		expect(() => fresh.checklistFromText(text, 'x.md')).toThrow(
			expect.objectContaining({
				name: 'PreflightError',
				message: expect.stringMatching(/Markdown support is not loaded .*loadChecklistAsync/),
			}),
		);
		const dir = mkdtempSync(join(tmpdir(), 'preflight-md-'));
		const file = join(dir, 'list.md');
		writeFileSync(file, text);
		expect((await fresh.loadChecklistAsync(file)).checklist.title).toBe('T');
		// Loaded once, the sync loader reads Markdown too.
		expect(fresh.loadChecklist(file).checklist.sections[0]!.items[0]!.title).toBe('One');
	});

	test('a file with another extension is read as Markdown when its content says so', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-md-'));
		const file = join(dir, 'CHECKLIST');
		writeFileSync(file, '# Launch\n\n## Ops\n\n- [ ] Pager set\n');
		expect(titles((await loadChecklistAsync(file)).checklist)).toEqual(['Pager set']);
		expect(titles(loadChecklist(file, 'markdown').checklist)).toEqual(['Pager set']);
	});
});

describe('what is an item', () => {
	test('when any task box exists, only boxed list items are items; plain bullets are text', () => {
		const c = read(
			'# T',
			'## Ops',
			'Before you start:',
			'- read the runbook',
			'- [ ] Pager set',
			'  - a plain note under it',
			'- plain bullet between',
			'1. [x] Rota staffed',
		);
		expect(titles(c)).toEqual(['Pager set', 'Rota staffed']);
		expect(c.sections[0]!.items[0]!.guidance).toBe('- a plain note under it');
	});

	test('without task boxes, bullets and numbered items are items; nested bullets are guidance', () => {
		const c = read(
			'# T',
			'## Ops',
			'* Pager set',
			'  - primary',
			'  - secondary',
			'2) Rota staffed',
		);
		expect(titles(c)).toEqual(['Pager set', 'Rota staffed']);
		expect(c.sections[0]!.items[0]!.guidance).toBe('- primary\n- secondary');
	});

	test('boxes in code blocks, quotes and comments are not items', () => {
		const c = read(
			'# T',
			'## S',
			'```',
			'- [ ] in a fence',
			'```',
			'    - [ ] indented code',
			'> - [ ] quoted',
			'<!--',
			'- [ ] commented out',
			'-->',
			'- [ ] Real',
		);
		expect(titles(c)).toEqual(['Real']);
	});

	test('front matter is skipped, line numbers stay those of the file', () => {
		expect(
			problems('---', 'title: x', '- [ ] not an item', '---', '# T', '## S', '- [ ] A {bad=1}'),
		).toEqual(['line 7, column 10: unknown field "bad"']);
	});
});

describe('sections that hold no checks are skipped', () => {
	const readme = [
		'# Service readiness',
		'',
		'[![CI](https://ci.example.com/badge.svg)](https://ci.example.com) ![MIT](https://img.example.com/mit.svg)',
		'',
		'## Table of Contents',
		'',
		'- [Logging](#logging)',
		'  - [Retention](#retention)',
		'- [Licence](#licence)',
		'',
		'## About',
		'',
		'<p align="center"><img src="logo.png"></p>',
		'',
		'Some words about this list.',
		'',
		'## Logging',
		'',
		'- Logs are structured',
		'- Retention is set',
		'',
		'## Further reading',
		'',
		'- [SRE book](https://sre.example.com) by its authors',
		'- Release It!, second edition',
		'',
		'## Licence',
		'',
		'MIT',
	];

	test('a table of contents, badges, HTML, prose, references and a licence: only checks are read', () => {
		const c = read(...readme);
		expect(sectionTitles(c)).toEqual(['Logging']);
		expect(titles(c)).toEqual(['Logs are structured', 'Retention is set']);
	});

	test('a list whose items are only links is never items, under any heading', () => {
		const c = read(
			'# T',
			'## Links',
			'- [A](https://a.example) · [B](https://b.example)',
			'## S',
			'- X',
		);
		expect(sectionTitles(c)).toEqual(['S']);
	});

	test('a list with text beside its links is items, unless its heading names references', () => {
		expect(
			titles(read('# T', '## Tools', '- [Grafana](https://g.example) dashboards exist')),
		).toEqual(['Grafana dashboards exist']);
		expect(problems('# T', '## See also', '- [Grafana](https://g.example) dashboards')[0]).toMatch(
			/no items found/,
		);
	});

	test('emoji and punctuation around a heading do not hide that it names references', () => {
		const c = read('# T', '## 📚 Further reading:', '- The SRE book', '## S', '- X');
		expect(sectionTitles(c)).toEqual(['S']);
	});

	test('a heading with nothing under it is still an error; one with a child heading groups it', () => {
		expect(problems('# T', '## Empty', '## Group', '### S', '- [ ] A')).toEqual([
			'line 2, column 4: empty section "Empty": a section needs at least one item',
		]);
	});

	test('a plain list under the title is an introduction when sections follow; boxes there are a section named after the title', () => {
		expect(titles(read('# T', '- fast', '- simple', '## S', '- Check'))).toEqual(['Check']);
		const c = read('# OWASP Top 10', '- [ ] Injection', '# Design', '- [ ] Stateless');
		expect(c.title).toBe('OWASP Top 10');
		expect(c.sections.map((s) => [s.title, s.items.map((i) => i.title)])).toEqual([
			['OWASP Top 10', ['Injection']],
			['Design', ['Stateless']],
		]);
	});

	test('boxes above any heading are an error', () => {
		expect(problems('- [ ] early', '## S', '- [ ] Check')).toEqual([
			'line 1, column 1: item outside any section: put a heading (## Section) above it',
		]);
	});

	test('a file with nothing that reads as an item says what an item is', () => {
		expect(
			problems('# Just a README', '', 'Prose.', '', '## Links', '- [a](https://a.example)'),
		).toEqual([
			'line 1, column 3: no items found: an item is a task box (- [ ] …), a list item under a section heading, or a row of a table with a task-like column',
			'line 1, column 3: a checklist needs at least one section',
		]);
	});

	test('an HTML <h1> at the top is the title', () => {
		const c = read('<h1 align="center">Launch <em>list</em></h1>', '', '## S', '- [ ] A');
		expect(c.title).toBe('Launch list');
		expect(c.id).toBe('launch-list');
	});
});

describe('titles are plain text', () => {
	test('emphasis, code, links and HTML are their text; links go to the guidance', () => {
		const [item] = items(
			read(
				'# T',
				'## S',
				'- [ ] **Logs** are _structured_ with `request_id` per [the guide](https://g.example/log) <em>always</em> ~~never~~',
			),
		);
		expect(item!.title).toBe('Logs are structured with request_id per the guide always never');
		expect(item!.guidance).toBe('Links: the guide (https://g.example/log)');
	});

	test('reference links are resolved; a link whose text is its address is not repeated', () => {
		const [a, b] = items(
			read(
				'# T',
				'## S',
				'- [ ] See [runbook][rb]',
				'- [ ] Read <https://x.example>',
				'',
				'[rb]: https://rb.example',
			),
		);
		expect(a).toMatchObject({
			title: 'See runbook',
			guidance: 'Links: runbook (https://rb.example)',
		});
		expect(b).toMatchObject({title: 'Read https://x.example', guidance: ''});
	});

	test('a hard-wrapped item is one title', () => {
		const [item] = items(
			read('# T', '## S', '- [ ] Every service emits structured logs', '      with a request id.'),
		);
		expect(item).toMatchObject({
			title: 'Every service emits structured logs with a request id.',
			guidance: '',
		});
	});

	test('a short title with its explanation on the next lines: the explanation is guidance', () => {
		const c = read(
			'# T',
			'## S',
			'- [ ] On-call rota staffed',
			'  Each week has a primary and a secondary.',
			'- [ ] Backups run nightly.',
			'  Restores are tested every quarter.',
			'- [ ] Traffic between services and',
			'  PostgreSQL is encrypted',
			'- [ ] Every request to the model gateway carries a tenant id and a',
			'  Budget header that the gateway checks',
		);
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([
			['On-call rota staffed', 'Each week has a primary and a secondary.'],
			['Backups run nightly.', 'Restores are tested every quarter.'],
			['Traffic between services and PostgreSQL is encrypted', ''],
			[
				'Every request to the model gateway carries a tenant id and a Budget header that the gateway checks',
				'',
			],
		]);
	});

	test('attributes, an id comment or a hard break end the title; the rest of the paragraph is guidance', () => {
		const c = read(
			'# T',
			'## S',
			'- [ ] Pager set {level=recommended}',
			'  Both rotas are paged.',
			'- [ ] Rota staffed <!-- id: s.rota -->',
			'  Primary and secondary.',
			'- [ ] Backups run\\',
			'  nightly, restore-tested.',
		);
		expect(items(c).map((i) => [i.id, i.title, i.guidance])).toEqual([
			['s.pager-set', 'Pager set', 'Both rotas are paged.'],
			['s.rota', 'Rota staffed', 'Primary and secondary.'],
			['s.backups-run', 'Backups run', 'nightly, restore-tested.'],
		]);
		expect(items(c)[0]!.level).toBe('recommended');
	});

	test('a backslash ending the whole paragraph is text, not a break', () => {
		expect(titles(read('# T', '## S', '- [ ] Share mounted at C:\\'))).toEqual([
			'Share mounted at C:\\',
		]);
	});

	test('guidance is plain text too: links with their address, code kept as written', () => {
		const [item] = items(
			read(
				'# T',
				'## S',
				'- [ ] Alerts route to the pager',
				'',
				'  Use the **shared** [routing](https://r.example).',
				'',
				'  ```sh',
				'  alerts route --check',
				'  ```',
				'',
				'  > Quoted advice.',
			),
		);
		expect(item!.guidance).toBe(
			'Use the shared routing (https://r.example).\n\n```sh\nalerts route --check\n```\n\n> Quoted advice.',
		);
	});

	test('headings are plain text and keep their attributes', () => {
		const c = read(
			'# The *launch* list {#launch version=3}',
			'## `Ops` and **on-call** {#ops}',
			'- [ ] A',
		);
		expect([c.id, c.title, c.version]).toEqual(['launch', 'The launch list', '3']);
		expect(c.sections[0]).toMatchObject({id: 'ops', title: 'Ops and on-call'});
	});

	test('the title takes reviewEvery for the whole review, checked as an item’s is', () => {
		expect(
			read('# Launch {#launch version=3 reviewEvery=P1Y}', '## Ops', '- [ ] A').reviewEvery,
		).toBe('P1Y');
		expect(read('# Launch {#launch version=3}', '## Ops', '- [ ] A').reviewEvery).toBeUndefined();
		expect(problems('# Launch {reviewEvery=yearly}', '## Ops', '- [ ] A')).toEqual([
			'line 1, column 11: must be an ISO 8601 duration such as P90D',
		]);
		expect(problems('# Launch', '## Ops {reviewEvery=P1Y}', '- [ ] A')).toEqual([
			expect.stringMatching(/unknown field "reviewEvery"/),
		]);
	});

	test('setext headings are headings', () => {
		expect(sectionTitles(read('Launch', '======', '', 'Ops', '---', '', '- [ ] A'))).toEqual([
			'Ops',
		]);
	});
});

describe('long titles', () => {
	const sentence = 'Every public endpoint sits behind the shared rate limiter.';
	const more = ` Limits are set per client and per route, ${'and reviewed with the owning team each quarter, '.repeat(4)}so that no client can starve another.`;

	test('a title over 200 characters keeps its first sentence; the rest leads the guidance', () => {
		const [item] = items(read('# T', '## S', `- [ ] ${sentence}${more}`, '', '  Details follow.'));
		expect(item!.title).toBe(sentence);
		expect(item!.guidance).toBe(`${more.trim()}\n\nDetails follow.`);
	});

	test('a long item that opens with strong text: the strong text is the title', () => {
		const [a, b] = items(
			read(
				'# T',
				'## S',
				`- [ ] **Rate limits on every endpoint** - ${sentence}${more}`,
				`- [ ] **Short lead**: ${sentence}`,
			),
		);
		expect(a).toMatchObject({
			title: 'Rate limits on every endpoint',
			guidance: `${sentence}${more}`,
		});
		// Short enough to keep whole: the lead is part of the title.
		expect(b!.title).toBe(`Short lead: ${sentence}`);
	});

	test('a full stop inside brackets does not end the first sentence', () => {
		const aside = `Titles fit search results (Google cuts them at about 480 pixels. That is some 55 characters) on every page.`;
		const [item] = items(read('# T', '## S', `- [ ] ${aside}${more}`));
		expect(item!.title).toBe(aside);
	});

	test('a sentence ends after the quote or bracket that closes on its full stop', () => {
		const quoted = `Calls stay one hop deep: “a service should not call other services to answer a request.”`;
		const [item] = items(read('# T', '## S', `- [ ] ${quoted}${more}`));
		expect(item!.title).toBe(quoted);
		expect(item!.guidance).toBe(more.trim());
	});

	test('a title of 200 characters or fewer is kept whole, sentences and all', () => {
		const short = 'Backups run. Restores are tested.';
		expect(titles(read('# T', '## S', `- [ ] ${short}`))).toEqual([short]);
	});

	test('an abbreviation does not end the first sentence', () => {
		const text = `Use a managed store, e.g. the platform vault, for every secret. ${'More words here. '.repeat(12)}`;
		expect(titles(read('# T', '## S', `- [ ] ${text}`))[0]).toBe(
			'Use a managed store, e.g. the platform vault, for every secret.',
		);
	});

	test('without a sentence end within 200 characters, the title is cut at a word and the text kept whole', () => {
		const text = `word${' word'.repeat(80)}`;
		const [item] = items(read('# T', '## S', `- [ ] ${text}`));
		expect(item!.title.length).toBeLessThanOrEqual(201);
		expect(item!.title.endsWith('word…')).toBe(true);
		expect(item!.guidance).toBe(text);
	});
});

describe('nested task boxes', () => {
	test('are items of their own, after their parent in the same section, with the parent as context', () => {
		const c = read(
			'# T',
			'## Logging',
			'- [ ] Logs are shipped',
			'',
			'  The agent runs everywhere.',
			'',
			'  - [ ] Retention is 30 days',
			'    - [ ] Deletion is audited',
			'  - a plain note',
			'- Storage',
			'  - [ ] Buckets are private',
		);
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([
			['Logs are shipped', 'The agent runs everywhere.\n\n- a plain note'],
			['Retention is 30 days', 'Part of: Logs are shipped'],
			['Deletion is audited', 'Part of: Retention is 30 days'],
			['Buckets are private', 'Part of: Storage'],
		]);
		expect(c.sections).toHaveLength(1);
	});
});

describe('tables', () => {
	test('a checkbox column: a row per item, the other columns as guidance', () => {
		const c = read(
			'# T',
			'## Security',
			'| Done | Control | Owner | Notes |',
			'| :--: | ------- | ----- | ----- |',
			'| [ ] | Secrets in a **vault** | platform | see [vault](https://v.example) |',
			'| [x] | Access reviewed {#sec.access level=recommended} | security | |',
			'|     | *Network* | | |',
			'| [ ] | TLS everywhere | | |',
		);
		expect(items(c).map((i) => [i.id, i.title, i.guidance, i.level])).toEqual([
			[
				'security.secrets-vault',
				'Secrets in a vault',
				'Owner: platform\nNotes: see vault (https://v.example)',
				'required',
			],
			['sec.access', 'Access reviewed', 'Owner: security', 'recommended'],
			['security.tls-everywhere', 'TLS everywhere', '', 'required'],
		]);
	});

	test('a task-like header beside a status column', () => {
		const c = read(
			'# T',
			'## Ops',
			'| # | Requirement | Status | Evidence |',
			'|---|-------------|--------|----------|',
			'| 1 | On-call rota staffed | ✅ | [rota](https://rota.example) |',
			'| 2 | Runbook written | ❌ | |',
		);
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([
			['On-call rota staffed', '#: 1\nEvidence: rota (https://rota.example)'],
			['Runbook written', '#: 2'],
		]);
	});

	test('task boxes at the start of a column’s cells', () => {
		const c = read('# T', '## S', '| Task | Why |', '|---|---|', '| [ ] Pager set | to be woken |');
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([['Pager set', 'Why: to be woken']]);
	});

	test('a table without a task-like column is text, and its section is skipped', () => {
		const c = read(
			'# T',
			'## Versions',
			'| Tool | Version |',
			'|---|---|',
			'| node | 20 |',
			'## S',
			'- X',
		);
		expect(sectionTitles(c)).toEqual(['S']);
	});

	test('marks as HTML entities, a details summary as the title, its body as guidance', () => {
		const c = read(
			'# T',
			'### **Storage**',
			'|  |  |',
			'| --- | --- |',
			'| &#9744; | <details><summary>Backups are encrypted</summary> <p>Use the KMS key of the <em>account</em>.</p></details> |',
			'| ☐ | <details><summary>Restores rehearsed</summary><p>Every quarter.</p></details> |',
		);
		expect(sectionTitles(c)).toEqual(['Storage']);
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([
			['Backups are encrypted', 'Use the KMS key of the account.'],
			['Restores rehearsed', 'Every quarter.'],
		]);
	});

	test('several columns of marks are facts kept in the guidance, not boxes', () => {
		const c = read(
			'# T',
			'## :wrench: Maintainability',
			'| Check name | Short Description | Level C | Level B | Level A |',
			'| :-- | :-- | :-- | :-- | :-- |',
			'| Unit test | It has unit tests. | :white_check_mark: | :white_check_mark: | :white_check_mark: |',
			'| [Gradual deploy](https://x.example/gd) | Its deploy can be gradual. |  |  | :white_check_mark: |',
		);
		expect(c.sections[0]?.title).toBe('Maintainability');
		expect(items(c).map((i) => [i.id, i.title, i.guidance])).toEqual([
			[
				'maintainability.unit-test',
				'Unit test',
				'Short Description: It has unit tests.\nLevel C: ✓\nLevel B: ✓\nLevel A: ✓',
			],
			[
				'maintainability.gradual-deploy',
				'Gradual deploy',
				'Short Description: Its deploy can be gradual.\nLevel A: ✓\n\nLinks: Gradual deploy (https://x.example/gd)',
			],
		]);
	});

	test('a task box whose text is a details summary: the summary is the title', () => {
		const c = read(
			'# T',
			'## S',
			'- [ ] <details><summary>Alerts routed</summary><p>Every alert pages <b>someone</b>.</p></details>',
		);
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([
			['Alerts routed', 'Every alert pages someone.'],
		]);
	});

	const nameTable = [
		'# Launch checklist',
		'| Name | Level |',
		'| --- | --- |',
		'| [Account removal](./docs/removal.md) | Critical 🔴 |',
		'| Cookie banner | Should have 🟡 |',
		'| Dark mode | Nice to have 🟢 |',
	];

	test('a Name column is the checklist when nothing else in the file is; a Level column sets the level', () => {
		const c = read(...nameTable);
		expect(items(c).map((i) => [i.title, i.level])).toEqual([
			['Account removal', 'required'],
			['Cookie banner', 'recommended'],
			['Dark mode', 'recommended'],
		]);
	});

	test('beside other items, a table with a Level column is a checklist too', () => {
		const c = read(...nameTable, '## Ops', '- [ ] Pager set');
		expect(titles(c)).toEqual(['Account removal', 'Cookie banner', 'Dark mode', 'Pager set']);
	});

	test('beside other items, a Name table is text', () => {
		const c = read(
			'# Launch checklist',
			'| Name | Owner |',
			'| --- | --- |',
			'| Cookie banner | Web |',
			'## Ops',
			'- [ ] Pager set',
		);
		expect(titles(c)).toEqual(['Pager set']);
	});

	test('attribute problems in a cell name its line and column', () => {
		expect(
			problems('# T', '## S', '| [ ] | Item |', '|--|--|', '| [ ] | Pager {owner=me} |'),
		).toEqual(['line 5, column 16: unknown field "owner"']);
	});
});

describe('ids', () => {
	test('derived ids follow ids.ts; explicit ids stay as written; repeats get -2', () => {
		const c = read(
			'# T',
			'## Monitoring and Observability',
			'- [ ] All services must have dashboards with the golden signals',
			'- [ ] Same title',
			'- [ ] Same title',
			'- [ ] Keep me {#keep.this-id}',
		);
		const section = derivedSectionId('Monitoring and Observability');
		expect(c.sections[0]!.id).toBe(section);
		expect(items(c).map((i) => i.id)).toEqual([
			derivedItemId(section, 'All services must have dashboards with the golden signals'),
			derivedItemId(section, 'Same title'),
			`${derivedItemId(section, 'Same title')}-2`,
			'keep.this-id',
		]);
	});

	test('a repeated title takes the next free suffix, even when another title took one', () => {
		const c = read(
			'# T',
			'## S',
			'- [ ] Same',
			'- [ ] Same',
			'- [ ] Same 2',
			'- [ ] Same',
			'- [ ] Same 2',
		);
		expect(items(c).map((i) => i.id)).toEqual([
			's.same',
			's.same-2',
			's.same-2-2',
			's.same-3',
			's.same-2-3',
		]);
	});

	test('thousands of rows with one title get ids in order', () => {
		const rows = Array.from({length: 5000}, () => '| [ ] | Same |');
		const ids = items(read('# T', '## S', '| Done | Item |', '|--|--|', ...rows)).map((i) => i.id);
		expect(new Set(ids).size).toBe(5000);
		expect(ids.slice(0, 3)).toEqual(['s.same', 's.same-2', 's.same-3']);
		expect(ids.at(-1)).toBe('s.same-5000');
	});

	test('ids on sections and items from id comments', () => {
		const c = read('# T', '## Ops <!-- id: operations -->', '- [ ] Pager <!-- id: ops.pager -->');
		expect([c.sections[0]!.id, items(c)[0]!.id]).toEqual(['operations', 'ops.pager']);
	});
});

describe('hostile and large input', () => {
	const esc = '\u001b]0;owned\u0007\u001b[31m';

	test('escape sequences never reach titles, guidance or derived ids', () => {
		const c = read(
			'# T',
			`## Ops ${esc}red`,
			`- [ ] Pager ${esc}set`,
			`  more ${esc}text {#x}`,
			'',
			`  ${esc}guidance`,
		);
		// eslint-disable-next-line no-control-regex -- looking for control characters
		const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
		const [item] = items(c);
		expect(c.sections[0]!.title).toBe('Ops red');
		expect(c.sections[0]!.id).toBe('ops-red');
		expect(item!.title).not.toMatch(control);
		expect(item!.guidance).toBe('guidance');
	});

	test('lists nested deeper than any checklist give one line, not a crash', () => {
		const deep = Array.from({length: 40}, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`);
		expect(() => read('# T', '## S', ...deep)).toThrow(
			/^checklist c\.md: nested too deeply at line \d+ \(no checklist nests lists or quotes so deep\)$/,
		);
		const quotes = `${'> '.repeat(5000)}- [ ] x`;
		expect(() => read('# T', '## S', quotes)).toThrow(/nested too deeply at line 3/);
		// As deep as the docs say still reads; one more level does not.
		expect(items(read('# T', '## S', ...deep.slice(0, 31)))).toHaveLength(31);
		expect(() => read('# T', '## S', ...deep.slice(0, 32))).toThrow(/nested too deeply at line 34/);
		expect(items(read('# T', '## S', `${'> '.repeat(62)}text`, '- [ ] A'))).toHaveLength(1);
		expect(() => read('# T', '## S', `${'> '.repeat(63)}text`, '- [ ] A')).toThrow(
			/nested too deeply/,
		);
	});

	test('pathological inline text reads', () => {
		const c = read(
			'# T',
			'## S',
			`- [ ] ${'['.repeat(20000)}x${']'.repeat(20000)}`,
			`- [ ] ${'*a '.repeat(20000)}`,
		);
		expect(items(c)).toHaveLength(2);
	});

	test('10,000 items in 100 sections read, each with its own id', () => {
		const lines = ['# Big'];
		for (let s = 0; s < 100; s++) {
			lines.push(`## Section ${s}`);
			for (let i = 0; i < 100; i++)
				lines.push(`- [ ] Check **${i}** of section ${s} [doc](https://d.example/${i})`);
		}
		const all = items(read(...lines));
		expect(all).toHaveLength(10_000);
		expect(new Set(all.map((i) => i.id)).size).toBe(10_000);
		expect(all[1]).toMatchObject({
			title: 'Check 1 of section 0 doc',
			guidance: 'Links: doc (https://d.example/1)',
		});
	});
});

describe('tables with a level column, and lists that are mainly links', () => {
	test('a Priority column makes a table a checklist; a link list beside it is not items', () => {
		const c = read(
			'# Personal security',
			'',
			'## Authentication',
			'',
			'**Security** | **Priority** | **Details and Hints**',
			'--- | --- | ---',
			'**Use a Strong Password** | Essential | If your password is too short, it can be cracked.',
			'**Do not Reuse Passwords** | Optional | Use a different password for each account.',
			'**Use a Hardware Key** | Advanced | A key cannot be phished.',
			'',
			'#### Other Awesome Security Lists',
			'- @someone/[awesome-things](https://example.org/awesome-things)',
			'- Jane Doe / [safercomputinglist.example](https://safercomputinglist.example/)',
		);
		expect(titles(c)).toEqual([
			'Use a Strong Password',
			'Do not Reuse Passwords',
			'Use a Hardware Key',
		]);
		expect(items(c).map((i) => i.level)).toEqual(['required', 'recommended', 'recommended']);
		expect(items(c)[0]?.guidance).toBe(
			'Priority: Essential\nDetails and Hints: If your password is too short, it can be cracked.',
		);
	});

	test('a Feature column is task-like and an ID column gives the ids', () => {
		const c = read(
			'# Mobile app',
			'',
			'## Storage',
			'',
			'| ID | Priority | Feature | Description | Link |',
			'| --- | --- | --- | --- | --- |',
			'| SD.1 | High | Login / Signup | All tokens are kept in the keychain/keystore | [guide](https://example.org/sd1) |',
			'| SD.2 | Low | Cache | Nothing secret is cached | |',
		);
		expect(items(c).map((i) => [i.id, i.title, i.level])).toEqual([
			['SD.1', 'Login / Signup', 'required'],
			['SD.2', 'Cache', 'recommended'],
		]);
		expect(items(c)[0]?.guidance).toContain('Description: All tokens are kept');
	});

	test('ID cells that repeat or cannot be typed are not ids', () => {
		const c = read(
			'# X',
			'## Storage',
			'| ID | Feature | Priority |',
			'| --- | --- | --- |',
			'| S 1 | Login | High |',
			'| S 2 | Cache | Low |',
		);
		expect(items(c).map((i) => i.id)).toEqual(['storage.login', 'storage.cache']);
	});

	test('a list whose items are a word and a link is still a checklist', () => {
		const c = read(
			'# X',
			'## Access',
			'- Enable [MFA](https://example.org/mfa)',
			'- Rotate [keys](https://example.org/k)',
		);
		expect(titles(c)).toEqual(['Enable MFA', 'Rotate keys']);
	});
});

describe('priority badges', () => {
	const page = [
		'# Front-end',
		'## Head',
		'- [ ] **Doctype:** ![High][high_img] The Doctype is HTML5 and is at the top of all your HTML pages.',
		'- [ ] **Charset:** ![Medium][medium_img] The charset is declared.',
		'- [ ] **Viewport:** ![Low][low_img] The viewport is declared. {level=required}',
		'- [ ] **Favicon:** ![a small icon](icon.png) Each favicon has been created.',
		'- [ ] **Title:** ![Critical][missing_ref] The title is used on all pages.',
		'',
		'[high_img]: https://example.org/high.svg',
		'[medium_img]: https://example.org/medium.svg',
		'[low_img]: https://example.org/low.svg',
	];

	test('an image whose alt text is a level word sets the level and is kept in the guidance', () => {
		const c = read(...page);
		expect(items(c).map((i) => [i.title, i.level, i.guidance])).toEqual([
			[
				'Doctype: The Doctype is HTML5 and is at the top of all your HTML pages.',
				'required',
				'Priority: High',
			],
			['Charset: The charset is declared.', 'recommended', 'Priority: Medium'],
			['Viewport: The viewport is declared.', 'required', 'Priority: Low'],
			['Favicon: Each favicon has been created.', 'required', ''],
			['Title: The title is used on all pages.', 'required', 'Priority: Critical'],
		]);
	});
});

describe('sections with the same title', () => {
	test('are named and identified with their parent heading', () => {
		const c = read(
			'# Front-end',
			'## HTML',
			'### Best practices',
			'- [ ] Doctype declared',
			'## Images',
			'### Best practices',
			'- [ ] Images are optimised',
			'## JavaScript',
			'### Best practices',
			'- [ ] No inline scripts',
			'### Testing',
			'- [ ] Scripts are linted',
		);
		expect(c.sections.map((s) => [s.id, s.title])).toEqual([
			['html-best-practices', 'HTML · Best practices'],
			['images-best-practices', 'Images · Best practices'],
			['javascript-best', 'JavaScript · Best practices'],
			['testing', 'Testing'],
		]);
		expect(items(c)[0]?.id).toBe('html-best-practices.doctype-declared');
	});

	test('a repeated title without a parent heading keeps its title', () => {
		const c = read('# X', '## Setup', '- [ ] A', '## Setup', '- [ ] B');
		expect(c.sections.map((s) => [s.id, s.title])).toEqual([
			['setup', 'Setup'],
			['setup-2', 'Setup'],
		]);
	});
});

describe('kramdown inline attribute lists', () => {
	test('are dropped from titles and guidance', () => {
		const c = read(
			'# Site',
			'## Setup',
			'- [ ] Install the latest release from [WordPress.org](https://wordpress.org){:target="_blank" rel="noopener noreferrer"}',
			'',
			'  See the [guide](https://example.org/guide){:target="_blank"} first.',
		);
		expect(items(c).map((i) => [i.title, i.guidance])).toEqual([
			[
				'Install the latest release from WordPress.org',
				'See the guide (https://example.org/guide) first.\n\nLinks: WordPress.org (https://wordpress.org)',
			],
		]);
	});
});

describe('an empty file', () => {
	test.each(['c.md', 'c.json', 'c.yaml', 'c.yml'])(
		'%s, empty or only white space, is one problem',
		(path) => {
			for (const text of ['', ' \n\t\n']) {
				let thrown: unknown;
				try {
					checklistFromText(text, path);
				} catch (error) {
					thrown = error;
				}
				expect(thrown).toBeInstanceOf(ChecklistError);
				const error = thrown as ChecklistError;
				expect(error.lines()).toEqual(['the file is empty']);
				expect(error.message).toBe(`checklist ${path}: the file is empty`);
			}
		},
	);

	test('checklist validate says so on one line, exit 2', () => {
		ensureBuilt();
		const dir = mkdtempSync(join(tmpdir(), 'preflight-empty-'));
		for (const name of ['empty.md', 'empty.json', 'empty.yaml']) {
			const file = join(dir, name);
			writeFileSync(file, '\n  \n');
			const r = spawnSync(process.execPath, [cliPath, 'checklist', 'validate', file], {
				encoding: 'utf8',
			});
			expect({code: r.status, stdout: r.stdout, stderr: r.stderr}).toEqual({
				code: 2,
				stdout: '',
				stderr: `preflight: checklist ${file}: the file is empty\n`,
			});
		}
	});
});
