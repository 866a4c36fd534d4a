import {describe, expect, it} from 'vitest';
import type {Answer, Review} from '../../source/model/schemas.js';
import {
	homeIntent,
	nothingHere,
	orphansIntent,
	renamesIntent,
	reviewIntent,
	summaryIntent,
	type DetailView,
	type IntentEnv,
} from '../../source/ui/intents/intents.js';
import {
	promptAnswer,
	prompts,
	stepOf,
	type PromptContext,
} from '../../source/ui/intents/prompts.js';
import {initialState, reducer} from '../../source/ui/state/reducer.js';
import type {Prompt, State} from '../../source/ui/state/types.js';
import {actor, blankReview, dbWith, NOW, smallChecklist} from './helpers.js';

// The rules of the keys, as pure functions: no Ink, no React.
const loaded = smallChecklist();
const env: IntentEnv = {now: NOW, actor: () => actor};
const url = (ref: string) => ({kind: 'url' as const, ref});

function opened(answers: Record<string, Answer> = {}, filter = ''): State {
	const review: Review = {...blankReview(loaded), answers};
	const state = reducer(initialState(loaded, dbWith(review)), {
		type: 'open-review',
		reviewId: 'r-test',
		actor,
	});
	return filter ? reducer(state, {type: 'set-filter', text: filter}) : state;
}

describe('review keys → intents', () => {
	it('p asks for evidence first when the item needs it and has none', () => {
		expect(reviewIntent(opened(), 'pass', env)).toEqual({
			type: 'open-prompt',
			prompt: {kind: 'evidence', itemId: 'a1', thenPass: true},
		});
	});

	it('p with evidence, and f, record at once and move on', () => {
		const withLink = opened({a1: {status: 'pending', evidence: [url('https://ci.example/1')]}});
		expect(reviewIntent(withLink, 'pass', env)).toMatchObject({
			type: 'record',
			itemId: 'a1',
			answer: {status: 'pass'},
			advance: true,
			confirm: true,
		});
		expect(reviewIntent(opened(), 'fail', env)).toMatchObject({
			type: 'record',
			answer: {status: 'fail'},
			advance: true,
		});
	});

	it('n and w open their prompts; e opens the evidence prompt without passing', () => {
		expect(reviewIntent(opened(), 'na', env)).toEqual({
			type: 'open-prompt',
			prompt: {kind: 'justification', itemId: 'a1'},
		});
		expect(reviewIntent(opened(), 'waive', env)).toEqual({
			type: 'open-prompt',
			prompt: {kind: 'waiver', itemId: 'a1', step: 'reason'},
		});
		expect(reviewIntent(opened(), 'add-evidence', env)).toEqual({
			type: 'open-prompt',
			prompt: {kind: 'evidence', itemId: 'a1', thenPass: false},
		});
	});

	it('r on a pending item says so; on an answered one resets without moving', () => {
		expect(reviewIntent(opened(), 'reset', env)).toMatchObject({
			type: 'message',
			message: {text: 'Already pending.'},
		});
		const failed = {...opened({a1: {status: 'fail', evidence: []}}), itemId: 'a1'};
		expect(reviewIntent(failed, 'reset', env)).toMatchObject({
			type: 'record',
			itemId: 'a1',
			answer: {status: 'pending'},
			advance: false,
		});
	});

	it('d: nothing to remove, the only link at once, or asks which one', () => {
		expect(reviewIntent(opened(), 'remove-evidence', env)).toMatchObject({
			message: {text: 'This item has no evidence to remove.'},
		});
		const one = opened({a1: {status: 'pending', evidence: [url('https://a.example')]}});
		expect(reviewIntent(one, 'remove-evidence', env)).toMatchObject({
			type: 'record',
			answer: {evidence: []},
		});
		const two = opened({
			a1: {status: 'pending', evidence: [url('https://a.example'), url('https://b.example')]},
		});
		expect(reviewIntent(two, 'remove-evidence', env)).toEqual({
			type: 'open-prompt',
			prompt: {kind: 'remove-evidence', itemId: 'a1'},
		});
	});

	it('answer keys act on no item the filter hides, and say so', () => {
		const hidden = opened({}, 'zebra');
		for (const action of ['pass', 'fail', 'na', 'waive', 'reset', 'add-evidence'] as const)
			expect(reviewIntent(hidden, action, env), action).toMatchObject({
				type: 'message',
				message: {text: expect.stringMatching(/nothing matches the filter/)},
			});
	});

	it('/ remembers the filter it opens over; esc is back-from-review; c is the reducer’s', () => {
		expect(reviewIntent(opened({}, 'one'), 'filter', env)).toEqual({
			type: 'open-prompt',
			prompt: {kind: 'filter', previous: 'one', from: {sectionIndex: 0, itemId: 'a1'}},
		});
		expect(reviewIntent(opened(), 'back', env)).toEqual({type: 'back-from-review'});
		expect(reviewIntent(opened(), 'edit-note', env)).toEqual({type: 'edit-note'});
	});
});

describe('home and summary keys → intents', () => {
	it('home: moves, opens the focused review, starts a new one, and esc says it has nowhere to go', () => {
		const state = initialState(loaded, dbWith(blankReview(loaded)));
		expect(homeIntent(state, 'next-item', env)).toEqual({type: 'home-move', delta: 1, count: 1});
		expect(homeIntent(state, 'open', env)).toMatchObject({type: 'open-review', reviewId: 'r-test'});
		expect(homeIntent(state, 'new-review', env)).toEqual({type: 'go', screen: 'new-review'});
		expect(homeIntent(state, 'back', env)).toMatchObject({
			message: {text: 'Nothing to go back to (q quits).'},
		});
		expect(homeIntent(initialState(loaded, dbWith()), 'open', env)).toBeUndefined();
	});

	it('summary: moves over the blockers, enter jumps to one, w writes, esc returns', () => {
		const state = {...opened(), summaryIndex: 1};
		const blockers = ['a1', 'b2'];
		expect(summaryIntent(state, 'prev-item', blockers)).toEqual({
			type: 'summary-move',
			delta: -1,
			count: 2,
		});
		expect(summaryIntent(state, 'jump', blockers)).toEqual({type: 'focus-item', itemId: 'b2'});
		expect(summaryIntent(state, 'write-snapshot', blockers)).toEqual({type: 'write-snapshot'});
		expect(summaryIntent(state, 'back', blockers)).toEqual({type: 'go', screen: 'review'});
	});

	it('a key without a meaning says so', () => {
		expect(nothingHere('space')).toEqual({
			type: 'message',
			message: {kind: 'info', text: 'space does nothing here (? lists the keys).'},
		});
	});
});

describe('the prompt table', () => {
	const item = loaded.checklist.sections[0]!.items[0]!;
	function context(
		prompt: Prompt,
		answer: Answer = {status: 'pending', evidence: []},
	): PromptContext {
		return {
			prompt,
			item,
			answer,
			filter: '',
			now: NOW,
			actor,
			reviewer: 'Ada',
			parseEvidence: (text) =>
				text.startsWith('https://')
					? {ok: true, evidence: url(text)}
					: {ok: false, error: 'type a URL (http/https) or a file path'},
		};
	}
	const submit = (prompt: Prompt, text: string, answer?: Answer) =>
		prompts[stepOf(prompt)].submit(text, context(prompt, answer));

	it('evidence: refuses what is not evidence and what is attached already; passes when asked to', () => {
		const toPass: Prompt = {kind: 'evidence', itemId: 'a1', thenPass: true};
		expect(submit(toPass, 'ftp://x')).toEqual({error: 'type a URL (http/https) or a file path'});
		expect(submit(toPass, 'https://a.example')).toMatchObject({
			action: {type: 'record', answer: {status: 'pass'}, advance: true},
		});
		const attached: Answer = {status: 'pending', evidence: [url('https://a.example')]};
		expect(
			submit({kind: 'evidence', itemId: 'a1', thenPass: false}, 'https://a.example', attached),
		).toEqual({error: 'that evidence is already attached'});
	});

	it('n/a needs a justification; the note closes when unchanged', () => {
		expect(submit({kind: 'justification', itemId: 'a1'}, '  ')).toEqual({
			error: 'a justification is required',
		});
		expect(
			submit({kind: 'note', itemId: 'a1'}, ' same ', {status: 'fail', evidence: [], note: 'same'}),
		).toEqual({
			action: {type: 'close-prompt'},
		});
	});

	it('remove-evidence takes a number in range', () => {
		const two: Answer = {
			status: 'pending',
			evidence: [url('https://a.example'), url('https://b.example')],
		};
		const prompt: Prompt = {kind: 'remove-evidence', itemId: 'a1'};
		expect(submit(prompt, '3', two)).toEqual({error: 'type a number from 1 to 2'});
		expect(submit(prompt, '2', two)).toMatchObject({
			action: {type: 'record', answer: {evidence: [url('https://a.example')]}},
		});
	});

	it('the waiver form: reason, owner (the reviewer by default), expiry (30 days by default); esc steps back', () => {
		const reason: Prompt = {kind: 'waiver', itemId: 'a1', step: 'reason'};
		expect(submit(reason, '')).toEqual({error: 'a waiver needs a reason'});
		expect(submit(reason, 'vendor fix')).toEqual({
			action: {type: 'open-prompt', prompt: {...reason, step: 'owner', reason: 'vendor fix'}},
		});
		const owner: Prompt = {...reason, step: 'owner', reason: 'vendor fix'};
		expect(submit(owner, '')).toEqual({
			action: {type: 'open-prompt', prompt: {...owner, step: 'expires', owner: 'Ada'}},
		});
		expect(prompts['waiver-owner'].cancel(context(owner))).toEqual({
			type: 'open-prompt',
			prompt: {...owner, step: 'reason'},
		});
		const expires: Prompt = {...owner, step: 'expires', owner: 'Ada'};
		expect(submit(expires, '')).toMatchObject({
			action: {
				type: 'record',
				answer: {
					status: 'waived',
					waiver: {reason: 'vendor fix', owner: 'Ada', expires: '2026-12-28'},
				},
			},
		});
		expect(submit(expires, '2020-01-01')).toEqual({
			error: 'waiver expiry 2020-01-01 has already passed',
		});
	});

	it('the filter is live while typed, and esc puts back the filter it opened over', () => {
		const prompt: Prompt = {kind: 'filter', previous: 'one', from: {sectionIndex: 1, itemId: 'b2'}};
		const spec = prompts[stepOf(prompt)];
		expect(spec.live?.('tw', context(prompt))).toEqual({
			type: 'set-filter',
			text: 'tw',
			keepPrompt: true,
		});
		expect(spec.cancel(context(prompt))).toEqual({
			type: 'set-filter',
			text: 'one',
			focus: {sectionIndex: 1, itemId: 'b2'},
		});
	});

	it('promptAnswer is pending for an item not answered yet', () => {
		expect(promptAnswer(undefined, item)).toEqual({status: 'pending', evidence: []});
	});
});

describe('the details scroll keys → intents', () => {
	const view = (offset: number, total = 30, rows = 8): DetailView => ({offset, total, rows});

	it('a page keeps one line of the one before; a line is one line', () => {
		expect(reviewIntent(opened(), 'detail-page-down', env, view(0))).toEqual({
			type: 'scroll-detail',
			itemId: 'a1',
			offset: 7,
		});
		expect(reviewIntent(opened(), 'detail-line-down', env, view(7))).toEqual({
			type: 'scroll-detail',
			itemId: 'a1',
			offset: 8,
		});
		expect(reviewIntent(opened(), 'detail-page-up', env, view(10))).toMatchObject({offset: 3});
		expect(reviewIntent(opened(), 'detail-line-up', env, view(3))).toMatchObject({offset: 2});
	});

	it('stops at the top and at the end, and says so', () => {
		// 30 lines, 8 shown: the end is line 22
		expect(reviewIntent(opened(), 'detail-page-down', env, view(20))).toMatchObject({offset: 22});
		expect(reviewIntent(opened(), 'detail-page-down', env, view(22))).toEqual({
			type: 'message',
			message: {kind: 'info', text: 'Already at the end of the details.'},
		});
		expect(reviewIntent(opened(), 'detail-page-up', env, view(2))).toMatchObject({offset: 0});
		expect(reviewIntent(opened(), 'detail-line-up', env, view(0))).toEqual({
			type: 'message',
			message: {kind: 'info', text: 'Already at the top of the details.'},
		});
	});

	it('details that fit, or no item in view, have nothing to scroll', () => {
		const nothing = {
			type: 'message',
			message: {kind: 'info', text: 'The details fit: there is nothing to scroll.'},
		};
		expect(reviewIntent(opened(), 'detail-page-down', env, view(0, 8, 8))).toEqual(nothing);
		expect(reviewIntent(opened(), 'detail-page-down', env)).toEqual(nothing);
		// the filter hides the focused item
		const hidden = {...opened({}, 'beta'), itemId: 'a1'};
		expect(reviewIntent(hidden, 'detail-page-down', env, view(0))).toEqual(nothing);
	});
});

describe('renames and orphans keys → intents', () => {
	const proposals = [
		{from: 'old-1', to: 'a1', score: 0.9},
		{from: 'old-2', to: 'b1', score: 0.7},
	];
	const at = (renameIndex: number): State => ({...opened(), renameIndex});

	it('y and n decide the focused proposal, a and x all of them, esc leaves them for later', () => {
		expect(renamesIntent(at(1), 'accept-rename', env, proposals)).toEqual({
			type: 'accept-renames',
			proposals: [proposals[1]],
			actor,
		});
		expect(renamesIntent(at(0), 'keep-orphan', env, proposals)).toEqual({
			type: 'decline-renames',
			proposals: [proposals[0]],
			actor,
		});
		expect(renamesIntent(at(0), 'accept-all-renames', env, proposals)).toMatchObject({
			type: 'accept-renames',
			proposals,
		});
		expect(renamesIntent(at(0), 'keep-all-orphans', env, proposals)).toMatchObject({
			type: 'decline-renames',
			proposals,
		});
		expect(renamesIntent(at(0), 'back', env, proposals)).toEqual({type: 'renames-later'});
		expect(renamesIntent(at(0), 'next-item', env, proposals)).toEqual({
			type: 'rename-move',
			delta: 1,
			count: 2,
		});
		expect(renamesIntent(at(0), 'accept-rename', env, [])).toBeUndefined();
	});

	it('enter attaches the focused orphan to the item focused in the review; esc goes back', () => {
		const state: State = {...opened(), orphanIndex: 1, itemId: 'a2'};
		expect(orphansIntent(state, 'attach', env, ['old-1', 'old-2'])).toEqual({
			type: 'attach-orphan',
			from: 'old-2',
			to: 'a2',
			actor,
		});
		expect(orphansIntent(state, 'back', env, ['old-1'])).toEqual({type: 'go', screen: 'review'});
		expect(orphansIntent(state, 'prev-item', env, ['old-1', 'old-2'])).toEqual({
			type: 'orphan-move',
			delta: -1,
			count: 2,
		});
	});

	it('o on the review screen opens the orphans only when there are some', () => {
		expect(reviewIntent(opened(), 'orphans', env)).toMatchObject({
			type: 'message',
			message: {text: expect.stringMatching(/No orphaned answers/)},
		});
		const state = opened();
		const review = state.db.reviews[0]!;
		const withOrphan: State = {
			...state,
			db: dbWith({
				...review,
				orphans: {
					gone: {
						answer: {status: 'pass', evidence: []},
						removedIn: '2',
						removedAt: NOW.toISOString(),
					},
				},
			}),
		};
		expect(reviewIntent(withOrphan, 'orphans', env)).toEqual({type: 'go', screen: 'orphans'});
	});
});
