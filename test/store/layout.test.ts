import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {newReview, recordAnswer, withStatus} from '../../source/model/review.js';
import {
	reviewSchema,
	SCHEMA_VERSION,
	type AuditEntry,
	type Review,
} from '../../source/model/schemas.js';
import * as z from '../../source/model/zod.js';
import {emptyDatabase} from '../../source/store/database.js';
import {storedReview, timeOf} from '../../source/store/layout.js';
import {migrate} from '../../source/store/migrations.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';
import {root} from './private-cli.js';

const loaded = loadChecklist(defaultChecklistPath());
const fixture = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'db', name), 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a file's JSON, edited as such
type RawReview = Record<string, any>;

/** The review after a write and a read. */
function roundTrip(review: Review): Review {
	const text = serializeDatabase({schemaVersion: SCHEMA_VERSION, reviews: [review]});
	return parseDatabase(text, 'db.json').data.reviews[0]!;
}

function answered(times: Array<[string, string]>): Review {
	let review = newReview(
		loaded.checklist,
		loaded.digest,
		'payments',
		'1.0',
		new Date('2026-03-01T09:00:00Z'),
	);
	for (const [item, at] of times)
		review = recordAnswer(
			review,
			item,
			withStatus(review.answers[item] ?? {status: 'pending', evidence: []}, 'fail', {note: at}),
			{by: 'ada', at: new Date(at)},
		);
	return review;
}

/** The database text with review 0 changed by `edit` (on its parsed JSON). */
function edited(text: string, edit: (review: RawReview) => void): string {
	const raw = JSON.parse(text) as {reviews: Array<RawReview>};
	edit(raw.reviews[0]!);
	return JSON.stringify(raw, null, 2);
}

describe('the stored layout (schemaVersion 4)', () => {
	it('reads back the review it wrote: answers, stored items, conflicts, orphans, audit in time order', () => {
		let review = answered([
			['security.secrets', '2026-03-01T10:00:00.000Z'],
			['architecture.boundaries', '2026-03-01T11:00:00.000Z'],
			['security.secrets', '2026-03-01T12:00:00.000Z'],
		]);
		const upgrade: AuditEntry = {
			at: '2026-03-01T10:30:00.000Z',
			by: 'preflight',
			item: '*',
			from: 'pending',
			to: 'pending',
			detail: 'upgraded checklist',
		};
		review = {
			...review,
			audit: [review.audit[0]!, upgrade, ...review.audit.slice(1)],
			conflicts: {
				'testing.load-testing': {
					answers: [
						{status: 'fail', evidence: []},
						{status: 'pass', evidence: [{kind: 'url', ref: 'https://e.example/x'}]},
					],
				},
			},
			orphans: {
				gone: {
					answer: {status: 'pass', evidence: []},
					removedIn: '0.9',
					removedAt: '2026-03-01T09:30:00.000Z',
				},
			},
		};
		const back = roundTrip(review);
		expect(back).toEqual(review);
		expect(back.updatedAt).toBe('2026-03-01T12:00:00.000Z');
		expect(back.audit.map((e) => e.item)).toEqual([
			'security.secrets',
			'*',
			'architecture.boundaries',
			'security.secrets',
		]);
		expect(Object.getPrototypeOf(back.answers)).toBeNull();
		expect(Object.getPrototypeOf(back.checklist.items)).toBeNull();
	});

	it("gives every object its keys in the order zod's parse of the in-memory review does", () => {
		for (const name of ['v3.json', 'v4.json'])
			for (const review of parseDatabase(fixture(name), name).data.reviews) {
				const parsed = z.safeParse(reviewSchema, review);
				expect(parsed.success).toBe(true);
				// Code compares answers by their JSON (model/review.ts): key order counts.
				expect(JSON.stringify(review)).toBe(JSON.stringify(parsed.data));
			}
	});

	it('keeps everything about an item in its entry, nothing review-wide but the log', () => {
		const review = answered([['security.secrets', '2026-03-01T10:00:00.000Z']]);
		const stored = JSON.parse(
			serializeDatabase({schemaVersion: SCHEMA_VERSION, reviews: [review]}),
		) as {reviews: Array<RawReview>};
		const file = stored.reviews[0]!;
		expect(Object.keys(file)).toEqual([
			'checklist',
			'createdAt',
			'id',
			'items',
			'release',
			'system',
		]);
		expect(Object.keys(file.checklist)).toEqual(['digest', 'id', 'version']);
		// every item of the checklist is there from the start, none empty
		expect(Object.keys(file.items)).toEqual(Object.keys(review.checklist.items!).sort());
		for (const entry of Object.values(file.items)) expect(entry).toHaveProperty('print');
		expect(file.items['security.secrets']).toMatchObject({
			answer: {status: 'fail', note: '2026-03-01T10:00:00.000Z'},
			audit: [{at: '2026-03-01T10:00:00.000Z', by: 'ada', from: 'pending', to: 'fail'}],
		});
		expect(file.items['security.secrets'].audit[0]).not.toHaveProperty('item');
	});

	it('orders the audit log by time; a log whose clock went back keeps its own order; ties go log first, then items as the file lists them', () => {
		const text = serializeDatabase({
			...emptyDatabase(),
			reviews: [answered([['security.secrets', '2026-03-01T10:00:00.000Z']])],
		});
		const entry = (at: string, detail: string) => ({
			at,
			by: 'ada',
			from: 'pending',
			to: 'fail',
			detail,
		});
		const back = parseDatabase(
			edited(text, (r) => {
				r.items['b.item'] = {
					audit: [entry('2026-03-01T12:00:00.000Z', 'b1'), entry('2026-03-01T11:00:00.000Z', 'b2')],
				};
				r.items['a.item'] = {audit: [entry('2026-03-01T11:30:00.000Z', 'a1')]};
				r.items['security.secrets'].audit.push(entry('2026-03-01T12:00:00.000Z', 's2'));
				r.log = [{...entry('2026-03-01T12:00:00.000Z', 'log'), item: '*'}];
			}),
			'db.json',
		).data.reviews[0]!;
		expect(back.audit.map((e) => e.detail)).toEqual([
			'note: 2026-03-01T10:00:00.000Z', // security.secrets's first answer, at 10:00
			'a1', // 11:30
			'log', // 12:00, the ties: the log first,
			's2', // then the items as the file lists them (the edit added b.item and a.item last),
			'b1',
			'b2', // after b1, though its clock went back
		]);
		expect(back.updatedAt).toBe('2026-03-01T12:00:00.000Z');
	});

	it('puts audit entries about no one item in the log, their item kept', () => {
		const review = answered([]);
		const odd: AuditEntry[] = ['*', '', '__proto__'].map((item) => ({
			at: '2026-03-01T10:00:00.000Z',
			by: 'ada',
			item,
			from: 'pending',
			to: 'pending',
		}));
		const stored = storedReview({...review, audit: odd});
		expect(stored.log?.map((e) => e.item)).toEqual(['*', '', '__proto__']);
		expect(Object.hasOwn(stored.items, '__proto__')).toBe(false);
		expect(roundTrip({...review, audit: odd}).audit).toEqual(odd);
	});

	it('migrates the version-3 fixture to the version-4 fixture, byte for byte, and reads both alike', () => {
		const v3 = parseDatabase(fixture('v3.json'), 'db.json');
		expect(v3.migratedFrom).toBe(3);
		expect(serializeDatabase(v3.data)).toBe(fixture('v4.json'));
		const v4 = parseDatabase(fixture('v4.json'), 'db.json');
		expect(v4.migratedFrom).toBeUndefined();
		expect(v4.data).toEqual(v3.data);
		// updatedAt, no longer stored, is what version 3 held: the latest change
		const old = JSON.parse(fixture('v3.json')) as {reviews: Review[]};
		expect(v4.data.reviews.map((r) => r.updatedAt)).toEqual(old.reviews.map((r) => r.updatedAt));
		expect(v4.data.reviews[0]!.audit).toEqual(old.reviews[0]!.audit);
	});

	it('migrates version 1 through the chain', () => {
		const out = migrate(JSON.parse(fixture('v1.json')), 1) as {
			schemaVersion: number;
			reviews: Array<Record<string, unknown>>;
		};
		expect(out.schemaVersion).toBe(SCHEMA_VERSION);
		expect(Object.keys(out.reviews[0]!).sort()).toEqual(
			['checklist', 'createdAt', 'id', 'items', 'system']
				.concat(Object.hasOwn(out.reviews[0]!, 'release') ? ['release'] : [])
				.sort(),
		);
	});

	describe('problems, named where they are in the file', () => {
		const text = fixture('v4.json');
		const refused = (t: string) => {
			try {
				parseDatabase(t, 'db.json');
			} catch (error) {
				return (error as Error).message;
			}
			return 'read';
		};

		it.each<[string, (r: RawReview) => void, string]>([
			[
				'an unknown status',
				(r) => (r.items['security.secrets'].answer.status = 'maybe'),
				'reviews[0].items.security.secrets.answer.status: ',
			],
			[
				'an audit entry of an item with an item',
				(r) => (r.items['architecture.boundaries'].audit[0].item = 'x'),
				'reviews[0].items.architecture.boundaries.audit[0]: ',
			],
			[
				'a title without a print',
				(r) => delete r.items['security.secrets'].print,
				'reviews[0].items.security.secrets.print: an item with a title, section or guidance needs its print',
			],
			['an updatedAt (derived now)', (r) => (r.updatedAt = r.createdAt), 'reviews[0]: '],
			['answers beside the items', (r) => (r.answers = {}), 'reviews[0]: '],
			[
				'a log entry without its item',
				(r) => (r.log = [{...r.log[0], item: undefined}]),
				'reviews[0].log[0].item: ',
			],
			[
				'a bad conflict',
				(r) => (r.items['monitoring.alerting'].conflict.answers.length = 1),
				'reviews[0].items.monitoring.alerting.conflict.answers: ',
			],
		])('%s', (_, edit, where) => {
			const message = refused(edited(text, edit));
			expect(message).toContain(`database db.json: ${where}`);
			expect(message).not.toContain('migrated');
		});

		it('__proto__ as an item id', () => {
			const t = text.replace('"items": {', '"items": {"__proto__": {"print": "x"}, ');
			expect(refused(t)).toContain('"__proto__" cannot be an item id');
		});

		it('in an older file, as migrated, and said so', () => {
			const t = fixture('v3.json').replace('"status": "fail"', '"status": "maybe"');
			expect(refused(t)).toMatch(
				/reviews\[0\]\.items\.architecture\.boundaries\.answer\.status \(as migrated from schemaVersion 3 to 4\): /,
			);
		});
	});
});

describe("timeOf, the audit log's clock", () => {
	const p2 = (n: number) => String(n).padStart(2, '0');
	const same = (text: string) => expect(Object.is(timeOf(text), Date.parse(text)), text).toBe(true);

	it("is Date.parse on every field range of toISOString's form", () => {
		for (const year of ['0000', '0099', '0100', '1970', '2026', '9999'])
			for (let month = 0; month <= 13; month++)
				for (let day = 0; day <= 32; day++)
					for (const [h, m, s] of [
						[0, 0, 0],
						[23, 59, 59],
						[24, 0, 0],
						[12, 60, 0],
						[12, 0, 60],
					] as const)
						same(`${year}-${p2(month)}-${p2(day)}T${p2(h)}:${p2(m)}:${p2(s)}.${p2(month)}9Z`);
	});

	it('is Date.parse on strings near that form', () => {
		const near = fc
			.tuple(fc.date({noInvalidDate: true}), fc.nat({max: 23}), fc.string({maxLength: 2}))
			.map(([d, at, bit]) => {
				const iso = d.toISOString();
				return iso.slice(0, at) + bit + iso.slice(at + bit.length);
			});
		fc.assert(
			fc.property(fc.oneof(near, fc.string({maxLength: 30})), (text) => {
				same(text);
			}),
			{numRuns: 3000},
		);
		for (const text of [
			'2026-03-01T12:00:00Z',
			'2026-03-01T13:00:00+01:00',
			'+002026-03-01T12:00:00.000Z',
		])
			same(text);
	});
});
