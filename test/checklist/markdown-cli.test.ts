// Markdown checklists through the built CLI: the parser's chunk loads on
// demand, hostile text is sanitised where it is printed, and bad input is one
// line with exit 2.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from '../commands/cli.js';

beforeAll(ensureBuilt);

// eslint-disable-next-line no-control-regex -- looking for control characters
const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('a Markdown checklist through the CLI', () => {
	it('is read by validate, set and status; escape sequences never reach the terminal', () => {
		const ws = workspace();
		const esc = '\u001b]0;owned\u0007\u001b[2J';
		writeFileSync(
			join(ws.dir, 'readiness.md'),
			[
				'# Readiness',
				'',
				'## Table of Contents',
				'',
				'- [Ops](#ops)',
				'',
				`## Ops ${esc}now`,
				'',
				`- [ ] **Pager** ${esc}set {#ops.pager}`,
				'- [ ] Rota staffed',
				'',
			].join('\n'),
		);
		const validate = ws.run(['checklist', 'validate', 'readiness.md']);
		expect(validate.code, validate.stderr).toBe(0);
		expect(validate.stdout).toContain('1 section, 2 items');
		expect(
			ws.run(['set', 'ops.pager', 'fail', '--checklist', 'readiness.md', '--system', 'api']).code,
		).toBe(0);
		const status = ws.run(['status', '--checklist', 'readiness.md', '--system', 'api']);
		expect(status.code, status.stderr).toBe(0);
		expect(status.stdout).toContain('ops.pager  Pager set');
		expect(status.stdout).toContain('Ops now');
		expect(status.stdout).not.toMatch(control);
	});

	it('nested deeper than any checklist: one line, exit 2', () => {
		const ws = workspace();
		writeFileSync(join(ws.dir, 'deep.md'), `# T\n\n## S\n\n${'> '.repeat(10_000)}- [ ] x\n`);
		const r = ws.run(['checklist', 'validate', 'deep.md']);
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split('\n')).toEqual([
			'preflight: checklist deep.md: nested too deeply at line 5 (no checklist nests lists or quotes so deep)',
		]);
	});
});
