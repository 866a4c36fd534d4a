import {describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {withAction} from '../../source/model/actions.js';
import {evaluate} from '../../source/model/evaluate.js';
import {
	invalidLaunchDate,
	pastLaunchDate,
	launchLines,
	launchOutlook,
	withLaunchDate,
} from '../../source/model/launch.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';

const {checklist, digest} = loadChecklist(defaultChecklistPath());
const now = new Date('2026-03-01T12:00:00.000Z');
const actor = {by: 'Ann', at: now};
// security.secrets is reviewed every 90 days.
const rotated = 'security.secrets';
const waived = 'security.data-retention';

function review(): Review {
	let r: Review = {...newReview(checklist, digest, 'api', undefined, now), id: 'r-api'};
	r = recordAnswer(
		r,
		rotated,
		withStatus(
			withEvidence({status: 'pending', evidence: []}, {kind: 'url', ref: 'https://v.example'}),
			'pass',
		),
		{by: 'Ann', at: new Date('2026-01-15T00:00:00.000Z')},
		undefined,
		{confirm: true},
	);
	r = recordAnswer(
		r,
		waived,
		withStatus({status: 'pending', evidence: []}, 'waived', {
			waiver: {reason: 'vendor', owner: 'Dana', expires: '2026-03-20'},
		}),
		actor,
	);
	r = recordAnswer(
		r,
		waived,
		withAction(r.answers[waived]!, {what: 'migrate', owner: 'Dana', due: '2026-05-01'}, 'Ann', now),
		actor,
	);
	return r;
}

describe('the launch date', () => {
	it('is a real calendar day, set and removed with an audit entry at the review level', () => {
		expect(invalidLaunchDate('2026-04-01')).toBeUndefined();
		expect(invalidLaunchDate('2026-02-30')).toMatch(/not a date/);
		const set = withLaunchDate(review(), '2026-04-01', actor);
		expect(set.launchDate).toBe('2026-04-01');
		expect(set.audit.at(-1)).toMatchObject({item: '*', detail: 'launch date: 2026-04-01'});
		expect(withLaunchDate(set, '2026-04-01', actor)).toBe(set);
		const cleared = withLaunchDate(set, undefined, actor);
		expect(cleared.launchDate).toBeUndefined();
		expect(cleared.audit.at(-1)?.detail).toBe('launch date removed (was 2026-04-01)');
	});

	it('names the passes that go stale, the waivers that expire and the action items due after it', () => {
		const r = withLaunchDate(review(), '2026-04-20', actor);
		const current = evaluate(checklist, r, now);
		const outlook = launchOutlook(checklist, r, current, now)!;
		expect(outlook.at.toISOString()).toBe('2026-04-20T23:59:59.999Z');
		expect(outlook.goStale.map((x) => x.item.id)).toEqual([rotated]);
		expect(outlook.waiversExpire.map((x) => x.item.id)).toEqual([waived]);
		expect(outlook.dueAfter.map((a) => [a.item, a.n])).toEqual([[waived, 1]]);
		expect(launchLines(outlook)).toEqual([
			`goes stale by launch: ${rotated}`,
			`waiver expires by launch: ${waived} (2026-03-20)`,
			`action items due after launch: ${waived} 1 (2026-05-01)`,
		]);
		expect(launchOutlook(checklist, review(), current, now)).toBeUndefined();
	});
});

describe('launch dates no one ships on, and days gone by', () => {
	it('refuses a year before 1970 (and a date that is no day); takes 1970 to 9999', () => {
		for (const d of ['0000-01-01', '1969-12-31', '0999-06-01'])
			expect(invalidLaunchDate(d)).toBe(
				`launch date ${d} is not a day to launch on: give a year from 1970 to 9999`,
			);
		for (const d of ['1970-01-01', '9999-12-31']) expect(invalidLaunchDate(d)).toBeUndefined();
		expect(invalidLaunchDate('10000-01-01')).toContain('is not a date');
	});

	it('says a day before today (UTC) is in the past; today and later are not', () => {
		const now = new Date('2026-11-16T00:30:00Z');
		expect(pastLaunchDate('2026-11-15', now)).toBe(
			'launch date 2026-11-15 is in the past: today is 2026-11-16 (UTC)',
		);
		expect(pastLaunchDate('2026-11-16', now)).toBeUndefined();
		expect(pastLaunchDate('2027-01-01', now)).toBeUndefined();
	});
});
