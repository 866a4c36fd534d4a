// A smoke test of the built CLI on a given Node (CI runs it on Node 24, the Node
// users have, besides the test suite on Node 20): each non-interactive command
// once, then the app in a pseudo-terminal: its first complete frame, a key that
// moves the focus, the help overlay, and q. Nothing here is timed: each wait
// ends when the expected text appears, and the limit only ends a hang.
// Usage: node scripts/smoke.mjs [--node PATH]   (default: the Node running it)
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import pty from 'node-pty';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'preflight.js');
const at = process.argv.indexOf('--node');
const node = at > 0 ? process.argv[at + 1] : process.execPath;
const HANG_MS = 60_000;
const work = mkdtempSync(join(tmpdir(), 'preflight-smoke-'));
const db = join(work, 'db.json');

/** The environment of a user's shell: no CI (Ink would draw only its last frame), no colour or preflight overrides. */
const env = {TERM: 'xterm-256color', HOME: work};
for (const [k, v] of Object.entries(process.env))
	if (!['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(k) && !k.startsWith('PREFLIGHT_')) env[k] = v;
Object.assign(env, {PREFLIGHT_NOW: '2026-03-01T12:00:00.000Z', PREFLIGHT_REVIEWER: 'Smoke'});

const version = spawnSync(node, ['--version'], {encoding: 'utf8'}).stdout.trim();
const bundled = JSON.parse(
	readFileSync(join(root, 'data', 'checklists', 'ai-infrastructure.json'), 'utf8'),
);
const firstIds = bundled.sections[0].items.map((i) => i.id);
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

function run(args, expectCode, expectOut) {
	const r = spawnSync(node, [cli, ...args], {cwd: work, env, encoding: 'utf8'});
	const out = `${r.stdout}${r.stderr}`;
	check(
		`preflight ${args.join(' ')}`,
		r.status === expectCode && (!expectOut || expectOut.test(r.stdout)),
		`exit ${r.status}, ${out.trim().split('\n').slice(0, 3).join(' | ')}`,
	);
	return r;
}

/** Resolves once the app's output since `from` contains `text`; rejects on a hang or an early exit. */
function appUntil(app, text) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => done(new Error(`no "${text}" on the screen`)), HANG_MS);
		const done = (error) => {
			clearTimeout(timer);
			data.dispose();
			exit.dispose();
			if (error) reject(error);
			else resolve();
		};
		const data = app.onData(() => {
			if (app.output.includes(text)) done();
		});
		const exit = app.onExit(() => done(new Error(`the app exited before showing "${text}"`)));
		if (app.output.includes(text)) done();
	});
}

console.log(`smoke test of ${cli} on node ${version}`);
try {
	run(
		['--version'],
		0,
		new RegExp(`^${JSON.parse(readFileSync(join(root, 'package.json'))).version}\n$`),
	);
	run(
		[
			'set',
			firstIds[0],
			'pass',
			'--evidence',
			'https://example.com/e',
			'--system',
			'smoke',
			'--db',
			db,
		],
		0,
	);
	run(['status', '--db', db], 0, /NOT READY/);
	run(['status', '--db', db, '--json'], 0, /"verdict": ?"not-ready"/);
	run(['gate', '--db', db], 1);
	// The bundled checklist gives no item a check: the command loads and says so.
	run(['check', '--db', db], 0, /has no checks/);
	run(['snapshot', '--db', db, '--out', join(work, 's.json')], 0);
	run(['verify', join(work, 's.json')], 0);
	run(['merge', db, db, db, '--out', join(work, 'merged.json')], 0, /no conflicts/);
	run(['checklist', 'validate', join(root, 'data', 'checklists', 'ai-infrastructure.json')], 0);

	// The app opens at the first pending item (the second); j moves to the third.
	const app = pty.spawn(node, [cli, '--system', 'smoke', '--db', db], {
		name: 'xterm-256color',
		cols: 80,
		rows: 24,
		cwd: work,
		env,
	});
	app.output = '';
	app.onData((d) => {
		app.output += d;
	});
	const exited = new Promise((resolve) => app.onExit(({exitCode}) => resolve(exitCode)));
	const step = async (name, key, text) => {
		try {
			app.output = '';
			if (key) app.write(key);
			await appUntil(app, text);
			check(name, true);
		} catch (error) {
			check(name, false, error.message);
			throw error;
		}
	};
	try {
		await step('app: first complete frame (footer keys shown)', '', 'q/ctrl+c');
		await step('app: j moves the focus to the next item', 'j', `${firstIds[2]} ·`);
		await step('app: ? opens the help overlay', '?', 'Evidence and notes');
		app.write('\u001b');
		app.write('q');
		const code = await Promise.race([
			exited,
			new Promise((resolve) => setTimeout(() => resolve('hang'), HANG_MS)),
		]);
		check('app: q quits with exit code 0', code === 0, `exit ${code}`);
	} catch {
		app.kill();
	}
} finally {
	rmSync(work, {recursive: true, force: true});
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
