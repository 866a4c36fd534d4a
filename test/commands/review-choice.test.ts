import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {cells} from '../../source/terminal/width.js';
import {ensureBuilt, workspace} from './cli.js';
import {readDatabaseFile} from '../database-file.js';

beforeAll(() => ensureBuilt());

describe('choosing the review', () => {
	it('--system alone finds the only review of that system, and names the releases when there are several', () => {
		const ws = workspace();
		expect(
			ws.run(['set', 'testing.unit-tests', 'fail', '--system', 'pay', '--release', '2.0']).code,
		).toBe(0);
		const one = ws.run(['status', '--system', 'pay']);
		expect(one.code).toBe(0);
		expect(one.stdout).toContain('pay 2.0');
		// set finds it too, rather than starting a second review
		expect(ws.run(['set', 'testing.load-testing', 'fail', '--system', 'pay']).code).toBe(0);
		expect(JSON.parse(readFileSync(ws.db, 'utf8')).reviews).toHaveLength(1);
		expect(
			ws.run(['set', 'testing.unit-tests', 'fail', '--system', 'pay', '--release', '3.0']).code,
		).toBe(0);
		const two = ws.run(['status', '--system', 'pay']);
		expect(two.code).toBe(2);
		expect(two.stderr.trim()).toBe(
			'preflight: pay has 2 reviews; choose one with --release (2.0, 3.0)',
		);
	});

	it('reviews lines its columns up by display width: wide characters, long names cut with …', () => {
		const ws = workspace();
		const long = 'long'.repeat(20);
		for (const system of ['支付-API 🚀', 'café', 'plain', long])
			expect(ws.run(['set', 'testing.unit-tests', 'fail', '--system', system]).code).toBe(0);
		const rows = ws.run(['reviews']).stdout.trimEnd().split('\n');
		expect(rows).toHaveLength(5);
		const progressAt = rows.map((r) => {
			const cut = r.indexOf(r.startsWith('review') ? 'progress' : '1/26');
			return cells(r.slice(0, cut));
		});
		expect(new Set(progressAt).size).toBe(1);
		expect(rows[4]).toContain(`${long.slice(0, 39)}…`);
	});

	it('a name typed in either Unicode form is one review, stored in NFC, and found however it was stored', () => {
		const ws = workspace();
		const nfd = 'cafe\u0301';
		const nfc = 'caf\u00e9';
		expect(ws.run(['set', 'testing.unit-tests', 'fail', '--system', nfd]).code).toBe(0);
		expect(JSON.parse(readFileSync(ws.db, 'utf8')).reviews[0].system).toBe(nfc);
		expect(ws.run(['set', 'testing.load-testing', 'fail', '--system', nfc]).code).toBe(0);
		// a name stored in another form (an older preflight, a hand edit) is still found
		const db = JSON.parse(readFileSync(ws.db, 'utf8'));
		db.reviews[0].system = nfd;
		writeFileSync(ws.db, JSON.stringify(db, null, 2));
		const status = ws.run(['status', '--system', nfc]);
		expect(status.code, status.stderr).toBe(0);
		expect(ws.run(['set', 'testing.llm-evals', 'fail', '--system', nfc]).code).toBe(0);
		expect(JSON.parse(readFileSync(ws.db, 'utf8')).reviews).toHaveLength(1);
	});

	it('commands without arguments refuse stray ones', () => {
		const ws = workspace();
		ws.run(['set', 'testing.unit-tests', 'fail', '--system', 'api']);
		for (const command of ['gate', 'status', 'reviews', 'snapshot']) {
			const r = ws.run([command, 'payments-api']);
			expect(r.code, command).toBe(2);
			expect(r.stderr).toContain(`${command} takes no arguments (got "payments-api")`);
		}
	});

	it('a waiver without all three flags names the missing ones', () => {
		const ws = workspace();
		const r = ws.run([
			'set',
			'testing.unit-tests',
			'waived',
			'--system',
			'api',
			'--waiver-reason',
			'x',
		]);
		expect(r.code).toBe(2);
		expect(r.stderr.trim()).toBe('preflight: a waiver needs --waiver-owner, --waiver-expires');
	});

	it('set on a stale pass re-confirms it, renewing the sign-off', () => {
		const ws = workspace('2026-01-01T00:00:00.000Z');
		ws.run([
			'set',
			'security.secrets',
			'pass',
			'--system',
			'api',
			'--evidence',
			'https://vault.example/rotation',
		]);
		ws.setClock('2026-06-01T00:00:00.000Z');
		expect(ws.run(['gate']).stdout).toContain('stale');
		expect(ws.run(['set', 'security.secrets', 'pass']).code).toBe(0);
		const review = readDatabaseFile(ws.db).reviews[0]!;
		expect(review.answers['security.secrets']!.signedOff!.at).toBe('2026-06-01T00:00:00.000Z');
		expect(review.audit.at(-1)?.detail).toContain('re-confirmed');
		expect(ws.run(['gate']).stdout).not.toContain('security.secrets');
	});

	it('reviews made with another checklist are named, not judged against this one', () => {
		const ws = workspace();
		const other = join(ws.dir, 'other.md');
		writeFileSync(other, '# Other {#other version=1}\n\n## Ops\n\n- [ ] Runbook\n');
		ws.run(['set', 'ops.runbook', 'fail', '--system', 'small', '--checklist', other]);
		ws.run(['set', 'testing.unit-tests', 'fail', '--system', 'big']);
		const r = ws.run(['reviews']);
		expect(r.stdout).toMatch(/small\s+—\s+uses checklist other/);
		expect(r.stdout).toMatch(/big\s+1\/26/);
	});
});

describe('judging against a changed checklist', () => {
	it('reviews agrees with gate when an item was reworded since it passed', () => {
		const ws = workspace();
		const c1 = join(ws.dir, 'c1.md');
		const c2 = join(ws.dir, 'c2.md');
		writeFileSync(c1, '# C {#c version=1}\n\n## Ops\n\n- [ ] Runbook\n\n  Old guidance.\n');
		writeFileSync(c2, '# C {#c version=2}\n\n## Ops\n\n- [ ] Runbook\n\n  New guidance.\n');
		ws.run([
			'set',
			'ops.runbook',
			'pass',
			'--system',
			'svc',
			'--evidence',
			'https://x.example/r',
			'--checklist',
			c1,
		]);
		expect(ws.run(['gate', '--checklist', c1]).code).toBe(0);
		expect(ws.run(['gate', '--checklist', c2]).code).toBe(1);
		expect(ws.run(['reviews', '--checklist', c2]).stdout).toContain('NOT READY');
		// the snapshot names only people as reviewers, never the tool
		const snap = ws.run(['snapshot', '--checklist', c2, '--out', join(ws.dir, 's.json')]);
		expect(snap.code).toBe(0);
		expect(JSON.parse(readFileSync(join(ws.dir, 's.json'), 'utf8')).review.reviewers).toEqual([
			'Alice',
		]);
	});
});
