import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	checklistFromData,
	defaultChecklistPath,
	loadChecklist,
	type LoadedChecklist,
} from '../../source/checklist/load.js';
import {isPreflightError} from '../../source/errors.js';
import {answerFor, evaluate} from '../../source/model/evaluate.js';
import {
	findItem,
	invalidAnswer,
	newReview,
	recordAnswer,
	withEvidence,
	withNote,
	withoutEvidence,
	withStatus,
} from '../../source/model/review.js';
import type {Actor} from '../../source/model/actor.js';
import {SCHEMA_VERSION, statuses, type Review} from '../../source/model/schemas.js';
import {readSnapshotFile} from '../../source/report/read.js';
import {buildSnapshot} from '../../source/report/snapshot.js';
import {verifySnapshot} from '../../source/report/verify.js';
import {snapshotJson} from '../../source/report/write.js';
import {parseDatabase, serializeDatabase} from '../../source/store/validated-file.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const hostileBits = [
	'\u001b]0;t\u0007',
	'\u001b[2J',
	'\u009b',
	'<script>',
	'](javascript:x)',
	'|',
	'`',
	'\n',
	'&',
	'部署',
	'🚀',
];
const text = fc.oneof(
	fc.string({maxLength: 30}),
	fc.array(fc.constantFrom(...hostileBits), {maxLength: 5}).map((a) => a.join('x')),
);
const nonBlank = text.map((t) => (t.trim() ? t : `x${t}`));

const defaultLoaded = loadChecklist(defaultChecklistPath());
const smallHostile = checklistFromData(
	{
		id: 'h',
		title: 'H <b>|',
		version: '1',
		sections: [
			{
				id: 's',
				title: 'S \u001b[2J',
				items: [
					{id: 's.a', title: 'A `x`', reviewEvery: 'P90D'},
					{id: 's.b', title: 'B ](javascript:1)', evidenceRequired: false},
					{id: 's.c', title: 'C', level: 'recommended'},
				],
			},
		],
	},
	'h.json',
);

type Op =
	| {
			kind: 'status';
			item: number;
			status: (typeof statuses)[number];
			extra: string;
			owner: string;
			days: number;
	  }
	| {kind: 'evidence'; item: number; url: string}
	| {kind: 'unevidence'; item: number; index: number}
	| {kind: 'note'; item: number; note: string}
	| {kind: 'undo'}
	| {kind: 'tick'; minutes: number};

const op: fc.Arbitrary<Op> = fc.oneof(
	{
		arbitrary: fc.record({
			kind: fc.constant('status' as const),
			item: fc.nat(),
			status: fc.constantFrom(...statuses),
			extra: text,
			owner: text,
			days: fc.integer({min: -30, max: 400}),
		}),
		weight: 4,
	},
	{
		arbitrary: fc.record({
			kind: fc.constant('evidence' as const),
			item: fc.nat(),
			url: fc.webUrl({validSchemes: ['https', 'http']}),
		}),
		weight: 2,
	},
	fc.record({kind: fc.constant('unevidence' as const), item: fc.nat(), index: fc.nat({max: 3})}),
	fc.record({kind: fc.constant('note' as const), item: fc.nat(), note: text}),
	fc.record({kind: fc.constant('undo' as const)}),
	fc.record({
		kind: fc.constant('tick' as const),
		minutes: fc.integer({min: 1, max: 60 * 24 * 200}),
	}),
);

const itemIds = (loaded: LoadedChecklist) =>
	loaded.checklist.sections.flatMap((s) => s.items.map((i) => i.id));

/** Plays a sequence of answers and undos the way the app does: invalid answers are refused. */
function play(
	loaded: LoadedChecklist,
	ops: readonly Op[],
	system: string,
): {review: Review; at: Date} {
	const ids = itemIds(loaded);
	let at = NOW;
	let review = newReview(loaded.checklist, loaded.digest, system, undefined, at);
	const history: Review[] = [];
	const actor = (): Actor => ({by: 'Prop Tester', at, commit: 'abcdef1'});
	for (const o of ops) {
		if (o.kind === 'undo') {
			review = history.pop() ?? review;
			continue;
		}
		if (o.kind === 'tick') {
			at = new Date(at.getTime() + o.minutes * 60_000);
			continue;
		}
		const id = ids[o.item % ids.length]!;
		const item = findItem(loaded.checklist, id)!;
		const before = answerFor(review, id);
		let next;
		switch (o.kind) {
			case 'status': {
				const expires = new Date(at.getTime() + o.days * 86_400_000).toISOString().slice(0, 10);
				next = withStatus(before, o.status, {
					justification: o.extra,
					waiver: {reason: o.extra, owner: o.owner, expires},
				});
				break;
			}
			case 'evidence':
				next = withEvidence(before, {kind: 'url', ref: o.url, addedAt: at.toISOString()});
				break;
			case 'unevidence':
				next = withoutEvidence(before, o.index);
				break;
			case 'note':
				next = withNote(before, o.note);
				break;
		}
		if (invalidAnswer(item, next, at)) continue;
		const changed = recordAnswer(review, id, next, actor());
		if (changed !== review) history.push(review);
		review = changed;
	}
	return {review, at};
}

describe('answer and undo sequences keep the database valid', () => {
	it.each([
		['the default checklist', defaultLoaded],
		['a hostile checklist', smallHostile],
	])('%s', (_, loaded) => {
		fc.assert(
			fc.property(fc.array(op, {maxLength: 40}), nonBlank, (ops, system) => {
				const {review} = play(loaded, ops, system);
				// serializeDatabase validates with zod and throws on anything invalid
				const text = serializeDatabase({schemaVersion: SCHEMA_VERSION, reviews: [review]});
				const read = parseDatabase(text, 'db.json').data;
				// saving what was read gives the same bytes: nothing drifts from save to save
				expect(serializeDatabase(read)).toBe(text);
				// every answer's status and evidence survive (the schema trims surrounding
				// whitespace of names such as the system or a waiver owner)
				const saved = read.reviews[0]!;
				for (const id of itemIds(loaded)) {
					expect(answerFor(saved, id).status).toBe(answerFor(review, id).status);
					expect(answerFor(saved, id).evidence).toEqual(answerFor(review, id).evidence);
				}
				expect(saved.audit).toHaveLength(review.audit.length);
			}),
			{numRuns: 150},
		);
	});
});

describe('snapshot -> verify', () => {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-prop-'));
	let n = 0;
	const snapshotText = (loaded: LoadedChecklist, ops: readonly Op[], system: string) => {
		const {review, at} = play(loaded, ops, system);
		return snapshotJson(buildSnapshot(evaluate(loaded.checklist, review, at), review, loaded, at));
	};
	const write = (content: string | Buffer) => {
		const path = join(dir, `s${n++}.json`);
		writeFileSync(path, content);
		return path;
	};

	it('passes on every untouched snapshot and fails on any single-byte change', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(defaultLoaded, smallHostile),
				fc.array(op, {maxLength: 25}),
				nonBlank,
				fc.nat(),
				fc.integer({min: 1, max: 255}),
				(loaded, ops, system, position, delta) => {
					const original = snapshotText(loaded, ops, system);
					const path = write(original);
					expect(readFileSync(path, 'utf8')).toBe(original);
					expect(verifySnapshot(readSnapshotFile(path), dir).intact).toBe(true);
					const bytes = Buffer.from(original, 'utf8');
					const at = position % bytes.length;
					bytes[at] = (bytes[at]! + delta) % 256;
					const tampered = write(bytes);
					let intact: boolean;
					try {
						intact = verifySnapshot(readSnapshotFile(tampered), dir).intact;
					} catch (error) {
						// not JSON or not a snapshot any more: refused outright (exit 2)
						if (!isPreflightError(error)) throw error;
						intact = false;
					}
					expect(intact, `byte ${at} changed by ${delta}`).toBe(false);
				},
			),
			{numRuns: 60},
		);
	});

	it('every byte of one hostile snapshot, changed in turn, is caught', () => {
		const original = snapshotText(
			smallHostile,
			[
				{kind: 'note', item: 0, note: 'n \u001b]0;t\u0007 <x> |'},
				{kind: 'status', item: 1, status: 'fail', extra: '', owner: '', days: 0},
				{kind: 'status', item: 2, status: 'na', extra: 'why `x`', owner: '', days: 0},
			],
			'sys \u009b2J',
		);
		const bytes = Buffer.from(original, 'utf8');
		for (let at = 0; at < bytes.length; at += 7) {
			const copy = Buffer.from(bytes);
			copy[at] = copy[at]! ^ 0x20;
			const path = write(copy);
			let intact = false;
			try {
				intact = verifySnapshot(readSnapshotFile(path), dir).intact;
			} catch (error) {
				if (!isPreflightError(error)) throw error;
			}
			expect(intact, `byte ${at}`).toBe(false);
		}
	});
});
