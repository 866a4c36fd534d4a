// The findings of the outside review, and others of the same kind, through the
// built CLI as they were seen there.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {
	existsSync,
	linkSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {digestOf} from '../../source/model/canonical.js';
import {baseEnv, privateCliPath, type Result, runCli, tempDir} from '../store/private-cli.js';

const unsafe =
	// eslint-disable-next-line no-control-regex -- what must never reach a terminal
	/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A folder with a checklist `c.json` and a runner for the built CLI on a database in it. */
function place(items: Array<{id: string; title?: string; level?: string; reviewEvery?: string}>) {
	const dir = tempDir('preflight-hardening-');
	const checklist = join(dir, 'c.json');
	writeFileSync(
		checklist,
		JSON.stringify({
			id: 'hard',
			title: 'Hardening',
			version: '1',
			sections: [{id: 's', title: 'S', items: items.map((i) => ({title: `Item ${i.id}`, ...i}))}],
		}),
	);
	const db = join(dir, '.preflight', 'db.json');
	const run = (args: string[], env: Record<string, string> = {}): Result => {
		const r = runCli([...args, '--db', db, '--checklist', checklist], dir, env);
		expect(r.code, `${args.join(' ')}: ${r.stderr}`).not.toBe(70);
		expect(r.stderr, args.join(' ')).not.toMatch(/internal error|\n\s+at /);
		return r;
	};
	return {dir, checklist, db, run};
}

function oneLine(r: Result): string {
	expect(r.code).toBe(2);
	expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
	return r.stderr;
}

beforeAll(() => {
	privateCliPath();
});

describe('item ids named like members of Object.prototype', () => {
	const names = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[a-z]/i.test(n));

	it('count as pending until answered: gate, status, snapshot and set all agree', () => {
		const p = place(names.map((id) => ({id})));
		const first = p.run([
			'set',
			names[0]!,
			'pass',
			'--system',
			'a',
			'--evidence',
			'https://e.example/1',
		]);
		expect(first.code).toBe(0);
		const gate = p.run(['gate', '--json']);
		expect(gate.code).toBe(1);
		const judged = JSON.parse(gate.stdout);
		expect(judged.totals).toEqual({
			items: names.length,
			pass: 1,
			fail: 0,
			na: 0,
			waived: 0,
			pending: names.length - 1,
			stale: 0,
			blockers: names.length - 1,
		});
		expect(p.run(['status']).stdout).toContain(`1/${names.length} answered`);
		for (const id of names.slice(1))
			expect(p.run(['set', id, 'fail', '--note', id]).code, id).toBe(0);
		const snap = p.run(['snapshot']);
		expect(snap.code).toBe(0);
		expect(p.run(['verify', snap.stdout.split('\n')[0]!]).code).toBe(0);
		for (const id of names.slice(1))
			expect(p.run(['set', id, 'na', '--justification', 'not here']).code, id).toBe(0);
		expect(p.run(['gate']).code).toBe(0);
	});

	it('an id such as __proto__ is refused with the checklist, in one line', () => {
		for (const id of ['__proto__', '__defineGetter__', '__lookupSetter__']) {
			const p = place([{id}]);
			expect(oneLine(p.run(['gate']))).toContain('must start with a letter or digit');
		}
	});

	it('a database whose answers hold __proto__ is refused in one line, and left as it is', () => {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 's']);
		const text = readFileSync(p.db, 'utf8').replace(
			'"items": {',
			'"items": {\n      "__proto__": {"answer": {"evidence": [], "status": "pass"}},',
		);
		writeFileSync(p.db, text);
		for (const args of [['gate'], ['set', 'a', 'pass', '--evidence', 'https://x.example']])
			expect(oneLine(p.run(args))).toContain('"__proto__" cannot be an item id');
		expect(readFileSync(p.db, 'utf8')).toBe(text);
	});
});

describe('evidence that is not a regular file', () => {
	it('verify never hangs on a FIFO or a link to /dev/zero, and names the file', () => {
		const p = place([{id: 'a'}, {id: 'b'}]);
		writeFileSync(join(p.dir, 'rollback.md'), '# rollback\n');
		writeFileSync(join(p.dir, 'pipe.md'), '# pipe\n');
		p.run(['set', 'a', 'pass', '--system', 's', '--evidence', 'rollback.md']);
		p.run(['set', 'b', 'pass', '--evidence', 'pipe.md']);
		const snap = p.run(['snapshot', '--out', 'snap.json']);
		expect(snap.code).toBe(0);
		// Committed later as a link to /dev/zero, and a FIFO in place of the other.
		execFileSync('rm', [join(p.dir, 'rollback.md'), join(p.dir, 'pipe.md')]);
		symlinkSync('/dev/zero', join(p.dir, 'rollback.md'));
		execFileSync('mkfifo', [join(p.dir, 'pipe.md')]);
		const r = p.run(['verify', 'snap.json']);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(
			/a: rollback\.md not checked: .*rollback\.md is a character device, not a regular file \(it leads to \/dev\/zero\)/,
		);
		expect(r.stdout).toMatch(/b: pipe\.md not checked: .*pipe\.md is a FIFO/);
		const json = JSON.parse(p.run(['verify', 'snap.json', '--json']).stdout);
		expect(json.files.map((f: {state: string}) => f.state)).toEqual(['unreadable', 'unreadable']);
		// And set refuses both.
		for (const ev of ['rollback.md', 'pipe.md', '/dev/zero', '.'])
			expect(oneLine(p.run(['set', 'a', 'pass', '--evidence', ev]))).toMatch(
				/not a regular file|is a folder|is outside/,
			);
	});

	it('files outside the repository are refused with the reason, not stored absolute', () => {
		const p = place([{id: 'a'}]);
		const repo = join(p.dir, 'repo');
		mkdirSync(join(repo, '.git'), {recursive: true});
		writeFileSync(join(p.dir, 'outside.md'), 'x');
		writeFileSync(join(repo, 'inside.md'), 'x');
		const r = runCli(
			[
				'set',
				'a',
				'pass',
				'--system',
				's',
				'--evidence',
				'../outside.md',
				'--db',
				p.db,
				'--checklist',
				p.checklist,
			],
			repo,
		);
		expect(oneLine(r)).toMatch(
			/outside.md is outside .*repo \(the repository\).*copy the file in, or link to it by URL/,
		);
		const ok = runCli(
			[
				'set',
				'a',
				'pass',
				'--system',
				's',
				'--evidence',
				join(repo, 'inside.md'),
				'--db',
				p.db,
				'--checklist',
				p.checklist,
			],
			repo,
		);
		expect(ok.code, ok.stderr).toBe(0);
		expect(JSON.parse(readFileSync(p.db, 'utf8')).reviews[0].items.a.answer.evidence[0].ref).toBe(
			'inside.md',
		);
	});
});

describe('every line printed is sanitised', () => {
	/** A review with one pass whose evidence is doc.md, its JSON snapshot s.json, and that snapshot read back to edit. */
	function snapshotOfDoc() {
		const p = place([{id: 'a'}]);
		writeFileSync(join(p.dir, 'doc.md'), 'doc');
		p.run(['set', 'a', 'pass', '--system', 's', '--evidence', 'doc.md']);
		p.run(['snapshot', '--out', 's.json']);
		const forged = JSON.parse(readFileSync(join(p.dir, 's.json'), 'utf8'));
		return {p, forged};
	}

	/** Writes an edited snapshot back with its digest recomputed, as a forger would. */
	function reDigest(dir: string, forged: {digest?: string}) {
		const {digest: _d, ...body} = forged;
		forged.digest = digestOf(body);
		writeFileSync(join(dir, 's.json'), `${JSON.stringify(forged, null, 2)}\n`);
	}

	it('verify shows an edited sha256 without its escape sequences, text and JSON', () => {
		const {p, forged} = snapshotOfDoc();
		forged.sections[0].items[0].evidence[0].sha256 =
			'\u001b]52;c;cm0gLXJm\u0007\u001b[2J\u009b1m\u2028';
		forged.sections[0].items[0].title = 'x\u202e\u0085y';
		reDigest(p.dir, forged);
		const text = p.run(['verify', 's.json']);
		expect(text.code).toBe(1);
		expect(text.stdout).toContain('sha256 is not 64 hex digits');
		expect(unsafe.test(text.stdout), JSON.stringify(text.stdout)).toBe(false);
		const json = p.run(['verify', 's.json', '--json']);
		// eslint-disable-next-line no-control-regex -- what JSON output must not carry raw
		expect(json.stdout).not.toMatch(/[\u001b\u0085\u009b\u2028\u202e]/);
		expect(json.stdout).toContain('\\u009b');
		expect(json.stdout).toContain('\\u2028');
		expect(JSON.parse(json.stdout).files[0].recorded).toBe(
			forged.sections[0].items[0].evidence[0].sha256,
		);
	});

	it('text from an edited snapshot never starts a line of its own in verify’s output', () => {
		const {p, forged} = snapshotOfDoc();
		forged.sections[0].items[0].evidence[0].ref =
			'doc.md\n  ✔ a: other.md unchanged\r\ns.json: ✔ intact';
		reDigest(p.dir, forged);
		const r = p.run(['verify', 's.json']);
		expect(r.code).toBe(1);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines[0]).toBe('s.json: ✖ CHANGED');
		// the forged text stays inside the line that quotes it
		expect(lines.filter((l) => l.startsWith('s.json:'))).toHaveLength(1);
		expect(lines.some((l) => /^\s*✔ a: other\.md unchanged$/.test(l))).toBe(false);
	});

	it('--json output escapes C1 controls, line separators and direction marks, and keeps the text', () => {
		const p = place([{id: 'a', title: 'T \u0085\u009b2J \u2028 \u2029 \u202e \u200b \ufeff'}]);
		const note = 'n \u0085\u009b31m\u2028\u202e\u2066';
		p.run(['set', 'a', 'fail', '--system', 's', '--note', note]);
		for (const args of [
			['status', '--json'],
			['gate', '--json'],
			['reviews', '--json'],
		]) {
			const r = p.run(args);
			expect(r.stdout, args.join(' ')).not.toMatch(
				/[\u0080-\u009f\u2028\u2029\u202e\u200b\ufeff\u2066]/,
			);
		}
		const status = JSON.parse(p.run(['status', '--json']).stdout);
		expect(status.blockers[0].title).toBe('T \u0085\u009b2J \u2028 \u2029 \u202e \u200b \ufeff');
		for (const args of [['status'], ['gate'], ['reviews']])
			expect(unsafe.test(p.run(args).stdout), args.join(' ')).toBe(false);
	});
});

describe('verify rechecks a forged snapshot', () => {
	it('a not-ready snapshot made ready, re-digested: level made recommended, or na without a justification', () => {
		const p = place([{id: 'a'}, {id: 'b'}]);
		p.run(['set', 'a', 'fail', '--system', 's', '--note', 'broken']);
		p.run(['set', 'b', 'pass', '--evidence', 'https://e.example/b']);
		p.run(['snapshot', '--out', 's.json']);
		const original = JSON.parse(readFileSync(join(p.dir, 's.json'), 'utf8'));
		const forge = (edit: (item: Record<string, unknown>) => void) => {
			const s = structuredClone(original);
			edit(s.sections[0].items[0]);
			s.blockers = [];
			s.verdict = 'ready';
			s.totals.blockers = 0;
			s.sections[0].totals.blockers = 0;
			for (const t of [s.totals, s.sections[0].totals]) {
				t.fail = 0;
				t[s.sections[0].items[0].status] += 1;
			}
			const {digest: _d, ...body} = s;
			s.digest = digestOf(body);
			writeFileSync(join(p.dir, 'f.json'), `${JSON.stringify(s, null, 2)}\n`);
		};
		forge((i) => (i.level = 'recommended'));
		let r = p.run(['verify', 'f.json']);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('✔ digest');
		expect(r.stdout).toContain('a is recommended in the snapshot but required in the checklist');
		forge((i) => {
			i.status = 'na';
			delete i.note;
		});
		r = p.run(['verify', 'f.json']);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('a is na without a justification but not listed as a blocker');
		forge((i) => {
			i.status = 'waived';
			i.waiver = {reason: 'later', owner: '', expires: '2027-01-01'};
		});
		expect(p.run(['verify', 'f.json']).stdout).toContain('is waived without a reason, an owner');
		expect(p.run(['verify', 's.json']).code).toBe(0);
		expect(p.run(['verify', 's.json']).stdout).toContain('note: the digest has no secret');
	});

	it('without the checklist it was judged on, verify says what it did not compare', () => {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 's']);
		p.run(['snapshot', '--out', 's.json']);
		const r = runCli(['verify', join(p.dir, 's.json')], p.dir);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('levels, titles and evidence rules not compared with a checklist');
		const wrong = runCli(['verify', join(p.dir, 's.json'), '--checklist', 'nope.json'], p.dir);
		expect(oneLine(wrong)).toContain('no such file');
	});
});

describe('snapshot --out', () => {
	function withReview() {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 's']);
		return p;
	}

	it('never writes over the database or its own files, under any name, not even with --force', () => {
		const p = withReview();
		const dbText = readFileSync(p.db, 'utf8');
		writeFileSync(`${p.db}.v1.bak`, 'backup');
		writeFileSync(`${p.db}.v1.2.bak`, 'backup');
		writeFileSync(`${p.db}.lock`, '{"pid":1}');
		writeFileSync(join(p.dir, '.preflight', '.db.json.123.abc.tmp'), 'tmp');
		symlinkSync(p.db, join(p.dir, 'link.json'));
		symlinkSync(join(p.dir, 'link.json'), join(p.dir, 'link2.json'));
		linkSync(p.db, join(p.dir, 'hard.json'));
		mkdirSync(join(p.dir, 'other'));
		writeFileSync(
			join(p.dir, 'other', 'db.json'),
			'{\n  "reviews": [],\n  "schemaVersion": 2\n}\n',
		);
		const targets = [
			'.preflight/db.json',
			'.preflight/./db.json',
			'.preflight/db.json.v1.bak',
			'.preflight/db.json.v1.2.bak',
			'.preflight/db.json.lock',
			'.preflight/.db.json.123.abc.tmp',
			'link.json',
			'link2.json',
			'hard.json',
			'other/db.json',
		];
		for (const out of targets)
			for (const force of [[], ['--force']]) {
				const r = p.run(['snapshot', '--out', out, ...force]);
				expect(oneLine(r), out).toMatch(/a snapshot never replaces it/);
			}
		expect(readFileSync(p.db, 'utf8')).toBe(dbText);
		expect(readFileSync(`${p.db}.v1.bak`, 'utf8')).toBe('backup');
		expect(p.run(['gate']).code).toBe(1);
	});

	it('replaces another file only when it is empty, a snapshot, or with --force', () => {
		const p = withReview();
		writeFileSync(join(p.dir, 'notes.txt'), 'my notes\n');
		writeFileSync(join(p.dir, 'empty.json'), '');
		expect(oneLine(p.run(['snapshot', '--out', 'notes.txt']))).toContain('give --force');
		expect(readFileSync(join(p.dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
		expect(p.run(['snapshot', '--out', 'empty.json']).code).toBe(0);
		for (const format of ['json', 'md', 'junit'])
			expect(p.run(['snapshot', '--out', 'empty.json', '--format', format]).code, format).toBe(0);
		expect(p.run(['snapshot', '--out', 'notes.txt', '--force']).code).toBe(0);
		expect(oneLine(p.run(['snapshot', '--force']))).toContain('--force goes with --out');
	});
});

describe('snapshot files', () => {
	it('carry the release, and runs in the same second never share a name; a pair comes from one run', async () => {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 'pay', '--release', '2.4.0']);
		const runs = await Promise.all(
			Array.from(
				{length: 6},
				(_, i) =>
					new Promise<Result>((resolve) => {
						const child = spawn(
							process.execPath,
							[privateCliPath(), 'snapshot', '--db', p.db, '--checklist', p.checklist],
							{cwd: p.dir, env: baseEnv(p.dir, {PREFLIGHT_REVIEWER: `R${i}`})},
						);
						let stdout = '';
						let stderr = '';
						child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
						child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
						child.on('close', (code) => resolve({code, stdout, stderr}));
					}),
			),
		);
		const paths = runs.flatMap((r) => {
			expect(r.code, r.stderr).toBe(0);
			return r.stdout.trim().split('\n');
		});
		expect(new Set(paths).size).toBe(12);
		for (const r of runs) {
			const [json, md] = r.stdout.trim().split('\n');
			expect(json).toMatch(/pay-2\.4\.0-20260301T120000Z(-\d+)?\.json$/);
			expect(md).toBe(json!.replace(/\.json$/, '.md'));
			const digest = JSON.parse(readFileSync(json!, 'utf8')).digest as string;
			expect(readFileSync(md!, 'utf8')).toContain(`| Digest | ${digest} |`);
		}
		expect(readdirSync(join(p.dir, '.preflight', 'snapshots'))).toHaveLength(12);
	});

	it('a snapshots folder that cannot be made is one line, exit 2', () => {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 's']);
		symlinkSync(join(p.dir, 'nowhere', 'deeper'), join(p.dir, '.preflight', 'snapshots'));
		expect(oneLine(p.run(['snapshot']))).toMatch(
			/snapshots: a folder on the way is missing or a broken link/,
		);
		execFileSync('rm', [join(p.dir, '.preflight', 'snapshots')]);
		writeFileSync(join(p.dir, '.preflight', 'snapshots'), 'a file');
		expect(oneLine(p.run(['snapshot', '--format', 'md']))).toMatch(
			/a file of that name is in the way/,
		);
	});

	it('on a read-only filesystem the default snapshot is one line, exit 2', () => {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 's']);
		const script = `mount --bind "${p.dir}" "${p.dir}" && mount -o remount,ro,bind "${p.dir}" && exec "${process.execPath}" "${privateCliPath()}" snapshot --db "${p.db}" --checklist "${p.checklist}"`;
		const r = spawnSync('unshare', ['-m', 'sh', '-c', script], {
			cwd: p.dir,
			encoding: 'utf8',
			env: baseEnv(p.dir),
		});
		if (r.error || /unshare|mount/.test(r.stderr.split('\n')[0] ?? '')) return; // no mount namespaces here
		expect(r.status, r.stderr).toBe(2);
		expect(r.stderr.trim()).toMatch(
			/^preflight: cannot create folder .*snapshots: read-only file system$/,
		);
		expect(existsSync(join(p.dir, '.preflight', 'snapshots'))).toBe(false);
	});
});

describe('input nested deeper than any preflight file', () => {
	it('verify, diff, checklist validate and every loader: one line, exit 2', () => {
		const p = place([{id: 'a'}]);
		p.run(['set', 'a', 'fail', '--system', 's']);
		p.run(['snapshot', '--out', 's.json']);
		const snapshot = readFileSync(join(p.dir, 's.json'), 'utf8');
		for (const depth of [100, 4_500, 100_000]) {
			const nest = `${'['.repeat(depth)}${']'.repeat(depth)}`;
			writeFileSync(join(p.dir, 'deep.json'), snapshot.replace('{', `{"x": ${nest},`));
			writeFileSync(
				join(p.dir, 'deep-c.json'),
				`{"id": "d", "title": "D", "version": "1", "sections": ${nest}}`,
			);
			writeFileSync(
				join(p.dir, 'deep-c.yaml'),
				`id: d\ntitle: D\nversion: "1"\nsections: ${'['.repeat(Math.min(depth, 5000))}${']'.repeat(Math.min(depth, 5000))}\n`,
			);
			for (const args of [
				['verify', 'deep.json'],
				['diff', 'deep.json', 's.json'],
				['diff', 's.json', 'deep.json'],
				['checklist', 'validate', 'deep-c.json'],
				['checklist', 'validate', 'deep-c.yaml'],
			]) {
				const r = runCli(args, p.dir);
				expect(oneLine(r), `${args.join(' ')} at ${depth}`).toMatch(/nested too deeply/);
			}
			const status = runCli(['status', '--db', p.db, '--checklist', 'deep-c.json'], p.dir);
			expect(oneLine(status)).toMatch(/nested too deeply/);
			// The database: wherever the nesting is, one line naming the database.
			const db = readFileSync(p.db, 'utf8');
			for (const deep of [
				db.replace('{', `{"x": ${nest},`),
				db.replace('"items": {', `"items": {"z": ${nest},`),
				db.replace('"audit": [', `"audit": [${nest},`),
			]) {
				writeFileSync(p.db, deep);
				for (const args of [
					['status'],
					['gate'],
					['set', 'a', 'pass', '--evidence', 'https://e.example'],
				])
					expect(oneLine(p.run(args)), `${args[0]} at ${depth}`).toMatch(/^preflight: database /);
			}
			writeFileSync(p.db, db);
		}
	});
});

describe('times', () => {
	it('--as-of without a zone is refused; P1M from 31 January ends with February', () => {
		const p = place([{id: 'a', reviewEvery: 'P1M'}]);
		const at = {PREFLIGHT_NOW: '2026-01-31T12:00:00Z'};
		p.run(['set', 'a', 'pass', '--system', 's', '--evidence', 'https://e.example/a'], at);
		expect(oneLine(p.run(['gate', '--as-of', '2026-02-28T12:00'], at))).toContain(
			'has no time zone',
		);
		expect(p.run(['gate', '--as-of', '2026-02-28T12:00Z'], at).code).toBe(0);
		expect(p.run(['gate', '--as-of', '2026-02-28T12:00:01Z'], at).code).toBe(1);
		expect(p.run(['gate', '--as-of', '2026-02-28'], at).stdout).toContain('stale');
		expect(oneLine(p.run(['gate', '--as-of', '2026-02-30'], at))).toContain('does not exist');
		expect(oneLine(p.run(['gate'], {PREFLIGHT_NOW: '2026-01-31T12:00'}))).toContain(
			'has no time zone',
		);
	});

	it('a PREFLIGHT_NOW in the future is said on stderr in every run, a past one is not', () => {
		const p = place([{id: 'a'}]);
		const future = {PREFLIGHT_NOW: new Date(Date.now() + 40 * 86_400_000).toISOString()};
		for (const args of [['set', 'a', 'fail', '--system', 's'], ['gate'], ['snapshot']]) {
			const r = p.run(args, future);
			expect(r.stderr, args.join(' ')).toMatch(
				/^preflight: warning: PREFLIGHT_NOW is .* ahead of the real clock/,
			);
		}
		expect(p.run(['gate']).stderr).toBe('');
	});
});

describe('names with invisible or direction marks', () => {
	const marks = [
		'\u200b',
		'\u200c',
		'\u200d',
		'\u200e',
		'\u200f',
		'\u202a',
		'\u202e',
		'\u2060',
		'\u2066',
		'\u2069',
		'\ufeff',
		'\u00a0',
		'\u3000',
		'\u00ad',
		'\u2028',
	];

	it.each(marks.map((m) => [`U+${m.charCodeAt(0).toString(16).padStart(4, '0')}`, m]))(
		'%s is refused in every name, in one line',
		(_, mark) => {
			const p = place([{id: 'a'}]);
			const name = `pay${mark}ments`;
			for (const [args, env] of [
				[['set', 'a', 'fail', '--system', name], {}],
				[['set', 'a', 'fail', '--system', 's', '--release', name], {}],
				[['set', 'a', 'fail', '--system', 's', '--reviewer', name], {}],
				[['set', 'a', 'fail', '--system', 's'], {PREFLIGHT_REVIEWER: name}],
				[
					[
						'set',
						'a',
						'waived',
						'--system',
						's',
						'--waiver-reason',
						'r',
						'--waiver-owner',
						name,
						'--waiver-expires',
						'2027-01-01',
					],
					{},
				],
			] as Array<[string[], Record<string, string>]>) {
				const r = p.run(args, env);
				expect(oneLine(r), args.join(' ')).toMatch(/must not contain|contains control characters/);
				expect(unsafe.test(r.stderr)).toBe(false);
			}
			expect(existsSync(p.db)).toBe(false);
		},
	);
});
