import {describe, expect, it} from 'vitest';
import {actionFor, bindings, bindingsFor, type ActionId, type Chord} from '../../source/ui/keys.js';
import {key} from './helpers.js';

const screens = ['home', 'review', 'summary', 'renames', 'orphans'] as const;

function chordName(c: Chord): string {
	return [c.ctrl ? 'ctrl+' : '', c.shift ? 'shift+' : '', c.name ?? c.input].join('');
}

describe('the key table', () => {
	it.each(screens)('gives every chord one meaning on the %s screen', (scope) => {
		const seen = new Map<string, ActionId>();
		for (const b of bindingsFor(scope))
			for (const c of b.chords) {
				const name = chordName(c);
				expect(seen.get(name), `${name} means ${seen.get(name)} and ${b.action}`).toBeUndefined();
				seen.set(name, b.action);
			}
	});

	it('has one row per action, each with keys, a label and at least one chord', () => {
		const actions = bindings.map((b) => b.action);
		expect(new Set(actions).size).toBe(actions.length);
		for (const b of bindings) {
			expect(b.chords.length, b.action).toBeGreaterThan(0);
			expect(b.keys, b.action).not.toBe('');
			expect(b.label, b.action).not.toBe('');
		}
	});

	it('every chord of a binding resolves to that binding on each of its screens', () => {
		for (const b of bindings)
			for (const scope of b.scopes.includes('global') ? screens : b.scopes) {
				if (scope === 'global') continue;
				for (const c of b.chords) {
					const k = key({
						...(c.name ? {[c.name]: true} : {}),
						shift: Boolean(c.shift),
						ctrl: Boolean(c.ctrl),
					});
					expect(actionFor(scope, c.input ?? '', k), `${chordName(c)} on ${scope}`).toBe(b.action);
				}
			}
	});
});

describe("actionFor on the review screen (the README's key table)", () => {
	const cases: Array<[string, string, Parameters<typeof key>[0], ActionId]> = [
		['↑', '', {upArrow: true}, 'prev-item'],
		['k', 'k', {}, 'prev-item'],
		['↓', '', {downArrow: true}, 'next-item'],
		['j', 'j', {}, 'next-item'],
		['←', '', {leftArrow: true}, 'prev-section'],
		['h', 'h', {}, 'prev-section'],
		['shift+tab', '', {tab: true, shift: true}, 'prev-section'],
		['→', '', {rightArrow: true}, 'next-section'],
		['l', 'l', {}, 'next-section'],
		['tab', '', {tab: true}, 'next-section'],
		['pgup', '', {pageUp: true}, 'detail-page-up'],
		['[', '[', {}, 'detail-page-up'],
		['pgdn', '', {pageDown: true}, 'detail-page-down'],
		[']', ']', {}, 'detail-page-down'],
		['shift+↑', '', {upArrow: true, shift: true}, 'detail-line-up'],
		['shift+↓', '', {downArrow: true, shift: true}, 'detail-line-down'],
		['p', 'p', {}, 'pass'],
		['f', 'f', {}, 'fail'],
		['n', 'n', {}, 'na'],
		['w', 'w', {}, 'waive'],
		['r', 'r', {}, 'reset'],
		['1', '1', {}, 'keep-answer'],
		['9', '9', {}, 'keep-answer'],
		['e', 'e', {}, 'add-evidence'],
		['d', 'd', {}, 'remove-evidence'],
		['c', 'c', {}, 'edit-note'],
		['u', 'u', {}, 'undo'],
		['/', '/', {}, 'filter'],
		['s', 's', {}, 'summary'],
		['?', '?', {shift: true}, 'help'],
		['esc', '', {escape: true}, 'back'],
		['q', 'q', {}, 'quit'],
		['ctrl+c', 'c', {ctrl: true}, 'quit'],
		['O', 'O', {shift: true}, 'orphans'],
		['m', 'm', {}, 'discuss-later'],
		['o', 'o', {}, 'open-link'],
	];
	it.each(cases)('%s', (_name, input, flags, action) => {
		expect(actionFor('review', input, key(flags))).toBe(action);
	});

	// Ink 6.8 reports esc as {escape: true, meta: true} (use-input.js:
	// `meta: keypress.meta || keypress.name === 'escape'`), and so does our decoder.
	it('esc as Ink reports it (escape + meta) means back', () => {
		expect(actionFor('review', '', key({escape: true, meta: true}))).toBe('back');
	});

	it('the details scroll keys work on the review screen only', () => {
		for (const scope of ['home', 'summary'] as const) {
			expect(actionFor(scope, ']', key())).toBeUndefined();
			expect(actionFor(scope, '', key({downArrow: true, shift: true}))).toBeUndefined();
		}
		// ctrl+↓ is not shift+↓
		expect(actionFor('review', '', key({downArrow: true, ctrl: true}))).toBeUndefined();
	});

	it('ignores unbound keys and modified letters', () => {
		expect(actionFor('review', 'z', key())).toBeUndefined();
		expect(actionFor('review', 'p', key({meta: true}))).toBeUndefined();
		expect(actionFor('review', 'p', key({ctrl: true}))).toBeUndefined();
		expect(actionFor('review', '', key({return: true}))).toBeUndefined();
	});
});

describe('actionFor on other screens', () => {
	it('w writes the snapshot on the summary and enter jumps to a blocker', () => {
		expect(actionFor('summary', 'w', key())).toBe('write-snapshot');
		expect(actionFor('summary', '', key({return: true}))).toBe('jump');
		expect(actionFor('summary', 'p', key())).toBeUndefined();
	});

	it('n starts a review and enter opens one on the home screen', () => {
		expect(actionFor('home', 'n', key())).toBe('new-review');
		expect(actionFor('home', '', key({return: true}))).toBe('open');
		expect(actionFor('home', 'w', key())).toBeUndefined();
	});

	it('on the renames screen: y, n, a and x decide; on the orphans screen enter attaches', () => {
		expect(actionFor('renames', 'y', key())).toBe('accept-rename');
		expect(actionFor('renames', 'n', key())).toBe('keep-orphan');
		expect(actionFor('renames', 'a', key())).toBe('accept-all-renames');
		expect(actionFor('renames', 'x', key())).toBe('keep-all-orphans');
		expect(actionFor('renames', 'p', key())).toBeUndefined();
		expect(actionFor('orphans', '', key({return: true}))).toBe('attach');
		expect(actionFor('orphans', 'y', key())).toBeUndefined();
		expect(actionFor('review', 'y', key())).toBeUndefined();
	});

	it('help, back and quit work everywhere', () => {
		for (const scope of screens) {
			expect(actionFor(scope, '?', key())).toBe('help');
			expect(actionFor(scope, '', key({escape: true}))).toBe('back');
			expect(actionFor(scope, 'q', key())).toBe('quit');
		}
	});

	it('bindingsFor lists global bindings on every screen and only that screen’s own', () => {
		const review = bindingsFor('review').map((b) => b.action);
		expect(review).toContain('help');
		expect(review).not.toContain('write-snapshot');
		expect(bindingsFor('summary').map((b) => b.action)).not.toContain('pass');
	});
});
