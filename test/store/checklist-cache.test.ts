// The cache of validated checklists (source/store/checklist-cache.ts), through
// the built CLI: only the bundle has a build id, so only it caches.
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from '../commands/cli.js';

beforeAll(ensureBuilt);

/** A checklist well over the size from which validated checklists are cached. */
function largeChecklist(title = (i: number) => `Item ${i}`) {
	const items = Array.from({length: 2500}, (_, i) => ({
		id: `item-${i}`,
		title: title(i),
		guidance:
			'Guidance long enough that the file passes the size from which checklists are cached.',
	}));
	return {id: 'big', title: 'Big', version: '1', sections: [{id: 'all', title: 'All', items}]};
}

describe('the cache of validated checklists', () => {
	it('gives what validating gives, follows every change to the file, and survives a damaged entry', () => {
		const ws = workspace();
		const checklist = join(ws.dir, 'big.json');
		const cacheDir = join(ws.dir, '.cache', 'preflight', 'checklists');
		const status = () => ws.run(['status', '--json', '--system', 's', '--checklist', checklist]);
		writeFileSync(checklist, JSON.stringify(largeChecklist(), null, 2));
		const set = ws.run(['set', 'item-1', 'fail', '--system', 's', '--checklist', checklist]);
		expect(set.code, set.stderr).toBe(0);
		const entries = readdirSync(cacheDir);
		expect(entries).toHaveLength(1);

		const first = status();
		expect(first.code, first.stderr).toBe(0);
		expect(status().stdout).toBe(first.stdout);
		const snapshot = (name: string) => {
			const r = ws.run(['snapshot', '--system', 's', '--checklist', checklist, '--out', name]);
			expect(r.code, r.stderr).toBe(0);
			return readFileSync(join(ws.dir, name), 'utf8');
		};
		const cached = snapshot('a.json');
		// Without the cache: the same bytes.
		for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), '{"damaged":');
		expect(snapshot('b.json')).toBe(cached);
		expect(status().stdout).toBe(first.stdout);
		// A FIFO in an entry's place is not read (it would hang): the text is validated.
		const [entry] = readdirSync(cacheDir);
		rmSync(join(cacheDir, entry!));
		expect(spawnSync('mkfifo', [join(cacheDir, entry!)]).status).toBe(0);
		expect(status().stdout).toBe(first.stdout);

		// A changed file is validated again: its new title is used, a bad one refused.
		writeFileSync(
			checklist,
			JSON.stringify(
				largeChecklist((i) => `Check ${i}`),
				null,
				2,
			),
		);
		expect(JSON.parse(snapshot('c.json')).sections[0].items[0].title).toBe('Check 0');
		writeFileSync(checklist, JSON.stringify(largeChecklist((i) => (i === 7 ? '' : `Item ${i}`))));
		const bad = status();
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('sections[0].items[7].title');
	});

	it('keeps nothing for a small checklist', () => {
		const ws = workspace();
		const r = ws.run(['set', 'architecture.boundaries', 'fail', '--system', 's']);
		expect(r.code, r.stderr).toBe(0);
		const own = join(ws.dir, 'own.json');
		writeFileSync(
			own,
			JSON.stringify({
				...largeChecklist(),
				sections: [{id: 'a', title: 'A', items: [{id: 'x', title: 'X'}]}],
			}),
		);
		expect(ws.run(['status', '--system', 't', '--checklist', own]).code).not.toBe(70);
		expect(existsSync(join(ws.dir, '.cache'))).toBe(false);
	});
});
