import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {
	ChecklistError,
	checklistFromText,
	loadChecklistAsync,
	loadMarkdownSupport,
	loadShapeSupport,
} from '../../source/checklist/load.js';

beforeAll(async () => {
	await loadMarkdownSupport();
});

const titles = [
	'部署前确认回滚方案已演练',
	'🚀 Launch checklist signed off 🚀',
	'監視アラートの閾値を確認する',
	`A very long title ${'that keeps going '.repeat(30)}until it ends`,
	'Ünïcödé ∂iacritics and ✔ marks',
];

function bigChecklist(sections: number, perSection: number) {
	return {
		id: 'big',
		title: '大きいチェックリスト 🧪',
		version: '1',
		sections: Array.from({length: sections}, (_, s) => ({
			id: `s${s}`,
			title: `${titles[s % titles.length]} ${s}`,
			items: Array.from({length: perSection}, (_, i) => ({
				id: `s${s}.i${i}`,
				title: `${titles[(s + i) % titles.length]} #${i}`,
				guidance: i % 2 ? '' : `详细说明 ${i} 📋`,
			})),
		})),
	};
}

function toMarkdown(c: ReturnType<typeof bigChecklist>): string {
	const out = [`# ${c.title}`, ''];
	for (const s of c.sections) {
		out.push(`## ${s.title}`, '');
		for (const it of s.items) {
			out.push(`- [ ] ${it.title}`);
			if (it.guidance) out.push('', `  ${it.guidance}`);
		}
		out.push('');
	}
	return out.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'preflight-large-'));

describe('large and odd checklists', () => {
	test('JSON: 1,000 items in 40 sections with wide Unicode, long titles and empty guidance', async () => {
		const data = bigChecklist(40, 25);
		const file = join(dir, 'big.json');
		writeFileSync(file, JSON.stringify(data, null, 2));
		const {checklist} = await loadChecklistAsync(file);
		expect(checklist.sections).toHaveLength(40);
		expect(checklist.sections.flatMap((s) => s.items)).toHaveLength(1000);
		expect(checklist.sections[0]!.items[1]!.guidance).toBe('');
		expect(checklist.sections[0]!.items[0]!.title).toBe(`${titles[0]} #0`);
	});

	test('YAML: the same checklist', async () => {
		const data = bigChecklist(40, 25);
		const file = join(dir, 'big.yaml');
		// JSON is YAML: the YAML parser reads it, positions and all.
		writeFileSync(file, JSON.stringify(data, null, 1));
		const {checklist} = await loadChecklistAsync(file);
		expect(checklist.sections.flatMap((s) => s.items)).toHaveLength(1000);
	});

	test('Markdown: 1,000 items with CJK and emoji titles get unique, valid ids', () => {
		const {checklist} = checklistFromText(toMarkdown(bigChecklist(40, 25)), 'big.md');
		expect(checklist.title).toBe('大きいチェックリスト 🧪');
		expect(checklist.sections).toHaveLength(40);
		const items = checklist.sections.flatMap((s) => s.items);
		expect(items).toHaveLength(1000);
		expect(new Set(items.map((i) => i.id)).size).toBe(1000);
		for (const it of items) expect(it.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/);
		expect(items[0]!.guidance).toBe('详细说明 0 📋');
		expect(items[1]!.guidance).toBe('');
		const long = items.find((i) => i.title.startsWith('A very long'));
		expect(long!.id.length).toBeLessThan(120);
	});

	test('a derived CJK id does not change when other items are added', () => {
		const one = checklistFromText('# T\n## 安全\n- [ ] 密钥轮换\n', 'a.md');
		const two = checklistFromText('# T\n## 安全\n- [ ] 新项目\n- [ ] 密钥轮换\n', 'a.md');
		const id = one.checklist.sections[0]!.items[0]!.id;
		expect(two.checklist.sections[0]!.items[1]!.id).toBe(id);
	});
});

const hostile =
	'\u001b]0;owned\u0007\u001b[2J\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\\u009b31m\u0007';

function expectClean(error: unknown) {
	expect(error).toBeInstanceOf(ChecklistError);
	const e = error as ChecklistError;
	const all = [e.message, ...e.lines()];
	for (const line of all) {
		// eslint-disable-next-line no-control-regex -- looking for control characters
		expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(line).not.toContain('\n');
	}
	return e;
}

describe('hostile text in checklists', () => {
	test('escape sequences in titles, ids and keys never reach error messages', () => {
		const data = {
			id: 'h',
			title: hostile,
			version: '1',
			[`evil${hostile}`]: true,
			sections: [
				{
					id: 's',
					title: 'S',
					items: [
						{id: 'dup', title: hostile},
						{id: 'dup', title: 'x', reviewEvery: hostile},
					],
				},
			],
		};
		let caught: unknown;
		try {
			checklistFromText(JSON.stringify(data), 'h.json');
		} catch (error) {
			caught = error;
		}
		const e = expectClean(caught);
		expect(e.lines()).toContainEqual(
			expect.stringMatching(
				/^sections\[0\]\.items\[1\]\.reviewEvery \(line 1, column \d+\): must be an ISO 8601 duration/,
			),
		);
		expect(e.lines()).toContainEqual(
			expect.stringMatching(
				/^sections\[0\]\.items\[1\]\.id \(line 1, column \d+\): duplicate item id "dup"$/,
			),
		);
		expect(e.lines().some((l) => l.includes('unknown field "evilclick'))).toBe(true);
	});

	test('Markdown headings and items with escape sequences are sanitised in problems', () => {
		let caught: unknown;
		try {
			checklistFromText(
				`# T\n## Empty ${hostile}\n## Full\n- [ ] ok {#a}\n- [ ] again {#a}\n`,
				`x${hostile}.md`,
			);
		} catch (error) {
			caught = error;
		}
		const e = expectClean(caught);
		expect(e.lines()[0]).toBe(
			'line 2, column 4: empty section "Empty click": a section needs at least one item',
		);
		expect(e.message.startsWith('checklist xclick.md: ')).toBe(true);
	});

	test('broken input of any kind ends in ChecklistError, never a crash', async () => {
		// `[]` and `null` are no shape preflight reads: shapes.ts says so, once loaded.
		await loadShapeSupport();
		const inputs = [
			'',
			'null',
			'[]',
			'{"sections": 5}',
			'{',
			'# only a title',
			'- [ ] x',
			'\u0000\u0001',
		];
		for (const text of inputs)
			for (const path of ['x.json', 'x.md'])
				expect(() => checklistFromText(text, path)).toThrow(ChecklistError);
	});
});
