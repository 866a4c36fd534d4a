import {spawnSync} from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	mkdirSync,
	readFileSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {isPreflightError, PreflightError} from '../../source/errors.js';
import {SCHEMA_VERSION, type AuditEntry, type Review} from '../../source/model/schemas.js';
import {Store} from '../../source/store/database.js';
import {parseDatabase} from '../../source/store/validated-file.js';
import {
	bundledCopy,
	listFiles,
	privateCliPath,
	root,
	runCli,
	stackLine,
	tempDir,
} from './private-cli.js';

const v1Fixture = join(root, 'test', 'fixtures', 'db', 'v1.json');
const v1Text = readFileSync(v1Fixture, 'utf8');
/** A database of the current schemaVersion (the version-3 fixture, migrated). */
const v2Text = readFileSync(
	join(root, 'test', 'fixtures', 'db', `v${SCHEMA_VERSION}.json`),
	'utf8',
);

/** Damaged or foreign database texts, each with what the one-line message must say. */
const damaged: Array<[string, string, RegExp]> = [
	['truncated JSON', v2Text.slice(0, Math.floor(v2Text.length / 2)), /not valid JSON/],
	['truncated after one byte', '{', /not valid JSON/],
	['not JSON', 'hello, world\n', /not valid JSON/],
	['binary garbage', '\u0000\u0001\u00ff\u001b[2J\u001b]0;pwned\u0007', /not valid JSON/],
	['an empty file', '', /empty/],
	['only whitespace', '  \n\t\n', /empty/],
	['a JSON array', '[]\n', /not a preflight database/],
	['JSON null', 'null', /not a preflight database/],
	['a JSON string', '"db"', /not a preflight database/],
	['an object without schemaVersion', '{"reviews": []}', /not a preflight database/],
	[
		'schemaVersion as a string',
		'{"schemaVersion": "2", "reviews": []}',
		/not a preflight database/,
	],
	['reviews of the wrong type', '{"schemaVersion": 2, "reviews": "none"}', /reviews/],
	[
		'a review field of the wrong type',
		v2Text.replace('"system": "payments"', '"system": 42'),
		/reviews\[0\]\.system/,
	],
	[
		'an unknown top-level field',
		'{"schemaVersion": 2, "reviews": [], "extra": true}',
		/extra|unrecognized|unknown/i,
	],
	[
		'an unknown answer field',
		v2Text.replace('"status": "fail"', '"status": "fail", "colour": "red"'),
		/security\.secrets|colour|unrecognized/i,
	],
	['an unknown status', v2Text.replace('"status": "fail"', '"status": "maybe"'), /status/],
	['a newer schemaVersion', '{"schemaVersion": 99, "reviews": []}', /newer.*99.*upgrade/],
	[
		'a newer schemaVersion with data',
		v2Text.replace(`"schemaVersion": ${SCHEMA_VERSION}`, '"schemaVersion": 99'),
		/newer/,
	],
	['a hostile unknown key', '{"schemaVersion":2,"reviews":[],"\u001b]0;x\u0007k":1}', /database/],
];

function oneLine(message: string): void {
	expect(message.split('\n')).toHaveLength(1);
	// eslint-disable-next-line no-control-regex -- checking that none are left
	expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

beforeAll(() => {
	privateCliPath();
});

describe('Store.open on damaged or foreign databases', () => {
	it.each(damaged)(
		'%s: one line naming the file, the problem and what to do',
		async (_, text, why) => {
			const dir = tempDir();
			const db = join(dir, 'db.json');
			writeFileSync(db, text);
			const error = await Store.open(db, {lock: {what: 'test', waitMs: 0}}).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(PreflightError);
			const message = (error as PreflightError).message;
			oneLine(message);
			expect(message).toContain(db);
			expect(message).toMatch(why);
			// what to do: the message goes on after the problem
			expect(message).toMatch(/; (restore|check|upgrade|fix|delete)/);
			expect(readFileSync(db, 'utf8')).toBe(text);
			// the lock taken for the open is released, no temp file left
			expect(listFiles(dir)).toEqual(['db.json']);
		},
	);

	it('parseDatabase throws only PreflightErrors', () => {
		for (const [, text] of damaged) {
			let thrown: unknown;
			try {
				parseDatabase(text, 'x.json');
			} catch (error) {
				thrown = error;
			}
			expect(isPreflightError(thrown)).toBe(true);
		}
	});

	it('a database that is a folder is refused in one line', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		mkdirSync(db);
		const error = await Store.open(db).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PreflightError);
		oneLine((error as Error).message);
		expect((error as Error).message).toMatch(/folder/);
	});
});

describe('the CLI on damaged or foreign databases', () => {
	const commands: Array<[string, string[]]> = [
		['status', ['status']],
		['set', ['set', 'architecture.boundaries', 'fail', '--system', 'payments']],
		['gate', ['gate']],
		['snapshot', ['snapshot']],
	];
	for (const [name, args] of commands)
		it.each(damaged.filter((_, i) => name === 'status' || name === 'set' || i % 4 === 0))(
			`${name}: %s -> exit 2, one line, file untouched, nothing left behind`,
			(_, text, why) => {
				const dir = tempDir();
				const db = join(dir, 'db.json');
				writeFileSync(db, text);
				const r = runCli([...args, '--db', db], dir);
				expect(r.code).toBe(2);
				expect(r.stdout).toBe('');
				const err = r.stderr.replace(/\n$/, '');
				oneLine(err);
				expect(err).not.toMatch(stackLine);
				expect(err).toContain(db);
				expect(err).toMatch(why);
				expect(readFileSync(db, 'utf8')).toBe(text);
				expect(listFiles(dir)).toEqual(['db.json']);
			},
		);
});

describe('temp files left by a killed writer', () => {
	it("are removed on the next locked open (the lock's too), but only those of dead processes", async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeFileSync(db, v2Text);
		const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
			encoding: 'utf8',
		}).stdout;
		writeFileSync(join(dir, `.db.json.${dead}.0a1b2c3d4e5f.tmp`), '{"half');
		writeFileSync(join(dir, `.db.json.${process.pid}.0a1b2c3d4e5f.tmp`), '{"live');
		writeFileSync(join(dir, '.other.json.1.ab.tmp'), 'not ours');
		// The lock's own temp files (a writer killed while taking the lock).
		writeFileSync(join(dir, `db.json.lock.${dead}.0a1b2c3d4e5f.tmp`), '');
		writeFileSync(join(dir, `db.json.lock.${process.pid}.0a1b2c3d4e5f.tmp`), '{"pid"');
		const store = await Store.open(db, {lock: {what: 'test', waitMs: 0}});
		await store.close();
		expect(listFiles(dir)).toEqual([
			`.db.json.${process.pid}.0a1b2c3d4e5f.tmp`,
			'.other.json.1.ab.tmp',
			'db.json',
			`db.json.lock.${process.pid}.0a1b2c3d4e5f.tmp`,
		]);
	});
});

describe('a save when something else changed the file', () => {
	const open = (db: string) => Store.open(db, {lock: {what: 'test', waitMs: 0}});
	const refusal = (store: Store) =>
		store.save().then(
			() => undefined,
			(e: unknown) => (isPreflightError(e) ? e.message : String(e)),
		);

	it('is refused when the file was edited, deleted or created meanwhile, and the file is left as it is', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeFileSync(db, v2Text);
		let store = await open(db);
		const edited = v2Text.replace(
			`"schemaVersion": ${SCHEMA_VERSION}`,
			`"schemaVersion":  ${SCHEMA_VERSION}`,
		);
		writeFileSync(db, edited);
		expect(await refusal(store)).toBe(
			`database ${db}: was changed by something else since preflight read it (edited by hand, or by git?); this change is not saved; quit and open it again to see what is there now`,
		);
		expect(readFileSync(db, 'utf8')).toBe(edited);
		await store.close();

		store = await open(db);
		rmSync(db);
		expect(await refusal(store)).toMatch(/: was deleted since preflight read it/);
		expect(listFiles(dir)).toEqual(['db.json.lock']); // held until close
		await store.close();

		store = await open(db); // missing: a new database
		writeFileSync(db, v2Text);
		expect(await refusal(store)).toMatch(/: was created by something else since/);
		expect(readFileSync(db, 'utf8')).toBe(v2Text);
		await store.close();
	});

	it('goes ahead when only the stamp changed (touch, a checkout of the same text), and after its own saves', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeFileSync(db, v2Text);
		const store = await open(db);
		utimesSync(db, new Date('2030-01-01'), new Date('2030-01-01'));
		expect(await refusal(store)).toBeUndefined();
		expect(await refusal(store)).toBeUndefined();
		await store.close();
	});
});

describe('migration of a version-1 database', () => {
	it("a writer's first save migrates, after writing a byte-identical backup", async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		copyFileSync(v1Fixture, db);
		const store = await Store.open(db, {lock: {what: 'test', waitMs: 0}});
		await store.save();
		await store.close();
		expect(readFileSync(`${db}.v1.bak`, 'utf8')).toBe(v1Text);
		const migrated = JSON.parse(readFileSync(db, 'utf8')) as {schemaVersion: number};
		expect(migrated.schemaVersion).toBe(SCHEMA_VERSION);
		// Laid out anew, it reads back as the review it was; its audit entries, all
		// of one time, in the order of their items (see store/layout.ts).
		const [original] = (JSON.parse(v1Text) as {reviews: Review[]}).reviews;
		const [back] = parseDatabase(readFileSync(db, 'utf8'), db).data.reviews;
		expect({...back, audit: []}).toEqual({...original, audit: []});
		const byItem = (a: AuditEntry, b: AuditEntry) => (a.item < b.item ? -1 : 1);
		expect(back!.audit).toEqual([...original!.audit].sort(byItem));
		expect(listFiles(dir)).toEqual(['db.json', 'db.json.v1.bak']);
		// opening again is a no-op: no new backup, same bytes
		const again = readFileSync(db, 'utf8');
		const reopened = await Store.open(db);
		await reopened.close();
		expect(readFileSync(db, 'utf8')).toBe(again);
		expect(readFileSync(`${db}.v1.bak`, 'utf8')).toBe(v1Text);
	});

	it('set on a version-1 database migrates it and keeps every answer', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		copyFileSync(v1Fixture, db);
		const r = runCli(['set', 'security.encryption', 'fail', '--db', db], dir);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(readFileSync(`${db}.v1.bak`, 'utf8')).toBe(v1Text);
		const text = readFileSync(db, 'utf8');
		expect((JSON.parse(text) as {schemaVersion: number}).schemaVersion).toBe(SCHEMA_VERSION);
		const migrated = parseDatabase(text, db).data;
		const original = JSON.parse(v1Text) as {
			reviews: Array<{id: string; answers: Record<string, {status: string}>}>;
		};
		expect(migrated.reviews).toHaveLength(1);
		expect(migrated.reviews[0]!.id).toBe(original.reviews[0]!.id);
		for (const [item, answer] of Object.entries(original.reviews[0]!.answers))
			expect(migrated.reviews[0]!.answers[item]).toEqual(answer);
		expect(migrated.reviews[0]!.answers['security.encryption']?.status).toBe('fail');
	});

	it('status reads a version-1 database', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		copyFileSync(v1Fixture, db);
		const r = runCli(['status', '--json', '--db', db], dir);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('payments');
	});
});

describe('permissions and where files go', () => {
	const mode = (p: string) => statSync(p).mode & 0o777;

	it('a new database and its snapshots are 0600 in 0700 folders', () => {
		const dir = tempDir();
		const db = join(dir, 'state', '.preflight', 'db.json');
		expect(runCli(['set', 'security.secrets', 'fail', '--system', 'x', '--db', db], dir).code).toBe(
			0,
		);
		expect(mode(db)).toBe(0o600);
		expect(mode(join(dir, 'state', '.preflight'))).toBe(0o700);
		const snap = runCli(['snapshot', '--db', db], dir);
		expect(snap.code).toBe(0);
		expect(mode(join(dir, 'state', '.preflight', 'snapshots'))).toBe(0o700);
		const snaps = listFiles(join(dir, 'state', '.preflight', 'snapshots'));
		expect(snaps.length).toBeGreaterThan(0);
		for (const f of snaps)
			expect(mode(join(dir, 'state', '.preflight', 'snapshots', f))).toBe(0o600);
		const out = join(dir, 'out', 'report.xml');
		// --out never creates folders: a typo must not leave a tree behind.
		expect(runCli(['snapshot', '--format', 'junit', '--out', out, '--db', db], dir).code).toBe(2);
		mkdirSync(join(dir, 'out'));
		expect(runCli(['snapshot', '--format', 'junit', '--out', out, '--db', db], dir).code).toBe(0);
		expect(mode(out)).toBe(0o600);
	});

	it("an existing database's mode is kept", () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		writeFileSync(db, v2Text);
		chmodSync(db, 0o640);
		expect(
			runCli(
				[
					'set',
					'security.secrets',
					'pass',
					'--evidence',
					'https://e.example/x',
					'--system',
					'search',
					'--db',
					db,
				],
				dir,
			).code,
		).toBe(0);
		expect(mode(db)).toBe(0o640);
		expect(readFileSync(db, 'utf8')).not.toBe(v2Text);
	});

	it('nothing is written outside the database folder and the --out path', () => {
		const cwd = tempDir('preflight-cwd-');
		const home = tempDir('preflight-home-');
		const state = tempDir('preflight-state-');
		const outDir = tempDir('preflight-out-');
		const db = join(state, 'db.json');
		const env = {HOME: home};
		const run = (args: string[]) => {
			const r = runCli([...args, '--db', db], cwd, env);
			expect(r.stderr).toBe('');
			return r;
		};
		run([
			'set',
			'architecture.boundaries',
			'pass',
			'--evidence',
			'https://e.example/a',
			'--system',
			'web',
		]);
		run(['set', 'security.secrets', 'fail', '--note', 'n']);
		run(['set', 'security.encryption', 'na', '--justification', 'none']);
		run([
			'set',
			'security.data-retention',
			'waived',
			'--waiver-reason',
			'r',
			'--waiver-owner',
			'o',
			'--waiver-expires',
			'2027-01-01',
		]);
		run(['status']);
		run(['reviews']);
		expect(runCli(['gate', '--db', db], cwd, env).code).toBe(1);
		run(['snapshot']);
		run(['snapshot', '--format', 'md']);
		run(['snapshot', '--format', 'junit', '--out', join(outDir, 'r.xml')]);
		run(['snapshot', '--out', join(outDir, 'r.json')]);
		expect(listFiles(cwd)).toEqual([]);
		expect(listFiles(home)).toEqual([]);
		expect(listFiles(outDir)).toEqual(['r.json', 'r.xml']);
		const files = listFiles(state);
		expect(files.slice(0, 2)).toEqual([bundledCopy(), 'db.json']);
		expect(files.slice(2).every((f) => /^snapshots\/web-[0-9TZ-]+\.(json|md)$/.test(f))).toBe(true);
		expect(files).toHaveLength(5);
	});
});
