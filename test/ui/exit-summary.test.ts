import {describe, expect, it} from 'vitest';
import {exitSummary} from '../../source/ui/exit-summary.js';
import {initialState, reducer} from '../../source/ui/state/reducer.js';
import type {State} from '../../source/ui/state/types.js';
import {NOW, actor, blankReview, dbWith, smallChecklist} from './helpers.js';

const loaded = smallChecklist();
const options = {dbPath: '/work/repo/.preflight/db.json', cwd: '/work/repo', now: NOW};

function opened(review = blankReview(loaded)): State {
	return reducer(initialState(loaded, dbWith(review)), {
		type: 'open-review',
		reviewId: review.id,
		actor,
	});
}

describe('exitSummary', () => {
	it('names the open review, its progress, verdict and blockers, and where it is saved', () => {
		expect(exitSummary(opened(), options)).toBe(
			'preflight: checkout-api · 0/6 answered · ✖ NOT READY · 6 blockers · saved to .preflight/db.json',
		);
	});

	it('a ready review, with its release; a database outside the current folder by its whole path', () => {
		const review = {...blankReview(loaded), release: '2.4.0'};
		for (const id of ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'])
			review.answers[id] = {status: 'na', justification: 'not here', evidence: []};
		const state = {...opened(review), screen: 'summary' as const};
		expect(exitSummary(state, {...options, cwd: '/elsewhere'})).toBe(
			'preflight: checkout-api 2.4.0 · 6/6 answered · ✔ READY · saved to /work/repo/.preflight/db.json',
		);
	});

	it('says when the last change is not on disk, and why', () => {
		expect(exitSummary({...opened(), saveError: 'disk full'}, options)).toContain(
			'✖ last change NOT saved to .preflight/db.json: disk full',
		);
		expect(exitSummary(opened(), {...options, unsaved: 'EACCES'})).toMatch(/NOT saved .*EACCES$/);
	});

	it('on home: how many reviews; none, and nothing written: no file to name', () => {
		const two = dbWith(blankReview(loaded, 'r1', 'a'), blankReview(loaded, 'r2', 'b'));
		expect(exitSummary(initialState(loaded, two), options)).toBe(
			'preflight: 2 reviews · saved to .preflight/db.json',
		);
		expect(exitSummary(initialState(loaded, dbWith()), options)).toBe('preflight: no reviews');
	});

	it('prints a hostile system name as plain text', () => {
		const review = blankReview(loaded, 'r-x', 'evil\u001b]0;pwned\u0007\u001b[31mred');
		const line = exitSummary(opened(review), options);
		expect(line).not.toContain('\u001b');
		expect(line).toMatch(/^preflight: evilred · /);
	});
});
