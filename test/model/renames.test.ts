import {describe, expect, it} from 'vitest';
import {
	guidanceStart,
	normalise,
	proposeRenames,
	RENAME_THRESHOLD,
	similarity,
	storedItem,
	titleFromId,
} from '../../source/model/renames.js';
import type {StoredItem} from '../../source/model/schemas.js';

const item = (title: string, guidance = '', section?: string): StoredItem => ({
	print: 'x',
	title,
	...(section === undefined ? {} : {section}),
	...(guidance ? {guidanceStart: guidance} : {}),
});
const score = (a: StoredItem, b: StoredItem) => similarity({id: 'a', item: a}, {id: 'b', item: b});

describe('how alike two items are', () => {
	it('is 1 for the same title and guidance, and falls as the words part', () => {
		expect(score(item('Secrets in a vault'), item('Secrets in a vault'))).toBe(1);
		const close = score(
			item('Define clear rollback steps'),
			item('Document clear rollback steps'),
		)!;
		const far = score(item('Define clear rollback steps'), item('Load tested at peak traffic'))!;
		expect(close).toBeGreaterThan(RENAME_THRESHOLD);
		expect(far).toBeLessThan(RENAME_THRESHOLD);
		expect(close).toBeGreaterThan(far);
	});

	it('reads past case, accents, punctuation and small words', () => {
		expect(normalise('Café — ÉTAT: “ok”!')).toBe('cafe etat ok');
		expect(score(item('On-call rota, staffed'), item('on call rota staffed'))).toBeCloseTo(1, 5);
	});

	it('gives the guidance a quarter of the weight when both items have some', () => {
		const title = ['Logging', 'Structured logs'] as const;
		const guidance = 'Every service logs JSON to the central store';
		const without = score(item(title[0]), item(title[1]))!;
		const withSame = score(item(title[0], guidance), item(title[1], guidance))!;
		expect(withSame).toBeCloseTo(0.75 * without + 0.25, 5);
		// guidance on one side only: the title alone decides
		expect(score(item(title[0], guidance), item(title[1]))).toBeCloseTo(without, 5);
	});

	it('adds a bonus for the same section, known or said by the id', () => {
		const a = score(
			item('Backups restored', '', 'ops'),
			item('Backups restored in a drill', '', 'ops'),
		)!;
		const b = score(
			item('Backups restored', '', 'ops'),
			item('Backups restored in a drill', '', 'sec'),
		)!;
		expect(a - b).toBeCloseTo(0.05, 5);
		// no section stored: the id's part before its last dot
		const byId = similarity(
			{id: 'ops.restore', item: item('Backups restored')},
			{id: 'ops.drill', item: item('Backups restored in a drill')},
		)!;
		expect(byId).toBeCloseTo(a, 5);
	});

	it('uses the words of an old id when the review never kept the title, and nothing for a GUID', () => {
		expect(titleFromId('operations.on-call-rota-staffed')).toBe('on call rota staffed');
		expect(titleFromId('6a1c2b3d-0001-4a5b-8c9d-000000000001')).toBeUndefined();
		expect(
			similarity({id: 'ops.on-call-rota-staffed'}, {id: 'x', item: item('On-call rota staffed')}),
		).toBeCloseTo(1, 5);
		expect(similarity({id: '6a1c2b3d-0001'}, {id: 'x', item: item('Anything')})).toBeUndefined();
	});
});

describe('what a review keeps of an item', () => {
	it('the first 8 words of the guidance, at most 48 characters', () => {
		expect(guidanceStart('')).toBe('');
		expect(guidanceStart('one two three four five six seven eight nine ten')).toBe(
			'one two three four five six seven eight',
		);
		expect(guidanceStart(`${'a'.repeat(40)} ${'b'.repeat(20)}`)).toBe('a'.repeat(40));
		expect(guidanceStart('x'.repeat(100))).toBe('x'.repeat(48));
	});

	it('the section only when the id does not say it, and a title cut to 120 characters', () => {
		const base = {guidance: '', level: 'required' as const, evidenceRequired: true};
		expect(storedItem({...base, id: 'ops.pager', title: 'Pager'}, 'ops')).not.toHaveProperty(
			'section',
		);
		expect(storedItem({...base, id: 'pager', title: 'Pager'}, 'ops').section).toBe('ops');
		expect(storedItem({...base, id: 'a.b.pager', title: 'Pager'}, 'a').section).toBe('a');
		expect(storedItem({...base, id: 'p', title: 't'.repeat(300)}, 's').title).toHaveLength(120);
	});
});

describe('proposing renames', () => {
	const orphan = (id: string, title: string) => ({id, item: item(title)});
	const fresh = (id: string, title: string) => ({id, item: item(title)});

	it('pairs each orphan with at most one new item, the best pairs first, above the threshold', () => {
		const proposals = proposeRenames(
			[
				orphan('old-a', 'Secrets in a vault'),
				orphan('old-b', 'Secrets rotated'),
				orphan('old-c', 'Zebra'),
			],
			[
				fresh('new-1', 'Secrets rotated every quarter'),
				fresh('new-2', 'Secrets kept in a vault'),
				fresh('new-3', 'Unrelated thing'),
			],
		);
		expect(proposals.map((p) => [p.from, p.to])).toEqual([
			['old-b', 'new-1'],
			['old-a', 'new-2'],
		]);
		for (const p of proposals) {
			expect(p.score).toBeGreaterThanOrEqual(RENAME_THRESHOLD);
			expect(p.score).toBe(Math.round(p.score * 100) / 100);
		}
	});

	it('gives a contested item to the better orphan; ties to the earlier one', () => {
		const contested = proposeRenames(
			[orphan('weak', 'Backups tested'), orphan('strong', 'Backups restore tested')],
			[fresh('new', 'Backups restore tested monthly')],
		);
		expect(contested.map((p) => p.from)).toEqual(['strong']);
		const tied = proposeRenames(
			[orphan('first', 'Same title'), orphan('second', 'Same title')],
			[fresh('new', 'Same title')],
		);
		expect(tied.map((p) => p.from)).toEqual(['first']);
	});

	it('finds the pairs among thousands of items by their rarer words', () => {
		// 600 × 600 is past the all-pairs limit: compared through the word index.
		const n = 600;
		const orphans = Array.from({length: n}, (_, i) =>
			orphan(`old-${i}`, `Check ${i} of the platform`),
		);
		const fresh2 = Array.from({length: n}, (_, i) =>
			fresh(`new-${i}`, `Checked ${i} of the platform`),
		);
		const proposals = proposeRenames(orphans, fresh2);
		expect(proposals).toHaveLength(n);
		expect(proposals.every((p) => p.from.slice(4) === p.to.slice(4))).toBe(true);
	});
});
