import {
	checklistFromData,
	defaultChecklistPath,
	loadChecklist,
} from '../../source/checklist/load.js';
import type {LoadedChecklist} from '../../source/checklist/load.js';
import {evaluate} from '../../source/model/evaluate.js';
import type {Answer, Review} from '../../source/model/schemas.js';
import {buildSnapshot, type Snapshot} from '../../source/report/snapshot.js';

/** The fixed clock of the report tests. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');

export const hostile = {
	escape: 'evil\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u001b[0m\u009b1m',
	pipe: 'a | b || c',
	backticks: '```code``` and `x`',
	script: '<script>alert(1)</script>',
	jsLink: '](javascript:alert(1)) [click](javascript:alert(2))',
	newline: 'line one\nline two\r\nline three',
	markdown: '*bold* _it_ # not heading ~~strike~~ $x$ a@b.example',
	xml: 'a & b < c > d "q" \'s\' \u0001\u0008\u000b\u000c\ufffe\ud800',
};

export const hostileText = Object.values(hostile).join(' ');

export function defaultChecklist(): LoadedChecklist {
	return loadChecklist(defaultChecklistPath());
}

/** A small checklist whose own text is hostile. */
export function hostileChecklist(): LoadedChecklist {
	return checklistFromData(
		{
			id: 'hostile',
			title: `Hostile ${hostile.script}`,
			version: '1',
			sections: [
				{
					id: 'sec',
					title: `Section ${hostile.pipe} ${hostile.escape}`,
					items: [
						{id: 'sec.one', title: `One ${hostile.backticks}`},
						{id: 'sec.two', title: `Two ${hostile.jsLink}`, level: 'recommended'},
						{id: 'sec.three', title: `Three ${hostile.xml}`},
					],
				},
			],
		},
		'hostile.json',
	);
}

const signed = (at: string, by = 'Alice Reviewer') => ({by, at, commit: 'a1b2c3d4e5f6a7b8c9d0'});

/** A review of the default checklist in every state the report shows. */
export function sampleReview(loaded: LoadedChecklist): Review {
	const answers: Record<string, Answer> = {
		'architecture.boundaries': {
			status: 'pass',
			evidence: [
				{kind: 'url', ref: 'https://wiki.example.com/arch/boundaries?x=1|2'},
				{kind: 'file', ref: 'docs/architecture.md', sha256: 'ab'.repeat(32)},
			],
			signedOff: signed('2026-02-20T09:00:00.000Z'),
		},
		'architecture.failure-paths': {
			status: 'fail',
			note: 'No circuit breaker on the payments call | see `INC-42`',
			evidence: [],
			signedOff: signed('2026-02-21T09:00:00.000Z', 'Bob'),
		},
		'architecture.data-contracts': {
			status: 'na',
			justification: 'No data pipelines in this service',
			evidence: [],
			signedOff: signed('2026-02-21T10:00:00.000Z'),
		},
		'architecture.horizontal-scaling': {
			status: 'waived',
			waiver: {reason: 'Single tenant until Q3', owner: 'Carol', expires: '2026-06-30'},
			evidence: [],
			signedOff: signed('2026-02-22T10:00:00.000Z'),
		},
		'security.secrets': {
			status: 'pass',
			evidence: [{kind: 'url', ref: 'https://vault.example.com/rotation'}],
			// Older than P90D at NOW: stale.
			signedOff: signed('2025-11-01T10:00:00.000Z'),
		},
		'security.encryption': {
			status: 'pass',
			evidence: [],
			note: 'evidence to follow',
			signedOff: signed('2026-02-23T10:00:00.000Z'),
		},
	};
	return {
		id: 'r-0001',
		system: 'payments-api',
		release: '2.4.0',
		checklist: {id: loaded.checklist.id, version: loaded.checklist.version, digest: loaded.digest},
		createdAt: '2026-02-20T08:00:00.000Z',
		updatedAt: '2026-02-23T10:00:00.000Z',
		answers,
		audit: [],
	};
}

export function snapshotOf(loaded: LoadedChecklist, review: Review, at = NOW): Snapshot {
	return buildSnapshot(evaluate(loaded.checklist, review, at), review, loaded, at);
}

export function sampleSnapshot(): Snapshot {
	const loaded = defaultChecklist();
	return snapshotOf(loaded, sampleReview(loaded));
}

/** A review of the hostile checklist whose answers carry hostile text too. */
export function hostileSnapshot(): Snapshot {
	const loaded = hostileChecklist();
	const review: Review = {
		id: 'r-hostile',
		system: `sys ${hostile.escape} ${hostile.script}`,
		release: hostile.pipe,
		checklist: {id: 'hostile', version: '1', digest: loaded.digest},
		createdAt: '2026-02-20T08:00:00.000Z',
		updatedAt: '2026-02-20T08:00:00.000Z',
		answers: {
			'sec.one': {
				status: 'pass',
				note: hostileText,
				evidence: [
					{kind: 'url', ref: 'javascript:alert(1)'},
					{kind: 'url', ref: 'https://ok.example.com/a|b(c)[d]`e`'},
					{kind: 'file', ref: `docs/${hostile.backticks}${hostile.jsLink}.md`},
				],
				signedOff: {by: hostile.script, at: '2026-02-20T08:00:00.000Z'},
			},
			'sec.two': {status: 'fail', note: hostileText, evidence: []},
			'sec.three': {
				status: 'waived',
				waiver: {reason: hostileText, owner: hostile.escape, expires: '2026-12-31'},
				evidence: [],
			},
		},
		audit: [],
	};
	return snapshotOf(loaded, review);
}
