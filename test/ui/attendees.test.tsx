import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {withSession} from '../../source/model/session.js';
import {Header, signingLine} from '../../source/ui/components/header.js';
import {AppProviders, type Services} from '../../source/ui/state/context.js';
import {initialState} from '../../source/ui/state/reducer.js';
import {
	actor,
	blankReview,
	cleanupApps,
	dbWith,
	defaultChecklist,
	fakeServices,
	keys,
	NOW,
	plain,
	renderApp,
	resize,
	waitUntil,
} from './helpers.js';

afterEach(() => cleanupApps());

function header(title: string, width: number, services: Partial<Services>, tail?: string) {
	const loaded = defaultChecklist();
	const state = initialState(loaded, dbWith());
	const all = fakeServices(services);
	const {lastFrame} = render(
		<AppProviders state={state} actions={{dispatch: () => undefined, services: all}}>
			<Header title={title} width={width} {...(tail ? {tail} : {})} />
		</AppProviders>,
	);
	return plain(lastFrame());
}

describe('the header says who is signing', () => {
	it('shows name and email, fitted at 100, 80 and 40 columns, on one row', () => {
		const who = {reviewer: () => 'Ann Smith', reviewerEmail: () => 'ann@x.io'};
		const wide = header('payments', 100, who);
		expect(wide).toContain('signing as Ann Smith <ann@x.io>');
		expect(wide).toContain('✔ saved');
		const eighty = header(
			'payments-platform · 0/26 answered',
			80,
			who,
			'AI Infrastructure Checklist',
		);
		expect(eighty.split('\n')).toHaveLength(1);
		// The title whole, the identity in what it leaves, the checklist's title cut first.
		expect(eighty).toContain('preflight · payments-platform · 0/26 answered');
		// (the email goes before the name does)
		expect(eighty).toContain('signing as Ann Smith  ✔ saved');
		expect(eighty).not.toContain('AI Infrastructure Checklist');
		// A title that carries warnings keeps them: the identity gives way (here, whole).
		const warned = header('payments-platform · 0/26 answered · ⚠ 2 orphaned answers (O)', 80, who);
		expect(warned).toContain('⚠ 2 orphaned answers (O)');
		expect(warned).not.toContain('Ann');
		expect(eighty).toContain('✔ saved');
		const forty = header('payments', 40, who);
		expect(forty.split('\n')).toHaveLength(1);
		expect(forty).toContain('preflight · payments');
		expect(forty).toContain('as Ann');
		expect(forty).toContain('✔ saved');
		for (const frame of [wide, eighty, forty])
			for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
	});

	it('fits the line to the room it is given, cutting the name last', () => {
		const who = {name: 'Ann Smith', email: 'ann@x.io'};
		expect(signingLine(who, 60)).toBe('signing as Ann Smith <ann@x.io>');
		expect(signingLine(who, 25)).toBe('signing as Ann Smith');
		expect(signingLine(who, 12)).toBe('as Ann Smith');
		expect(signingLine(who, 7)).toBe('as Ann…');
		expect(signingLine(who, 5)).toBe('');
	});

	it('drops escape sequences and control characters from the name and email', () => {
		const frame = header('payments', 100, {
			reviewer: () => 'Eve\u001b]0;pwned\u0007\u001b[31m Red',
			reviewerEmail: () => 'eve@x.io\u0007',
		});
		expect(frame).not.toContain('\u001b');
		expect(frame).not.toContain('\u0007');
		expect(frame).toContain('signing as Eve Red <eve@x.io>');
	});

	it('says what a sign-off does when nobody named a reviewer', () => {
		const frame = header('payments', 100, {
			reviewer: () => 'ann',
			reviewerSource: () => 'os',
		});
		expect(frame).toContain('no reviewer set: signing as ann (OS user; --reviewer NAME)');
		expect(signingLine({name: '', source: 'os'}, 36)).toBe('no reviewer set: signing as unknown');
	});
});

describe('attendees in the app', () => {
	it('--attendees records the session on open, and decisions carry them', async () => {
		const loaded = defaultChecklist();
		const review = blankReview(loaded);
		const app = await renderApp({
			initial: initialState(loaded, dbWith(review), ['Ann', 'Bo Li']),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Session recorded: attended by Ann, Bo Li.',
		});
		await waitUntil(
			() =>
				app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.audit.at(-1)?.detail ===
				'session: attended by Ann, Bo Li',
			'the session saved',
		);
		await app.press('s');
		await app.waitForText('this session: attended by Ann, Bo Li');
		await app.press('D');
		await app.waitForText('Decision (go or no-go):');
		await app.press('no-go');
		await app.press(keys.enter);
		await app.waitForText('Note for the no-go');
		await app.press(keys.enter);
		await app.waitForText('decision: no-go by Ada');
		await waitUntil(
			() => app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.decisions?.length === 1,
			'the decision saved',
		);
		expect(app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.decisions?.[0]?.attendees).toEqual([
			'Ann',
			'Bo Li',
		]);
		expect(app.frame()).toContain('attended by Ann, Bo Li');
	});

	it('asks "Who is here?" offering the last session\'s; enter records them', async () => {
		const loaded = defaultChecklist();
		const review = withSession(blankReview(loaded), ['Ann', 'Bo Li'], {by: 'Ann', at: NOW});
		const app = await renderApp({
			db: dbWith(review),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Who is here?',
		});
		expect(app.frame()).toContain('Ann, Bo Li');
		expect(app.frame()).toContain('last time: Ann, Bo Li');
		// Keys go to the prompt: p types, it does not pass the item.
		await app.press(', Cy');
		await app.waitForText('Ann, Bo Li, Cy');
		await app.press(keys.enter);
		await app.waitForText('Session recorded: attended by Ann, Bo Li, Cy.');
		await waitUntil(
			() =>
				app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.audit.at(-1)?.detail ===
				'session: attended by Ann, Bo Li, Cy',
			'the session saved',
		);
		expect(app.persist.mock.calls.at(-1)?.[0]?.reviews[0]?.answers).toEqual(review.answers);
	});

	it('refuses a bad list in the prompt, keeps the text; esc skips and records nothing', async () => {
		const loaded = defaultChecklist();
		const review = withSession(blankReview(loaded), ['Ann'], {by: 'Ann', at: NOW});
		const app = await renderApp({
			db: dbWith(review),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Who is here?',
		});
		await app.press(', ann');
		await app.press(keys.enter);
		await app.waitForText('the list names someone twice');
		await app.press(keys.escape);
		await app.waitForText('No attendees recorded for this session.');
		expect(app.frame()).not.toContain('Who is here?');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('asks when attendees were only ever named on a decision (decide --attendees), offering the latest', async () => {
		const loaded = defaultChecklist();
		const decision = (at: string, attendees: string[]) => ({
			decision: 'no-go' as const,
			by: 'Dana',
			at,
			verdict: 'not-ready' as const,
			digest: `sha256:${'0'.repeat(64)}`,
			attendees,
		});
		const review = {
			...withSession(blankReview(loaded), ['Ann'], {
				by: 'Ann',
				at: new Date('2026-11-01T10:00:00Z'),
			}),
			decisions: [
				decision('2026-11-02T10:00:00.000Z', ['Ann', 'Dana']),
				decision('2026-11-03T10:00:00.000Z', ['Bo Li', 'Dana']),
			],
		};
		const app = await renderApp({
			db: dbWith(review),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Who is here?',
		});
		expect(app.frame()).toContain('last time: Bo Li, Dana');
	});

	it('never asks about a review that never had attendees', async () => {
		const loaded = defaultChecklist();
		const review = blankReview(loaded);
		const app = await renderApp({
			db: dbWith(review),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Define clear system boundaries',
		});
		expect(app.frame()).not.toContain('Who is here?');
		expect(app.persist).not.toHaveBeenCalled();
	});

	it('shows the prompt whole at 80 columns', async () => {
		const loaded = defaultChecklist();
		const review = withSession(blankReview(loaded), ['Ann', 'Bo Li'], {by: 'Ann', at: NOW});
		const app = await renderApp({
			db: dbWith(review),
			startup: [{type: 'open-review', reviewId: review.id, actor}],
			ready: 'Who is here?',
		});
		resize(app.stdout, 80, 24);
		await app.waitFor((f) => f.split('\n').every((l) => l.length <= 80), 'an 80-column frame');
		expect(app.frame()).toContain('Who is here?');
	});
});
