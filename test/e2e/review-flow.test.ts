import {createHash} from 'node:crypto';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {launch, tempDir, useSessions, type Session} from './pty.js';
import {parseDatabase} from '../../source/store/validated-file.js';

const NOW = '2026-03-01T12:00:00.000Z';
const FOOTER = 'q/ctrl+c quit';

/** The focused row of the items list: `› <glyph> <status> <title>`, inside the panel's frame. */
function focusedTitle(screen: string): string | undefined {
	const m = /› \S+ (?:pending|pass|fail|n\/a|waived|stale)\s+(.+?)\s*│?$/m.exec(screen);
	return m?.[1];
}

function waitFocus(app: Session, title: string): Promise<string> {
	return app.waitUntil((s) => focusedTitle(s) === title, `focus on "${title}"`);
}

type Answer = {
	status: string;
	evidence: {kind: string; ref: string; sha256?: string}[];
	justification?: string;
	waiver?: {reason: string; owner: string; expires: string};
	signedOff?: {by: string; at: string; commit?: string};
};
type Db = {
	schemaVersion: number;
	reviews: {
		system: string;
		answers: Record<string, Answer>;
		audit: {at: string; by: string; item: string; from: string; to: string}[];
	}[];
};

const {track} = useSessions();

function open(cwd: string, args: string[]): Session {
	return track(
		launch(args, {
			cwd,
			env: {PREFLIGHT_NOW: NOW, PREFLIGHT_REVIEWER: 'Alice', HOME: cwd},
		}),
	);
}

describe('a review in a real terminal', () => {
	it('signs items off, resumes at the first pending item, and writes a snapshot', async () => {
		const cwd = tempDir();
		const evidenceText = 'runbook: failover drill passed\n';
		writeFileSync(join(cwd, 'RUNBOOK.md'), evidenceText);

		const app = open(cwd, ['--system', 'demo']);
		await app.waitFor(FOOTER);
		await waitFocus(app, 'Define clear system boundaries');

		// pass with a URL: p asks for evidence first
		app.type('p');
		await app.answer('Evidence to pass', 'https://example.com/architecture');
		await waitFocus(app, 'Design for failure');

		// skip one item: it stays pending for now
		app.type('j');
		await waitFocus(app, 'Establish data flow contracts');

		// pass with an existing file as evidence
		app.type('p');
		await app.answer('Evidence to pass', 'RUNBOOK.md');
		await app.waitFor(/✔ pass\s+Establish data flow contracts/);

		// fail one at once
		await waitFocus(app, 'Plan for horizontal scaling');
		app.type('f');
		await app.waitFor(/✖ fail\s+Plan for horizontal scaling/);

		// n/a with a justification
		await waitFocus(app, 'Choose infrastructure ownership model');
		app.type('n');
		await app.answer('is n/a because', 'single region by design');
		await app.waitFor(/– n\/a\s+Choose infrastructure ownership model/);

		// guided flow wraps back to the skipped item; waive it (owner and expiry are prefilled)
		await waitFocus(app, 'Design for failure');
		app.type('w');
		await app.answer(/Waive.*because/, 'vendor lock-in accepted');
		await app.answer(/Waive.*owner/, 'Bob');
		await app.answer(/Waive.*until/, '2026-06-30');
		await app.waitFor('5/26 answered');
		expect(app.screen()).toContain(FOOTER);

		app.type('q');
		expect(await app.exit).toBe(0);

		// The database on disk
		const dbPath = join(cwd, '.preflight', 'db.json');
		const text = readFileSync(dbPath, 'utf8');
		expect((JSON.parse(text) as {schemaVersion: unknown}).schemaVersion).toBeTypeOf('number');
		// Read as preflight reads it: the file holds each item's answer and audit
		// entries together (store/layout.ts).
		const db = parseDatabase(text, dbPath).data as Db;
		expect(db.reviews).toHaveLength(1);
		const review = db.reviews[0]!;
		expect(review.system).toBe('demo');
		const answers = review.answers;
		const boundaries = answers['architecture.boundaries']!;
		expect(boundaries.status).toBe('pass');
		expect(boundaries.evidence).toEqual([
			expect.objectContaining({kind: 'url', ref: 'https://example.com/architecture'}),
		]);
		const contracts = answers['architecture.data-contracts']!;
		expect(contracts.status).toBe('pass');
		expect(contracts.evidence).toEqual([
			expect.objectContaining({
				kind: 'file',
				ref: 'RUNBOOK.md',
				sha256: createHash('sha256').update(evidenceText).digest('hex'),
			}),
		]);
		expect(answers['architecture.horizontal-scaling']?.status).toBe('fail');
		expect(answers['architecture.infrastructure-ownership']).toMatchObject({
			status: 'na',
			justification: 'single region by design',
		});
		expect(answers['architecture.failure-paths']).toMatchObject({
			status: 'waived',
			waiver: {reason: 'vendor lock-in accepted', owner: 'Bob', expires: '2026-06-30'},
		});
		for (const a of Object.values(answers).filter((x) => x.status !== 'pending')) {
			expect(a.signedOff?.by).toBe('Alice');
			expect(a.signedOff?.at).toBe(NOW);
		}
		// All at one time (PREFLIGHT_NOW): in the order of their items in the file.
		expect(review.audit.map((e) => [e.item, e.from, e.to, e.by])).toEqual([
			['architecture.boundaries', 'pending', 'pass', 'Alice'],
			['architecture.data-contracts', 'pending', 'pass', 'Alice'],
			['architecture.failure-paths', 'pending', 'waived', 'Alice'],
			['architecture.horizontal-scaling', 'pending', 'fail', 'Alice'],
			['architecture.infrastructure-ownership', 'pending', 'na', 'Alice'],
		]);

		// Reopen the same system: it resumes at the first pending item
		const again = open(cwd, ['--system', 'demo']);
		await again.waitFor(FOOTER);
		// every Architecture item is answered, so it opens on Security's first item
		await waitFocus(again, 'Encrypt data at rest and in transit');
		expect(again.screen()).toContain('5/26 answered');
		expect(again.screen()).toMatch(/▸ Security/);

		// Summary, then write the snapshot
		again.type('s');
		await again.waitFor('NOT READY');
		again.type('w');
		const shown = await again.waitFor(/wrote .*\.md/);
		// A path longer than its room is shortened in its middle (the file name stays).
		const names = [...shown.matchAll(/wrote \S*?([^/…\s]+)$/gm)].map((m) => m[1]!);
		expect(names).toHaveLength(2);
		const resolved = names.map((n) => join(cwd, '.preflight', 'snapshots', n));
		const jsonPath = resolved.find((p) => p.endsWith('.json'))!;
		const mdPath = resolved.find((p) => p.endsWith('.md'))!;
		expect(jsonPath).toContain(join('.preflight', 'snapshots', 'demo-20260301T120000Z'));
		expect(existsSync(jsonPath) && existsSync(mdPath)).toBe(true);
		const snapshot = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
			format: string;
			verdict: string;
			digest: string;
			totals: Record<string, number>;
		};
		expect(snapshot.format).toBe('preflight-snapshot');
		expect(snapshot.verdict).toBe('not-ready');
		expect(snapshot.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(snapshot.totals).toMatchObject({items: 26, pass: 2, fail: 1, na: 1, waived: 1});
		expect(readFileSync(mdPath, 'utf8')).toContain('NOT READY');

		again.type('q');
		expect(await again.exit).toBe(0);
	});
});
