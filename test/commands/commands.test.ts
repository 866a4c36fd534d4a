import {spawn, spawnSync} from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {XMLValidator} from 'fast-xml-parser';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadChecklist} from '../../source/checklist/load.js';
import {digestOf} from '../../source/model/canonical.js';
import {cliPath, ensureBuilt, root, workspace} from './cli.js';
import {readDatabaseFile} from '../database-file.js';
import {builtInModules} from '../built-in-modules.js';

const checklist = JSON.parse(
	readFileSync(join(root, 'data', 'checklists', 'ai-infrastructure.json'), 'utf8'),
) as {sections: Array<{items: Array<{id: string}>}>};
const itemIds = checklist.sections.flatMap((s) => s.items.map((i) => i.id));
const snapshotSchema = JSON.parse(
	readFileSync(join(root, 'data', 'schemas', 'snapshot.schema.json'), 'utf8'),
);
const validateSnapshot = new Ajv2020({strict: false}).compile(snapshotSchema);

beforeAll(ensureBuilt);

/** A workspace with every item answered pass with one file evidence. */
function completeReview() {
	const ws = workspace();
	writeFileSync(join(ws.dir, 'runbook.md'), '# runbook\n');
	for (const id of itemIds) {
		const r = ws.run(['set', id, 'pass', '--system', 'payments', '--evidence', 'runbook.md']);
		expect(r.code, r.stderr).toBe(0);
	}
	return ws;
}

function lines(text: string): string[] {
	return text.trim().split('\n');
}

describe('a scripted review: set, gate, snapshot, verify, diff', () => {
	let ws: ReturnType<typeof workspace>;
	beforeAll(() => {
		ws = workspace();
		writeFileSync(join(ws.dir, 'runbook.md'), '# runbook\n');
	});

	it('gates before and after the review is complete', () => {
		expect(ws.run(['gate']).code).toBe(2); // no review yet
		expect(
			ws.run(['set', itemIds[0]!, 'pass', '--system', 'payments', '--evidence', 'runbook.md']).code,
		).toBe(0);
		const before = ws.run(['gate']);
		expect(before.code).toBe(1);
		expect(before.stdout).toContain('NOT READY · 25 blockers');
		expect(before.stdout).toContain(`${itemIds[1]}`);
		expect(before.stdout).toContain('not answered yet');
		const snap = ws.run(['snapshot', '--out', 'before.json']);
		expect(snap.code, snap.stderr).toBe(0);
		for (const id of itemIds.slice(1)) {
			const r = ws.run(['set', id, 'pass', '--evidence', 'https://ci.example.com/runs/1']);
			expect(r.code, r.stderr).toBe(0);
		}
		const after = ws.run(['gate', '--json']);
		expect(after.code).toBe(0);
		expect(JSON.parse(after.stdout)).toMatchObject({ready: true, verdict: 'ready', blockers: []});
		expect(JSON.parse(ws.run(['status', '--json']).stdout).totals).toMatchObject({
			items: 26,
			pass: 26,
		});
		const reviews = JSON.parse(ws.run(['reviews', '--json']).stdout);
		expect(reviews).toHaveLength(1);
		expect(reviews[0]).toMatchObject({
			system: 'payments',
			verdict: 'ready',
			progress: {done: 26, total: 26},
		});
		expect(ws.run(['reviews']).stdout).toContain('✔ READY');
		expect(ws.run(['status']).stdout).toContain('verdict: ✔ READY');
	});

	it('writes snapshots in every format that ordinary tools read', () => {
		const pair = ws.run(['snapshot']);
		expect(pair.code, pair.stderr).toBe(0);
		const [jsonPath, mdPath] = lines(pair.stdout);
		expect(jsonPath).toMatch(/\.preflight\/snapshots\/payments-20260301T120000Z\.json$/);
		expect(mdPath).toMatch(/payments-20260301T120000Z\.md$/);
		const snapshot = JSON.parse(readFileSync(jsonPath!, 'utf8'));
		expect(validateSnapshot(snapshot), JSON.stringify(validateSnapshot.errors)).toBe(true);
		expect(snapshot.verdict).toBe('ready');
		expect(readFileSync(mdPath!, 'utf8')).toContain('**✔ READY**');
		const junit = ws.run(['snapshot', '--format', 'junit']);
		expect(junit.code).toBe(0);
		expect(junit.stdout.trim()).toMatch(/payments-20260301T120000Z\.xml$/);
		expect(XMLValidator.validate(readFileSync(junit.stdout.trim(), 'utf8'))).toBe(true);
		// --out never creates folders.
		expect(ws.run(['snapshot', '--format', 'md', '--out', 'out/r.md']).code).toBe(2);
		mkdirSync(join(ws.dir, 'out'));
		expect(ws.run(['snapshot', '--format', 'md', '--out', 'out/r.md']).stdout.trim()).toBe(
			join(ws.dir, 'out', 'r.md'),
		);
		expect(ws.run(['snapshot', '--format', 'xml']).code).toBe(2);
		expect(ws.run(['verify', jsonPath!]).code).toBe(0);
		// Every snapshot written so far validates against the committed schema.
		const dir = join(ws.dir, '.preflight', 'snapshots');
		for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')))
			expect(validateSnapshot(JSON.parse(readFileSync(join(dir, f), 'utf8')))).toBe(true);
	});

	it('is deterministic: the same state gives the same bytes apart from generatedAt and digest', () => {
		ws.run(['snapshot', '--out', 'a.json']);
		ws.run(['snapshot', '--out', 'b.json']);
		const a = readFileSync(join(ws.dir, 'a.json'), 'utf8');
		expect(readFileSync(join(ws.dir, 'b.json'), 'utf8')).toBe(a);
		ws.setClock('2026-03-01T13:00:00.000Z');
		ws.run(['snapshot', '--out', 'c.json']);
		const strip = (t: string) => t.replace(/"(generatedAt|digest)": "[^"]*"/g, '');
		const c = readFileSync(join(ws.dir, 'c.json'), 'utf8');
		expect(c).not.toBe(a);
		expect(strip(c)).toBe(strip(a));
		ws.setClock('2026-03-01T12:00:00.000Z');
	});

	it('verify catches a tampered byte and a changed evidence file', () => {
		ws.run(['snapshot', '--out', 't.json']);
		const path = join(ws.dir, 't.json');
		const text = readFileSync(path, 'utf8');
		writeFileSync(path, text.replace('"system": "payments"', '"system": "paymentz"'));
		const tampered = ws.run(['verify', 't.json']);
		expect(tampered.code).toBe(1);
		expect(tampered.stdout).toContain('digest mismatch');
		writeFileSync(path, text.replace('"formatVersion": 2,', '"formatVersion":  1,'));
		expect(ws.run(['verify', 't.json']).code).toBe(1);
		writeFileSync(path, text);
		const good = ws.run(['verify', 't.json']);
		expect(good.code).toBe(0);
		expect(good.stdout).toContain(
			"✔ answers, verdict, totals and blockers keep preflight's rules; items, levels and titles match checklist",
		);
		// Edited and re-digested: the digest holds, the items contradict the verdict.
		const forged = JSON.parse(text);
		forged.verdict = forged.verdict === 'ready' ? 'not-ready' : 'ready';
		const {digest: _digest, ...body} = forged;
		forged.digest = digestOf(body);
		writeFileSync(path, `${JSON.stringify(forged, null, 2)}\n`);
		const lie = ws.run(['verify', 't.json']);
		expect(lie.code).toBe(1);
		expect(lie.stdout).toContain('✔ digest');
		expect(lie.stdout).toContain('✖ inconsistent: verdict is');
		writeFileSync(path, text);
		writeFileSync(join(ws.dir, 'runbook.md'), '# runbook, edited\n');
		const changed = ws.run(['verify', 't.json']);
		expect(changed.code).toBe(1);
		expect(changed.stdout).toContain('runbook.md changed since sign-off');
		expect(JSON.parse(ws.run(['verify', 't.json', '--json']).stdout).files[0].state).toBe(
			'changed',
		);
		writeFileSync(join(ws.dir, 'runbook.md'), '# runbook\n');
	});

	it('diffs a real snapshot pair, regressions first', () => {
		const d = ws.run(['diff', 'before.json', 'a.json']);
		expect(d.code, d.stderr).toBe(0);
		expect(d.stdout).toContain('verdict: ✖ NOT READY → ✔ READY');
		expect(d.stdout).toContain('changed (25)');
		ws.run(['set', itemIds[3]!, 'fail', '--note', 'load test failed']);
		ws.run(['snapshot', '--out', 'regressed.json']);
		const r = ws.run(['diff', 'a.json', 'regressed.json', '--json']);
		const diff = JSON.parse(r.stdout);
		expect(diff.verdict).toEqual({from: 'ready', to: 'not-ready'});
		expect(diff.changed[0]).toMatchObject({
			itemId: itemIds[3],
			regression: true,
			status: {from: 'pass', to: 'fail'},
		});
		expect(ws.run(['diff', 'a.json']).code).toBe(2);
		expect(ws.run(['diff', 'a.json', 'missing.json']).code).toBe(2);
	});
});

describe('staleness and waiver expiry under a fixed clock', () => {
	it('blocks a pass past reviewEvery and an expired waiver, now or --as-of', () => {
		const ws = completeReview();
		expect(ws.run(['gate']).code).toBe(0);
		// security.secrets has P90D: signed 2026-03-01T12:00Z, stale from 2026-05-30T12:00Z.
		expect(ws.run(['gate', '--as-of', '2026-05-29']).code).toBe(0);
		const late = ws.run(['gate', '--as-of', '2026-05-30']);
		expect(late.code).toBe(1);
		expect(late.stdout).toContain('security.secrets');
		expect(late.stdout).toContain('stale: signed off 2026-03-01, review every 90 days');
		expect(
			JSON.parse(ws.run(['status', '--json', '--as-of', '2026-06-01']).stdout).totals.stale,
		).toBe(2);
		ws.setClock('2026-06-01T00:00:00.000Z');
		expect(ws.run(['gate']).code).toBe(1);
		ws.setClock('2026-03-01T12:00:00.000Z');
		const waive = ws.run([
			'set',
			'testing.load-testing',
			'waived',
			'--waiver-reason',
			'traffic is tiny',
			'--waiver-owner',
			'Carol',
			'--waiver-expires',
			'2026-04-01',
		]);
		expect(waive.code, waive.stderr).toBe(0);
		expect(ws.run(['gate', '--as-of', '2026-04-01']).code).toBe(0);
		const expired = ws.run(['gate', '--as-of', '2026-04-02']);
		expect(expired.code).toBe(1);
		expect(expired.stdout).toContain('waiver expired on 2026-04-01');
		ws.run(['snapshot', '--out', 'late.json', '--as-of', '2026-06-01']);
		const snap = JSON.parse(readFileSync(join(ws.dir, 'late.json'), 'utf8'));
		expect(snap.verdict).toBe('not-ready');
		expect(snap.blockers.map((b: {itemId: string}) => b.itemId).sort()).toEqual([
			'deployment.disaster-recovery',
			'security.secrets',
			'testing.load-testing',
		]);
		// JSON has no field for the moment judged at; Markdown and JUnit say it.
		ws.run(['snapshot', '--format', 'md', '--out', 'late.md', '--as-of', '2026-06-01']);
		expect(readFileSync(join(ws.dir, 'late.md'), 'utf8')).toContain(
			'| Judged as of | 2026-06-01T23:59:59.999Z',
		);
		ws.run(['snapshot', '--format', 'junit', '--out', 'late.xml', '--as-of', '2026-06-01']);
		expect(readFileSync(join(ws.dir, 'late.xml'), 'utf8')).toContain(
			'<property name="preflight.asOf" value="2026-06-01T23:59:59.999Z"/>',
		);
		ws.run(['snapshot', '--format', 'md', '--out', 'now.md']);
		expect(readFileSync(join(ws.dir, 'now.md'), 'utf8')).not.toContain('Judged as of');
		expect(ws.run(['gate', '--as-of', 'tomorrow']).code).toBe(2);
	});
});

describe('set refuses invalid input with exit 2 and writes nothing', () => {
	it.each([
		[['set'], 'usage'],
		[['set', 'security.secrets', 'maybe'], 'unknown status'],
		[['set', 'no.such.item', 'pass'], 'no item'],
		[['set', 'security.secerts', 'fail'], 'did you mean security.secrets?'],
		[['set', 'security.', 'fail'], 'matches 6 items'],
		[['set', 'security.secrets', 'pass'], 'needs at least one evidence link'],
		[['set', 'security.secrets', 'na'], 'justification'],
		[
			[
				'set',
				'security.secrets',
				'pass',
				'--justification',
				'x',
				'--evidence',
				'https://x.example',
			],
			'goes with status na',
		],
		[
			[
				'set',
				'security.secrets',
				'waived',
				'--waiver-reason',
				'r',
				'--waiver-expires',
				'2026-12-01',
			],
			'owner',
		],
		[
			[
				'set',
				'security.secrets',
				'waived',
				'--waiver-reason',
				'r',
				'--waiver-owner',
				'o',
				'--waiver-expires',
				'2026-02-01',
			],
			'already passed',
		],
		[
			[
				'set',
				'security.secrets',
				'waived',
				'--waiver-reason',
				'r',
				'--waiver-owner',
				'o',
				'--waiver-expires',
				'soon',
			],
			'YYYY-MM-DD',
		],
		[
			['set', 'security.secrets', 'pass', '--evidence', 'javascript:alert(1)'],
			'only http and https',
		],
		[['set', 'security.secrets', 'pass', '--evidence', 'nope.txt'], 'no such file'],
		[
			['set', 'security.secrets', 'pass', '--evidence', 'https://ci:s3cret@x.example/run'],
			'user name or password',
		],
		[['set', 'security.secrets', 'fail', '--note', 'a', '--note', 'b'], '--note given twice'],
		[['set', 'security.secrets', 'fail', '--as-of', '2026-01-01'], '--as-of does not apply'],
		[
			[
				'set',
				'security.secrets',
				'pass',
				'--evidence',
				'https://x.example',
				'--system',
				'other',
				'--bogus',
			],
			'unknown flag --bogus; see preflight --help',
		],
	])('%j', (args, message) => {
		const ws = workspace();
		expect(ws.run(['set', 'architecture.boundaries', 'fail', '--system', 'payments']).code).toBe(0);
		const before = readFileSync(ws.db);
		const r = ws.run(args);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain(message);
		expect(lines(r.stderr)).toHaveLength(1);
		expect(r.stderr).not.toMatch(/\n\s+at /);
		expect(readFileSync(ws.db).equals(before)).toBe(true);
	});

	it('refuses a clock it cannot read rather than signing off at the real time', () => {
		const ws = workspace();
		expect(ws.run(['set', 'architecture.boundaries', 'fail', '--system', 'payments']).code).toBe(0);
		const before = readFileSync(ws.db);
		for (const args of [['set', 'security.secrets', 'fail'], ['status']]) {
			const r = ws.run(args, {PREFLIGHT_NOW: 'yesterday'});
			expect(r.code).toBe(2);
			expect(r.stderr).toBe(
				'preflight: PREFLIGHT_NOW "yesterday" is not an ISO time such as 2026-03-01T12:00:00Z\n',
			);
		}
		expect(readFileSync(ws.db).equals(before)).toBe(true);
	});

	it('an error quoting a huge value stays one short line: the middle goes', () => {
		const ws = workspace();
		// (a name that long is refused by its length: an item id is not)
		const r = ws.run(['set', `start${'x'.repeat(5000)}`, 'pass']);
		expect(r.code).toBe(2);
		expect(lines(r.stderr)).toHaveLength(1);
		expect(r.stderr.length).toBeLessThan(420);
		expect(r.stderr).toMatch(/^preflight: no item "startx+…x+" in checklist /);
	});

	it('takes an unambiguous start of an id and names the whole id', () => {
		const ws = workspace();
		const r = ws.run(['set', 'secr', 'fail', '--system', 'payments']);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('payments: security.secrets ○ pending → ✖ fail [review created]');
		const db = readDatabaseFile(ws.db);
		expect(db.reviews[0]?.answers['security.secrets']?.status).toBe('fail');
	});

	it('needs --system to create the first review', () => {
		const ws = workspace();
		const r = ws.run(['set', 'security.secrets', 'fail']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('--system');
	});
});

describe('other exit codes', () => {
	it('a reader that closes the pipe early ends the output quietly, the exit code stays', async () => {
		const ws = workspace();
		ws.run(['set', 'architecture.boundaries', 'fail', '--system', 'a']);
		const child = spawn(process.execPath, [cliPath, 'gate', '--db', ws.db], {
			cwd: ws.dir,
			env: {PATH: process.env.PATH ?? '', HOME: ws.dir, PREFLIGHT_NOW: '2026-03-01T12:00:00Z'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.destroy(); // the read end closes before gate writes: EPIPE
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const code = await new Promise((resolve) => child.on('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(1); // not ready, as without the pipe
	});

	it('verify, checklist and unknown commands', () => {
		const ws = workspace();
		writeFileSync(join(ws.dir, 'x.json'), '{not json');
		writeFileSync(join(ws.dir, 'y.json'), '{"format":"something-else"}');
		expect(ws.run(['verify', 'x.json']).code).toBe(2);
		expect(ws.run(['verify', 'y.json']).code).toBe(2);
		expect(ws.run(['verify', 'missing.json']).code).toBe(2);
		expect(ws.run(['verify']).code).toBe(2);
		const good = ws.run([
			'checklist',
			'validate',
			join(root, 'data', 'checklists', 'ai-infrastructure.json'),
		]);
		expect(good.code).toBe(0);
		expect(good.stdout).toContain('5 sections, 26 items');
		writeFileSync(
			join(ws.dir, 'bad.json'),
			JSON.stringify({
				id: 'b',
				title: 'B',
				version: '1',
				sections: [{id: 's', title: '', items: [{id: 'x', title: 'X', reviewEvery: 'sometimes'}]}],
			}),
		);
		const bad = ws.run(['checklist', 'validate', 'bad.json']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('2 problems');
		expect(bad.stderr).toContain('sections[0].title');
		expect(bad.stderr).toContain('sections[0].items[0].reviewEvery');
		const schema = ws.run(['checklist', 'schema']);
		expect(schema.code).toBe(0);
		expect(schema.stdout).toBe(
			readFileSync(join(root, 'data', 'schemas', 'checklist.schema.json'), 'utf8'),
		);
		expect(ws.run(['checklist']).code).toBe(2);
		expect(ws.run(['frobnicate']).code).toBe(2);
		expect(ws.run(['reviews']).code).toBe(0);
		expect(ws.run(['status']).code).toBe(2);
		expect(ws.run(['snapshot']).code).toBe(2);
	});

	it('asks which review when there are several', () => {
		const ws = workspace();
		ws.run(['set', 'security.secrets', 'fail', '--system', 'a']);
		ws.run(['set', 'security.secrets', 'fail', '--system', 'b', '--release', '2']);
		const r = ws.run(['gate']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('choose one with --system');
		expect(ws.run(['gate', '--system', 'b', '--release', '2']).code).toBe(1);
		ws.run(['snapshot', '--system', 'a', '--out', 'a.json']);
		ws.run(['snapshot', '--system', 'b', '--release', '2', '--out', 'b.json']);
		expect(ws.run(['diff', 'a.json', 'b.json']).code).toBe(2);
	});
});

describe('hostile text', () => {
	const evil =
		'x\u001b]0;owned\u0007\u001b[2J\u001b]52;c;Y2xpcA==\u0007 | `y` <script>alert(1)</script> ](javascript:alert(1))\u009b31m';
	it('is stripped on the terminal, kept intact in JSON, escaped in Markdown and XML', () => {
		const ws = workspace();
		const refused = ws.run(['set', 'architecture.boundaries', 'fail', '--system', evil]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toBe(
			'preflight: --system must not contain control characters, escape sequences, or invisible or direction marks\n',
		);
		// A reviewer name is a name too, from the environment as from a flag.
		const byEvil = ws.run(
			['set', 'architecture.boundaries', 'fail', '--system', 'plain', '--note', evil],
			{PREFLIGHT_REVIEWER: evil},
		);
		expect(byEvil.code).toBe(2);
		expect(byEvil.stderr).toMatch(
			/^preflight: the reviewer name from PREFLIGHT_REVIEWER \(".*"\) contains control characters/,
		);
		expect(byEvil.stderr).not.toContain('\u001b');
		const set = ws.run([
			'set',
			'architecture.boundaries',
			'fail',
			'--system',
			'plain',
			'--note',
			evil,
		]);
		expect(set.code, set.stderr).toBe(0);
		// Names can still arrive by editing the file by hand: they are shown safely.
		const db = JSON.parse(readFileSync(ws.db, 'utf8'));
		db.reviews[0].system = evil;
		db.reviews[0].items['architecture.boundaries'].answer.signedOff.by = evil;
		for (const item of Object.values(db.reviews[0].items) as Array<{audit?: Array<{by: string}>}>)
			for (const entry of item.audit ?? []) entry.by = evil;
		writeFileSync(ws.db, JSON.stringify(db, null, 2));
		for (const args of [
			['status'],
			['gate'],
			['reviews'],
			['set', 'architecture.boundaries', 'fail'],
		]) {
			const r = ws.run(args);
			// eslint-disable-next-line no-control-regex -- looking for control characters
			expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		}
		expect(ws.run(['status']).stdout).toContain('<script>');
		expect(JSON.parse(ws.run(['status', '--json']).stdout).review.system).toBe(evil);
		ws.run(['snapshot', '--out', 's.json']);
		ws.run(['snapshot', '--out', 's.md', '--format', 'md']);
		ws.run(['snapshot', '--out', 's.xml', '--format', 'junit']);
		expect(JSON.parse(readFileSync(join(ws.dir, 's.json'), 'utf8')).review.system).toBe(evil);
		expect(ws.run(['verify', 's.json']).code).toBe(0);
		const md = readFileSync(join(ws.dir, 's.md'), 'utf8');
		expect(md).not.toContain('\u001b');
		expect(md).not.toContain('<script>');
		expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
		const xml = readFileSync(join(ws.dir, 's.xml'), 'utf8');
		expect(XMLValidator.validate(xml)).toBe(true);
		expect(xml).not.toContain('\u001b');
		const diff = ws.run(['diff', 's.json', 's.json']);
		expect(diff.stdout).not.toContain('\u001b');
	});
});

describe('the bundle', () => {
	/** Every chunk a file can load, statically or by dynamic import (conservative). */
	function closure(file: string, seen = new Set<string>()): Set<string> {
		if (seen.has(file)) return seen;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		// Chunks are CommonJS scripts that require each other as "./x.cjs".
		for (const m of text.matchAll(/require\(\s*["']\.\/([^"']+)\.cjs["']\s*\)/g))
			closure(join(file, '..', `${m[1]!}.cjs`), seen);
		return seen;
	}
	const dist = join(cliPath, '..');
	const bundledChecklist = join(root, 'data', 'checklists', 'ai-infrastructure.json');

	/** A copy of the built program to break; removed by the returned function. */
	function copyOfDist(): {copy: string; remove: () => void} {
		const copy = join(mkdtempSync(join(tmpdir(), 'preflight-dist-')), 'dist');
		cpSync(dist, copy, {recursive: true});
		return {copy, remove: () => rmSync(join(copy, '..'), {recursive: true, force: true})};
	}

	it('non-UI commands never load Ink or React', () => {
		const chunks = join(dist, 'chunks');
		const all = readdirSync(chunks);
		const isReact = (f: string) => readFileSync(f, 'utf8').includes('react.transitional.element');
		const ui = all.filter((f) => f.startsWith('start-') && f.endsWith('.cjs'));
		expect(ui.length).toBeGreaterThan(0);
		// The detector works: the app's chunks do pull React in.
		expect([...closure(join(chunks, ui[0]!))].some(isReact)).toBe(true);
		expect([...closure(join(dist, 'preflight.cjs'))].length).toBeGreaterThan(10);
		for (const name of [
			'reviews',
			'status',
			'set',
			'snapshot',
			'gate',
			'verify',
			'diff',
			'checklist',
		]) {
			const chunk = all.find((f) => f.startsWith(`${name}-`) && f.endsWith('.cjs'));
			expect(chunk, name).toBeDefined();
			expect([...closure(join(chunks, chunk!))].some(isReact), name).toBe(false);
		}
	});

	it('commands load no built-in module they do not use (each costs every start milliseconds)', () => {
		const ws = workspace();
		const modules = builtInModules(ws.dir);
		const loaded = (args: string[], env: Record<string, string> = {}): string[] => {
			const r = ws.run(args, {...modules.env, ...env});
			expect(r.code, r.stderr).toBeLessThan(2);
			return modules.loaded();
		};
		// The detector works: a command that asks git who the reviewer is loads child_process.
		expect(
			loaded([
				'set',
				itemIds[0]!,
				'pass',
				'--system',
				'payments',
				'--evidence',
				'https://example.com/x',
			]),
		).toContain('child_process');
		const heavy = ['child_process', 'crypto', 'internal/crypto/webcrypto', 'v8', 'net', 'stream'];
		for (const args of [
			['status'],
			['status', '--json'],
			['gate'],
			['reviews'],
			['actions'],
			['--version'],
		])
			expect(
				loaded(args).filter((m) => heavy.includes(m)),
				args.join(' '),
			).toEqual([]);
		// A write names its temp files without the secure generator (node's crypto modules).
		const write = loaded(
			['set', itemIds[1]!, 'pass', '--system', 'payments', '--evidence', 'https://example.com/x'],
			{
				PREFLIGHT_REVIEWER_EMAIL: 'alice@example.com',
			},
		);
		expect(write.filter((m) => heavy.includes(m))).toEqual([]);
	});

	it('the build saved a code cache for every chunk', () => {
		const chunks = readdirSync(join(dist, 'chunks'));
		const scripts = chunks.filter((f) => f.endsWith('.cjs'));
		expect(scripts.length).toBeGreaterThan(10);
		for (const script of scripts) expect(chunks, script).toContain(`${script}.cache`);
		expect(readdirSync(dist)).toContain('preflight.cjs.cache');
	});

	it('knows the digest of the bundled checklist without hashing it, and it is the hashed one', () => {
		const ws = workspace();
		ws.run(['set', 'architecture.boundaries', 'fail', '--system', 'a']);
		expect(ws.run(['snapshot', '--out', 's.json']).code).toBe(0);
		const written = JSON.parse(readFileSync(join(ws.dir, 's.json'), 'utf8'));
		const hashed = loadChecklist(bundledChecklist);
		expect(written.checklist.digest).toBe(hashed.digest);
		// and the built program has it written in (the fast path is taken)
		const chunks = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.cjs'));
		expect(
			chunks.some((f) => readFileSync(join(dist, 'chunks', f), 'utf8').includes(hashed.digest)),
		).toBe(true);
	});

	it('uses the bundled checklist as validated at build time, and it is the validated one', () => {
		const ws = workspace();
		expect(ws.run(['set', 'architecture.boundaries', 'fail', '--system', 'a']).code).toBe(0);
		// The same checklist in other text (one more newline) is read, validated and hashed.
		const copy = join(ws.dir, 'copy.json');
		writeFileSync(copy, `${readFileSync(bundledChecklist, 'utf8')}\n`);
		const bundled = ws.run(['status', '--json']);
		const fromCopy = ws.run(['status', '--json', '--checklist', copy]);
		expect(bundled.code, bundled.stderr).toBe(0);
		expect(fromCopy.stdout).toBe(bundled.stdout);
		const snapshot = (args: string[], out: string) => {
			expect(ws.run(['snapshot', '--out', out, ...args]).code).toBe(0);
			const {
				generatedAt: _at,
				digest: _digest,
				...rest
			} = JSON.parse(readFileSync(join(ws.dir, out), 'utf8'));
			return rest;
		};
		expect(snapshot(['--checklist', copy], 'b.json')).toEqual(snapshot([], 'a.json'));
		// and the built program has it written in (the fast path is taken)
		const chunks = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.cjs'));
		const texts = chunks.map((f) => readFileSync(join(dist, 'chunks', f), 'utf8'));
		const validated = JSON.stringify(loadChecklist(bundledChecklist).checklist).slice(0, 200);
		// In a template literal as it is, or in quotes with its quotes escaped.
		const forms = [validated, JSON.stringify(validated).slice(1, -1)];
		expect(texts.some((t) => forms.some((form) => t.includes(form)))).toBe(true);
	});

	it('a broken install says so in one line and exits 70', () => {
		const {copy, remove} = copyOfDist();
		rmSync(join(copy, 'preflight.cjs'));
		const r = spawnSync(process.execPath, [join(copy, 'preflight.js'), '--version'], {
			encoding: 'utf8',
		});
		expect(r.status).toBe(70);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(
			/^preflight: internal error: cannot load the program: ENOENT[^\n]*\n$/,
		);
		remove();
	});

	it('runs the same without its code cache, or with a damaged one', () => {
		const {copy, remove} = copyOfDist();
		const caches = [
			join(copy, 'preflight.cjs.cache'),
			...readdirSync(join(copy, 'chunks'))
				.filter((f) => f.endsWith('.cache'))
				.map((f) => join(copy, 'chunks', f)),
		];
		const ws = workspace();
		const set = ws.run([
			'set',
			'architecture.boundaries',
			'pass',
			'--system',
			'a',
			'--evidence',
			'https://example.com/e',
		]);
		expect(set.code, set.stderr).toBe(0);
		const status = () =>
			spawnSync(
				process.execPath,
				[join(copy, 'preflight.js'), 'status', '--db', ws.db, '--checklist', bundledChecklist],
				{
					cwd: ws.dir,
					encoding: 'utf8',
					env: {
						PATH: process.env.PATH ?? '',
						HOME: ws.dir,
						PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z',
					},
				},
			);
		const withCache = status();
		for (const file of caches) writeFileSync(file, 'not a V8 code cache');
		const damaged = status();
		for (const file of caches) rmSync(file);
		const without = status();
		for (const r of [withCache, damaged, without]) {
			expect(r.status, r.stderr).toBe(0);
			expect(r.stderr).toBe('');
		}
		expect(damaged.stdout).toBe(withCache.stdout);
		expect(without.stdout).toBe(withCache.stdout);
		expect(withCache.stdout).toContain('NOT READY');
		remove();
	});
});
