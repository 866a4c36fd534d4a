import {describe, expect, it} from 'vitest';
import {evaluate} from '../../source/model/evaluate.js';
import {
	groupByOwners,
	groupHeading,
	waitingOn,
	waitingOnText,
} from '../../source/model/work-split.js';
import {blankReview, NOW} from '../ui/helpers.js';
import {teamChecklist} from '../ui/fixtures-team.js';

function judged(answered: string[] = []) {
	const loaded = teamChecklist();
	const review = blankReview(loaded);
	for (const id of answered)
		review.answers[id] = {
			status: 'pass',
			evidence: [],
			signedOff: {by: 'Sec', email: 'sec@example.com', at: NOW.toISOString()},
		};
	return evaluate(loaded.checklist, review, NOW, loaded.team);
}

describe('waitingOn: what each role still has to settle', () => {
	it('counts blockers per owning role, an item two roles may settle for each, anyone last', () => {
		const counts = waitingOn(judged().blockers);
		expect(counts).toEqual([{role: 'security', count: 3}, {role: 'sre', count: 3}, {count: 2}]);
		expect(waitingOnText(counts)).toBe('security 3 · sre 3 · anyone 2');
	});

	it('drops what is settled: a security pass settles a security item, not an sre one', () => {
		// sec.secrets settles; ops.pager passed by someone outside sre still blocks ("needs sre").
		const counts = waitingOn(judged(['sec.secrets', 'ops.pager']).blockers);
		expect(waitingOnText(counts)).toBe('security 2 · sre 3 · anyone 2');
	});

	it('says nothing when nothing blocks', () => {
		expect(waitingOnText(waitingOn([]))).toBe('');
	});
});

describe('groupByOwners: the summary’s blockers by who may settle them', () => {
	it('groups by the owners, each blocker once, in checklist order, open to anyone last', () => {
		const groups = groupByOwners(judged().blockers);
		expect(groups.map(groupHeading)).toEqual([
			'security (2)',
			'security or sre (1)',
			'sre (2)',
			'open to anyone (2)',
		]);
		expect(groups.flatMap((g) => g.blockers.map((b) => b.item.id))).toEqual([
			'sec.secrets',
			'sec.scan',
			'sec.contacts',
			'ops.rollback',
			'ops.pager',
			'arch.bounds',
			'arch.fail',
		]);
	});

	it('has no group for open items when every one is settled', () => {
		const groups = groupByOwners(judged(['arch.bounds', 'arch.fail']).blockers);
		expect(groups.map((g) => g.owners)).toEqual([['security'], ['security', 'sre'], ['sre']]);
	});
});
