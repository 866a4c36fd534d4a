// verify's checks that need no key: an in-toto subject that no longer matches
// its predicate, a DSSE envelope whose payloadType was changed, and a .sig
// over the size limit.
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {snapshotDigest} from '../../source/report/snapshot.js';
import {ensureBuilt, workspace} from './cli.js';

describe('verify without keys', () => {
	const ws = workspace();
	let statementPath = '';

	beforeAll(() => {
		ensureBuilt();
		const set = ws.run(['set', 'security.secrets', 'fail', '--note', 'hi', '--system', 'api']);
		expect(set.code, set.stderr).toBe(0);
		const made = ws.run(['snapshot', '--format', 'intoto']);
		expect(made.code, made.stderr).toBe(0);
		statementPath = made.stdout.trim();
	});
	afterAll(() => rmSync(ws.dir, {recursive: true, force: true}));

	/** The Statement with its predicate edited by `edit` and re-digested, written beside it. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an edited file, any shape
	function edited(name: string, edit: (predicate: any) => void): string {
		const statement = JSON.parse(readFileSync(statementPath, 'utf8'));
		edit(statement.predicate);
		statement.predicate.digest = snapshotDigest(statement.predicate);
		const path = join(ws.dir, name);
		writeFileSync(path, `${JSON.stringify(statement, null, 2)}\n`);
		return path;
	}

	it('an intact Statement names the snapshot itself', () => {
		const r = ws.run(['verify', statementPath]);
		expect(r.code, r.stdout).toBe(0);
		expect(r.stdout).toContain('✔ its subject is the snapshot itself');
	});

	it('a predicate edited and re-digested no longer matches its subject: exit 1', () => {
		const note = edited('note.intoto.json', (p) => {
			for (const s of p.sections)
				for (const item of s.items) if (item.id === 'security.secrets') item.note = 'edited';
		});
		const r = ws.run(['verify', note]);
		expect(r.code, r.stdout).toBe(1);
		expect(r.stdout).toContain('✖ CHANGED');
		expect(r.stdout).toContain(
			'✖ subject mismatch: its subject names the snapshot itself (api-20260301T120000Z.json)',
		);
		expect(r.stdout).not.toContain('vouches for api-');
		const json = JSON.parse(ws.run(['verify', note, '--json']).stdout);
		expect(json.intact).toBe(false);
		expect(json.attestation.subjectMismatch.name).toBe('api-20260301T120000Z.json');

		// An edit of the system name changes the name preflight would give the file too.
		const system = edited('system.intoto.json', (p) => {
			p.review.system = 'other';
		});
		const s = ws.run(['verify', system]);
		expect(s.code, s.stdout).toBe(1);
		expect(s.stdout).toContain('✖ subject mismatch');
	});

	it('a DSSE envelope whose payloadType was changed is a changed file (exit 1), not bad input', () => {
		const payload = Buffer.from(readFileSync(statementPath, 'utf8').trim()).toString('base64');
		const path = join(ws.dir, 'type.dsse.json');
		writeFileSync(
			path,
			JSON.stringify({payloadType: 'text/plain', payload, signatures: [{keyid: 'x', sig: 'AAAA'}]}),
		);
		const r = ws.run(['verify', path]);
		expect(r.code, `${r.stdout}${r.stderr}`).toBe(1);
		expect(`${r.stdout}${r.stderr}`).toContain('text/plain');
		expect(ws.run(['verify', path, '--json']).code).toBe(1);
	});

	it('a .sig over the limit is "larger than 64 KB"', () => {
		const made = ws.run(['snapshot']);
		expect(made.code, made.stderr).toBe(0);
		const json = made.stdout.trim().split('\n')[0]!;
		writeFileSync(`${json}.sig`, 'x'.repeat(64 * 1024 + 1));
		const r = ws.run(['verify', json]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('is larger than 64 KB');
		expect(readdirSync(join(ws.dir, '.preflight', 'snapshots')).length).toBeGreaterThan(0);
	});
});
