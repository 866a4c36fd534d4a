import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'vitest';

const dir = join(import.meta.dirname, '..', 'fixtures', 'golden');

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
export function expectGolden(name: string, actual: string): void {
	const path = join(dir, name);
	if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
	expect(actual).toBe(readFileSync(path, 'utf8'));
}
