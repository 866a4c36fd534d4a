import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseDatabase} from '../../source/store/validated-file.js';
import {runCli} from '../store/private-cli.js';
import {tempDir, useSessions} from './pty.js';

const {open} = useSessions();

/** A small seeded generator, so that a failing run can be replayed from its seed. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The header's answered count when the same frame shows the saved indicator. */
function savedCount(screen: string): number | undefined {
	const header = screen.split('\n')[0] ?? '';
	const m = /(\d+)\/26 answered/.exec(header);
	if (!m || !header.includes('✔ saved')) return undefined;
	return Number(m[1]);
}

function answeredIn(path: string): number {
	const {data} = parseDatabase(readFileSync(path, 'utf8'), path);
	expect(data.reviews).toHaveLength(1);
	return Object.values(data.reviews[0]!.answers).filter((a) => a.status !== 'pending').length;
}

async function burstThenKill(seed: number): Promise<void> {
	const rnd = random(seed);
	const dir = tempDir('preflight-kill-');
	const db = join(dir, '.preflight', 'db.json');
	const app = open(['--system', 'x'], {cwd: dir, env: {PREFLIGHT_REVIEWER: 'K', HOME: dir}});
	await app.waitFor('0/26 answered', 30_000);
	let shownSaved = 0;
	const sample = async () => {
		// xterm parses asynchronously: an empty write's callback fires once earlier data is parsed.
		await new Promise<void>((r) => app.xterm.write('', r));
		const n = savedCount(app.screen());
		if (n !== undefined) shownSaved = Math.max(shownSaved, n);
	};
	// Kill after a random number of key presses (at most 18, so the review never completes).
	const presses = 3 + Math.floor(rnd() * 16);
	for (let i = 0; i < presses; i++) {
		if (rnd() < 0.3) app.type('j');
		app.type('f');
		// Mostly fast presses; now and then wait for the save (an fsync) to be shown.
		if (rnd() < 0.25) {
			const before = shownSaved;
			const end = Date.now() + 3000;
			while (shownSaved === before && Date.now() < end) {
				await sample();
				await sleep(5);
			}
		} else {
			const end = Date.now() + Math.floor(rnd() * 40);
			do {
				await sample();
				await sleep(5);
			} while (Date.now() < end);
		}
	}
	// One more random wait so that the kill lands anywhere: mid-write, mid-frame or idle.
	const last = Date.now() + Math.floor(rnd() * 200);
	while (Date.now() < last) {
		await sample();
		await sleep(3);
	}
	await sample();
	process.kill(app.pid, 'SIGKILL');
	await app.exit;
	if (process.env.KILL_DEBUG)
		console.log(`seed ${seed}: ${presses} presses, ${shownSaved} shown saved`);
	const context = `seed ${seed}, ${presses} presses, ${shownSaved} shown as saved`;
	if (!existsSync(db)) {
		expect(shownSaved, context).toBe(0);
		return;
	}
	expect(answeredIn(db), context).toBeGreaterThanOrEqual(shownSaved);
	// The dead app's lock is recovered: the next writer goes through at once.
	const r = runCli(['set', 'testing.unit-tests', 'fail', '--db', db], dir, {
		PREFLIGHT_LOCK_WAIT_MS: '0',
		PREFLIGHT_REVIEWER: 'K',
	});
	expect(r.stderr, context).toBe('');
	expect(r.code, context).toBe(0);
	expect(answeredIn(db), context).toBeGreaterThanOrEqual(shownSaved);
	// and the temp file a killed save may leave behind is cleared
	expect(
		readdirSync(dirname(db)).filter((f) => f.endsWith('.tmp')),
		context,
	).toEqual([]);
}

describe('SIGKILL during a burst of answers', () => {
	it('every answer shown as saved survives, and the database always parses', async () => {
		const base = Number(process.env.PREFLIGHT_KILL_SEED ?? Date.now() % 100_000);
		for (let run = 0; run < 6; run++) await burstThenKill(base + run);
	}, 60_000);
});
