// Owner fields of foreign item lists (source/checklist/item-fields.ts): role
// names become owners and approvals, free text stays guidance.
import {beforeAll, expect, test} from 'vitest';
import {checklistFromText, loadShapeSupport, loadYamlSupport} from '../../source/checklist/load.js';

beforeAll(async () => {
	await loadYamlSupport();
	await loadShapeSupport();
});

const yaml = `
title: Launch
categories:
  - name: Security
    owners: [security]
    approvals: 2
    items:
      - title: Secrets are in the vault
      - title: Pen test done
        owner: appsec
        approvals: 1
  - name: Operations
    items:
      - title: Rollback tested
        owners: "sre, ops"
      - title: Dashboards exist
        owner: Platform team
      - title: Runbook written
        approvers: 3
      - title: Pager rota
        approvals: 0
`;

test('role names in owner fields become owners; approvals a whole number', () => {
	const {checklist} = checklistFromText(yaml, 'launch.yaml');
	const [security, ops] = checklist.sections;
	expect(security).toMatchObject({owners: ['security'], approvals: 2});
	expect(security!.items[0]).not.toHaveProperty('owners');
	expect(security!.items[1]).toMatchObject({owners: ['appsec'], approvals: 1});
	expect(security!.items[1]!.guidance ?? '').not.toMatch(/Owner|Approvals/);
	expect(ops).not.toHaveProperty('owners');
	expect(ops!.items[0]).toMatchObject({owners: ['sre', 'ops']});
	expect(ops!.items[2]).toMatchObject({approvals: 3});
});

test('free text is no role: it stays in the guidance, and out-of-range approvals too', () => {
	const {checklist} = checklistFromText(yaml, 'launch.yaml');
	const ops = checklist.sections[1]!;
	expect(ops.items[1]).not.toHaveProperty('owners');
	expect(ops.items[1]!.guidance).toContain('Owner: Platform team');
	expect(ops.items[3]).not.toHaveProperty('approvals');
	expect(ops.items[3]!.guidance).toContain('Approvals: 0');
});

test('a flat list maps item owners too', () => {
	const {checklist} = checklistFromText(
		JSON.stringify([
			{title: 'TLS everywhere', category: 'Net', owners: ['security']},
			{title: 'Backups', category: 'Data'},
		]),
		'list.json',
	);
	expect(checklist.sections[0]!.items[0]).toMatchObject({owners: ['security']});
	expect(checklist.sections[1]!.items[0]).not.toHaveProperty('owners');
});
