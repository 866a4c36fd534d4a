import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {evaluate} from '../../source/model/evaluate.js';
import {newReview} from '../../source/model/review.js';
import {renderJunit} from '../../source/report/junit.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {readSnapshotFile} from '../../source/report/read.js';
import {buildSnapshot, checkSnapshot, snapshotDigest} from '../../source/report/snapshot.js';
import {verifySnapshot} from '../../source/report/verify.js';
import {ruleProblems} from '../../source/report/verify-rules.js';
import {snapshotJson} from '../../source/report/write.js';
import {sideAnswer, withConflict} from '../model/conflict-fixture.js';
import {hostile, NOW} from './fixtures.js';

const loaded = checklistFromData(
	{
		id: 'c',
		title: 'C',
		version: '1',
		sections: [
			{
				id: 's',
				title: 'S',
				items: [
					{id: 'req', title: 'Required one'},
					{id: 'rec', title: 'Recommended one', level: 'recommended', evidenceRequired: false},
				],
			},
		],
	},
	'c.json',
);

function conflictedSnapshot() {
	let review = {...newReview(loaded.checklist, loaded.digest, 'api', undefined, NOW), id: 'r-1'};
	review = withConflict(review, 'req', [
		sideAnswer(loaded, 'req', 'pass', 'Ana', '2026-02-01T09:30:00.000Z', {
			evidence: 'https://x.example/ok',
		}),
		sideAnswer(loaded, 'req', 'fail', 'Bo', '2026-02-02T14:00:00.000Z', {note: hostile.escape}),
	]);
	review = withConflict(review, 'rec', [
		sideAnswer(loaded, 'rec', 'na', 'Ana', '2026-02-01T09:30:00.000Z', {justification: 'no'}),
		sideAnswer(loaded, 'rec', 'pending', 'Bo', '2026-02-02T14:00:00.000Z'),
	]);
	const evaluation = evaluate(loaded.checklist, review, NOW);
	return buildSnapshot(evaluation, review, loaded, NOW);
}

describe('a snapshot of a review with conflicts', () => {
	it('lists both answers on the item, blocks (a recommended item too) and keeps to its format', async () => {
		const s = conflictedSnapshot();
		await checkSnapshot(s);
		expect(s.verdict).toBe('not-ready');
		// The signers of a conflict's answers reviewed the item.
		expect(s.review.reviewers).toEqual(['Bo', 'Ana']);
		expect(s.blockers.map((b) => b.itemId)).toEqual(['req', 'rec']);
		const req = s.sections[0]!.items[0]!;
		expect(req.status).toBe('pending');
		expect(req.conflict?.answers.map((a) => [a.status, a.signedOff?.by])).toEqual([
			['fail', 'Bo'],
			['pass', 'Ana'],
		]);
		expect(req.conflict?.answers[1]!.evidence).toEqual([
			{kind: 'url', ref: 'https://x.example/ok'},
		]);
		// The digest's canonical tree holds the conflict as the file does.
		expect(s.digest).toBe(snapshotDigest(s));
		expect(ruleProblems(s, loaded)).toEqual([]);
	});

	it('verify accepts it, and refuses one whose conflict was taken off the blockers', async () => {
		const s = conflictedSnapshot();
		const dir = mkdtempSync(join(tmpdir(), 'preflight-conflict-'));
		const file = join(dir, 'snap.json');
		writeFileSync(file, snapshotJson(s));
		const result = verifySnapshot(readSnapshotFile(file), dir, loaded);
		expect(result.inconsistencies).toEqual([]);
		expect(result.intact).toBe(true);
		const forged = structuredClone(s);
		forged.blockers = forged.blockers.filter((b) => b.itemId !== 'rec');
		expect(ruleProblems(forged, loaded)).toContain('rec is a conflict but not listed as a blocker');
	});

	it('Markdown and JUnit show the conflict and each answer, text escaped', () => {
		const s = conflictedSnapshot();
		const md = renderMarkdown(s);
		expect(md).toContain('⚠ conflict');
		expect(md).toMatch(/Conflict answer 1: ✖ fail — by Bo, 2026-02-02T14:00:00.000Z; note: evil/);
		expect(md).toContain('Conflict answer 2: ✔ pass — by Ana');
		expect(md).toContain('conflict: fail by Bo · pass by Ana — pick one or answer afresh');
		// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
		expect(md).not.toMatch(/\u001b|\u0007|\u009b/);
		const junit = renderJunit(s);
		expect(junit).toContain('conflict: fail by Bo · pass by Ana — pick one or answer afresh');
	});
});
