import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRegularText, sizeText} from '../../source/system/regular-file.js';

describe('size limits in messages', () => {
	it('names a limit in the unit that holds it, never rounding it to 0 MB', () => {
		expect(sizeText(64 * 1024)).toBe('64 KB');
		expect(sizeText(1024 * 1024)).toBe('1 MB');
		expect(sizeText(64 * 1024 * 1024)).toBe('64 MB');
		expect(sizeText(256 * 1024 * 1024)).toBe('256 MB');
		expect(sizeText(1536 * 1024 * 1024)).toBe('1.5 GB');
		expect(sizeText(2)).toBe('2 bytes');
		expect(sizeText(1)).toBe('1 byte');
	});

	it('a file over a 64 KB limit is "larger than 64 KB"', () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-size-'));
		try {
			const path = join(dir, 'big');
			writeFileSync(path, 'x'.repeat(64 * 1024 + 1));
			const read = readRegularText(path, 64 * 1024);
			expect(read.ok).toBe(false);
			if (!read.ok) expect(read.text).toBe('is larger than 64 KB');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
