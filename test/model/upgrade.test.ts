import {describe, expect, it} from 'vitest';
import {digestOf} from '../../source/model/canonical.js';
import {evaluate} from '../../source/model/evaluate.js';
import type {Actor} from '../../source/model/actor.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Answer, Checklist, Review} from '../../source/model/schemas.js';
import {upgradeReview} from '../../source/model/upgrade.js';

const item = (id: string, title: string, guidance = '') => ({
	id,
	title,
	guidance,
	level: 'required' as const,
	evidenceRequired: false,
});

const v1: Checklist = {
	id: 'demo',
	title: 'Demo',
	version: '1',
	sections: [
		{
			id: 's',
			title: 'S',
			items: [
				item('keep', 'Kept'),
				item('reword', 'Reworded', 'old guidance'),
				item('drop', 'Dropped'),
				item('old-name', 'Renamed'),
			],
		},
	],
};

const v2: Checklist = {
	id: 'demo',
	title: 'Demo',
	version: '2',
	renamed: {'old-name': 'new-name'},
	sections: [
		{
			id: 's',
			title: 'S',
			items: [
				item('keep', 'Kept'),
				item('reword', 'Reworded', 'new guidance'),
				item('new-name', 'Renamed'),
				item('added', 'Added'),
			],
		},
	],
};

const alice: Actor = {by: 'alice', at: new Date('2026-11-01T10:00:00Z')};
const bob: Actor = {by: 'bob', at: new Date('2026-11-20T10:00:00Z')};

function answered(): Review {
	let review = newReview(v1, digestOf(v1), 'svc', undefined, alice.at);
	const set = (id: string, status: Answer['status'], extra = {}) => {
		review = recordAnswer(
			review,
			id,
			withStatus({status: 'pending', evidence: []}, status, extra),
			alice,
		);
	};
	set('keep', 'pass');
	set('reword', 'pass');
	set('drop', 'fail');
	set('old-name', 'na', {justification: 'not used'});
	return review;
}

describe('upgradeReview', () => {
	it('leaves a review on the same checklist untouched', () => {
		const review = answered();
		expect(upgradeReview(review, v1, digestOf(v1), bob).review).toBe(review);
	});

	it('decides the fate of every answer when the checklist changes', () => {
		const before = answered();
		const {review, report} = upgradeReview(before, v2, digestOf(v2), bob);
		expect(report).toMatchObject({
			from: {version: '1'},
			to: {version: '2'},
			added: ['added'],
			removed: ['drop'],
			changed: ['reword'],
			renamed: [['old-name', 'new-name']],
		});
		// carried over as they were
		expect(review.answers.keep).toEqual(before.answers.keep);
		// reworded: kept, but marked for re-review and blocking until confirmed
		expect(review.answers.reword).toMatchObject({status: 'pass', reReview: true});
		// renamed: the answer moved to the new id
		expect(review.answers['new-name']).toMatchObject({status: 'na', justification: 'not used'});
		expect(review.answers['old-name']).toBeUndefined();
		// removed: gone from the answers, kept in the review as an orphan (and the log says so)
		expect(review.answers.drop).toBeUndefined();
		expect(review.orphans?.drop).toMatchObject({
			answer: before.answers.drop,
			item: {title: 'Dropped', section: 's'},
			removedIn: '2',
			removedAt: bob.at.toISOString(),
		});
		const dropped = review.audit.find((e) => e.item === 'drop' && e.detail?.startsWith('removed'));
		expect(dropped).toMatchObject({from: 'fail', to: 'pending', by: 'bob'});
		expect(dropped?.detail).toContain('kept as an orphan');
		// new: pending
		expect(review.answers.added).toBeUndefined();
		expect(review.checklist).toMatchObject({version: '2', digest: digestOf(v2)});
		expect(
			review.audit.some(
				(e) =>
					e.item === '*' &&
					e.detail?.includes('1 new, 1 removed, 1 changed, 1 renamed, 1 answer kept as an orphan'),
			),
		).toBe(true);
		// nothing before the upgrade was lost from the log
		expect(review.audit.slice(0, before.audit.length)).toEqual(before.audit);

		const blockers = evaluate(v2, review, bob.at).blockers.map((b) => [b.item.id, b.blocker]);
		expect(blockers).toEqual([
			['reword', 'the checklist item changed after this answer: re-review it'],
			['added', 'not answered yet'],
		]);
	});

	it('clears the re-review mark when the item is answered again, renewing the sign-off', () => {
		const {review} = upgradeReview(answered(), v2, digestOf(v2), bob);
		const confirmed = recordAnswer(
			review,
			'reword',
			withStatus(review.answers.reword!, 'pass'),
			bob,
		);
		expect(confirmed.answers.reword?.reReview).toBeUndefined();
		expect(confirmed.answers.reword?.signedOff?.by).toBe('bob');
	});

	it('a note alone does not confirm a re-review', () => {
		const {review} = upgradeReview(answered(), v2, digestOf(v2), bob);
		const noted = recordAnswer(review, 'reword', {...review.answers.reword!, note: 'looked'}, bob);
		expect(noted.answers.reword?.reReview).toBe(true);
	});

	it('refuses a checklist with another id', () => {
		expect(() => upgradeReview(answered(), {...v2, id: 'other'}, 'sha256:x', bob)).toThrow(
			/uses checklist "demo"/,
		);
	});
});

describe('going back to an older checklist', () => {
	it('is refused once the review has moved on from it', () => {
		const {review} = upgradeReview(answered(), v2, digestOf(v2), bob);
		expect(() => upgradeReview(review, v1, digestOf(v1), bob)).toThrow(/older than 2/);
	});

	it('is refused when the version number is lower', () => {
		const review = newReview({...v1, version: '2.0.0'}, 'sha256:a', 'svc', undefined, alice.at);
		expect(() => upgradeReview(review, {...v1, version: '1.9.9'}, 'sha256:b', bob)).toThrow(
			/older than 2.0.0/,
		);
		expect(upgradeReview(review, {...v1, version: '2.0.1'}, 'sha256:c', bob).report).toBeDefined();
	});
});
