import {chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {canonicalJson, sha256Hex} from '../../source/model/canonical.js';
import {
	checklistsDir,
	copyPath,
	keepChecklistCopy,
	readChecklistCopy,
} from '../../source/store/checklist-copies.js';
import {loaded, v1Data, v2Data} from '../report/milestone-fixtures.js';

function dbPath(): string {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-copies-'));
	return join(dir, '.preflight', 'db.json');
}

describe('checklist copies', () => {
	it('keeps a copy named by its digest, 0600 in a 0700 folder, that reads back as the same checklist', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		expect(await keepChecklistCopy(db, v1)).toBeUndefined();
		const path = copyPath(db, v1.digest)!;
		expect(path).toBe(join(checklistsDir(db), `${v1.digest.slice('sha256:'.length)}.json`));
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(statSync(checklistsDir(db)).mode & 0o777).toBe(0o700);
		expect(readFileSync(path, 'utf8')).toBe(canonicalJson(v1.checklist));
		expect(`sha256:${sha256Hex(readFileSync(path))}`).toBe(v1.digest);
		const back = readChecklistCopy(db, v1.digest);
		expect(back.ok && back.loaded.digest).toBe(v1.digest);
		expect(back.ok && back.loaded.checklist).toEqual(v1.checklist);
	});

	it('never rewrites a copy that is there', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		await keepChecklistCopy(db, v1);
		const path = copyPath(db, v1.digest)!;
		writeFileSync(path, 'left alone');
		expect(await keepChecklistCopy(db, v1)).toBeUndefined();
		expect(readFileSync(path, 'utf8')).toBe('left alone');
	});

	it('says why a copy cannot be read: missing, not JSON, not a checklist, edited, not a file', async () => {
		const db = dbPath();
		const v1 = loaded(v1Data);
		const missing = readChecklistCopy(db, v1.digest);
		expect(missing.ok).toBe(false);
		expect(!missing.ok && missing.problem).toMatch(/no copy of that checklist is kept/);
		await keepChecklistCopy(db, v1);
		const path = copyPath(db, v1.digest)!;
		writeFileSync(path, '{"id": ');
		expect(readChecklistCopy(db, v1.digest)).toMatchObject({ok: false, problem: /is not JSON/});
		writeFileSync(path, '{"id": "pay"}');
		expect(readChecklistCopy(db, v1.digest)).toMatchObject({
			ok: false,
			problem: /not a valid checklist/,
		});
		// A valid checklist under another's digest: an edited copy.
		writeFileSync(path, canonicalJson(loaded(v2Data).checklist));
		expect(readChecklistCopy(db, v1.digest)).toMatchObject({ok: false, problem: /was changed/});
		const fifo = copyPath(db, loaded(v2Data).digest)!;
		mkdirSync(fifo);
		expect(readChecklistCopy(db, loaded(v2Data).digest)).toMatchObject({
			ok: false,
			problem: /not a regular file/,
		});
		expect(readChecklistCopy(db, 'sha256:../../etc/passwd')).toMatchObject({
			ok: false,
			problem: /not a sha256 digest/,
		});
	});

	it('a folder it cannot write is one line, not an error', async () => {
		const db = dbPath();
		mkdirSync(join(db, '..'), {recursive: true});
		// A file where the folder goes fails for root too; a read-only folder only for others.
		writeFileSync(checklistsDir(db), 'in the way');
		expect(await keepChecklistCopy(db, loaded(v1Data))).toMatch(
			/^no copy kept of checklist 1\.0\.0 in .*checklists: a part of the path is not a folder$/,
		);
		if (process.getuid?.() === 0) return;
		const other = dbPath();
		mkdirSync(checklistsDir(other), {recursive: true});
		chmodSync(checklistsDir(other), 0o500);
		expect(await keepChecklistCopy(other, loaded(v1Data))).toMatch(/^no copy kept/);
	});
});
