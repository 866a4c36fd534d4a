// Start-up, latency, size and memory figures for preflight, measured against the
// built bundle (npm run bench builds first), each as a ratio to a baseline taken in
// the same run: bare node, a node program printing the same frame, or the floor
// (scripts/bench-floor.cjs). Start-up is measured on this Node and on Node 24
// (scripts/node-24.mjs). Timing lives here only, never in tests.
// Usage: node scripts/bench.mjs [--quick] [--runs N] [--only start,keys,data] [--json] [--keep]
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import pty from 'node-pty';
import {buildInkHello} from './build.mjs';
import {node24, NODE_24_VERSION} from './node-24.mjs';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'preflight.js');
const floor = join(root, 'scripts', 'bench-floor.cjs');
// --quick: fewer runs and key presses, for use before every commit (under a minute).
const QUICK = process.argv.includes('--quick');
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : QUICK ? 7 : 21;
const DATA_RUNS = argRuns > 0 ? RUNS : QUICK ? 4 : 11;
const PRESSES = QUICK ? 25 : 60;
// --only start,keys,data: run only those groups of measurements (default: all).
const argOnly = process.argv.indexOf('--only');
const ONLY = argOnly > 0 ? process.argv[argOnly + 1].split(',') : ['start', 'keys', 'data'];
const GROUPS = ['start', 'keys', 'data'];
if (ONLY.some((g) => !GROUPS.includes(g)) || !(RUNS >= 1)) {
	console.error(
		`bench: --only takes a comma-separated list of ${GROUPS.join(', ')}; --runs a count`,
	);
	process.exit(2);
}
// Raw output: the footer's keys and labels are styled apart, so match the keys only.
const FOOTER = 'q/ctrl+c';
const NOW = '2026-03-01T12:00:00.000Z';
const NODE20 = process.execPath;

const work = mkdtempSync(join(tmpdir(), 'preflight-bench-'));
if (!process.argv.includes('--keep'))
	process.on('exit', () => rmSync(work, {recursive: true, force: true}));

/**
 * Variables removed from every timed child. CI: Ink would render only its last
 * frame; NO_COLOR, FORCE_COLOR: colour overrides. Every NODE_* variable:
 * NODE_EXTRA_CA_CERTS makes every node start read and parse a CA bundle (about
 * 40 ms on this machine), the bare-node baseline included, which flatters every
 * ratio to node; NODE_OPTIONS, NODE_V8_COVERAGE, NODE_DEBUG, NODE_COMPILE_CACHE
 * and the like change what a start does. A user's machine sets none of them.
 */
const unset = (key) =>
	['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(key) ||
	key.startsWith('NODE_') ||
	key.startsWith('PREFLIGHT_');
const removed = Object.keys(process.env).filter(
	(k) => unset(k) && !k.startsWith('PREFLIGHT_') && !k.startsWith('npm_'),
);

/** A child environment as a user's machine would give it (see unset). */
function env(extra = {}) {
	const e = {};
	for (const [k, v] of Object.entries(process.env)) if (!unset(k)) e[k] = v;
	return {
		...e,
		TERM: 'xterm-256color',
		HOME: work,
		// The cache of validated checklists (source/store/checklist-cache.ts), in the work folder.
		XDG_CACHE_HOME: join(work, 'cache'),
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
	const r = spawnSync(NODE20, [cli, ...args], {
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
	// Each item's entry as the file holds it (source/store/layout.ts): what the
	// review keeps of the item, and its answer.
	const items = (k) => {
		const entries = {};
		let i = 0;
		for (const section of checklist.sections)
			for (const item of section.items) {
				i++;
				const {print, title, section: id, guidanceStart} = template.items[item.id];
				const entry = {print, title, section: id, guidanceStart};
				if ((i + k) % 10 !== 0)
					// some pending
					entry.answer = {
						evidence: [{addedAt: NOW, kind: 'url', ref: `https://example.com/evidence/${k}/${i}`}],
						signedOff: {at: NOW, by: 'Bench'},
						status: (i + k) % 13 === 0 ? 'fail' : 'pass',
					};
				entries[item.id] = entry;
			}
		return entries;
	};
	data.reviews = [];
	for (let k = 0; k < reviews; k++)
		data.reviews.push({
			...template,
			id: `r-${pad(k.toString(16), 8)}`,
			system: `system-${pad(k, 4)}`,
			items: items(k),
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

/** Spawns `node` in a pty; resolves with ms from spawn until the accumulated output contains `text`. */
function ptyUntil(node, args, text, {keep = false, cols = 80, rows = 24} = {}) {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const p = pty.spawn(node, args, {
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
			if (done || !out.includes(text)) return;
			done = true;
			clearTimeout(timer);
			const ms = performance.now() - t0;
			if (keep) resolve({ms, p, out});
			else {
				// wait for the exit: the next run must not find this one still holding the lock
				p.onExit(() => resolve({ms, out}));
				p.kill();
			}
		});
	});
}

/**
 * Samples taken in turns, one of each function per round after one warm-up round,
 * so that the samples of a round were taken moments apart (node's own start-up
 * time drifts over minutes, and other work on the machine comes and goes).
 */
async function inTurns(runs, fns) {
	for (const fn of fns) await fn();
	const out = fns.map(() => []);
	for (let i = 0; i < runs; i++) for (const [k, fn] of fns.entries()) out[k].push(await fn());
	return out;
}

/** Each sample over the baseline sample of the same round. */
const ratios = (xs, base) => xs.map((x, i) => x / base[i]);

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
		NODE20,
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
			const t = setTimeout(() => reject(new Error(`no frame for ${ids[at]}`)), 5000);
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
/** A row: `limit` (a number) is checked against the median, or the p95 when `on` is 'p95'. */
function row(metric, xs, unit, limit, on = 'median') {
	const med = median(xs);
	const p95 = quantile(xs, 0.95);
	const target =
		limit === undefined
			? '—'
			: `${on === 'p95' ? 'p95 ' : ''}≤ ${limit}${unit === 'x' ? 'x' : ` ${unit}`}`;
	const pass = limit === undefined ? undefined : (on === 'p95' ? p95 : med) <= limit;
	rows.push({metric, median: med, p95, unit, target, pass, n: xs.length});
}
function heading(text) {
	rows.push({heading: text});
}

const loadStart = loadavg();
console.error(
	`preflight bench${QUICK ? ' --quick' : ''}: ${RUNS} runs per start-up figure, ${DATA_RUNS} per data figure, ${PRESSES} key presses per size; work dir ${work}`,
);
console.error(
	`timed children run without CI, NO_COLOR, FORCE_COLOR and every NODE_* variable (removed from this shell's: ${removed.join(', ') || 'none'})`,
);
const node24Path = ONLY.includes('start') ? node24() : undefined;
const c26 = makeChecklist(26, 5);
const c10k = makeChecklist(10_000, 10);
const c1k = ONLY.includes('keys') ? makeChecklist(1000, 10) : undefined;
const dbOne = makeDatabase('db1x26', c26.path, c26.checklist, 1);
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

/** A node program that prints `text` as a program does (process.stdout), and exits. */
function printingProgram(text) {
	const file = join(work, 'print-frame.cjs');
	writeFileSync(file, `process.stdout.write(${JSON.stringify(text)});\n`);
	return file;
}

/**
 * Start-up on one Node: `status` (bundled checklist; a 26-item checklist of the
 * user's own) against `node -e 0`, and the app's first complete frame in a pty
 * against a node program that prints the same frame in the same kind of pty.
 */
async function startFigures(node, label) {
	heading(`start-up, ${label}`);
	const [base, status, own] = await inTurns(RUNS, [
		() => timeSync(node, ['-e', '0']),
		() => timeSync(node, [cli, 'status', '--db', dbDemo]),
		() =>
			timeSync(node, [
				cli,
				'status',
				'--system',
				'system-0000',
				'--db',
				dbOne,
				'--checklist',
				c26.path,
			]),
	]);
	row('node -e 0', base, 'ms');
	row('status, bundled checklist', status, 'ms');
	row('status, own 26-item checklist', own, 'ms');
	row('status (bundled) / node -e 0', ratios(status, base), 'x', 1.4);
	row('status (own checklist) / node -e 0', ratios(own, base), 'x', 1.4);
	const app = [cli, '--system', 'demo', '--db', dbDemo];
	// The frame as the app prints it, up to and including the footer's keys.
	const {out} = await ptyUntil(node, app, FOOTER);
	const frame = out.slice(0, out.indexOf(FOOTER) + FOOTER.length);
	const printer = printingProgram(frame);
	const hello = [join(helloDist, 'preflight.js')];
	const [printed, first, inkHello] = await inTurns(RUNS, [
		async () => (await ptyUntil(node, [printer], FOOTER)).ms,
		async () => (await ptyUntil(node, app, FOOTER)).ms,
		async () => (await ptyUntil(node, hello, FOOTER)).ms,
	]);
	row('node printing the same frame (pty)', printed, 'ms');
	row('Ink hello built as the app is (pty)', inkHello, 'ms');
	row('first complete frame, 26 items (pty)', first, 'ms');
	row('Ink hello / printing node', ratios(inkHello, printed), 'x');
	row('first frame / printing node', ratios(first, printed), 'x', 2.5);
	row('first frame / Ink hello', ratios(first, inkHello), 'x');
}

// The least an Ink app costs (scripts/bench-hello.tsx), built as the app is: a
// baseline for the first frame beside the printing node.
const helloDist = join(work, 'ink-hello');

// 1. start-up, on this Node and on Node 24
if (ONLY.includes('start')) {
	await buildInkHello(helloDist);
	await startFigures(NODE20, `node ${process.version}`);
	await startFigures(node24Path, `node v${NODE_24_VERSION}`);
}

// 2. key press → updated frame, and the app's memory
if (ONLY.includes('keys')) {
	heading(`key → frame, node ${process.version}`);
	const freshDb = (name) => join(work, `lat-${name}`, 'db.json');
	for (const [label, c] of [
		['26', c26],
		['1,000', c1k],
		['10,000', c10k],
	]) {
		const {lat, hwm} = await keyLatency(
			c.path,
			c.checklist,
			freshDb(label.replace(',', '')),
			PRESSES,
		);
		row(`key → frame, ${label} items`, lat, 'ms', 12, 'p95');
		if (label === '10,000') row('peak RSS (VmHWM), app on 10,000 items', [hwm], 'MB', 100);
	}
}

// 3. data: a snapshot of a 10,000-item review, and status on 1,000 reviews × 26
// items, each in turns with node -e 0 and with its floor (scripts/bench-floor.cjs),
// the least bare node does with the same files; the app opening 1,000 × 26.
if (ONLY.includes('data')) {
	heading(`data, node ${process.version}`);
	const dbMany = makeDatabase('db1000x26', c26.path, c26.checklist, 1000);
	const db10k = makeDatabase('db10k', c10k.path, c10k.checklist, 1);
	const snapOut = join(work, 'snap.json');
	// A file of its own: --out replaces only a snapshot preflight wrote.
	const floorOut = join(work, 'snap-floor.json');
	const snapArgs = ['--system', 'system-0000', '--db', db10k, '--checklist', c10k.path];
	// The checklist validated before (the usual case: it seldom changes), and not:
	// the first run after it changed, with a cache folder of its own each time.
	const uncached = () => ({XDG_CACHE_HOME: mkdtempSync(join(work, 'no-cache-'))});
	const [node0, snapFloor, snap, snapNew, snap26] = await inTurns(DATA_RUNS, [
		() => timeSync(NODE20, ['-e', '0']),
		() => timeSync(NODE20, [floor, 'snapshot', db10k, c10k.path, 'system-0000', floorOut]),
		() => timeSync(NODE20, [cli, 'snapshot', ...snapArgs, '--out', snapOut]),
		() => timeSync(NODE20, [cli, 'snapshot', ...snapArgs, '--out', snapOut], uncached()),
		() =>
			timeSync(NODE20, [
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
	row('node -e 0 (beside the data figures)', node0, 'ms');
	row('snapshot, 26-item review', snap26, 'ms');
	row('floor for a 10,000-item snapshot', snapFloor, 'ms');
	row('snapshot, 10,000-item review', snap, 'ms');
	row('snapshot 10,000 / its floor', ratios(snap, snapFloor), 'x', 1.5);
	row('snapshot, 10,000, checklist changed (not cached)', snapNew, 'ms');
	row('the same / its floor', ratios(snapNew, snapFloor), 'x');
	const statusArgs = ['--system', 'system-0500', '--db', dbMany, '--checklist', c26.path];
	const [statusFloor, many] = await inTurns(DATA_RUNS, [
		() => timeSync(NODE20, [floor, 'status', dbMany, c26.path, 'system-0500']),
		() => timeSync(NODE20, [cli, 'status', ...statusArgs]),
	]);
	row('floor for status on 1,000 × 26', statusFloor, 'ms');
	row('status, 1,000 reviews × 26 items', many, 'ms');
	row('status 1,000 × 26 / its floor', ratios(many, statusFloor), 'x', 1.5);
	// The app on the big database, and on a one-review database with the same
	// checklist, in turns: the difference is the work that grows with the data.
	const appFrame = async (system, db) =>
		(await ptyUntil(NODE20, [cli, '--system', system, '--db', db, '--checklist', c26.path], FOOTER))
			.ms;
	const [oneApp, manyApp] = await inTurns(DATA_RUNS, [
		() => appFrame('system-0000', dbOne),
		() => appFrame('system-0500', dbMany),
	]);
	row('app first frame, 1 review × 26', oneApp, 'ms');
	row('app first frame, 1,000 reviews × 26', manyApp, 'ms');
	row(
		'app: opening 1,000 × 26 beyond 1 review',
		manyApp.map((m, i) => m - oneApp[i]),
		'ms',
		300,
	);
}

// ---------- report ----------
const loadEnd = loadavg();
const machine = {
	cpus: cpus().length,
	cpu: cpus()[0]?.model.trim(),
	platform: `${process.platform} ${process.arch}`,
	node: process.version,
	node24: ONLY.includes('start') ? `v${NODE_24_VERSION}` : undefined,
	loadAverage: {start: loadStart.map((x) => +x.toFixed(2)), end: loadEnd.map((x) => +x.toFixed(2))},
};
const failed = rows.filter((r) => r.pass === false);
if (process.argv.includes('--json')) {
	console.log(
		JSON.stringify(
			{machine, quick: QUICK, runs: RUNS, dataRuns: DATA_RUNS, presses: PRESSES, rows},
			null,
			2,
		),
	);
} else {
	console.log(
		`${machine.cpus} CPUs · ${machine.cpu} · ${machine.platform} · node ${machine.node}${machine.node24 ? ` and ${machine.node24}` : ''} · load average ${loadStart[0].toFixed(2)} at the start, ${loadEnd[0].toFixed(2)} at the end (over 1 minute; a busy machine slows everything, the ratios least)`,
	);
	const table = [['metric', 'median', 'p95', 'target', 'result']];
	for (const r of rows)
		table.push(
			r.heading
				? [`**${r.heading}**`, '', '', '', '']
				: [
						r.metric,
						`${fmt(r.median)} ${r.unit}`,
						r.n > 1 ? `${fmt(r.p95)} ${r.unit}` : '',
						r.target,
						r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
					],
		);
	const widths = table[0].map((_, i) => Math.max(...table.map((t) => t[i].length)));
	for (const [i, t] of table.entries()) {
		console.log(`| ${t.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`);
		if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	}
	console.log(failed.length ? `${failed.length} target(s) missed` : 'every target met');
}
process.exitCode = failed.length ? 1 : 0;
