// Start-up, latency, size and memory figures for preflight, measured against the
// built bundle (npm run bench builds first) beside bare `node -e 0` in the same run.
// Timing lives here only, never in tests. Usage: node scripts/bench.mjs [--runs N] [--json]
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {cpus, tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import pty from 'node-pty';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'preflight.js');
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 15;
// --only start,keys,data: run only those groups of measurements (default: all).
const argOnly = process.argv.indexOf('--only');
const ONLY = argOnly > 0 ? process.argv[argOnly + 1].split(',') : ['start', 'keys', 'data'];
const GROUPS = ['start', 'keys', 'data'];
if (ONLY.some((g) => !GROUPS.includes(g))) {
	console.error(`bench: --only takes a comma-separated list of ${GROUPS.join(', ')}`);
	process.exit(2);
}
// Raw output: the footer's keys and labels are styled apart, so match the keys only.
const FOOTER = 'q/ctrl+c';
const NOW = '2026-03-01T12:00:00.000Z';

const work = mkdtempSync(join(tmpdir(), 'preflight-bench-'));
if (!process.argv.includes('--keep'))
	process.on('exit', () => rmSync(work, {recursive: true, force: true}));

/**
 * Variables removed from every timed child. CI: Ink would render only its last
 * frame; NO_COLOR, FORCE_COLOR: colour overrides. NODE_EXTRA_CA_CERTS: a CA
 * bundle makes every node start read and parse it (about 40 ms here), the
 * bare-node baseline included, which flatters every ratio to node; a user's
 * machine does not set it.
 */
const unset = new Set(['CI', 'NO_COLOR', 'FORCE_COLOR', 'NODE_EXTRA_CA_CERTS']);

/** A child environment as a user's machine would give it (see unset). */
function env(extra = {}) {
	const e = {...process.env};
	for (const k of Object.keys(e)) if (unset.has(k) || k.startsWith('PREFLIGHT_')) delete e[k];
	return {
		...e,
		TERM: 'xterm-256color',
		HOME: work,
		PREFLIGHT_NOW: NOW,
		PREFLIGHT_REVIEWER: 'Bench',
		...extra,
	};
}

// ---------- statistics ----------
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
	const s = [...xs].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

// ---------- fixtures ----------
const pad = (n, w) => String(n).padStart(w, '0');

/** A checklist of `total` items over `sections` sections, ids of fixed width (no id is a prefix of another). */
function makeChecklist(total, sections) {
	const per = Math.ceil(total / sections);
	const out = {
		id: `bench-${total}`,
		title: `Bench checklist (${total} items)`,
		version: '1.0.0',
		sections: [],
	};
	let n = 0;
	for (let s = 0; s < sections && n < total; s++) {
		const items = [];
		for (let i = 0; i < per && n < total; i++, n++)
			items.push({
				id: `s${pad(s, 2)}.item-${pad(i, 5)}`,
				title: `Check number ${pad(n, 5)} of the bench system`,
				guidance: `Guidance for check ${n}: a sentence or two of explanation, as in a real checklist item.`,
				level: n % 7 === 0 ? 'recommended' : 'required',
				evidenceRequired: true,
			});
		out.sections.push({id: `s${pad(s, 2)}`, title: `Section ${s + 1}`, items});
	}
	const path = join(work, `checklist-${total}.json`);
	writeFileSync(path, JSON.stringify(out, null, 2));
	return {path, checklist: out};
}

function cliSync(args, extraEnv) {
	const r = spawnSync(process.execPath, [cli, ...args], {
		encoding: 'utf8',
		env: env(extraEnv),
		cwd: work,
	});
	if (r.status !== 0 && r.status !== 1)
		throw new Error(`preflight ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
	return r;
}

/** Creates a review through the CLI (so checklist digest etc. are the app's own), then answers every item in the file. */
function makeDatabase(name, checklistPath, checklist, reviews) {
	const db = join(work, name, 'db.json');
	mkdirSync(join(work, name), {recursive: true});
	const first = checklist.sections[0].items[0].id;
	cliSync([
		'set',
		first,
		'pass',
		'--evidence',
		'https://example.com/e',
		'--system',
		'seed',
		'--db',
		db,
		'--checklist',
		checklistPath,
	]);
	const data = JSON.parse(readFileSync(db, 'utf8'));
	const template = data.reviews[0];
	const answered = (k) => {
		const answers = {};
		let i = 0;
		for (const section of checklist.sections)
			for (const item of section.items) {
				i++;
				if ((i + k) % 10 === 0) continue; // some pending
				answers[item.id] = {
					evidence: [{addedAt: NOW, kind: 'url', ref: `https://example.com/evidence/${k}/${i}`}],
					signedOff: {at: NOW, by: 'Bench'},
					status: (i + k) % 13 === 0 ? 'fail' : 'pass',
				};
			}
		return answers;
	};
	data.reviews = [];
	for (let k = 0; k < reviews; k++)
		data.reviews.push({
			...template,
			id: `r-${pad(k.toString(16), 8)}`,
			system: `system-${pad(k, 4)}`,
			answers: answered(k),
			audit: [],
		});
	writeFileSync(db, `${JSON.stringify(data, null, 2)}\n`);
	return db;
}

// ---------- measurements ----------
function timeSync(cmd, args, extraEnv) {
	const t0 = performance.now();
	const r = spawnSync(cmd, args, {
		env: env(extraEnv),
		cwd: work,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const ms = performance.now() - t0;
	if (r.status !== 0 && r.status !== 1)
		throw new Error(`${args.join(' ')}: exit ${r.status} ${r.stderr}`);
	return ms;
}

/** Several commands run in turns, `runs` times each after one warm-up round; their samples, in order. */
function inTurns(runs, fns) {
	for (const fn of fns) fn();
	const out = fns.map(() => []);
	for (let i = 0; i < runs; i++) for (const [k, fn] of fns.entries()) out[k].push(fn());
	return out;
}

/** Spawns in a pty; resolves with ms from spawn until the accumulated output contains `text`. */
function ptyUntil(args, text, {keep = false, cols = 80, rows = 24} = {}) {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const p = pty.spawn(process.execPath, args, {
			name: 'xterm-256color',
			cols,
			rows,
			cwd: work,
			env: env(),
		});
		let out = '';
		let done = false;
		const timer = setTimeout(() => {
			p.kill();
			reject(new Error(`timed out waiting for ${text}: ${out.slice(-500)}`));
		}, 20_000);
		p.onData((d) => {
			out += d;
			if (!done && (text === null ? false : out.includes(text))) {
				done = true;
				clearTimeout(timer);
				const ms = performance.now() - t0;
				if (keep) resolve({ms, p});
				else {
					// wait for the exit: the next run must not find this one still holding the lock
					p.onExit(() => resolve({ms}));
					p.kill();
				}
			}
		});
		p.onExit(() => {
			if (text === null && !done) {
				done = true;
				clearTimeout(timer);
				resolve({ms: performance.now() - t0});
			}
		});
	});
}

async function samplePty(runs, fn) {
	await fn();
	const out = [];
	for (let i = 0; i < runs; i++) out.push(await fn());
	return out;
}

/**
 * A baseline and a measurement taken in turns, so that each ratio compares two
 * runs made moments apart (node's own start-up time drifts over minutes).
 * Adds the baseline, the measurement and their ratio as rows.
 */
async function ratioRows(runs, baseline, measured, limit) {
	await baseline.fn();
	await measured.fn();
	const base = [];
	const value = [];
	for (let i = 0; i < runs; i++) {
		base.push(await baseline.fn());
		value.push(await measured.fn());
	}
	row(baseline.label, base, '—', 'ms', () => true);
	row(measured.label, value, '—', 'ms', () => true);
	row(
		`${measured.ratioLabel} / node -e 0`,
		value.map((v, i) => v / base[i]),
		`≤ ${limit}x`,
		'x',
		(m) => m <= limit,
	);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the app on a checklist, presses j `presses` times and returns the latency
 * of each: from the write to the output chunk that completes the frame showing
 * the newly focused item's id (it appears only in the focused item's detail).
 * Presses are spaced 60 ms after each frame, as a person's are, so Ink's 30 fps
 * render throttle does not hold a frame back.
 */
async function keyLatency(checklistPath, checklist, db, presses) {
	const ids = checklist.sections[0].items.map((i) => i.id);
	const {p} = await ptyUntil(
		[cli, '--system', 'lat', '--db', db, '--checklist', checklistPath],
		FOOTER,
		{keep: true},
	);
	let out = '';
	let waiting;
	p.onData((d) => {
		out += d;
		if (waiting && out.includes(waiting.text)) {
			const w = waiting;
			waiting = undefined;
			w.resolve(performance.now() - w.t0);
		}
	});
	await sleep(300);
	const lat = [];
	// Down the first section; where it is short, back and forth between its first two items.
	let at = 0;
	for (let k = 1; k <= presses; k++) {
		const key = ids.length > presses || at === 0 ? 'j' : 'k';
		at += key === 'j' ? 1 : -1;
		const text = `${ids[at]} ·`;
		out = '';
		const ms = await new Promise((resolve, reject) => {
			const t = setTimeout(() => reject(new Error(`no frame for ${ids[k]}`)), 5000);
			waiting = {text, t0: performance.now(), resolve: (v) => (clearTimeout(t), resolve(v))};
			p.write(key);
		});
		lat.push(ms);
		await sleep(60);
	}
	const hwm = vmHwmMb(p.pid);
	p.write('q');
	await new Promise((r) => p.onExit(r));
	return {lat, hwm};
}

function vmHwmMb(pid) {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

// ---------- run ----------
const rows = [];
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : 'n/a');
function row(metric, xs, target, unit, passes) {
	const med = median(xs);
	const p95 = quantile(xs, 0.95);
	rows.push({metric, median: med, p95, target, unit, pass: passes(med, p95), n: xs.length});
}

console.error(`preflight bench: ${RUNS} runs per start-up metric, work dir ${work}`);
console.error(
	`timed children run without ${[...unset].join(', ')} (this shell ${process.env.NODE_EXTRA_CA_CERTS ? 'sets' : 'does not set'} NODE_EXTRA_CA_CERTS)`,
);
const c26 = makeChecklist(26, 5);
const c1k = makeChecklist(1000, 10);
const c10k = makeChecklist(10_000, 10);
const dbMany = makeDatabase('db1000x26', c26.path, c26.checklist, 1000);
const dbOne = makeDatabase('db1x26', c26.path, c26.checklist, 1);
const db10k = makeDatabase('db10k', c10k.path, c10k.checklist, 1);
const dbDemo = join(work, 'demo', 'db.json');
cliSync([
	'set',
	'architecture.boundaries',
	'pass',
	'--evidence',
	'https://example.com/a',
	'--system',
	'demo',
	'--db',
	dbDemo,
]);

// 1. start-up of a non-UI command against bare node
if (ONLY.includes('start')) {
	await ratioRows(
		RUNS,
		{label: 'node -e 0 (baseline)', fn: () => timeSync(process.execPath, ['-e', '0'])},
		{
			label: 'preflight status (26 items)',
			ratioLabel: 'status',
			fn: () => timeSync(process.execPath, [cli, 'status', '--db', dbDemo]),
		},
		1.5,
	);

	// 2. first complete frame in a pty against bare node in a pty (spawn → exit)
	await ratioRows(
		RUNS,
		{
			label: 'node -e 0 in a pty (baseline)',
			fn: async () => (await ptyUntil(['-e', '0'], null)).ms,
		},
		{
			label: 'first frame, 26 items',
			ratioLabel: 'first frame',
			fn: async () => (await ptyUntil([cli, '--system', 'demo', '--db', dbDemo], FOOTER)).ms,
		},
		2.5,
	);
}

// 3. key press → updated frame
if (ONLY.includes('keys')) {
	const freshDb = (name) => join(work, `lat-${name}`, 'db.json');
	for (const [label, c] of [
		['26', c26],
		['1,000', c1k],
		['10,000', c10k],
	]) {
		const {lat, hwm} = await keyLatency(c.path, c.checklist, freshDb(label.replace(',', '')), 60);
		row(`key → frame, ${label} items`, lat, 'p95 ≤ 16 ms', 'ms', (_, p95) => p95 <= 16);
		if (label === '10,000')
			row('peak RSS (VmHWM), app on 10,000 items', [hwm], '≤ 150 MB', 'MB', (m) => m <= 150);
	}
}

// 4. snapshot of a 10,000-item review; opening a database of 1,000 reviews × 26 items.
// Each is taken in turns with node -e 0 and with scripts/bench-floor.mjs, the
// least bare node does with the same files (read, parse, build, hash, write; no
// checks), so each figure can be read against what this machine needs for the bytes.
if (ONLY.includes('data')) {
	const floor = join(root, 'scripts', 'bench-floor.mjs');
	const snapOut = join(work, 'snap.json');
	// A file of its own: --out replaces only a snapshot preflight wrote.
	const floorOut = join(work, 'snap-floor.json');
	const snapArgs = ['--system', 'system-0000', '--db', db10k, '--checklist', c10k.path];
	const [node0, snapFloor, snap, snap26] = inTurns(Math.min(RUNS, 10), [
		() => timeSync(process.execPath, ['-e', '0']),
		() =>
			timeSync(process.execPath, [floor, 'snapshot', db10k, c10k.path, 'system-0000', floorOut]),
		() => timeSync(process.execPath, [cli, 'snapshot', ...snapArgs, '--out', snapOut]),
		() =>
			timeSync(process.execPath, [
				cli,
				'snapshot',
				'--system',
				'system-0000',
				'--db',
				dbOne,
				'--checklist',
				c26.path,
				'--out',
				snapOut,
			]),
	]);
	row('node -e 0 (beside the data figures)', node0, '—', 'ms', () => true);
	row('floor: bare node, same files, no checks', snapFloor, '—', 'ms', () => true);
	row('snapshot, 26-item review (wall)', snap26, '—', 'ms', () => true);
	row('snapshot, 10,000-item review (wall)', snap, '≤ 300 ms', 'ms', (m) => m <= 300);
	row(
		'snapshot 10,000 beyond the floor',
		snap.map((m, i) => m - snapFloor[i]),
		'—',
		'ms',
		() => true,
	);
	const statusArgs = ['--system', 'system-0500', '--db', dbMany, '--checklist', c26.path];
	const [statusFloor, many] = inTurns(Math.min(RUNS, 10), [
		() => timeSync(process.execPath, [floor, 'status', dbMany, c26.path, 'system-0500']),
		() => timeSync(process.execPath, [cli, 'status', ...statusArgs]),
	]);
	row('floor: bare node, same file, no checks', statusFloor, '—', 'ms', () => true);
	row('status on 1,000 reviews × 26 items (wall)', many, '≤ 300 ms', 'ms', (m) => m <= 300);
	// The app on the big database, and on a one-review database with the same
	// checklist, run by run: the difference is the work that grows with the data.
	const oneApp = [];
	const manyApp = await samplePty(Math.min(RUNS, 10), async () => {
		const one = await ptyUntil(
			[cli, '--system', 'system-0000', '--db', dbOne, '--checklist', c26.path],
			FOOTER,
		);
		oneApp.push(one.ms);
		return (
			await ptyUntil(
				[cli, '--system', 'system-0500', '--db', dbMany, '--checklist', c26.path],
				FOOTER,
			)
		).ms;
	});
	oneApp.shift(); // the warm-up run
	row('app first frame, 1 review × 26 (wall)', oneApp, '—', 'ms', () => true);
	row('app first frame, 1,000 reviews × 26 (wall)', manyApp, '—', 'ms', () => true);
	row(
		'app: opening 1,000 × 26 beyond 1 review',
		manyApp.map((m, i) => m - oneApp[i]),
		'≤ 300 ms',
		'ms',
		(m) => m <= 300,
	);
}

// ---------- report ----------
const machine = `${cpus().length} CPUs · ${cpus()[0]?.model.trim()} · node ${process.version} · ${process.platform}`;
if (process.argv.includes('--json')) {
	console.log(JSON.stringify({machine, runs: RUNS, rows}, null, 2));
} else {
	const table = [
		['metric', 'median', 'p95', 'target', 'result'],
		...rows.map((r) => [
			r.metric,
			`${fmt(r.median)} ${r.unit}`,
			`${fmt(r.p95)} ${r.unit}`,
			r.target,
			r.target === '—' ? '' : r.pass ? 'pass' : 'FAIL',
		]),
	];
	const widths = table[0].map((_, i) => Math.max(...table.map((t) => t[i].length)));
	console.log(machine);
	for (const [i, t] of table.entries()) {
		console.log(`| ${t.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`);
		if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	}
}
process.exitCode = rows.some((r) => r.target !== '—' && !r.pass) ? 1 : 0;
