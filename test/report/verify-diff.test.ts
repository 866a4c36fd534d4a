import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {describe, expect, it} from 'vitest';
import {isPreflightError} from '../../source/errors.js';
import {digestOf} from '../../source/model/canonical.js';
import {diffSnapshots, renderDiffText} from '../../source/report/diff.js';
import {
	checklistJsonSchema,
	schemaText,
	snapshotJsonSchema,
} from '../../source/report/json-schemas.js';
import {readSnapshotFile} from '../../source/report/read.js';
import {verifySnapshot} from '../../source/report/verify.js';
import {snapshotJson} from '../../source/report/write.js';
import type {Answer, Review} from '../../source/model/schemas.js';
import {snapshotDigest, type Snapshot} from '../../source/report/snapshot.js';
import {
	defaultChecklist,
	hostileSnapshot,
	NOW,
	sampleReview,
	sampleSnapshot,
	snapshotOf,
} from './fixtures.js';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'preflight-report-'));
const root = join(import.meta.dirname, '..', '..');

function write(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

/**
 * Whether snapshot text is as preflight wrote it (digest, bytes, format; the fixtures'
 * evidence files do not exist here); undefined when rejected outright (not JSON: exit 2).
 */
function intact(text: string): boolean | undefined {
	const path = write('v.json', text);
	try {
		const r = verifySnapshot(readSnapshotFile(path), dir);
		return r.digestOk && r.bytesOk && r.formatProblem === undefined;
	} catch (error) {
		if (isPreflightError(error)) return undefined;
		throw error;
	}
}

describe('verify', () => {
	it('passes an untouched snapshot, hostile text included', () => {
		expect(intact(snapshotJson(sampleSnapshot()))).toBe(true);
		expect(intact(snapshotJson(hostileSnapshot()))).toBe(true);
	});

	it('reports a one-byte change anywhere in the file', () => {
		const text = snapshotJson(sampleSnapshot());
		const bytes = Buffer.from(text, 'utf8');
		let checked = 0;
		for (let i = 0; i < bytes.length; i += 19) {
			const copy = Buffer.from(bytes);
			copy[i] = copy[i] === 0x20 ? 0x09 : copy[i]! ^ 0x01;
			expect(intact(copy.toString('utf8')), `byte ${i}`).not.toBe(true);
			checked++;
		}
		expect(checked).toBeGreaterThan(500);
	});

	it('reports changed and missing file evidence', () => {
		const loaded = defaultChecklist();
		const review = sampleReview(loaded);
		const evidence = write('evidence.txt', 'runbook v1\n');
		review.answers['architecture.boundaries']!.evidence = [
			{kind: 'file', ref: evidence, sha256: sha256Hex('runbook v1\n')},
			{kind: 'file', ref: join(dir, 'gone.txt'), sha256: sha256Hex('x')},
		];
		const path = write('e.json', snapshotJson(snapshotOf(loaded, review)));
		let result = verifySnapshot(readSnapshotFile(path), dir);
		expect(result.files.map((f) => f.state)).toEqual(['ok', 'missing']);
		writeFileSync(evidence, 'runbook v2\n');
		result = verifySnapshot(readSnapshotFile(path), dir);
		expect(result.digestOk).toBe(true);
		expect(result.intact).toBe(false);
		expect(result.files.map((f) => f.state)).toEqual(['changed', 'missing']);
	});

	it('catches a snapshot edited and re-digested: a flipped verdict, removed blockers, wrong totals', () => {
		const forged = (edit: (s: Snapshot) => void): string[] => {
			const snapshot = sampleSnapshot();
			edit(snapshot);
			snapshot.digest = snapshotDigest(snapshot);
			const result = verifySnapshot(readSnapshotFile(write('f.json', snapshotJson(snapshot))), dir);
			expect(result.digestOk && result.bytesOk).toBe(true);
			// (the fixtures' evidence files do not exist here, so intact is false anyway)
			if (result.inconsistencies.length) expect(result.intact).toBe(false);
			return result.inconsistencies;
		};
		expect(forged(() => undefined)).toEqual([]);
		const ready = forged((s) => {
			s.verdict = 'ready';
			s.blockers = [];
			s.totals.blockers = 0;
			for (const section of s.sections) section.totals.blockers = 0;
		});
		expect(
			ready.some((p) => /^architecture\.\S+ is pending but not listed as a blocker$/.test(p)),
		).toBe(true);
		expect(forged((s) => (s.verdict = 'ready'))).toEqual([
			expect.stringMatching(/^verdict is ready with \d+ blockers$/),
		]);
		expect(forged((s) => (s.totals.pass += 1))[0]).toMatch(
			/^overall totals do not match the items \(pass says \d+\)$/,
		);
		expect(forged((s) => s.blockers.push({itemId: 'no.such', title: 'x', reason: 'y'}))).toContain(
			'blocker no.such names no item',
		);
	});

	it('rejects files that are not snapshots (exit 2)', () => {
		for (const text of ['not json', '[]', '{"format":"other"}']) {
			try {
				readSnapshotFile(write('bad.json', text));
				expect.unreachable();
			} catch (error) {
				expect(isPreflightError(error) && error.exitCode).toBe(2);
			}
		}
	});
});

describe('diff', () => {
	it('lists regressions first, then status, evidence and sign-off changes, and the verdict', () => {
		const loaded = defaultChecklist();
		const before = sampleReview(loaded);
		const after: Review = structuredClone(before);
		const url = {kind: 'url' as const, ref: 'https://ci.example.com/run/1'};
		const signed = {by: 'Dan', at: '2026-03-02T00:00:00.000Z'};
		const pass = (): Answer => ({status: 'pass', evidence: [url], signedOff: signed});
		for (const s of loaded.checklist.sections)
			for (const it of s.items) after.answers[it.id] ??= pass();
		after.answers['architecture.failure-paths'] = pass();
		after.answers['architecture.boundaries'] = {status: 'fail', evidence: [url], signedOff: signed};
		after.answers['security.secrets'] = pass();
		after.answers['security.encryption'] = pass();
		const older = snapshotOf(loaded, before);
		const newer = snapshotOf(loaded, after, new Date('2026-03-02T00:00:00.000Z'));
		const diff = diffSnapshots(older, newer);
		// boundaries now fails, so the verdict stays not-ready.
		expect(diff.verdict).toBeUndefined();
		expect(newer.verdict).toBe('not-ready');
		after.answers['architecture.boundaries'] = pass();
		const fixed = snapshotOf(loaded, after, new Date('2026-03-02T00:00:00.000Z'));
		expect(diffSnapshots(older, fixed).verdict).toEqual({from: 'not-ready', to: 'ready'});
		expect(diff.changed[0]).toMatchObject({
			itemId: 'architecture.boundaries',
			regression: true,
			status: {from: 'pass', to: 'fail'},
		});
		expect(diff.changed.filter((c) => c.regression)).toHaveLength(1);
		const secrets = diff.changed.find((c) => c.itemId === 'security.secrets');
		expect(secrets?.status).toEqual({from: 'stale', to: 'pass'});
		expect(secrets?.evidence?.added).toEqual(['https://ci.example.com/run/1']);
		expect(secrets?.signedOff?.to?.by).toBe('Dan');
		expect(diff.added).toEqual([]);
		expect(diff.removed).toEqual([]);
		const text = renderDiffText(diff, {from: older.verdict, to: newer.verdict});
		expect(text.split('\n')[1]).toContain('verdict');
		expect(text.indexOf('REGRESSION architecture.boundaries')).toBeGreaterThan(0);
	});

	it('counts an item that starts to block with its status unchanged as a regression, with the reason', () => {
		const loaded = defaultChecklist();
		const before = sampleReview(loaded);
		const url = {kind: 'url' as const, ref: 'https://ci.example.com/run/1'};
		const signed = {by: 'Dan', at: '2026-03-01T00:00:00.000Z'};
		before.answers['monitoring.health-checks'] = {
			status: 'pass',
			evidence: [url],
			signedOff: signed,
		};
		before.answers['testing.load-testing'] = {
			status: 'waived',
			evidence: [],
			waiver: {reason: 'tiny traffic', owner: 'Eve', expires: '2026-03-05'},
			signedOff: signed,
		};
		const after: Review = structuredClone(before);
		after.answers['monitoring.health-checks'] = {
			...after.answers['monitoring.health-checks']!,
			reReview: true,
		};
		const older = snapshotOf(loaded, before);
		const newer = snapshotOf(loaded, after, new Date('2026-03-10T00:00:00.000Z'));
		const diff = diffSnapshots(older, newer);
		const oncall = diff.changed.find((c) => c.itemId === 'monitoring.health-checks');
		expect(oncall).toMatchObject({
			regression: true,
			blocking: {to: 'the checklist item changed after this answer: re-review it'},
		});
		expect(oncall?.status).toBeUndefined();
		const waiver = diff.changed.find((c) => c.itemId === 'testing.load-testing');
		expect(waiver).toMatchObject({
			regression: true,
			blocking: {to: 'waiver expired on 2026-03-05'},
		});
		const text = renderDiffText(diff, {from: older.verdict, to: newer.verdict});
		expect(text).toContain('REGRESSION monitoring.health-checks');
		expect(text).toContain('now blocks: the checklist item changed after this answer');
		const back = diffSnapshots(newer, older);
		expect(back.changed.find((c) => c.itemId === 'monitoring.health-checks')).toMatchObject({
			regression: false,
			blocking: {from: 'the checklist item changed after this answer: re-review it'},
		});
		expect(renderDiffText(back, {from: newer.verdict, to: older.verdict})).toContain(
			'no longer blocks (was: waiver expired on 2026-03-05)',
		);
	});

	it('lists added and removed items', () => {
		const loaded = defaultChecklist();
		const older = snapshotOf(loaded, sampleReview(loaded));
		const newer = structuredClone(older);
		const moved = newer.sections[0]!.items.pop()!;
		newer.sections[1]!.items.push({...moved, id: 'security.new-item', title: 'New'});
		const diff = diffSnapshots(older, newer);
		expect(diff.added.map((a) => a.itemId)).toEqual(['security.new-item']);
		expect(diff.removed.map((r) => r.itemId)).toEqual(['architecture.infrastructure-ownership']);
		expect(diffSnapshots(older, older).changed).toEqual([]);
	});
});

describe('JSON Schemas', () => {
	it('committed files equal the generated ones (run npm run schemas)', () => {
		for (const [name, schema] of [
			['checklist', checklistJsonSchema()],
			['snapshot', snapshotJsonSchema()],
		] as const)
			expect(readFileSync(join(root, 'data', 'schemas', `${name}.schema.json`), 'utf8')).toBe(
				schemaText(schema),
			);
	});

	it('snapshots validate against the snapshot schema; the default checklist against the checklist schema', () => {
		const ajv = new Ajv2020({strict: false});
		const validate = ajv.compile(snapshotJsonSchema());
		for (const s of [sampleSnapshot(), hostileSnapshot()])
			expect(validate(JSON.parse(snapshotJson(s))), JSON.stringify(validate.errors)).toBe(true);
		expect(validate({...sampleSnapshot(), extra: 1})).toBe(false);
		const checklist = ajv.compile(checklistJsonSchema());
		const data = JSON.parse(
			readFileSync(join(root, 'data', 'checklists', 'ai-infrastructure.json'), 'utf8'),
		);
		expect(checklist(data), JSON.stringify(checklist.errors)).toBe(true);
		expect(NOW.getUTCFullYear()).toBe(2026);
	});
});

describe('the snapshot digest', () => {
	it('is the digest of the canonical JSON of everything but the digest', () => {
		for (const snapshot of [sampleSnapshot(), hostileSnapshot()]) {
			const {digest, ...body} = snapshot;
			expect(digest).toBe(digestOf(body));
			expect(JSON.stringify(snapshot)).toMatch(/"waiver"|"justification"|"note"/);
		}
	});
});
