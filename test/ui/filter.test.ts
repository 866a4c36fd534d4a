import {describe, expect, it} from 'vitest';
import {answerFor} from '../../source/model/evaluate.js';
import {recordAnswer, withStatus} from '../../source/model/review.js';
import {
	filterKindText,
	filterStatus,
	isMine,
	matchesFilter,
	parseFilter,
} from '../../source/ui/state/filter.js';
import {initialState, reducer as reduce} from '../../source/ui/state/reducer.js';
import {listedItems, matchCounts, signContext} from '../../source/ui/state/selectors.js';
import {actor, blankReview, dbWith} from './helpers.js';
import {teamChecklist} from './fixtures-team.js';

const security = {by: 'Sec', email: 'SEC@example.com'};

describe('parseFilter: the filter words', () => {
	it('reads status words, mine, role:NAME and @NAME; anything else is text', () => {
		expect(parseFilter(' Pending ')).toEqual({kind: 'status', status: 'pending'});
		expect(parseFilter('MINE')).toEqual({kind: 'mine'});
		expect(parseFilter('role:sre')).toEqual({kind: 'role', role: 'sre'});
		expect(parseFilter('Role: sre')).toEqual({kind: 'role', role: 'sre'});
		expect(parseFilter('@security')).toEqual({kind: 'role', role: 'security'});
		expect(parseFilter('@')).toEqual({kind: 'text', text: '@'});
		expect(parseFilter('mine field')).toEqual({kind: 'text', text: 'mine field'});
		expect(filterStatus('mine')).toBeUndefined();
		expect(filterKindText('@sre')).toBe(' (role sre)');
		expect(filterKindText('mine')).toBe(' (you may settle)');
		expect(filterKindText('@ops', teamChecklist().team)).toBe(' (role ops: not in the team file)');
		expect(filterKindText('rollback')).toBe('');
	});
});

describe('the filter word later', () => {
	const item = {id: 'x', title: 'Discuss later the cache', guidance: ''} as Parameters<
		typeof matchesFilter
	>[1];
	it('matches the items marked to discuss later, whatever their status or text', () => {
		expect(parseFilter(' Later ')).toEqual({kind: 'later'});
		expect(filterKindText('later')).toBe(' (to discuss later)');
		const marked = {
			status: 'pass' as const,
			evidence: [],
			later: {by: 'Ann', at: '2026-03-01T10:00:00.000Z'},
		};
		expect(matchesFilter('later', item, marked)).toBe(true);
		expect(matchesFilter('later', item, {status: 'pending', evidence: []})).toBe(false);
		// Text that merely holds the word is still text.
		expect(matchesFilter('discuss later', item, {status: 'pending', evidence: []})).toBe(true);
	});
});

describe('matchesFilter with owners', () => {
	const loaded = teamChecklist();
	const review = blankReview(loaded);
	const sections = loaded.checklist.sections;
	const state = {...initialState(loaded, dbWith(review)), reviewId: review.id, reviewer: security};
	const matching = (filter: string) =>
		sections.flatMap((s, i) =>
			s.items
				.filter((it) =>
					matchesFilter(filter, it, answerFor(review, it.id), signContext(state, i, it)),
				)
				.map((it) => it.id),
		);

	it('mine: the items of the reviewer’s roles and those open to anyone', () => {
		expect(matching('mine')).toEqual([
			'arch.bounds',
			'arch.fail',
			'sec.secrets',
			'sec.scan',
			'sec.contacts',
		]);
	});

	it('role:NAME and @NAME: the items whose owners name the role', () => {
		expect(matching('@sre')).toEqual(['sec.contacts', 'ops.rollback', 'ops.pager']);
		expect(matching('role:security')).toEqual(['sec.secrets', 'sec.scan', 'sec.contacts']);
		expect(matching('@nobody')).toEqual([]);
	});

	it('without a team file everything is everyone’s', () => {
		const rule = {owners: ['sre'], approvals: 1};
		expect(isMine({rule, me: security})).toBe(true);
		expect(isMine({rule, team: teamChecklist().team, me: security})).toBe(false);
	});

	it('the filter’s counts per section follow the words', () => {
		const filtered = {...state, filter: '@sre'};
		expect(matchCounts(filtered, listedItems(filtered))).toEqual([0, 1, 2]);
	});
});

describe('open-review: the reviewer’s own items first', () => {
	const open = (loaded = teamChecklist(), who = actor) => {
		const review = blankReview(loaded);
		const state = reduce(initialState(loaded, dbWith(review)), {
			type: 'open-review',
			reviewId: review.id,
			actor: who,
		});
		return {state, review, loaded};
	};

	it('a security reviewer opens on the first pending security item', () => {
		const {state} = open(teamChecklist(), {...actor, by: 'Sec', email: 'sec@example.com'});
		expect(state.itemId).toBe('sec.secrets');
		expect(state.sectionIndex).toBe(1);
		expect(state.reviewer).toEqual({by: 'Sec', email: 'sec@example.com'});
	});

	it('an sre reviewer by name opens on the first pending item sre may settle', () => {
		const {state} = open(teamChecklist(), {...actor, by: 'Sam'});
		expect(state.itemId).toBe('sec.contacts');
	});

	it('someone with no role opens on the first pending item open to anyone', () => {
		expect(open(teamChecklist(), actor).state.itemId).toBe('arch.bounds');
	});

	it('an item of theirs that someone else signed, unsettled, comes before pending ones', () => {
		const loaded = teamChecklist();
		// Eve is in no role: her pass of sec.secrets is kept but waits on security.
		const signed = recordAnswer(
			blankReview(loaded),
			'sec.secrets',
			withStatus({status: 'pending', evidence: []}, 'pass'),
			{...actor, by: 'Eve', email: 'eve@example.com'},
		);
		const openAs = (who: typeof actor) =>
			reduce(initialState(loaded, dbWith(signed)), {
				type: 'open-review',
				reviewId: signed.id,
				actor: who,
			}).itemId;
		expect(openAs({...actor, by: 'Sec', email: 'sec@example.com'})).toBe('sec.secrets');
		// Nobody else is asked to settle it: they open where they would have.
		expect(openAs(actor)).toBe('arch.bounds');
	});

	it('without a team file, on the first pending item, as before', () => {
		const {state} = open(teamChecklist(false), {...actor, by: 'Sec', email: 'sec@example.com'});
		expect(state.itemId).toBe('arch.bounds');
	});
});
