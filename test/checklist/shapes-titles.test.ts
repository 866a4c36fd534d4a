// What a review of real public checklists found in the readers of other
// tools' files (item lists, Azure, AWS lenses): titles taken from the wrong
// field, nested categories dropped, HTML and escapes in titles and ids, eager
// Azure grouping, and versions that stay the same while the content changes.
import {beforeAll, describe, expect, test} from 'vitest';
import {
	ChecklistError,
	checklistFromText,
	loadShapeSupport,
	loadYamlSupport,
	type LoadedChecklist,
} from '../../source/checklist/load.js';

beforeAll(async () => {
	await loadYamlSupport();
	await loadShapeSupport();
});

const load = (text: string, path = 'c.yaml'): LoadedChecklist => checklistFromText(text, path);
const json = (data: unknown, path = 'c.json') => load(JSON.stringify(data, null, 2), path);
const items = (c: LoadedChecklist) => c.checklist.sections.flatMap((s) => s.items);

function problems(run: () => unknown): string[] {
	try {
		run();
	} catch (error) {
		if (error instanceof ChecklistError) return error.lines();
		throw error;
	}
	throw new Error('loaded without problems');
}

const longSentence = `Rotate every credential the service holds on a schedule that the security team agrees, and record each rotation in the change log so that an auditor can follow it from request to completion.`;

describe('item-list titles', () => {
	test('`point` is the title, `Essential` required, `details` the guidance', () => {
		const c = load(`- title: Authentication
  checklist:
  - point: Use a Strong Password
    priority: Essential
    details: >-
      If your password is too short, it is easy to guess. Read more: [securityinabox.org](https://securityinabox.org/en/passwords/passwords/).
  - point: Use a password manager
    priority: Optional
  - point: Use a hardware key
    priority: Advanced
`);
		const [strong, manager, key] = items(c);
		expect(strong).toMatchObject({
			id: 'authentication.use-strong-password',
			title: 'Use a Strong Password',
			level: 'required',
		});
		expect(strong?.guidance).toContain('If your password is too short');
		expect(strong?.guidance).not.toContain('Point:');
		expect(manager?.level).toBe('recommended');
		expect(key?.level).toBe('recommended');
	});

	test.each(['feature', 'check', 'requirement', 'control', 'question', 'task', 'item'])(
		'`%s` is a title, ahead of the description',
		(key) => {
			const c = json([{[key]: 'Backups restore-tested', description: 'Quarterly.'}]);
			expect(items(c)[0]).toMatchObject({title: 'Backups restore-tested', guidance: 'Quarterly.'});
		},
	);

	test('a description serving as the title is read as text and keeps its first sentence', () => {
		const c = json([
			{
				description: `**Rotate** every [credential](https://example.com/creds) ${longSentence.slice('Rotate every credential'.length)} More follows.`,
			},
		]);
		const [item] = items(c);
		expect(item?.title).toBe(longSentence);
		expect(item?.guidance).toBe('More follows.');
	});

	test('a long title keeps its first sentence; the rest starts the guidance', () => {
		const c = json([{title: `${longSentence} Use the vault.`, notes: 'See the runbook.'}]);
		expect(items(c)[0]).toMatchObject({
			title: longSentence,
			guidance: 'Use the vault.\n\nSee the runbook.',
		});
	});

	test('HTML tags and runs of spaces leave a title', () => {
		const c = json([{title: 'Data<br><br>Encryption  in <b>transit</b> '}]);
		expect(items(c)[0]?.title).toBe('Data Encryption in transit');
	});

	test('escapes, controls and direction marks leave no trace in derived ids', () => {
		const c = load('- category: S\n  items:\n    - "Evil \\e[31mred\\e]0;x\\a \\u202e rev"\n');
		expect(items(c)[0]?.id).toBe('s.evil-red-rev');
	});
});

describe('nested categories', () => {
	const nested = [
		{
			name: 'Shared',
			description: 'What every service shares.',
			code: 'S',
			groups: [
				{
					name: 'Default',
					code: 'D',
					requirements: [
						{
							priority: 'High',
							feature: 'Storing environment variables',
							description: 'Env vars are not stored in the repository',
						},
						{
							priority: 'Medium',
							feature: 'App is using logs',
							description: 'No sensitive data is written to logs',
						},
					],
				},
			],
		},
	];

	test('groups inside a category are sections, `Category · Group`', () => {
		const c = json(nested);
		expect(c.checklist.sections).toHaveLength(1);
		const [section] = c.checklist.sections;
		expect(section).toMatchObject({
			id: 'S.D',
			title: 'Shared · Default',
			description: 'What every service shares.',
		});
		expect(section?.items.map((i) => [i.title, i.level, i.guidance])).toEqual([
			['Storing environment variables', 'required', 'Env vars are not stored in the repository'],
			['App is using logs', 'recommended', 'No sensitive data is written to logs'],
		]);
	});

	test('a category with items of its own and groups gives a section for each', () => {
		const c = json([
			{
				name: 'Ops',
				items: ['Runbook written'],
				groups: [{name: 'Paging', items: ['Rota staffed']}],
			},
		]);
		expect(c.checklist.sections.map((s) => [s.title, s.items.map((i) => i.title)])).toEqual([
			['Ops', ['Runbook written']],
			['Ops · Paging', ['Rota staffed']],
		]);
	});

	test('a list of objects nothing reads makes the file not an item list', () => {
		const lines = problems(() =>
			json([{name: 'Ops', items: ['Runbook written'], owners: [{name: 'Ana'}]}]),
		);
		expect(lines.join('\n')).toMatch(/format not recognised.*closest: item list \(\[0\]\.owners/);
		const inItem = problems(() => json([{title: 'Backups', steps: [{do: 'restore'}]}]));
		expect(inItem.join('\n')).toMatch(/closest: item list \(\[0\]\.steps is a list of objects/);
	});

	test('a list of links beside the items is not data lost: the file reads', () => {
		const c = json([
			{
				title: 'Authentication',
				checklist: [{point: 'Use a strong password', priority: 'Essential'}],
				softwareLinks: [
					{title: 'Password managers', url: 'https://example.org/pm'},
					{title: 'Two-factor', utl: 'https://example.org/2fa'},
				],
			},
		]);
		expect(items(c).map((i) => i.title)).toEqual(['Use a strong password']);
	});
});

describe('Azure', () => {
	const azure = (entries: Array<Record<string, string>>) =>
		json({
			items: entries.map((e, i) => ({guid: `g-${i}`, severity: 'Medium', ...e})),
			metadata: {name: 'Review'},
		});

	test('titles lose their HTML and spaces, and keep their first sentence', () => {
		const c = azure([
			{category: 'Network', text: 'Data Encryption in transit '},
			{
				category: 'Network',
				text: 'Use TLS 1.2<BR><BR>Set the minimum on <ul><li>every</li><li>endpoint</li></ul>',
			},
			{category: 'Network', text: `${longSentence} Check it yearly.`},
		]);
		expect(items(c).map((i) => i.title)).toEqual([
			'Data Encryption in transit',
			'Use TLS 1.2 Set the minimum on every endpoint',
			longSentence,
		]);
		expect(items(c)[2]?.guidance.split('\n')[0]).toBe('Check it yearly.');
	});

	test('`category` groups when most items name it; the others go by their pillar, else Other', () => {
		const entries = [
			...Array.from({length: 8}, (_, i) => ({
				category: i < 4 ? 'Network' : 'Identity',
				waf: 'Security',
				text: `Check ${i}`,
			})),
			{category: '', waf: 'Reliability', text: 'Zones spread'},
			{category: '', text: 'Orphan check'},
		];
		const c = azure(entries);
		expect(c.checklist.sections.map((s) => [s.title, s.items.length])).toEqual([
			['Network', 4],
			['Identity', 4],
			['Reliability', 1],
			['Other', 1],
		]);
		expect(c.checklist.sections[0]?.items[0]?.guidance).toBe('Pillar: Security');
		expect(c.checklist.sections[2]?.items[0]?.guidance).toBe('');
	});

	test('escapes leave no trace in derived ids', () => {
		const c = azure([{category: 'Net', text: 'Evil \u001b[31mred\u001b]0;x\u0007 \u202e rev'}]);
		expect(items(c)[0]?.id).toBe('net.evil-red-rev');
	});
});

describe('AWS lens', () => {
	const lens = (title: string, version = '1.0', description = 'd') =>
		json({
			schemaVersion: '2021-11-01',
			_version: version,
			name: 'Lens',
			pillars: [
				{
					id: 'ops',
					name: 'Operations',
					questions: [{id: '', title, description, choices: [{id: 'c', title: 'C'}]}],
				},
			],
		});

	test('question titles lose HTML, escapes in ids, and keep their first sentence', () => {
		expect(items(lens('How do you<br/>deploy? '))[0]?.title).toBe('How do you deploy?');
		expect(items(lens('Evil \u001b[31mred \u202e rev'))[0]?.id).toBe('ops.evil-red-rev');
		const long = items(lens(`${longSentence} How do you know it happened?`))[0];
		expect(long?.title).toBe(longSentence);
		expect(long?.guidance.startsWith('How do you know it happened?\n\n')).toBe(true);
	});

	test('an unchanged version over changed content reads as another version', () => {
		const before = lens('How do you deploy?', '1.0', 'old').checklist.version;
		const after = lens('How do you deploy?', '1.0', 'new').checklist.version;
		expect(before).toMatch(/^1\.0\+content-[0-9a-f]{12}$/);
		expect(after).toMatch(/^1\.0\+content-[0-9a-f]{12}$/);
		expect(after).not.toBe(before);
		expect(lens('How do you deploy?', '1.0', 'old').checklist.version).toBe(before);
	});
});
