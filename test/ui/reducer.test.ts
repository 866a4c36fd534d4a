import {describe, expect, it} from 'vitest';
import type {Answer, Review} from '../../source/model/schemas.js';
import {initialState, reducer} from '../../source/ui/state/reducer.js';
import {
	currentReview,
	firstPending,
	nextPending,
	selectedItemId,
	visibleItems,
} from '../../source/ui/state/selectors.js';
import type {Action, State} from '../../source/ui/state/types.js';
import {actor, blankReview, dbWith, NOW, smallChecklist} from './helpers.js';

const loaded = smallChecklist();
const failed: Answer = {status: 'fail', evidence: []};
const passed: Answer = {
	status: 'pass',
	evidence: [{kind: 'url', ref: 'https://ci.example/1'}],
};

function withAnswers(answers: Record<string, Answer>): Review {
	return {...blankReview(loaded), answers};
}

function opened(answers: Record<string, Answer> = {}): State {
	const state = initialState(loaded, dbWith(withAnswers(answers)));
	return reducer(state, {type: 'open-review', reviewId: 'r-test', actor});
}

function run(state: State, ...actions: Action[]): State {
	return actions.reduce(reducer, state);
}

const record = (itemId: string, answer: Answer = failed, advance = true): Action => ({
	type: 'record',
	itemId,
	answer,
	actor,
	advance,
});

function focus(state: State): [number, string | undefined] {
	return [state.sectionIndex, state.itemId];
}

describe('open-review', () => {
	it('opens at the first pending item in checklist order', () => {
		expect(focus(opened())).toEqual([0, 'a1']);
		expect(opened().screen).toBe('review');
		expect(focus(opened({a1: failed}))).toEqual([0, 'a2']);
		expect(focus(opened({a1: failed, a2: failed, a3: failed}))).toEqual([1, 'b1']);
	});

	it('opens on the summary when every item is answered', () => {
		const all = Object.fromEntries(['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((id) => [id, failed]));
		expect(opened(all).screen).toBe('summary');
	});

	it('opens at a named item and ignores unknown reviews', () => {
		const state = initialState(loaded, dbWith(withAnswers({})));
		expect(
			focus(reducer(state, {type: 'open-review', reviewId: 'r-test', itemId: 'b2', actor})),
		).toEqual([1, 'b2']);
		expect(reducer(state, {type: 'open-review', reviewId: 'nope', actor})).toBe(state);
	});

	it('firstPending is undefined when nothing is pending', () => {
		const state = opened();
		const all = Object.fromEntries(['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((id) => [id, failed]));
		expect(firstPending(state, withAnswers(all))).toBeUndefined();
	});
});

describe('moving', () => {
	it('move-item clamps at both ends of the section', () => {
		const state = opened();
		expect(reducer(state, {type: 'move-item', delta: -1}).itemId).toBe('a1');
		expect(reducer(state, {type: 'move-item', delta: 1}).itemId).toBe('a2');
		expect(reducer(state, {type: 'move-item', delta: 99}).itemId).toBe('a3');
		expect(run(state, {type: 'move-item', delta: 99}, {type: 'move-item', delta: 1}).itemId).toBe(
			'a3',
		);
	});

	it('move-section wraps around both ways and focuses the first pending item', () => {
		const state = opened({b1: failed});
		expect(focus(reducer(state, {type: 'move-section', delta: 1}))).toEqual([1, 'b2']);
		expect(focus(reducer(state, {type: 'move-section', delta: -1}))).toEqual([2, 'c1']);
		const last = reducer(state, {type: 'move-section', delta: -1});
		expect(focus(reducer(last, {type: 'move-section', delta: 1}))).toEqual([0, 'a1']);
	});

	it('move-section focuses the first item when the section has no pending one', () => {
		const state = opened({b1: failed, b2: failed});
		expect(focus(reducer(state, {type: 'move-section', delta: 1}))).toEqual([1, 'b1']);
	});

	it('home-move and summary-move clamp to the list', () => {
		const state = opened();
		expect(reducer(state, {type: 'home-move', delta: -1, count: 3}).homeIndex).toBe(0);
		expect(reducer(state, {type: 'home-move', delta: 5, count: 3}).homeIndex).toBe(2);
		expect(reducer(state, {type: 'home-move', delta: 1, count: 0}).homeIndex).toBe(0);
		expect(reducer(state, {type: 'summary-move', delta: 9, count: 4}).summaryIndex).toBe(3);
	});
});

describe('guided flow (record with advance)', () => {
	it('moves to the next pending item, then the next section, then the summary', () => {
		let state = opened();
		const seen: Array<[number, string | undefined]> = [];
		for (const id of ['a1', 'a2', 'a3', 'b1', 'b2']) {
			state = reducer(state, record(id));
			seen.push(focus(state));
		}
		expect(seen).toEqual([
			[0, 'a2'],
			[0, 'a3'],
			[1, 'b1'],
			[1, 'b2'],
			[2, 'c1'],
		]);
		expect(state.screen).toBe('review');
		state = reducer(state, record('c1', passed));
		expect(state.screen).toBe('summary');
		expect(state.message?.text).toMatch(/every item is answered/i);
	});

	it('a fail that answers the last item stays, so that c can still give its reason', () => {
		let state = run(opened(), ...['a1', 'a2', 'a3', 'b1', 'b2'].map((id) => record(id, passed)));
		state = reducer(state, record('c1'));
		expect(state.screen).toBe('review');
		expect(state.message?.text).toBe(
			'Failed “Gamma one” — c adds a note to it · every item is answered: s shows the summary.',
		);
		const noting = reducer(state, {type: 'edit-note'});
		expect(noting.prompt).toEqual({kind: 'note', itemId: 'c1'});
		// any other key ends the offer; s then shows the summary
		expect(run(state, {type: 'go', screen: 'summary'}).screen).toBe('summary');
	});

	it('with a filter on, the flow stays in the filter’s list when the last item is answered', () => {
		let state = run(opened(), ...['a1', 'a2', 'b1', 'b2', 'c1'].map((id) => record(id, passed)), {
			type: 'set-filter',
			text: 'three',
		});
		state = reducer(state, record('a3', passed));
		expect(state.screen).toBe('review');
		expect(state.filter).toBe('three');
		expect(state.message?.text).toMatch(/every item is answered: s shows the summary/i);
	});

	it('wraps inside the section to an earlier pending item before leaving it', () => {
		const state = run(opened(), {type: 'move-item', delta: 1}, record('a2'));
		expect(focus(state)).toEqual([0, 'a3']);
		expect(focus(reducer(state, record('a3')))).toEqual([0, 'a1']);
	});

	it('skips answered sections', () => {
		const state = run(opened({b1: failed, b2: failed}), record('a1'), record('a2'), record('a3'));
		expect(focus(state)).toEqual([2, 'c1']);
	});

	it('stays on the item without advance, and records the answer with a sign-off', () => {
		const state = reducer(opened(), record('a1', passed, false));
		expect(focus(state)).toEqual([0, 'a1']);
		const answer = currentReview(state)!.answers.a1!;
		expect(answer.status).toBe('pass');
		expect(answer.signedOff).toEqual({by: 'Ada', at: NOW.toISOString()});
	});

	it('an unchanged answer changes nothing and does not advance', () => {
		const state = opened({a1: failed});
		const focused = reducer(state, {type: 'focus-item', itemId: 'a1'});
		const again = reducer(focused, record('a1', {...failed}));
		expect(again.version).toBe(focused.version);
		expect(focus(again)).toEqual([0, 'a1']);
		expect(again.undo).toHaveLength(0);
	});

	it('nextPending is undefined when the only pending item is the current one', () => {
		const state = opened({a2: failed, a3: failed, b1: failed, b2: failed, c1: failed});
		expect(nextPending(state, currentReview(state)!, 0, 'a1')).toBeUndefined();
	});
});

describe('undo', () => {
	it('restores the previous answer and appends an audit entry', () => {
		let state = run(opened(), record('a1', failed, false), record('a1', passed, false));
		expect(currentReview(state)!.answers.a1!.status).toBe('pass');
		const auditBefore = currentReview(state)!.audit.length;
		state = run(state, {type: 'move-section', delta: 1}, {type: 'undo', actor});
		const review = currentReview(state)!;
		expect(review.answers.a1!.status).toBe('fail');
		expect(review.audit).toHaveLength(auditBefore + 1);
		expect(review.audit.at(-1)).toMatchObject({item: 'a1', from: 'pass', to: 'fail', by: 'Ada'});
		expect(review.audit.at(-1)!.detail).toMatch(/undo/);
		// Focus returns to the undone item.
		expect(focus(state)).toEqual([0, 'a1']);
		expect(state.message?.text).toBe('Undone: “Alpha one” ✔ pass → ✖ fail.');
	});

	it('undoes back to pending, then has nothing left to undo', () => {
		let state = run(opened(), record('a1'), {type: 'undo', actor});
		expect(currentReview(state)!.answers.a1).toBeUndefined();
		const version = state.version;
		state = reducer(state, {type: 'undo', actor});
		expect(state.message?.text).toBe('Nothing to undo.');
		expect(state.version).toBe(version);
	});
});

describe('filter', () => {
	it('filters by text and skips sections without matches when moving', () => {
		// "one" matches a1, b1 and c1; "alpha" only section 1; "gamma" only section 3.
		let state = reducer(opened(), {type: 'set-filter', text: 'gamma'});
		expect(focus(state)).toEqual([2, 'c1']);
		expect(visibleItems(state, 0)).toEqual([]);
		expect(reducer(state, {type: 'move-section', delta: 1}).sectionIndex).toBe(2);

		state = reducer(opened(), {type: 'set-filter', text: 'two'});
		expect(visibleItems(state, 0).map((i) => i.id)).toEqual(['a2']);
		expect(focus(state)).toEqual([0, 'a2']);
		expect(focus(reducer(state, {type: 'move-section', delta: 1}))).toEqual([1, 'b2']);
		expect(focus(reducer(state, {type: 'move-section', delta: -1}))).toEqual([1, 'b2']);
	});

	it('matches guidance and ids case-insensitively', () => {
		const state = reducer(opened(), {type: 'set-filter', text: 'ABOUT ALPHA'});
		expect(visibleItems(state, 0).map((i) => i.id)).toEqual(['a1']);
		const byId = reducer(opened(), {type: 'set-filter', text: 'b2'});
		expect(focus(byId)).toEqual([1, 'b2']);
	});

	it('filters by status word', () => {
		const state = run(opened({a2: failed, c1: passed}), {type: 'set-filter', text: 'fail'});
		expect(visibleItems(state, 0).map((i) => i.id)).toEqual(['a2']);
		expect(focus(state)).toEqual([0, 'a2']);
		expect(focus(reducer(state, {type: 'move-section', delta: 1}))).toEqual([0, 'a2']);
		const passing = reducer(state, {type: 'set-filter', text: 'pass'});
		expect(focus(passing)).toEqual([2, 'c1']);
		const pending = reducer(state, {type: 'set-filter', text: 'pending'});
		expect(visibleItems(pending, 0).map((i) => i.id)).toEqual(['a1', 'a3']);
	});

	it('says so when nothing matches, and an empty filter shows everything again', () => {
		const none = reducer(opened(), {type: 'set-filter', text: 'zebra'});
		expect(none.message?.text).toBe('No item matches the filter.');
		const cleared = reducer(none, {type: 'set-filter', text: ''});
		expect(visibleItems(cleared, 0)).toHaveLength(3);
	});

	it('guided flow respects the filter', () => {
		const state = run(opened(), {type: 'set-filter', text: 'one'}, record('a1'));
		expect(focus(state)).toEqual([1, 'b1']);
	});
});

describe('version', () => {
	it('bumps on database changes only', () => {
		const state = opened();
		expect(state.version).toBe(0);
		const moved = run(
			state,
			{type: 'move-item', delta: 1},
			{type: 'move-section', delta: 1},
			{type: 'set-filter', text: 'one'},
			{type: 'toggle-help'},
			{type: 'go', screen: 'summary'},
		);
		expect(moved.version).toBe(0);
		expect(moved.db).toBe(state.db);
		const recorded = reducer(state, record('a1'));
		expect(recorded.version).toBe(1);
		expect(reducer(recorded, {type: 'undo', actor}).version).toBe(2);
		const added = reducer(state, {
			type: 'add-review',
			review: blankReview(loaded, 'r-two', 'billing'),
			actor,
		});
		expect(added.version).toBe(1);
		expect(added.reviewId).toBe('r-two');
		expect(added.db.reviews).toHaveLength(2);
	});

	it('saved acknowledges a version and clears a save error; the newest ack wins', () => {
		const state = run(opened(), record('a1'), record('a2'), {type: 'save-failed', error: 'disk'});
		expect(state.saveError).toBe('disk');
		const saved = run(state, {type: 'saved', version: 2}, {type: 'saved', version: 1});
		expect(saved.savedVersion).toBe(2);
		expect(saved.saveError).toBeUndefined();
	});

	it('a save that wrote a milestone says so before the line shown, not instead of it', () => {
		const state = run(opened(), {
			type: 'message',
			message: {kind: 'info', text: 'checklist updated 1.0.0 → 2.0.0: 1 new'},
		});
		const saved = run(state, {type: 'saved', version: 1, notice: 'milestone snapshots/x.json'});
		expect(saved.message).toEqual({
			kind: 'info',
			text: 'milestone snapshots/x.json · checklist updated 1.0.0 → 2.0.0: 1 new',
		});
		expect(run(opened(), {type: 'saved', version: 1, notice: 'n'}).message).toEqual({
			kind: 'info',
			text: 'n',
		});
		expect(run(state, {type: 'saved', version: 1}).message).toEqual(state.message);
	});
});

describe('note after a fail', () => {
	const editNote: Action = {type: 'edit-note'};
	const notePrompt = (state: State) =>
		state.prompt?.kind === 'note' ? state.prompt.itemId : undefined;

	it('edit-note right after a fail that moved the focus opens the note of the failed item', () => {
		const failedA1 = run(opened(), record('a1'));
		expect(focus(failedA1)).toEqual([0, 'a2']);
		expect(notePrompt(reducer(failedA1, editNote))).toBe('a1');
		// a save acknowledged in between is not a key
		expect(notePrompt(run(failedA1, {type: 'saved', version: 1}, editNote))).toBe('a1');
	});

	it('any other action in between makes edit-note apply to the focused item again', () => {
		const failedA1 = run(opened(), record('a1'));
		for (const between of [
			{type: 'move-item', delta: 0},
			{type: 'toggle-help'},
			{type: 'message', message: {kind: 'info', text: 'Already pending.'}},
		] satisfies Action[]) {
			const state = run(failedA1, between, editNote);
			expect(notePrompt(state), between.type).toBe('a2');
		}
		// the hint that c would note the failed item goes with it
		expect(failedA1.message?.text).toMatch(/Failed “Alpha one” — c adds a note to it/);
		expect(reducer(failedA1, {type: 'toggle-help'}).message).toBeUndefined();
	});

	it('other answers, and a fail that does not move the focus, do not redirect the note', () => {
		expect(notePrompt(run(opened(), record('a1', passed), editNote))).toBe('a2');
		expect(notePrompt(run(opened(), record('a1', failed, false), editNote))).toBe('a1');
	});
});

describe('no visible item', () => {
	it('edit-note says no item is selected when the filter hides every item', () => {
		const state = run(opened(), {type: 'set-filter', text: 'zebra'}, {type: 'edit-note'});
		expect(state.prompt).toBeUndefined();
		expect(state.message?.text).toMatch(/No item selected/);
		expect(selectedItemId(state)).toBeUndefined();
		expect(selectedItemId(opened())).toBe('a1');
	});

	it('a focused item the filter hides is not selected; ↑↓ bring the focus back to a visible one', () => {
		// as after answering an item so that it no longer matches a status filter
		const state: State = {...reducer(opened(), {type: 'set-filter', text: 'one'}), itemId: 'a3'};
		expect(selectedItemId(state)).toBeUndefined();
		expect(reducer(state, {type: 'edit-note'}).message?.text).toMatch(/the filter hides it/);
		expect(reducer(state, {type: 'move-item', delta: 1}).itemId).toBe('a1');
	});

	it('undo keeps the filter when the undone item stays visible', () => {
		const state = run(opened(), {type: 'set-filter', text: 'one'}, record('a1'), {
			type: 'undo',
			actor,
		});
		expect(state.filter).toBe('one');
		expect(focus(state)).toEqual([0, 'a1']);
		expect(state.message?.text).toBe('Undone: “Alpha one” ✖ fail → ○ pending.');
	});

	it('undo keeps a filter that hides everything unless it must reveal the item, and says so', () => {
		const hidden = run(opened(), record('a1'), {type: 'set-filter', text: 'zebra'});
		const undone = reducer(hidden, {type: 'undo', actor});
		expect(currentReview(undone)!.answers.a1).toBeUndefined();
		expect(undone.filter).toBe('');
		expect(focus(undone)).toEqual([0, 'a1']);
		expect(undone.message?.text).toBe(
			'Undone: “Alpha one” ✖ fail → ○ pending (filter cleared to show it).',
		);

		// a status filter the restored answer matches stays on
		const failing = run(opened(), record('a1', failed, false), record('a1', passed, false), {
			type: 'set-filter',
			text: 'fail',
		});
		const kept = reducer(failing, {type: 'undo', actor});
		expect(kept.filter).toBe('fail');
		expect(currentReview(kept)!.answers.a1!.status).toBe('fail');
		expect(focus(kept)).toEqual([0, 'a1']);
		expect(kept.message?.text).toBe('Undone: “Alpha one” ✔ pass → ✖ fail.');
		// one it no longer matches is cleared
		const cleared = run(failing, {type: 'set-filter', text: 'pass'}, {type: 'undo', actor});
		expect(cleared.filter).toBe('');
		expect(cleared.message?.text).toMatch(/filter cleared/);
	});
});

describe('a filter’s list under the answers', () => {
	it('an answer that takes the focused item out of the filter moves the focus to the next match', () => {
		const all = ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'];
		let state = run(
			opened(Object.fromEntries(all.map((id) => [id, id.startsWith('a') ? passed : failed]))),
			{type: 'go', screen: 'review'},
			{type: 'set-filter', text: 'fail'},
		);
		expect(focus(state)).toEqual([1, 'b1']);
		state = reducer(state, record('b1', passed));
		// nothing is pending: the flow stays, on the match that took b1's place
		expect(state.screen).toBe('review');
		expect(focus(state)).toEqual([1, 'b2']);
		state = reducer(state, record('b2', passed));
		expect(focus(state)).toEqual([2, 'c1']);
	});
});

describe('u says what it undid', () => {
	const link = {kind: 'url' as const, ref: 'https://ci.example/2'};
	it('an evidence or note edit by what it was, a status change by its statuses', () => {
		let state = run(opened(), record('a1', passed, false));
		const withLink: Answer = {...passed, evidence: [...passed.evidence, link]};
		state = run(state, record('a1', withLink, false), {type: 'undo', actor});
		expect(state.message?.text).toBe('Undone: the evidence added to “Alpha one” (still ✔ pass).');
		state = run(state, record('a1', {...passed, note: 'checked'}, false), {type: 'undo', actor});
		expect(state.message?.text).toBe('Undone: the note added to “Alpha one” (still ✔ pass).');
		state = run(state, {type: 'undo', actor});
		expect(state.message?.text).toBe('Undone: “Alpha one” ✔ pass → ○ pending.');
	});
});

describe('the details scroll', () => {
	const scrolled = (state: State, offset = 5): State =>
		reducer(state, {type: 'scroll-detail', itemId: state.itemId!, offset});

	it('keeps the offset for the focused item, and clears the message', () => {
		const state = scrolled({...opened(), message: {kind: 'info', text: 'Already pending.'}});
		expect(state.detailScroll).toEqual({itemId: 'a1', offset: 5});
		expect(state.message).toBeUndefined();
	});

	it('any change of focus opens the next item at its top, also back on the first', () => {
		const start = scrolled(opened());
		for (const action of [
			{type: 'move-item', delta: 1},
			{type: 'move-section', delta: 1},
			{type: 'focus-item', itemId: 'b2'},
			{type: 'set-filter', text: 'beta'},
			record('a1'),
		] satisfies Action[])
			expect(reducer(start, action).detailScroll, action.type).toBeUndefined();
		// j then k: a1 again, at its top
		expect(
			run(start, {type: 'move-item', delta: 1}, {type: 'move-item', delta: -1}).detailScroll,
		).toBeUndefined();
	});

	it('the help overlay, a message, the summary and back keep it; the list of reviews does not', () => {
		const start = scrolled(opened());
		const kept = run(
			start,
			{type: 'toggle-help'},
			{type: 'toggle-help'},
			{type: 'message', message: {kind: 'info', text: 'hi'}},
			{type: 'go', screen: 'summary'},
			{type: 'go', screen: 'review'},
		);
		expect(kept.detailScroll).toEqual({itemId: 'a1', offset: 5});
		expect(reducer(start, {type: 'go', screen: 'home'}).detailScroll).toBeUndefined();
	});
});

describe('undo after a decision', () => {
	const all = Object.fromEntries(['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((id) => [id, passed]));
	const later = {at: NOW.toISOString(), by: 'Ada'};

	it('u right after D undoes nothing older and keeps the decision, saying so', () => {
		let state = run(opened(all), record('a1', {...passed, note: 'checked'}, false));
		state = reducer(state, {type: 'decide', decision: 'go', actor});
		expect(currentReview(state)!.decisions).toHaveLength(1);
		const undone = reducer(state, {type: 'undo', actor});
		expect(undone.message).toEqual({
			kind: 'error',
			text: 'Nothing undone: the last change is the GO just recorded, and a decision stays on record. D records another; a change to the review voids it.',
		});
		expect(currentReview(undone)).toBe(currentReview(state));
		expect(undone.version).toBe(state.version);
		// A change after the decision is undone as ever; then the decision is in the way again.
		const changed = run(undone, record('a2', {...passed, note: 'again'}, false), {
			type: 'undo',
			actor,
		});
		expect(currentReview(changed)!.answers.a2!.note).toBeUndefined();
		expect(reducer(changed, {type: 'undo', actor}).message?.text).toMatch(/^Nothing undone/);
	});

	it('undoing a discuss-later mark is logged as the mark is (it voids no decision)', () => {
		let state = run(opened(all), record('a1', {...passed, later}, false), {type: 'undo', actor});
		expect(currentReview(state)!.audit.at(-1)).toMatchObject({
			item: 'a1',
			detail: 'discuss-later mark cleared (undo)',
		});
		state = run(opened(all), record('a1', {...passed, note: 'n', later}, false), {
			type: 'undo',
			actor,
		});
		expect(currentReview(state)!.audit.at(-1)!.detail).toMatch(/^undo/);
	});
});
