import {describe, expect, it} from 'vitest';
import {digestOf} from '../../source/model/canonical.js';
import {evaluate} from '../../source/model/evaluate.js';
import type {Actor} from '../../source/model/actor.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import type {Answer, Checklist, Review} from '../../source/model/schemas.js';
import {
	acceptProposals,
	attachOrphan,
	cannotAttach,
	declineProposals,
	pendingProposals,
	upgradeReview,
} from '../../source/model/upgrade.js';

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

/** A checklist `demo` of one section `s` with these items (id, title, guidance). */
function checklistOf(version: string, items: Array<[string, string, string?]>): Checklist {
	return {
		id: 'demo',
		title: 'Demo',
		version,
		sections: [{id: 's', title: 'S', items: items.map(([id, title, g]) => item(id, title, g))}],
	};
}

function failed(checklist: Checklist, ids: string[]): Review {
	let review = newReview(checklist, digestOf(checklist), 'svc', undefined, alice.at);
	for (const id of ids)
		review = recordAnswer(
			review,
			id,
			withStatus({status: 'pending', evidence: []}, 'fail', {note: id}),
			alice,
		);
	return review;
}

const up = (review: Review, checklist: Checklist, log = true) =>
	upgradeReview(review, checklist, digestOf(checklist), bob, log);

describe('answers whose items left the checklist', () => {
	const one = checklistOf('1', [
		['rollback', 'Define clear rollback steps', 'Every deploy can be undone.'],
		['pager', 'Pager configured'],
		['gone', 'Quarterly fire drill'],
	]);
	const two = checklistOf('2', [
		['rollback-2', 'Document clear rollback steps', 'Every deploy can be undone.'],
		['pager', 'Pager configured'],
		['unrelated', 'Load tested at peak traffic'],
	]);

	it('are kept as orphans, counted nowhere in the verdict, with renames proposed by similarity', () => {
		const before = failed(one, ['rollback', 'gone']);
		const {review, report} = up(before, two);
		expect(report).toMatchObject({orphaned: ['rollback', 'gone'], removed: ['rollback', 'gone']});
		expect(Object.keys(review.orphans ?? {})).toEqual(['rollback', 'gone']);
		expect(review.proposals).toEqual([
			{from: 'rollback', to: 'rollback-2', score: expect.any(Number)},
		]);
		expect(pendingProposals(review, two)).toEqual(review.proposals);
		const e = evaluate(two, review, bob.at);
		expect(e.totals).toMatchObject({items: 3, fail: 0, pending: 3});
		expect(e.blockers.map((b) => b.item.id)).toEqual(['rollback-2', 'pager', 'unrelated']);
	});

	it('judging only (nothing saved) finds the same orphans and proposals, and logs nothing', () => {
		const before = failed(one, ['rollback']);
		const judged = up(before, two, false).review;
		expect(judged.audit).toEqual(before.audit);
		expect(judged.orphans?.rollback?.answer.status).toBe('fail');
		expect(judged.proposals).toHaveLength(1);
	});

	it('accepting moves the answer (marked for re-review); declining keeps the orphan, and both are logged', () => {
		const {review} = up(failed(one, ['rollback']), two);
		const proposals = pendingProposals(review, two);
		const {review: taken, accepted} = acceptProposals(review, two, proposals, bob);
		expect(accepted).toEqual(proposals);
		expect(taken.answers['rollback-2']).toMatchObject({
			status: 'fail',
			note: 'rollback',
			reReview: true,
		});
		expect(taken.orphans).toBeUndefined();
		expect(taken.proposals).toBeUndefined();
		expect(taken.audit.at(-1)).toMatchObject({
			item: 'rollback-2',
			from: 'pending',
			to: 'fail',
			by: 'bob',
		});
		expect(taken.audit.at(-1)?.detail).toMatch(
			/answer of rollback .* re-attached: rename proposed with score/,
		);

		const declined = declineProposals(review, proposals, bob);
		expect(declined.orphans?.rollback?.answer.status).toBe('fail');
		expect(declined.proposals).toBeUndefined();
		expect(pendingProposals(declined, two)).toEqual([]);
		expect(declined.audit.at(-1)).toMatchObject({
			item: 'rollback',
			detail: expect.stringMatching(/declined/),
		});
	});

	it('a proposal whose item has been answered since is no longer pending, and accepting skips it', () => {
		const {review} = up(failed(one, ['rollback']), two);
		const proposals = pendingProposals(review, two);
		const answeredSince = recordAnswer(
			review,
			'rollback-2',
			withStatus({status: 'pending', evidence: []}, 'na', {justification: 'done by hand'}),
			bob,
		);
		expect(pendingProposals(answeredSince, two)).toEqual([]);
		const {review: after, accepted} = acceptProposals(answeredSince, two, proposals, bob);
		expect(accepted).toEqual([]);
		expect(after.answers['rollback-2']?.status).toBe('na');
		expect(after.orphans?.rollback?.answer.status).toBe('fail');
	});

	it('attaching by hand: to a free item, refused to an answered or unknown one, or from no orphan', () => {
		const {review} = up(failed(one, ['gone', 'pager']), two);
		expect(cannotAttach(review, two, 'nope', 'unrelated')).toMatch(/no orphaned answer "nope"/);
		expect(cannotAttach(review, two, 'gone', 'nope')).toMatch(/no item "nope" in checklist demo 2/);
		expect(cannotAttach(review, two, 'gone', 'pager')).toMatch(
			/“Pager configured” has an answer already/,
		);
		expect(() => attachOrphan(review, two, 'gone', 'pager', bob, 'by hand')).toThrow(
			/has an answer/,
		);
		const attached = attachOrphan(review, two, 'gone', 'unrelated', bob, 'by hand');
		expect(attached.answers.unrelated).toMatchObject({
			status: 'fail',
			note: 'gone',
			reReview: true,
		});
		expect(attached.orphans).toBeUndefined();
	});

	it('an orphan whose id comes back is its answer again; one with the same text elsewhere is certain', () => {
		const {review} = up(failed(one, ['gone', 'rollback']), two);
		const three = checklistOf('3', [
			['gone', 'Quarterly fire drill'],
			['rollback-3', 'Define clear rollback steps', 'Every deploy can be undone.'],
			['pager', 'Pager configured'],
		]);
		const {review: back, report} = up(review, three);
		expect(report?.reattached).toEqual(['gone']);
		expect(back.answers.gone).toMatchObject({status: 'fail', note: 'gone'});
		expect(back.answers.gone?.reReview).toBeUndefined();
		// the orphan of version 1's rollback has the same title and guidance as rollback-3
		expect(report?.matched).toEqual([['rollback', 'rollback-3']]);
		expect(back.answers['rollback-3']).toMatchObject({status: 'fail', note: 'rollback'});
		expect(back.orphans).toBeUndefined();
	});

	it('two items gone with one text and two new with it are proposed, not taken as certain', () => {
		const twins = checklistOf('1', [
			['a.owner', 'Owner named'],
			['b.owner', 'Owner named'],
		]);
		const moved = checklistOf('2', [
			['x.owner', 'Owner named'],
			['y.owner', 'Owner named'],
		]);
		const {review, report} = up(failed(twins, ['a.owner', 'b.owner']), moved);
		expect(report?.matched).toEqual([]);
		expect(pendingProposals(review, moved).map((p) => [p.from, p.to, p.score])).toEqual([
			['a.owner', 'x.owner', 1],
			['b.owner', 'y.owner', 1],
		]);
	});

	it('proposals left waiting stay through a later upgrade', () => {
		const {review} = up(failed(one, ['rollback']), two);
		const three = checklistOf('3', [
			...two.sections[0]!.items.map((i) => [i.id, i.title, i.guidance] as [string, string, string]),
			['extra', 'Something new'],
		]);
		const {review: later} = up(review, three);
		expect(pendingProposals(later, three).map((p) => [p.from, p.to])).toEqual([
			['rollback', 'rollback-2'],
		]);
	});
});

describe('a review saved before titles were kept (schema 2)', () => {
	const one = checklistOf('1', [
		['s.on-call-rota-staffed', 'On-call rota staffed'],
		['s.pager', 'Pager configured'],
	]);
	/** As the migration leaves it: a fingerprint per item, nothing else. */
	function fromSchema2(review: Review): Review {
		const items = Object.fromEntries(
			Object.entries(review.checklist.items ?? {}).map(([id, s]) => [id, {print: s.print}]),
		);
		return {...review, checklist: {...review.checklist, items}};
	}

	it('gets the titles on the next open against the same checklist, and nothing else changes', () => {
		const before = fromSchema2(failed(one, ['s.pager']));
		const {review, report} = up(before, one);
		expect(report).toBeUndefined();
		expect(review.checklist.items?.['s.pager']).toMatchObject({title: 'Pager configured'});
		expect(review.answers).toEqual(before.answers);
	});

	it('on a changed checklist: certain renames by fingerprint, proposals from the words of the old ids', () => {
		const two = checklistOf('2', [
			['s.rota', 'On call rota staffed by two people'],
			['s.paging', 'Pager configured'],
		]);
		const {review, report} = up(
			fromSchema2(failed(one, ['s.on-call-rota-staffed', 's.pager'])),
			two,
		);
		expect(report?.matched).toEqual([['s.pager', 's.paging']]);
		expect(review.answers['s.paging']?.status).toBe('fail');
		expect(review.proposals?.map((p) => [p.from, p.to])).toEqual([
			['s.on-call-rota-staffed', 's.rota'],
		]);
	});
});
