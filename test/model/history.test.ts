import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {
	blockerTrend,
	reviewHistory,
	reviewHistoryOver,
	sparkline,
} from '../../source/model/history.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {buildSnapshot} from '../../source/report/snapshot.js';
import {evaluate} from '../../source/model/evaluate.js';
import {withDecision} from '../../source/report/decision.js';

const loaded = loadChecklist(defaultChecklistPath());
const {checklist, digest} = loaded;
const day = (d: number) => new Date(`2026-03-0${d}T10:00:00.000Z`);

function review(): Review {
	let r: Review = {...newReview(checklist, digest, 'api', undefined, day(1)), id: 'r-api'};
	r = recordAnswer(r, 'security.secrets', withStatus({status: 'pending', evidence: []}, 'fail'), {
		by: 'Ann',
		at: day(1),
	});
	r = recordAnswer(
		r,
		'security.secrets',
		withStatus(
			withEvidence(r.answers['security.secrets']!, {kind: 'url', ref: 'https://v.example'}),
			'pass',
		),
		{by: 'Ann', at: day(3)},
	);
	r = recordAnswer(
		r,
		'architecture.boundaries',
		withStatus({status: 'pending', evidence: []}, 'na', {justification: 'x'}),
		{
			by: 'Ann',
			at: day(3),
		},
	);
	const decided = withDecision(r, loaded, 'no-go', {by: 'Dana', at: day(4)});
	if ('error' in decided) throw new Error(decided.error);
	return decided.review;
}

describe('readiness over time', () => {
	it('replays the audit log day by day: answered, passing and blocking per section, and the decisions', () => {
		const days = reviewHistory(checklist, review());
		expect(
			days.map((d) => [d.date, d.totals.answered, d.totals.passing, d.totals.blocking]),
		).toEqual([
			['2026-03-01', 1, 0, 26],
			['2026-03-03', 2, 2, 24],
			['2026-03-04', 2, 2, 24],
		]);
		expect(days[1]!.sections.find((s) => s.id === 'security')).toEqual({
			id: 'security',
			answered: 1,
			passing: 1,
			blocking: 5,
		});
		expect(days[2]!.decisions.map((d) => d.decision)).toEqual(['no-go']);
	});

	it('gives a trend carried over quiet days, drawn as a sparkline', () => {
		const days = reviewHistory(checklist, review());
		expect(blockerTrend(days, day(5), 7)).toEqual([26, 26, 24, 24, 24]);
		expect(sparkline([0, 4, 8])).toBe('▁▅█');
	});

	it('the Markdown snapshot carries a Mermaid chart and the same as a table', () => {
		const r = review();
		const snapshot = buildSnapshot(evaluate(checklist, r, day(5)), r, loaded, day(5));
		const md = renderMarkdown(snapshot, undefined, reviewHistory(checklist, r));
		expect(md).toContain('## Readiness over time');
		expect(md).toContain('```mermaid\nxychart-beta');
		expect(md).toContain('    line [26, 24, 24]');
		expect(md).toContain('| 2026-03-04 | 2 | 2 | 24 | no-go (Dana) |');
		// Without history (or a single day) it reads as before.
		expect(renderMarkdown(snapshot)).not.toContain('Readiness over time');
	});
});

describe('readiness over time across checklist upgrades', () => {
	const item = (id: string) => ({
		...checklist.sections[0]!.items[0]!,
		id,
		title: `Item ${id}`,
		level: 'required' as const,
	});
	const v = (version: string, ids: string[]): typeof checklist => ({
		...checklist,
		version,
		sections: [{id: 'ops', title: 'Operations', items: ids.map(item)}],
	});
	const v1 = v('1.0.0', ['ops.a', 'ops.b']);
	const v2 = v('2.0.0', ['ops.a']);
	const d1 = `sha256:${'1'.repeat(64)}`;
	const d2 = `sha256:${'2'.repeat(64)}`;
	/** ops.b failed on day 1 (on 1.0.0); upgraded to 2.0.0, without ops.b, on day 3. */
	function upgraded(): Review {
		let r: Review = {...newReview(v1, d1, 'api', undefined, day(1)), id: 'r-api'};
		r = recordAnswer(r, 'ops.b', withStatus({status: 'pending', evidence: []}, 'fail'), {
			by: 'Ann',
			at: day(1),
		});
		return {
			...r,
			checklist: {...r.checklist, version: '2.0.0', digest: d2},
			audit: [
				...r.audit,
				{
					at: day(3).toISOString(),
					by: 'Ann',
					item: '*',
					from: 'pending',
					to: 'pending',
					detail: `upgraded checklist 1.0.0 (${d1}) → 2.0.0 (${d2}): 0 new, 1 removed, 0 changed`,
				},
			],
		};
	}

	it('judges each day on the checklist in force at its end, reading each copy once', () => {
		const asked: string[] = [];
		const {days, missing} = reviewHistoryOver(v2, upgraded(), {
			digest: d2,
			copyOf: (d) => (asked.push(d), d === d1 ? v1 : undefined),
		});
		expect(days.map((d) => [d.date, d.totals.answered, d.totals.blocking])).toEqual([
			['2026-03-01', 1, 2],
			['2026-03-03', 0, 1],
		]);
		expect(missing).toEqual([]);
		expect(asked).toEqual([d1]);
		// Without the copies, as before: every day on the checklist given.
		expect(reviewHistory(v2, upgraded()).map((d) => d.totals.blocking)).toEqual([1, 1]);
	});

	it('names a version with no copy once and judges its days on the current checklist', () => {
		const {days, missing} = reviewHistoryOver(v2, upgraded(), {
			digest: d2,
			copyOf: () => undefined,
		});
		expect(days.map((d) => d.totals.blocking)).toEqual([1, 1]);
		expect(missing).toEqual([{version: '1.0.0', digest: d1}]);
	});

	it('judges on the stored checklist when the review was upgraded in memory only', () => {
		const r = newReview(v1, d1, 'api', undefined, day(1));
		const answered = recordAnswer(
			r,
			'ops.b',
			withStatus({status: 'pending', evidence: []}, 'fail'),
			{
				by: 'Ann',
				at: day(1),
			},
		);
		const {days} = reviewHistoryOver(v2, answered, {
			digest: d2,
			stored: {version: '1.0.0', digest: d1},
			copyOf: (d) => (d === d1 ? v1 : undefined),
		});
		expect(days.map((d) => d.totals.blocking)).toEqual([2]);
	});
});
