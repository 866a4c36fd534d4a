import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {snapshotStem, writeSnapshotFiles} from '../../source/report/write.js';
import {sampleSnapshot} from './fixtures.js';

const files = (tag: string) => [
	{ext: 'json', content: `json ${tag}`},
	{ext: 'md', content: `md ${tag}`},
];

describe('snapshot file names', () => {
	it('are <system>-<release>-<UTC timestamp>, a release without letters named by a hash', () => {
		const s = sampleSnapshot();
		expect(snapshotStem(s)).toBe('payments-api-2.4.0-20260301T120000Z');
		s.review.release = '部署';
		expect(snapshotStem(s)).toMatch(/^payments-api-r[0-9a-f]{8}-20260301T120000Z$/);
		delete s.review.release;
		expect(snapshotStem(s)).toBe('payments-api-20260301T120000Z');
	});

	it('are never taken twice, and a pair shares one stem even when only one of its names was taken', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'preflight-write-')), 'not', 'yet');
		const first = await writeSnapshotFiles(dir, 'x', files('1'));
		expect(first.map((p) => p.slice(dir.length + 1))).toEqual(['x.json', 'x.md']);
		// Someone else's x-2.md: the next pair skips to x-3 for both files.
		writeFileSync(join(dir, 'x-2.md'), 'not ours');
		const second = await writeSnapshotFiles(dir, 'x', files('2'));
		expect(second.map((p) => p.slice(dir.length + 1))).toEqual(['x-3.json', 'x-3.md']);
		const together = await Promise.all(
			[1, 2, 3, 4].map((n) => writeSnapshotFiles(dir, 'x', files(`c${n}`))),
		);
		const names = together.flat();
		expect(new Set(names).size).toBe(8);
		for (const [json, md] of together)
			expect(readFileSync(md!, 'utf8').slice(3)).toBe(readFileSync(json!, 'utf8').slice(5));
		expect(readFileSync(join(dir, 'x-2.md'), 'utf8')).toBe('not ours');
		expect(readdirSync(dir)).toHaveLength(2 + 1 + 2 + 8);
	});

	it('a file where the folder should be is one clear error', async () => {
		const base = mkdtempSync(join(tmpdir(), 'preflight-write-'));
		writeFileSync(join(base, 'snapshots'), 'x');
		await expect(writeSnapshotFiles(join(base, 'snapshots'), 'x', files('1'))).rejects.toThrow(
			/a file of that name is in the way/,
		);
		mkdirSync(join(base, 'ok'));
		await expect(writeSnapshotFiles(join(base, 'ok'), 'x', files('1'))).resolves.toHaveLength(2);
	});
});
