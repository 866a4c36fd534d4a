// The corpus: checklists in every shape preflight reads, written for the
// project in the style of real public ones. Each `NAME.EXT` has a
// `NAME.expected.json` beside it that says what it must yield: the format it
// is read as, and every section with its items (id and title), in order.
// Items may also name `level` and a `guidance` fragment that must appear.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {loadChecklistAsync} from '../../source/checklist/load.js';

const folder = join('test', 'fixtures', 'corpus');

type ExpectedItem = {id: string; title: string; level?: string; guidance?: string};
type Expected = {
	title?: string;
	version?: string;
	sections: Array<{id: string; title: string; items: ExpectedItem[]}>;
};

const files = readdirSync(folder)
	.filter((f) => !f.endsWith('.expected.json') && !f.startsWith('.') && f !== 'README.md')
	.sort();

describe('the corpus', () => {
	test('has a checklist of every kind', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	for (const file of files) {
		test(file, async () => {
			const expected = JSON.parse(
				readFileSync(join(folder, file.replace(/\.[^.]+$/, '.expected.json')), 'utf8'),
			) as Expected;
			const {checklist} = await loadChecklistAsync(join(folder, file));
			if (expected.title !== undefined) expect(checklist.title).toBe(expected.title);
			if (expected.version !== undefined) expect(checklist.version).toBe(expected.version);
			expect(
				checklist.sections.map((s) => ({
					id: s.id,
					title: s.title,
					items: s.items.map((i) => ({id: i.id, title: i.title})),
				})),
			).toEqual(
				expected.sections.map((s) => ({
					id: s.id,
					title: s.title,
					items: s.items.map((i) => ({id: i.id, title: i.title})),
				})),
			);
			const items = new Map(checklist.sections.flatMap((s) => s.items.map((i) => [i.id, i])));
			for (const want of expected.sections.flatMap((s) => s.items)) {
				const got = items.get(want.id);
				if (want.level !== undefined) expect(got?.level ?? 'blocker').toBe(want.level);
				if (want.guidance !== undefined) expect(got?.guidance ?? '').toContain(want.guidance);
			}
		});
	}
});
