// Renames in every checklist format: whatever changed an item's id (a first
// word, a section heading, a question id, a GUID), its answer is kept. The
// Markdown and Azure readers derive ids their own way, so these tests find
// items by title and assert on the answers kept, never on the ids.
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
	checklistFromText,
	loadChecklistAsync,
	loadShapeSupport,
	type LoadedChecklist,
} from '../../source/checklist/load.js';
import type {Actor} from '../../source/model/actor.js';
import {answerFor} from '../../source/model/evaluate.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Answer, Checklist, Review} from '../../source/model/schemas.js';
import {
	acceptProposals,
	describeUpgrade,
	pendingProposals,
	upgradeReview,
} from '../../source/model/upgrade.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'upgrade');
const load = (name: string) => loadChecklistAsync(join(dir, name));
const alice: Actor = {by: 'alice', at: new Date('2026-11-01T10:00:00Z')};
const bob: Actor = {by: 'bob', at: new Date('2026-11-20T10:00:00Z')};

function idOf(checklist: Checklist, title: string): string {
	for (const s of checklist.sections)
		for (const it of s.items) if (it.title === title) return it.id;
	throw new Error(`no item titled “${title}”`);
}

/** A review of `loaded` with the items of these titles answered: each a fail with a note naming it. */
function answered(loaded: LoadedChecklist, titles: string[]): Review {
	let review = newReview(loaded.checklist, loaded.digest, 'svc', undefined, alice.at);
	for (const title of titles) {
		const id = idOf(loaded.checklist, title);
		review = recordAnswer(
			review,
			id,
			withStatus({status: 'pending', evidence: []}, 'fail', {note: `about ${title}`}),
			alice,
		);
	}
	return review;
}

/** The answer of the item titled `title` on `loaded`. */
function answerOf(review: Review, loaded: LoadedChecklist, title: string): Answer {
	return answerFor(review, idOf(loaded.checklist, title));
}

/**
 * Upgrades onto `after`, takes every rename proposed, and returns the review
 * with what the upgrade said and which renames were proposed.
 */
function upgradeAndAccept(review: Review, after: LoadedChecklist) {
	const {review: upgraded, report} = upgradeReview(review, after.checklist, after.digest, bob);
	const proposals = pendingProposals(upgraded, after.checklist);
	const {review: accepted} = acceptProposals(upgraded, after.checklist, proposals, bob);
	return {review: accepted, upgraded, report: report!, proposals};
}

describe('renames in every format keep the answers', () => {
	it('Markdown: a section heading renamed keeps all 4 answers in it, at once and unmarked', async () => {
		const before = await load('markdown-v1.md');
		const after = await load('markdown-section.md');
		const titles = [
			'Define clear rollback steps',
			'On-call rota staffed',
			'Dashboards exist',
			'Alerts route to the owning team',
		];
		const review = answered(before, titles);
		const {upgraded, report, proposals} = upgradeAndAccept(review, after);
		// The ids all changed with the heading; titles and guidance did not: certain renames.
		expect(report.matched).toHaveLength(4);
		expect(report.orphaned).toEqual([]);
		expect(proposals).toEqual([]);
		for (const title of titles) {
			const answer = answerOf(upgraded, after, title);
			expect(answer, title).toMatchObject({status: 'fail', note: `about ${title}`});
			expect(answer.reReview, title).toBeUndefined();
		}
		expect(upgraded.orphans).toBeUndefined();
		expect(
			upgraded.audit.filter((e) => e.detail?.includes('same title and guidance')),
		).toHaveLength(4);
	});

	it("Markdown: an item's first word changed is proposed, and accepting keeps its answer (↻ recheck)", async () => {
		const before = await load('markdown-v1.md');
		const after = await load('markdown-first-word.md');
		const review = answered(before, ['Define clear rollback steps', 'Dashboards exist']);
		const {review: accepted, upgraded, proposals} = upgradeAndAccept(review, after);
		// Until accepted, the answer is an orphan: kept in the review, not in the answers.
		const oldId = idOf(before.checklist, 'Define clear rollback steps');
		expect(upgraded.orphans?.[oldId]?.answer).toMatchObject({status: 'fail'});
		expect(proposals).toEqual([
			{
				from: oldId,
				to: idOf(after.checklist, 'Document clear rollback steps'),
				score: expect.any(Number),
			},
		]);
		expect(answerOf(accepted, after, 'Document clear rollback steps')).toMatchObject({
			status: 'fail',
			note: 'about Define clear rollback steps',
			reReview: true,
		});
		expect(answerOf(accepted, after, 'Dashboards exist')).toMatchObject({status: 'fail'});
		expect(accepted.orphans).toBeUndefined();
	});

	it.each([
		['YAML', 'own-v1.yaml', 'own-v2.yaml'],
		['JSON', 'own-v1.json', 'own-v2.json'],
	])(
		'preflight %s: a new id with the same text is certain, a reworded one proposed',
		async (_, v1, v2) => {
			const before = await load(v1);
			const after = await load(v2);
			const review = answered(before, ['On-call rota staffed', 'Runbook written for every alert']);
			const {review: accepted, report, proposals} = upgradeAndAccept(review, after);
			expect(report.matched.map(([from]) => from)).toContain('ops.oncall');
			expect(proposals.map((p) => [p.from, p.to])).toEqual([
				['ops.runbook', 'operations.runbooks'],
			]);
			expect(answerOf(accepted, after, 'On-call rota staffed')).toMatchObject({status: 'fail'});
			expect(answerOf(accepted, after, 'Runbooks written for every alert')).toMatchObject({
				status: 'fail',
				note: 'about Runbook written for every alert',
			});
		},
	);

	it('AWS lens: a changed question id keeps the answer, and a reworded question is proposed', async () => {
		const before = await load('lens-v1.json');
		const after = await load('lens-v2.json');
		const review = answered(before, [
			'How do you back up data?',
			'How do you fail over to another region?',
			'How do you manage access?',
		]);
		const {review: accepted, report, proposals} = upgradeAndAccept(review, after);
		expect(report.matched).toHaveLength(1);
		expect(proposals).toHaveLength(1);
		expect(answerOf(accepted, after, 'How do you back up data?')).toMatchObject({status: 'fail'});
		expect(answerOf(accepted, after, 'How do you fail over to a second region?')).toMatchObject({
			status: 'fail',
			reReview: true,
		});
		expect(answerOf(accepted, after, 'How do you manage access?')).toMatchObject({status: 'fail'});
	});

	it('Azure: changed GUIDs, a renamed category and a reworded item keep every answer', async () => {
		// Whether the reader takes ids from the GUIDs or derives them from the
		// category and text, every id here may change: the answers must not.
		const before = await load('azure-v1.json');
		const after = await load('azure-v2.json');
		const review = answered(before, [
			'Use a web application firewall',
			'Use managed identities for every service',
			'Restrict outbound traffic',
		]);
		const {review: accepted} = upgradeAndAccept(review, after);
		for (const title of ['Use a web application firewall', 'Restrict outbound traffic'])
			expect(answerOf(accepted, after, title), title).toMatchObject({status: 'fail'});
		// reworded: kept, and marked for re-review
		expect(answerOf(accepted, after, 'Use managed identities for all services')).toMatchObject({
			status: 'fail',
			note: 'about Use managed identities for every service',
			reReview: true,
		});
		expect(accepted.orphans).toBeUndefined();
	});
});

describe('answers follow their item when its id now names another', () => {
	const fromText = async (name: string, text: string) => {
		const {mkdtempSync, writeFileSync} = await import('node:fs');
		const {tmpdir} = await import('node:os');
		const folder = mkdtempSync(join(tmpdir(), 'preflight-move-'));
		writeFileSync(join(folder, name), text);
		return loadChecklistAsync(join(folder, name));
	};
	const azure = (items: Array<[id: string, text: string]>, version: string) =>
		JSON.stringify({
			items: items.map(([id, text], i) => ({
				id,
				guid: `6a1c2b3d-000${i}-4a5b-8c9d-00000000000${i}`,
				category: 'Ops',
				text,
				severity: 'Medium',
			})),
			metadata: {name: 'Mini', timestamp: version},
		});

	it('Azure: an item inserted before others shifts their ids; each answer stays with its text', async () => {
		const before = await fromText(
			'c.json',
			azure(
				[
					['A01.01', 'Use canary deployments'],
					['A01.02', 'Use HostProcess containers for Windows'],
					['A01.03', 'Use KEDA for event-driven scaling'],
				],
				'v1',
			),
		);
		const after = await fromText(
			'c.json',
			azure(
				[
					['A01.01', 'Use canary deployments'],
					['A01.02', 'Set a Pod Disruption Budget'],
					['A01.03', 'Use HostProcess containers for Windows'],
					['A01.04', 'Use KEDA for event-driven scaling'],
				],
				'v2',
			),
		);
		const review = answered(before, [
			'Use HostProcess containers for Windows',
			'Use KEDA for event-driven scaling',
		]);
		const {review: upgraded, report} = upgradeReview(review, after.checklist, after.digest, bob);
		for (const title of [
			'Use HostProcess containers for Windows',
			'Use KEDA for event-driven scaling',
		])
			expect(answerOf(upgraded, after, title), title).toMatchObject({
				status: 'fail',
				note: `about ${title}`,
			});
		expect(answerOf(upgraded, after, 'Set a Pod Disruption Budget').status).toBe('pending');
		expect(report?.changed).toEqual([]);
		expect(upgraded.orphans).toBeUndefined();
	});

	it('Markdown: the first of two like titles deleted; the second keeps its own answer, the first’s is an orphan', async () => {
		const before = await fromText(
			'c.md',
			'# Launch\n## Ops\n- [ ] Enable auto scale in production for the web tier\n- [ ] Enable auto scale in production for the worker tier\n',
		);
		const after = await fromText(
			'c.md',
			'# Launch\n## Ops\n- [ ] Enable auto scale in production for the worker tier\n',
		);
		const web = 'Enable auto scale in production for the web tier';
		const worker = 'Enable auto scale in production for the worker tier';
		// Both derive the same short id; the second is `-2` (the premise of this test).
		expect(idOf(before.checklist, worker)).toBe(`${idOf(before.checklist, web)}-2`);
		const review = answered(before, [web, worker]);
		const {review: upgraded} = upgradeReview(review, after.checklist, after.digest, bob);
		expect(answerOf(upgraded, after, worker)).toMatchObject({
			status: 'fail',
			note: `about ${worker}`,
		});
		expect(answerOf(upgraded, after, worker).reReview).toBeUndefined();
		const orphans = Object.values(upgraded.orphans ?? {});
		expect(orphans.map((o) => [o.item?.title, o.answer.note])).toEqual([[web, `about ${web}`]]);
	});
});

describe('a foreign file changed under the same version', () => {
	it('says which two contents, not "1.0 → 1.0"', async () => {
		await loadShapeSupport();
		const lens = (description: string) =>
			checklistFromText(
				JSON.stringify({
					schemaVersion: '2021-11-01',
					_version: '1.0',
					name: 'Lens',
					pillars: [
						{
							id: 'ops',
							name: 'Operations',
							questions: [{id: 'deploy', title: 'How do you deploy?', description}],
						},
					],
				}),
				'lens.json',
			);
		const before = lens('Pipelines.');
		const after = lens('Pipelines with approvals.');
		const review = newReview(before.checklist, before.digest, 'svc', undefined, alice.at);
		const {report} = upgradeReview(review, after.checklist, after.digest, bob);
		const message = describeUpgrade(report!);
		const [, from, to] = /^checklist updated (\S+) → (\S+):/.exec(message) ?? [];
		expect(from).toMatch(/^1\.0\+content-/);
		expect(to).toMatch(/^1\.0\+content-/);
		expect(to).not.toBe(from);
	});
});
