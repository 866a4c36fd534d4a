import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {reviewIntent, summaryIntent, type IntentEnv} from '../../source/ui/intents/intents.js';
import {prompts, type PromptContext} from '../../source/ui/intents/prompts.js';
import {initialState, reducer} from '../../source/ui/state/reducer.js';
import type {State} from '../../source/ui/state/types.js';
import {actor, blankReview, dbWith, NOW} from './helpers.js';

// x, v and the checks' state, as pure functions: no Ink, no child process.
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
					{id: 'a', title: 'A', check: {run: 'true'}},
					{id: 'b', title: 'B'},
					{id: 'c', title: 'C', check: {run: 'false', mode: 'pass'}},
				],
			},
		],
	},
	'c.json',
);
const env: IntentEnv = {now: NOW, actor: () => actor};

function opened(): State {
	return reducer(initialState(loaded, dbWith(blankReview(loaded))), {
		type: 'open-review',
		reviewId: 'r-test',
		actor,
	});
}

const sha = 'f'.repeat(64);
const run = {
	run: 'true',
	exit: 0,
	ok: true,
	durationMs: 3,
	at: NOW.toISOString(),
	by: 'Ada',
	log: sha,
	bytes: 0,
};

describe('x and v', () => {
	it('x asks for the focused item’s check; on an item without one it says so', () => {
		const state = opened();
		expect(reviewIntent(state, 'run-check', env)).toEqual({type: 'run-checks', itemIds: ['a']});
		const onB = reducer(state, {type: 'move-item', delta: 1});
		expect(reviewIntent(onB, 'run-check', env)).toMatchObject({
			message: {text: expect.stringMatching(/no check/)},
		});
	});

	it('x on the summary asks for every check', () => {
		expect(summaryIntent(opened(), 'run-check', [])).toEqual({
			type: 'run-checks',
			itemIds: ['a', 'c'],
		});
	});

	it('v opens the last log, or says there is none yet', () => {
		let state = opened();
		expect(reviewIntent(state, 'view-log', env)).toMatchObject({
			message: {text: expect.stringMatching(/No run/)},
		});
		state = reducer(state, {
			type: 'check-finished',
			reviewId: 'r-test',
			itemId: 'a',
			run,
			logRef: 'ev/x.log',
		});
		expect(reviewIntent(state, 'view-log', env)).toEqual({type: 'view-log', ref: 'ev/x.log'});
	});

	it('while checks run, esc and ctrl+c cancel them rather than leave', () => {
		let state = reducer(opened(), {type: 'run-checks', itemIds: ['a']});
		expect(state.checks?.request).toEqual({seq: 1, itemIds: ['a'], trust: false});
		state = reducer(state, {type: 'check-started', itemId: 'a', startedAt: 0});
		expect(reviewIntent(state, 'back', env)).toEqual({type: 'cancel-checks'});
		expect(reviewIntent(state, 'quit', env)).toEqual({type: 'cancel-checks'});
		expect(summaryIntent(state, 'back', [])).toEqual({type: 'cancel-checks'});
		expect(reducer(state, {type: 'cancel-checks'}).checks?.cancelSeq).toBe(1);
		// The same check again is not started twice.
		expect(reducer(state, {type: 'run-checks', itemIds: ['a']}).checks?.request?.seq).toBe(1);
	});

	it('a finished run is recorded at once and leaves the running list', () => {
		let state = reducer(opened(), {type: 'check-started', itemId: 'a', startedAt: 0});
		state = reducer(state, {type: 'check-output', itemId: 'a', lines: ['hello']});
		expect(state.checks?.running).toEqual([{itemId: 'a', startedAt: 0, lines: ['hello']}]);
		const version = state.version;
		state = reducer(state, {
			type: 'check-finished',
			reviewId: 'r-test',
			itemId: 'a',
			run,
			logRef: 'ev/x.log',
		});
		expect(state.checks?.running).toEqual([]);
		expect(state.version).toBe(version + 1);
		expect(state.db.reviews[0]!.answers.a?.checks).toEqual([run]);
		expect(state.message?.text).toMatch(/met its expectation/);
	});

	it('the trust prompt runs the checks only on yes', () => {
		const ctx = {
			prompt: {kind: 'trust-checks', itemId: 'a', itemIds: ['a', 'c']},
		} as unknown as PromptContext;
		const spec = prompts['trust-checks'];
		expect(spec.submit('yes', ctx)).toEqual({
			action: {type: 'run-checks', itemIds: ['a', 'c'], trust: true},
		});
		expect(spec.submit('no', ctx)).toEqual({action: {type: 'close-prompt'}});
		expect(spec.submit('maybe', ctx)).toHaveProperty('error');
		expect(spec.label(ctx).after).toContain('and 1 more');
		const counted = {prompt: {kind: 'trust-checks', itemId: 'a', itemIds: ['a'], commands: 40}};
		expect(spec.label(counted as unknown as PromptContext).before).toContain(
			'Trust all 40 commands of this checklist',
		);
	});
});
