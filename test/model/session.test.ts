import {describe, expect, it} from 'vitest';
import {parseInvocation} from '../../source/cli/parse.js';
import {reviewHistory} from '../../source/model/history.js';
import {newReview} from '../../source/model/review.js';
import {SCHEMA_VERSION} from '../../source/model/schemas.js';
import {
	attendeeNames,
	attendeesProblem,
	lastAttendees,
	sessionsOf,
	withSession,
} from '../../source/model/session.js';
import {buildSnapshot} from '../../source/report/snapshot.js';
import {evaluate} from '../../source/model/evaluate.js';
import {decisionStanding, standingLine, withDecision} from '../../source/report/decision.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';
import {at, checklist, digest, loaded, readyReview, start} from './ready-review.js';

const refusal = (argv: string[]): string => {
	try {
		parseInvocation(argv);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('--attendees', () => {
	it('takes trimmed, comma-separated plain names on the app and on decide', () => {
		const app = parseInvocation(['--attendees', ' Ann ,  Bo Li ']);
		expect(app.flags.attendees).toBe('Ann ,  Bo Li');
		expect(attendeeNames(app.flags.attendees!)).toEqual(['Ann', 'Bo Li']);
		const decide = parseInvocation(['decide', 'go', '--attendees', 'Dana']);
		expect(decide.flags.attendees).toBe('Dana');
	});

	it('refuses empty names, duplicates and hostile names with one line', () => {
		expect(refusal(['--attendees', ''])).toContain('--attendees needs at least one name');
		expect(refusal(['--attendees', 'Ann,,Bo'])).toContain('--attendees has an empty name');
		expect(refusal(['--attendees', 'Ann, bo, Bo'])).toBe(
			'--attendees names someone twice: give each name once',
		);
		expect(refusal(['--attendees', 'Ann, \u001b[31mEve'])).toContain(
			'--attendees must not contain control characters',
		);
		expect(refusal(['--attendees', 'Ann\u202e'])).toContain('invisible or direction marks');
		expect(refusal(['status', '--attendees', 'Ann'])).toContain(
			'--attendees does not apply to preflight status',
		);
		for (const bad of ['', 'Ann,,Bo', 'Ann, ann', 'A\u0007'])
			expect(refusal(['--attendees', bad]).split('\n')).toHaveLength(1);
	});

	it('attendeesProblem names where the list came from', () => {
		expect(attendeesProblem('Ann, Bo', 'the list')).toBeUndefined();
		expect(attendeesProblem('Ann, Ann', 'the list')).toBe(
			'the list names someone twice: give each name once',
		);
		// One name in two Unicode forms is one person.
		expect(attendeesProblem('Zoë, Zoe\u0308', 'x')).toContain('twice');
		// A name is no longer than a checklist title.
		expect(attendeesProblem(`Ann, ${'B'.repeat(200)}`, 'x')).toBeUndefined();
		expect(attendeesProblem(`Ann, ${'B'.repeat(201)}`, 'x')).toBe(
			'x has a name 201 characters long: at most 200 are allowed',
		);
		expect(attendeesProblem(`Ann, ${'B'.repeat(5000)}`, 'x')).toBe(
			'x is 5005 characters long: at most 2000 are allowed',
		);
	});
});

describe('sessions', () => {
	it('records a session as a review-level audit entry, and finds the last', () => {
		const review = {...newReview(checklist, digest, 'api', undefined, start), id: 'r-api'};
		expect(lastAttendees(review)).toBeUndefined();
		const one = withSession(review, ['Ann', 'Bo Li'], {by: 'Ann', at: at(1)});
		expect(one.audit.at(-1)).toEqual({
			at: at(1).toISOString(),
			by: 'Ann',
			item: '*',
			from: 'pending',
			to: 'pending',
			detail: 'session: attended by Ann, Bo Li',
		});
		const two = withSession(one, ['Cy'], {by: 'Cy', at: at(2)});
		expect(lastAttendees(two)).toEqual(['Cy']);
		expect(sessionsOf(two).map((s) => s.attendees)).toEqual([['Ann', 'Bo Li'], ['Cy']]);
		// Written to and read back from the file (the review's log).
		const file = serializeDatabase({schemaVersion: SCHEMA_VERSION, reviews: [two]});
		const stored = JSON.parse(file) as {
			reviews: Array<{log: Array<{detail: string; item: string}>}>;
		};
		expect(stored.reviews[0]!.log.map((e) => [e.item, e.detail])).toEqual([
			['*', 'session: attended by Ann, Bo Li'],
			['*', 'session: attended by Cy'],
		]);
		const back = parseDatabase(file, 'db.json');
		expect(lastAttendees(back.data.reviews[0]!)).toEqual(['Cy']);
		// history: the day carries its sessions
		const days = reviewHistory(checklist, two);
		expect(days.at(-1)!.sessions.map((s) => s.attendees)).toEqual([['Ann', 'Bo Li'], ['Cy']]);
	});

	it('a decision carries its attendees, outside the digest: a session never voids it', () => {
		const review = readyReview();
		const plain = withDecision(review, loaded, 'go', {by: 'Dana', at: at(5)}, 'ship');
		const withThem = withDecision(review, loaded, 'go', {by: 'Dana', at: at(5)}, 'ship', [
			'Ann',
			'Dana',
		]);
		if ('error' in plain || 'error' in withThem) throw new Error('refused');
		expect(withThem.decision.attendees).toEqual(['Ann', 'Dana']);
		expect(plain.decision.attendees).toBeUndefined();
		expect(withThem.decision.digest).toBe(plain.decision.digest);
		expect(withThem.review.audit.at(-1)!.detail).toMatch(/ · attended by Ann, Dana$/);
		// A session recorded after the decision leaves it standing.
		const later = withSession(withThem.review, ['Ann'], {by: 'Ann', at: at(9)});
		const standing = decisionStanding(later, loaded);
		expect(standing.state).toBe('go');
		expect(standingLine(standing)).toMatch(/— ship · attended by Ann, Dana$/);
		// Snapshots carry them, inside their digest; the Markdown names them.
		const snapshot = buildSnapshot(evaluate(checklist, later, at(10)), later, loaded, at(10));
		expect(snapshot.decisions?.[0]?.attendees).toEqual(['Ann', 'Dana']);
		const other = buildSnapshot(
			evaluate(checklist, plain.review, at(10)),
			plain.review,
			loaded,
			at(10),
		);
		expect(snapshot.digest).not.toBe(other.digest);
		expect(renderMarkdown(snapshot)).toContain('attended by Ann, Dana');
	});
});
