import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {evaluate} from '../../source/model/evaluate.js';
import {
	newReview,
	recordAnswer,
	withEvidence,
	withNote,
	withoutEvidence,
	withStatus,
} from '../../source/model/review.js';

const {checklist, digest} = loadChecklist(defaultChecklistPath());
const item = 'deployment.disaster-recovery'; // reviewEvery P90D
const signedAt = new Date('2026-01-01T00:00:00.000Z');
const later = new Date('2026-11-28T00:00:00.000Z');
const ada = {by: 'Ada', at: signedAt};
const bob = {by: 'Bob', at: later};

function passedLongAgo() {
	let review = newReview(checklist, digest, 'sys', undefined, signedAt);
	review = recordAnswer(
		review,
		item,
		withStatus(
			withEvidence(
				withEvidence({status: 'pending', evidence: []}, {kind: 'url', ref: 'https://a.example'}),
				{kind: 'url', ref: 'https://b.example'},
			),
			'pass',
		),
		ada,
	);
	return review;
}

const stale = (review: ReturnType<typeof passedLongAgo>) =>
	evaluate(checklist, review, later)
		.sections.flatMap((s) => s.items)
		.find((r) => r.item.id === item)?.stale;

describe('the sign-off', () => {
	it('is given by choosing a status', () => {
		const review = passedLongAgo();
		expect(review.answers[item]?.signedOff).toEqual({by: 'Ada', at: signedAt.toISOString()});
		expect(stale(review)).toBe(true);
	});

	it('is not renewed by adding or removing evidence, or by a note: the audit log says who did it', () => {
		const before = passedLongAgo();
		const added = recordAnswer(
			before,
			item,
			withEvidence(before.answers[item]!, {kind: 'url', ref: 'https://c.example'}),
			bob,
		);
		const removed = recordAnswer(added, item, withoutEvidence(added.answers[item]!, 0), bob);
		const noted = recordAnswer(removed, item, withNote(removed.answers[item]!, 'checked'), bob);
		for (const review of [added, removed, noted]) {
			expect(review.answers[item]?.signedOff).toEqual({by: 'Ada', at: signedAt.toISOString()});
			expect(stale(review)).toBe(true);
		}
		expect(noted.answers[item]?.evidence.map((e) => e.ref)).toEqual([
			'https://b.example',
			'https://c.example',
		]);
		expect(noted.audit.slice(-3).map((e) => [e.by, e.detail])).toEqual([
			['Bob', 'evidence added: https://c.example'],
			['Bob', 'evidence removed: https://a.example'],
			['Bob', 'note: checked'],
		]);
	});

	it('is renewed by choosing the same status again (re-confirming), which ends staleness', () => {
		const before = passedLongAgo();
		const confirmed = recordAnswer(before, item, before.answers[item]!, bob, undefined, {
			confirm: true,
		});
		expect(confirmed.answers[item]?.signedOff).toEqual({by: 'Bob', at: later.toISOString()});
		expect(stale(confirmed)).toBe(false);
		// Bob had not passed it before: his pass is an approval beside the first one (docs/team.md).
		expect(confirmed.audit.at(-1)?.detail).toBe('approval added');
		expect(confirmed.answers[item]?.approvals?.map((s) => s.by)).toEqual([
			before.answers[item]?.signedOff?.by,
			'Bob',
		]);
	});
});
