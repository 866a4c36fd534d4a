import {describe, expect, test} from 'vitest';
import {loadChecklist, defaultChecklistPath} from '../../source/checklist/load.js';
import {editDistance, lookupItem, lookupProblem} from '../../source/model/item-lookup.js';
import type {Checklist} from '../../source/model/schemas.js';

const bundled = loadChecklist(defaultChecklistPath()).checklist;

function idOf(checklist: Checklist, typed: string): string | undefined {
	const r = lookupItem(checklist, typed);
	return 'item' in r ? r.item.id : undefined;
}

function problem(checklist: Checklist, typed: string): string {
	const r = lookupItem(checklist, typed);
	if ('item' in r) throw new Error(`${typed} found ${r.item.id}`);
	return lookupProblem(r, typed, 'checklist c 1', (s) => s);
}

const tiny: Checklist = {
	id: 'c',
	title: 'C',
	version: '1',
	sections: [
		{
			id: 'ops',
			title: 'Ops',
			items: [
				{
					id: 'ops.oncall',
					title: 'On call',
					guidance: '',
					level: 'required',
					evidenceRequired: true,
				},
				{
					id: 'ops.OnCall',
					title: 'On call 2',
					guidance: '',
					level: 'required',
					evidenceRequired: true,
				},
				{
					id: 'ops.runbook',
					title: 'Runbook',
					guidance: '',
					level: 'required',
					evidenceRequired: true,
				},
				{id: 'rollout', title: 'Rollout', guidance: '', level: 'required', evidenceRequired: true},
			],
		},
	],
};

describe('looking an item up by what was typed', () => {
	test('the whole id, exactly', () => {
		expect(idOf(bundled, 'security.secrets')).toBe('security.secrets');
		expect(idOf(tiny, 'ops.OnCall')).toBe('ops.OnCall');
	});

	test('the id in another case, when only one item has it', () => {
		expect(idOf(bundled, 'Security.Secrets')).toBe('security.secrets');
		expect(problem(tiny, 'OPS.ONCALL')).toBe(
			'item "OPS.ONCALL" matches 2 items in checklist c 1: ops.oncall, ops.OnCall; type more of the id',
		);
	});

	test('the start of one id', () => {
		expect(idOf(bundled, 'security.sec')).toBe('security.secrets');
		expect(idOf(bundled, 'deployment.d')).toBe('deployment.disaster-recovery');
		expect(idOf(tiny, 'roll')).toBe('rollout');
	});

	test('the start of the part after the section', () => {
		expect(idOf(bundled, 'secrets')).toBe('security.secrets');
		expect(idOf(bundled, 'llm-e')).toBe('testing.llm-evals');
		expect(idOf(tiny, 'run')).toBe('ops.runbook');
	});

	test('a prefix of several ids lists them and asks for more', () => {
		expect(problem(bundled, 'security.')).toBe(
			'item "security." matches 6 items in checklist c 1: security.encryption, security.api-auth-rate-limits, security.llm-io-audit, security.input-sanitization and 2 more; type more of the id',
		);
		expect(problem(bundled, 'llm')).toMatch(/^item "llm" matches 3 items .*testing\.llm-evals/);
	});

	test('a miss names the closest ids, nearest first', () => {
		expect(problem(bundled, 'security.secerts')).toBe(
			'no item "security.secerts" in checklist c 1; did you mean security.secrets?',
		);
		expect(problem(bundled, 'helth-checks')).toBe(
			'no item "helth-checks" in checklist c 1; did you mean monitoring.health-checks?',
		);
		expect(problem(bundled, 'testing.unit-test-suite')).toMatch(
			/^no item "testing\.unit-test-suite" .*did you mean testing\.unit-tests/,
		);
	});

	test('a miss with nothing near says only that', () => {
		expect(problem(bundled, 'zzzzzz')).toBe('no item "zzzzzz" in checklist c 1');
		expect(problem(bundled, '')).toBe('no item "" in checklist c 1');
	});

	test('ids named like Object members are plain ids', () => {
		expect(problem(tiny, 'constructor')).toBe('no item "constructor" in checklist c 1');
		expect(problem(tiny, '__proto__')).toBe('no item "__proto__" in checklist c 1');
	});
});

describe('ids with a long shared start', () => {
	const item = (id: string) => ({
		id,
		title: id,
		guidance: '',
		level: 'required' as const,
		evidenceRequired: true,
	});
	const lens: Checklist = {
		id: 'lens',
		title: 'Lens',
		version: '1',
		sections: [
			{
				id: 'waf_ec_1_ops',
				title: 'Operations',
				items: [
					item('waf_ec_1_ops.waf_ec_ops_dp1'),
					item('waf_ec_1_ops.waf_ec_ops_dp2'),
					item('waf_ec_1_ops.waf_ec_ops_dp12'),
				],
			},
			{id: 'waf_ec_2_sec', title: 'Security', items: [item('waf_ec_2_sec.waf_ec_sec_dp1')]},
		],
	};

	test('any part of one id names it, in any case', () => {
		expect(idOf(lens, 'ops_dp2')).toBe('waf_ec_1_ops.waf_ec_ops_dp2');
		expect(idOf(lens, 'OPS_DP12')).toBe('waf_ec_1_ops.waf_ec_ops_dp12');
		expect(idOf(lens, 'sec_dp1')).toBe('waf_ec_2_sec.waf_ec_sec_dp1');
	});

	test('a part of several ids lists them', () => {
		expect(problem(lens, 'dp1')).toBe(
			'item "dp1" matches 3 items in checklist c 1: waf_ec_1_ops.waf_ec_ops_dp1, waf_ec_1_ops.waf_ec_ops_dp12, waf_ec_2_sec.waf_ec_sec_dp1; type more of the id',
		);
	});

	test('the earlier rules still come first', () => {
		expect(idOf(lens, 'waf_ec_1_ops.waf_ec_ops_dp1')).toBe('waf_ec_1_ops.waf_ec_ops_dp1');
		expect(idOf(tiny, 'ops.runbook')).toBe('ops.runbook');
		expect(idOf(tiny, 'book')).toBe('ops.runbook');
	});

	test('a miss names the ids whose last parts are close', () => {
		expect(problem(lens, 'ops_dp3')).toBe(
			'no item "ops_dp3" in checklist c 1; did you mean waf_ec_1_ops.waf_ec_ops_dp1, waf_ec_1_ops.waf_ec_ops_dp2, waf_ec_1_ops.waf_ec_ops_dp12?',
		);
		expect(problem(lens, 'sec-dp1')).toMatch(/did you mean waf_ec_2_sec\.waf_ec_sec_dp1/);
	});
});

describe('edit distance', () => {
	test.each([
		['', '', 0],
		['abc', 'abc', 0],
		['abc', 'abd', 1],
		['abc', 'acb', 1],
		['abc', '', 3],
		['kitten', 'sitting', 3],
	])('%s → %s is %i', (a, b, d) => {
		expect(editDistance(a, b)).toBe(d);
		expect(editDistance(b, a)).toBe(d);
	});

	test('gives up above the limit', () => {
		expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
		expect(editDistance('a', 'abcdef', 2)).toBe(3);
	});
});
