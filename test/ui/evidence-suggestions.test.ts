import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Answer} from '../../source/model/schemas.js';
import {evidenceUsedElsewhere} from '../../source/ui/evidence-suggestions.js';
import {blankReview, smallChecklist} from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

const pass = (evidence: Answer['evidence']): Answer => ({status: 'pass', evidence});

describe('evidenceUsedElsewhere', () => {
	it('lists the other items’ links and files, newest first, each once, none already on the item', () => {
		const repo = mkdtempSync(join(tmpdir(), 'preflight-used-'));
		dirs.push(repo);
		mkdirSync(join(repo, '.git'));
		mkdirSync(join(repo, 'ops'));
		const review = {
			...blankReview(smallChecklist()),
			answers: {
				a1: pass([
					{kind: 'url', ref: 'https://example.com/old', addedAt: '2026-01-01T00:00:00.000Z'},
					{kind: 'file', ref: 'docs/runbook.md', addedAt: '2026-03-01T00:00:00.000Z'},
				]),
				a2: pass([
					{kind: 'url', ref: 'https://example.com/new', addedAt: '2026-02-01T00:00:00.000Z'},
					{kind: 'url', ref: 'https://example.com/old', addedAt: '2026-02-02T00:00:00.000Z'},
				]),
				b1: pass([{kind: 'url', ref: 'https://example.com/here'}]),
				c1: pass([{kind: 'url', ref: 'https://example.com/here'}]),
			},
		};
		expect(evidenceUsedElsewhere(review, 'b1', repo)).toEqual([
			'docs/runbook.md',
			'https://example.com/old',
			'https://example.com/new',
		]);
		// From a folder inside the repository, a file is offered as a path from there.
		expect(evidenceUsedElsewhere(review, 'b1', join(repo, 'ops'))[0]).toBe('../docs/runbook.md');
	});
});
