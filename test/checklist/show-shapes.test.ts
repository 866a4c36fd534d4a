// `preflight checklist show`: every checklist preflight reads, printed in
// preflight's own format, loads back as the same checklist; the output is valid
// against the checklist JSON Schema and safe on a terminal without losing a
// character.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {beforeAll, describe, expect, test} from 'vitest';
import {
	checklistFromText,
	defaultChecklistPath,
	loadChecklistAsync,
	loadShapeSupport,
	loadYamlSupport,
} from '../../source/checklist/load.js';
import {ownFormat} from '../../source/checklist/own-format.js';
import {stringifyYaml} from '../../source/checklist/yaml-source.js';
import {checklistJsonSchema} from '../../source/report/json-schemas.js';
import {jsonText} from '../../source/terminal/print.js';
import {cliPath, ensureBuilt} from '../commands/cli.js';

beforeAll(async () => {
	ensureBuilt();
	await loadYamlSupport();
	await loadShapeSupport();
});

const corpus = join('test', 'fixtures', 'corpus');
const checklists = join('test', 'fixtures', 'checklists');
const files = [
	defaultChecklistPath(),
	...readdirSync(corpus)
		.filter((f) => !f.endsWith('.expected.json') && !f.startsWith('.') && f !== 'README.md')
		.map((f) => join(corpus, f)),
	...['good.json', 'good.yaml', 'good.md', 'plain.md', 'lens.json', 'azure.json'].map((f) =>
		join(checklists, f),
	),
];

// What a terminal acts on or hides (see terminal/print.ts and checklist/yaml-source.ts).
// eslint-disable-next-line no-control-regex -- looking for control characters
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/u;

describe('checklist show, as converted', () => {
	const validate = new Ajv2020({strict: false}).compile(checklistJsonSchema());

	test.each(files)('%s loads back the same from JSON and from YAML', async (file) => {
		const {checklist} = await loadChecklistAsync(file);
		const own = ownFormat(checklist);
		expect(validate(own), JSON.stringify(validate.errors)).toBe(true);
		const fromJson = checklistFromText(jsonText(own), 'shown.json').checklist;
		const fromYaml = checklistFromText(stringifyYaml(own), 'shown.yaml').checklist;
		expect(fromJson).toEqual(checklist);
		expect(fromYaml).toEqual(checklist);
	});

	test('defaults are left out, and what differs from them is written', () => {
		const own = ownFormat({
			id: 'c',
			title: 'C',
			version: '1',
			sections: [
				{
					id: 's',
					title: 'S',
					items: [
						{id: 's.a', title: 'A', guidance: '', level: 'required', evidenceRequired: true},
						{
							id: 's.b',
							title: 'B',
							guidance: 'why',
							level: 'recommended',
							evidenceRequired: false,
							reviewEvery: 'P90D',
						},
					],
				},
			],
		});
		expect(own.sections[0]!.items).toEqual([
			{id: 's.a', title: 'A'},
			{
				id: 's.b',
				title: 'B',
				level: 'recommended',
				evidenceRequired: false,
				reviewEvery: 'P90D',
				guidance: 'why',
			},
		]);
	});

	test('hostile text is escaped, never dropped: the output is safe and reads back the same', () => {
		const hostile = [
			'red \u001b[31mtext\u001b[0m',
			'link \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007',
			'bidi \u202egnp.exe',
			'c1 \u009b31m and nel \u0085',
			'line\u2028separator',
			'zero\u200bwidth and bom \ufeff',
			'tag \u{e0041}',
			'multi\nline\twith tab',
		];
		const yaml = hostile
			.map(
				(t, i) =>
					`- category: ${JSON.stringify(`Cat ${i} ${t}`)}\n  items:\n    - title: ${JSON.stringify(t)}\n      description: ${JSON.stringify(t)}\n`,
			)
			.join('');
		const loaded = checklistFromText(yaml, 'hostile.yaml');
		const own = ownFormat(loaded.checklist);
		for (const text of [jsonText(own), stringifyYaml(own)]) {
			const withoutLineBreaks = text.replace(/\n/g, '');
			expect(withoutLineBreaks.replace(/\t/g, '')).not.toMatch(unsafe);
			expect(text).not.toContain('\u001b');
		}
		const again = checklistFromText(stringifyYaml(own), 'again.yaml').checklist;
		expect(again).toEqual(loaded.checklist);
		// titles are one line when read (line breaks and runs of spaces are one space, a
		// trailing BOM goes), nothing else is lost
		expect(again.sections.map((s) => s.items[0]!.title)).toEqual(
			hostile.map((t) => t.replace(/\s+/g, ' ').trim()),
		);
	});
});

describe('preflight checklist show, built', () => {
	function run(...args: string[]) {
		const r = spawnSync(process.execPath, [cliPath, 'checklist', 'show', ...args], {
			encoding: 'utf8',
		});
		return {code: r.status, stdout: r.stdout, stderr: r.stderr};
	}

	test('prints JSON by default and YAML with --format yaml, both preflight format', async () => {
		const file = join(corpus, 'azure-waf.json');
		const {checklist} = await loadChecklistAsync(file);
		const asJson = run(file);
		expect(asJson).toMatchObject({code: 0, stderr: ''});
		expect(checklistFromText(asJson.stdout, 'x.json').checklist).toEqual(checklist);
		const asYaml = run(file, '--format', 'yaml');
		expect(asYaml).toMatchObject({code: 0, stderr: ''});
		expect(asYaml.stdout).toMatch(/^id: waf-checklist\n/);
		expect(checklistFromText(asYaml.stdout, 'x.yaml').checklist).toEqual(checklist);
	});

	test('a file of no known shape: one line, exit 2, nothing on stdout', () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-show-'));
		const file = join(dir, 'scorecard.json');
		writeFileSync(file, JSON.stringify({score: 7, checks: [{name: 'x', score: 7}]}));
		const r = run(file);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe(
			`preflight: checklist ${file}: 1 problem\n  format not recognised: tried preflight JSON, YAML, Markdown, AWS lens, Azure and item lists — closest: item list (checks[0] carries a result ("score"): a report of another tool, not a checklist)\n`,
		);
		expect(readFileSync(file, 'utf8')).toContain('"score":7');
	});

	test('another output format is refused before anything is read', () => {
		expect(run(join(corpus, 'azure-waf.json'), '--format', 'md')).toEqual({
			code: 2,
			stdout: '',
			stderr: 'preflight: --format must be one of json, yaml for preflight checklist show\n',
		});
	});
});
