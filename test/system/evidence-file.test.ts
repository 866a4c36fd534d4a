// Evidence is hashed from regular files only, bounded in size, wherever the
// path leads; and a file outside the repository is refused, not stored as an
// absolute path.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	realpathSync,
	symlinkSync,
	writeFileSync,
	ftruncateSync,
} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hashEvidenceFile, MAX_EVIDENCE_BYTES} from '../../source/system/evidence-file.js';
import {parseEvidence} from '../../source/system/evidence.js';
import {readUserFile} from '../../source/system/read-text.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
let dir: string;
let repo: string;
let server: Server;

beforeAll(async () => {
	dir = realpathSync(mkdtempSync(join(tmpdir(), 'preflight-evidence-')));
	repo = join(dir, 'repo');
	mkdirSync(join(repo, '.git'), {recursive: true});
	mkdirSync(join(repo, 'docs'));
	writeFileSync(join(repo, 'docs', 'ok.md'), '# ok\n');
	writeFileSync(join(dir, 'outside.md'), '# outside\n');
	execFileSync('mkfifo', [join(repo, 'docs', 'fifo')]);
	symlinkSync('/dev/zero', join(repo, 'docs', 'zero.md'));
	symlinkSync(join(repo, 'docs', 'fifo'), join(repo, 'docs', 'to-fifo.md'));
	symlinkSync(join(dir, 'outside.md'), join(repo, 'docs', 'to-outside.md'));
	symlinkSync('ok.md', join(repo, 'docs', 'alias.md'));
	symlinkSync('missing.md', join(repo, 'docs', 'dangling.md'));
	// A sparse file just over the bound: nothing to read, only its size counts.
	const big = openSync(join(repo, 'docs', 'big.bin'), 'w');
	ftruncateSync(big, MAX_EVIDENCE_BYTES + 1);
	closeSync(big);
	server = createServer();
	await new Promise<void>((resolve) => server.listen(join(repo, 'docs', 'sock'), resolve));
});

afterAll(() => {
	server.close();
});

describe('hashEvidenceFile', () => {
	it('hashes a regular file, through a link too', () => {
		const sha = createHash('sha256').update('# ok\n').digest('hex');
		expect(hashEvidenceFile(join(repo, 'docs', 'ok.md'))).toMatchObject({ok: true, sha256: sha});
		expect(hashEvidenceFile(join(repo, 'docs', 'alias.md'))).toMatchObject({ok: true, sha256: sha});
	});

	it.each([
		['fifo', /is a FIFO \(named pipe\), not a regular file/],
		['to-fifo.md', /is a FIFO \(named pipe\), not a regular file \(it leads to .*fifo\)/],
		['zero.md', /is a character device, not a regular file \(it leads to \/dev\/zero\)/],
		['sock', /not a regular file/],
		['.', /is a folder, not a regular file/],
		['big.bin', /is larger than 64 MB; link to it by URL instead/],
	])('refuses %s without reading it: %s', (name, problem) => {
		const result = hashEvidenceFile(join(repo, 'docs', name));
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.text).toMatch(problem);
	});

	it('says a missing file or a dangling link is missing', () => {
		for (const name of ['nope.md', 'dangling.md'])
			expect(hashEvidenceFile(join(repo, 'docs', name))).toMatchObject({
				ok: false,
				kind: 'missing',
			});
	});

	it('reads to the end, not to the size the file claims, and stops at the bound', () => {
		expect(hashEvidenceFile('/proc/self/status')).toMatchObject({ok: true});
		const small = hashEvidenceFile(join(repo, 'docs', 'ok.md'), 3);
		expect(small).toMatchObject({ok: false, kind: 'too-large'});
		expect(hashEvidenceFile('/dev/zero', 1024)).toMatchObject({ok: false, kind: 'not-regular'});
	});
});

describe('parseEvidence', () => {
	const parse = (input: string, cwd = repo) => parseEvidence(input, cwd, NOW);

	it('stores a file inside the repository relative to its root, however it is named', () => {
		for (const [input, cwd] of [
			['docs/ok.md', repo],
			['ok.md', join(repo, 'docs')],
			[join(repo, 'docs', 'ok.md'), join(repo, 'docs')],
			['docs/alias.md', repo],
		] as const) {
			const result = parse(input, cwd);
			expect(result.ok && result.evidence.ref, input).toBe(
				input.endsWith('alias.md') ? 'docs/alias.md' : 'docs/ok.md',
			);
		}
	});

	it.each([
		[
			'../outside.md',
			/is outside .*repo \(the repository\).*copy the file in, or link to it by URL/,
		],
		['<dir>/outside.md', /is outside/],
		['docs/to-outside.md', /leads to .*outside\.md, which is outside/],
		['docs/zero.md', /leads to \/dev\/zero, which is outside/],
		['/dev/zero', /is outside/],
		['docs/fifo', /docs\/fifo is a FIFO/],
		['docs/sock', /not a regular file/],
		['docs', /is a folder/],
		['docs/big.bin', /larger than 64 MB/],
		['docs/nope.md', /^no such file: docs\/nope\.md$/],
		['../nope.md', /^no such file/],
	])('refuses %s with the reason', (input, problem) => {
		const result = parse(input.replace('<dir>', dir));
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.error).toMatch(problem);
	});

	it('outside a repository, the current folder is the base', () => {
		const plain = join(dir, 'plain');
		mkdirSync(plain, {recursive: true});
		writeFileSync(join(plain, 'x.md'), 'x');
		const inside = parse('x.md', plain);
		expect(inside.ok && inside.evidence.ref).toBe('x.md');
		const outside = parse('../outside.md', plain);
		expect(outside.ok ? '' : outside.error).toMatch(/outside .*\(the current folder\)/);
	});
});

describe('readUserFile', () => {
	it('reads only regular files: a FIFO or a device is named, not read', () => {
		expect(() => readUserFile(join(repo, 'docs', 'fifo'), 'checklist')).toThrow(
			/^checklist .*fifo: is a FIFO \(named pipe\), not a regular file$/,
		);
		expect(() => readUserFile('/dev/zero', '')).toThrow(/is a character device/);
		expect(() => readUserFile(join(repo, 'docs'), '')).toThrow(/is a folder, not a file/);
		expect(() => readUserFile(join(repo, 'docs', 'ok.md'), '', 2)).toThrow(/is larger than/);
		expect(readUserFile(join(repo, 'docs', 'ok.md'), '')).toBe('# ok\n');
	});
});

describe('a path typed from a subfolder of the repository', () => {
	it('is read from the current folder first, then from the repository root (where tab completes it)', () => {
		const sub = join(repo, 'docs');
		// from docs/: "ok.md" is docs/ok.md, and "docs/ok.md" is found from the root
		for (const typed of ['ok.md', 'docs/ok.md']) {
			const r = parseEvidence(typed, sub, NOW);
			expect(r, typed).toMatchObject({ok: true, evidence: {kind: 'file', ref: 'docs/ok.md'}});
		}
		expect(parseEvidence('docs/missing.md', sub, NOW)).toMatchObject({
			ok: false,
			error: 'no such file: docs/missing.md',
		});
	});
});
