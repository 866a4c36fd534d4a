import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execFileSync} from 'node:child_process';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {completePath} from '../../source/system/complete-path.js';

let base: string;

beforeEach(() => {
	base = mkdtempSync(join(tmpdir(), 'preflight-complete-'));
	mkdirSync(join(base, 'docs', 'runbooks'), {recursive: true});
	mkdirSync(join(base, 'deploy'));
	mkdirSync(join(base, '.github', 'workflows'), {recursive: true});
	writeFileSync(join(base, 'docs', 'runbooks', 'failover.md'), '');
	writeFileSync(join(base, 'docs', 'runbooks', 'fire-drill.md'), '');
	writeFileSync(join(base, 'docs', 'runbooks', 'fire-alarm.md'), '');
	writeFileSync(join(base, 'docs', 'README.md'), '');
	writeFileSync(join(base, 'RUNBOOK.md'), '');
	writeFileSync(join(base, '.env.example'), '');
});

afterEach(() => rmSync(base, {recursive: true, force: true}));

const complete = (typed: string, limit?: number) => completePath(typed, {base, limit});

describe('completePath', () => {
	it('a unique prefix completes whole; a folder gains its slash', () => {
		expect(complete('RUN')).toMatchObject({text: 'RUNBOOK.md', candidates: ['RUNBOOK.md']});
		expect(complete('docs/run')).toMatchObject({
			text: 'docs/runbooks/',
			candidates: ['docs/runbooks/'],
		});
		expect(complete('docs/runbooks/fa').text).toBe('docs/runbooks/failover.md');
	});

	it('an ambiguous prefix fills the common part and lists the candidates, sorted', () => {
		expect(complete('docs/runbooks/fi')).toEqual({
			text: 'docs/runbooks/fire-',
			candidates: ['docs/runbooks/fire-alarm.md', 'docs/runbooks/fire-drill.md'],
			more: 0,
			partial: false,
		});
		expect(complete('docs/runbooks/f').candidates).toEqual([
			'docs/runbooks/failover.md',
			'docs/runbooks/fire-alarm.md',
			'docs/runbooks/fire-drill.md',
		]);
		expect(complete('d')).toMatchObject({text: 'd', candidates: ['deploy/', 'docs/']});
	});

	it('an empty field lists the base folder, without hidden entries', () => {
		expect(complete('').candidates).toEqual(['RUNBOOK.md', 'deploy/', 'docs/']);
	});

	it('hidden entries only when the typed name starts with a dot', () => {
		expect(complete('.').candidates).toEqual(['.env.example', '.github/']);
		expect(complete('.g').text).toBe('.github/');
		expect(complete('.github/').candidates).toEqual(['.github/workflows/']);
	});

	it('falls back to any case when nothing matches as typed', () => {
		expect(complete('runb').text).toBe('RUNBOOK.md');
		expect(complete('docs/readme').text).toBe('docs/README.md');
	});

	it('no match, a missing folder or a URL leave the text as it is', () => {
		expect(complete('nothing-here')).toMatchObject({text: 'nothing-here', candidates: []});
		expect(complete('missing/x')).toMatchObject({text: 'missing/x', candidates: []});
		expect(complete('https://example.com/d')).toMatchObject({
			text: 'https://example.com/d',
			candidates: [],
		});
	});

	it('relative paths start at the base; ../ and absolute paths go where they point', () => {
		const inner = join(base, 'docs');
		expect(completePath('../RUN', {base: inner}).text).toBe('../RUNBOOK.md');
		expect(completePath('..', {base: inner}).candidates).toContain('../');
		expect(completePath(`${base}/RUN`, {base: '/'}).text).toBe(`${base}/RUNBOOK.md`);
	});

	it('follows a link to a folder (slash) and offers a broken link as a file', () => {
		symlinkSync(join(base, 'docs'), join(base, 'linked'));
		symlinkSync(join(base, 'gone'), join(base, 'lost'));
		expect(complete('lin').text).toBe('linked/');
		expect(complete('los').text).toBe('lost');
	});

	it('leaves out FIFOs and offers nothing under /dev, /proc or /sys', () => {
		execFileSync('mkfifo', [join(base, 'pipe')]);
		expect(complete('pi').candidates).toEqual([]);
		expect(completePath('/dev/', {base}).candidates).toEqual([]);
		expect(completePath('/proc/se', {base}).candidates).toEqual([]);
		// A link into /dev is judged by where it lands.
		symlinkSync('/dev', join(base, 'devices'));
		expect(complete('devices/nu').candidates).toEqual([]);
	});

	it('lists at most `limit` candidates and says how many more matched', () => {
		const many = join(base, 'many');
		mkdirSync(many);
		for (let i = 0; i < 30; i++)
			writeFileSync(join(many, `log-${String(i).padStart(2, '0')}.txt`), '');
		const r = completePath('many/log-', {base, limit: 10});
		expect(r.candidates).toHaveLength(10);
		expect(r.candidates[0]).toBe('many/log-00.txt');
		expect(r.more).toBe(20);
		expect(r.text).toBe('many/log-');
	});

	it('reads no more than scanLimit entries of a huge folder, and then fills nothing in', () => {
		const huge = join(base, 'huge');
		mkdirSync(huge);
		for (let i = 0; i < 40; i++) writeFileSync(join(huge, `aa-${i}`), '');
		const r = completePath('huge/a', {base, scanLimit: 10});
		expect(r.partial).toBe(true);
		expect(r.candidates.length).toBeLessThanOrEqual(10);
		// The common part of the entries read might not hold for the rest.
		expect(r.text).toBe('huge/a');
	});

	it('never cuts a character in two when filling a common prefix', () => {
		writeFileSync(join(base, 'note-😀a'), '');
		writeFileSync(join(base, 'note-😁b'), '');
		const r = complete('note');
		// Both emoji share their first UTF-16 unit; the prefix stops before them.
		expect(r.text).toBe('note-');
	});
});

describe('completePath: skip', () => {
	it('never offers what skip names (the database and its lock)', () => {
		writeFileSync(join(base, 'db.json'), '{}');
		writeFileSync(join(base, 'db.json.lock'), '');
		writeFileSync(join(base, 'dashboards.md'), '');
		const db = join(base, 'db.json');
		const r = completePath('d', {base, skip: (p) => p === db || p === `${db}.lock`});
		expect(r.candidates).toEqual(['dashboards.md', 'deploy/', 'docs/']);
	});
});
