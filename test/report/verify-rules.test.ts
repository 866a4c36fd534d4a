// A snapshot edited and re-digested keeps its digest; what it cannot keep is
// preflight's rules. Each forgery below makes a not-ready snapshot read ready
// (or hides a problem) with totals, verdict and blockers made consistent, so
// that only the rules (and the checklist) can tell.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {emptyTotals} from '../../source/model/evaluate.js';
import {readSnapshotFile} from '../../source/report/read.js';
import {
	decisionDigestOf,
	snapshotDigest,
	type Snapshot,
	type SnapshotItem,
} from '../../source/report/snapshot.js';
import {verifySnapshot} from '../../source/report/verify.js';
import {ruleProblems} from '../../source/report/verify-rules.js';
import {snapshotJson} from '../../source/report/write.js';
import {defaultChecklist, sampleReview, sampleSnapshot, snapshotOf} from './fixtures.js';

const loaded = defaultChecklist();

/** Totals, blocker counts and verdict recomputed from the (forged) items and blockers. */
function selfConsistent(s: Snapshot): Snapshot {
	const listed = new Set(s.blockers.map((b) => b.itemId));
	const count = (items: SnapshotItem[]) => {
		const t = emptyTotals();
		for (const i of items) {
			t.items++;
			t[i.status]++;
			if (i.stale) t.stale++;
			if (listed.has(i.id)) t.blockers++;
		}
		return t;
	};
	for (const section of s.sections) section.totals = count(section.items);
	s.totals = count(s.sections.flatMap((x) => x.items));
	s.verdict = s.blockers.length === 0 ? 'ready' : 'not-ready';
	s.digest = snapshotDigest(s);
	return s;
}

function item(s: Snapshot, id: string): SnapshotItem {
	const found = s.sections.flatMap((x) => x.items).find((i) => i.id === id);
	if (!found) throw new Error(`no item ${id}`);
	return found;
}

/** The sample snapshot edited by `edit`, every blocker dropped, made self-consistent. */
function forged(edit: (s: Snapshot) => void): Snapshot {
	const s = structuredClone(sampleSnapshot());
	edit(s);
	s.blockers = [];
	return selfConsistent(s);
}

/** Every required item settled as the rules allow, so only the edit under test is wrong. */
function settleAll(s: Snapshot): void {
	for (const i of s.sections.flatMap((x) => x.items)) {
		if (i.status === 'pass' && i.evidence.length > 0 && !i.stale) continue;
		i.status = 'na';
		i.justification = 'not used here';
		i.stale = false;
		delete i.waiver;
		i.signedOff = {by: 'Alice Reviewer', at: '2026-02-25T10:00:00.000Z'};
	}
}

describe('ruleProblems', () => {
	it('finds nothing wrong with what preflight wrote, with and without the checklist', () => {
		const snapshot = sampleSnapshot();
		expect(ruleProblems(snapshot)).toEqual([]);
		expect(ruleProblems(snapshot, loaded)).toEqual([]);
		const all = forged(settleAll);
		expect(all.verdict).toBe('ready');
		expect(ruleProblems(all, loaded)).toEqual([]);
	});

	it.each<[string, (s: Snapshot) => void, RegExp]>([
		[
			'a failed item made n/a without a justification',
			(s) => {
				const i = item(s, 'architecture.failure-paths');
				i.status = 'na';
				delete i.note;
			},
			/architecture\.failure-paths is na without a justification but not listed/,
		],
		[
			'n/a with a blank justification',
			(s) => (item(s, 'architecture.data-contracts').justification = '   '),
			/architecture\.data-contracts is na without a justification/,
		],
		[
			'waived without an owner',
			(s) => (item(s, 'architecture.horizontal-scaling').waiver!.owner = ''),
			/is waived without a reason, an owner and an expiry date/,
		],
		[
			'waived without a reason',
			(s) => (item(s, 'architecture.horizontal-scaling').waiver!.reason = ' '),
			/is waived without a reason/,
		],
		[
			'waived until a day that does not exist',
			(s) => (item(s, 'architecture.horizontal-scaling').waiver!.expires = '2026-02-30'),
			/is waived without a reason, an owner and an expiry date/,
		],
		[
			'a waiver that had expired when the snapshot was written',
			(s) => (item(s, 'architecture.horizontal-scaling').waiver!.expires = '2026-02-27'),
			/is waived until 2026-02-27, before the snapshot was written/,
		],
		[
			'a pending item simply unlisted',
			() => undefined,
			/architecture\.infrastructure-ownership is pending but not listed as a blocker/,
		],
		[
			'a stale pass marked stale but unlisted',
			() => undefined,
			/security\.secrets is stale but not listed/,
		],
		[
			'stale on an item that is not a signed-off pass',
			(s) => (item(s, 'architecture.failure-paths').stale = true),
			/architecture\.failure-paths is marked stale but is not a signed-off pass/,
		],
		[
			'a justification on a pass',
			(s) => (item(s, 'architecture.boundaries').justification = 'x'),
			/has a justification but is pass, not na/,
		],
		[
			'a waiver on a fail',
			(s) =>
				(item(s, 'architecture.failure-paths').waiver = {
					reason: 'r',
					owner: 'o',
					expires: '2027-01-01',
				}),
			/has a waiver but is fail, not waived/,
		],
		[
			'a sign-off on a pending item',
			(s) =>
				(item(s, 'architecture.infrastructure-ownership').signedOff = {
					by: 'Alice Reviewer',
					at: '2026-02-20T09:00:00.000Z',
				}),
			/is pending but carries a sign-off/,
		],
		[
			'file evidence without its sha256',
			(s) => delete item(s, 'architecture.boundaries').evidence[1]!.sha256,
			/file evidence without the sha256 recorded at sign-off: docs\/architecture\.md/,
		],
		[
			'file evidence with a sha256 that is not one',
			(s) => (item(s, 'architecture.boundaries').evidence[1]!.sha256 = '\u001b]52;c;x\u0007'),
			/sha256 is not 64 hex digits/,
		],
		[
			'file evidence outside the repository',
			(s) => (item(s, 'architecture.boundaries').evidence[1]!.ref = '../../etc/passwd'),
			/leads outside the repository/,
		],
		[
			'URL evidence that is not http(s)',
			(s) => (item(s, 'architecture.boundaries').evidence[0]!.ref = 'javascript:alert(1)'),
			/not an http\(s\) link/,
		],
		[
			'a signer who is not a listed reviewer',
			(s) => (item(s, 'architecture.boundaries').signedOff!.by = 'Mallory'),
			/signed off by "Mallory", not a listed reviewer/,
		],
		[
			'an item repeated',
			(s) => s.sections[1]!.items.push(structuredClone(item(s, 'architecture.boundaries'))),
			/item id architecture\.boundaries appears twice/,
		],
	])('catches %s', (_, edit, problem) => {
		const problems = ruleProblems(forged(edit));
		expect(
			problems.some((p) => problem.test(p)),
			problems.join('\n'),
		).toBe(true);
	});

	it('catches blockers that name another title, repeat or give no reason', () => {
		const s = structuredClone(sampleSnapshot());
		s.blockers[0]!.title = 'Something harmless';
		s.blockers.push({...s.blockers[1]!});
		s.blockers[2]!.reason = ' ';
		const problems = ruleProblems(selfConsistent(s));
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/has another title than its item/),
				expect.stringMatching(/is listed twice/),
				expect.stringMatching(/gives no reason/),
			]),
		);
	});

	describe('with the checklist', () => {
		it.each<[string, (s: Snapshot) => void, RegExp]>([
			[
				'a failed item made recommended',
				(s) => {
					settleAll(s);
					const i = item(s, 'architecture.failure-paths');
					i.status = 'fail';
					delete i.justification;
					i.level = 'recommended';
				},
				/architecture\.failure-paths is recommended in the snapshot but required in the checklist/,
			],
			[
				'a retitled item',
				(s) => {
					settleAll(s);
					item(s, 'security.secrets').title = 'Secrets (optional)';
				},
				/security\.secrets has another title than in the checklist/,
			],
			[
				'an item left out',
				(s) => {
					settleAll(s);
					s.sections[4]!.items.pop();
				},
				/testing\.manual-qa is in the checklist but not in the snapshot/,
			],
			[
				'an item added',
				(s) => {
					settleAll(s);
					s.sections[0]!.items.push({...item(s, 'architecture.boundaries'), id: 'extra'});
				},
				/extra is in the snapshot but not in the checklist/,
			],
			[
				'a pass without the evidence its item requires',
				(s) => {
					settleAll(s);
					const i = item(s, 'architecture.boundaries');
					i.evidence = [];
				},
				/architecture\.boundaries is pass without the evidence its checklist item requires/,
			],
			[
				'a stale pass marked fresh',
				(s) => {
					settleAll(s);
					const i = item(s, 'security.secrets');
					i.status = 'pass';
					delete i.justification;
					i.evidence = [{kind: 'url', ref: 'https://vault.example.com/rotation'}];
					i.signedOff = {by: 'Alice Reviewer', at: '2025-11-01T10:00:00.000Z'};
					i.stale = false;
				},
				/security\.secrets was past its review interval .* but is not marked stale/,
			],
			[
				'a checklist digest of another checklist',
				(s) => {
					settleAll(s);
					s.checklist.digest = `sha256:${'0'.repeat(64)}`;
				},
				/says checklist digest sha256:0+, but the checklist given has/,
			],
		])('catches %s', (_, edit, problem) => {
			const snapshot = forged(edit);
			expect(snapshot.verdict).toBe('ready');
			const problems = ruleProblems(snapshot, loaded);
			expect(
				problems.some((p) => problem.test(p)),
				problems.join('\n'),
			).toBe(true);
		});

		it('refuses to compare with a checklist whose digest is not the one recorded', () => {
			const other = checklistFromData(
				{
					id: 'other',
					title: 'O',
					version: '1',
					sections: [{id: 's', title: 'S', items: [{id: 'a', title: 'A'}]}],
				},
				'other.json',
			);
			const problems = ruleProblems(sampleSnapshot(), other);
			expect(problems).toHaveLength(1);
			expect(problems[0]).toMatch(/was not judged on that checklist/);
		});

		it('a snapshot judged as of a later day still verifies (it blocks more, never less)', () => {
			const review = sampleReview(loaded);
			const later = snapshotOf(loaded, review, new Date('2026-09-01T00:00:00.000Z'));
			later.generatedAt = '2026-03-01T12:00:00.000Z';
			later.digest = snapshotDigest(later);
			expect(ruleProblems(later, loaded)).toEqual([]);
		});
	});
});

describe('verifySnapshot', () => {
	it('fails a forged snapshot whose digest holds, and says what the digest cannot prove', () => {
		const dir = mkdtempSync(join(tmpdir(), 'preflight-verify-rules-'));
		const path = join(dir, 'forged.json');
		writeFileSync(
			path,
			snapshotJson(forged((s) => (item(s, 'architecture.failure-paths').level = 'recommended'))),
		);
		const result = verifySnapshot(readSnapshotFile(path), dir, loaded);
		expect(result.digestOk && result.bytesOk).toBe(true);
		expect(result.intact).toBe(false);
		expect(result.checklist).toBe(loaded.path);
		expect(result.limits).toMatch(/no secret.*cannot|not who wrote it/);
	});
});

describe('the decision summary (where the last decision stands)', () => {
	const go = {
		decision: 'go' as const,
		by: 'Dana',
		at: '2026-02-28T10:00:00.000Z',
		verdict: 'ready' as const,
		digest: `sha256:${'a'.repeat(64)}`,
	};
	const summary = {
		state: 'standing' as const,
		decision: 'go' as const,
		by: 'Dana',
		at: go.at,
		digest: go.digest,
	};
	const withSummary = (edit: (s: Snapshot) => void) => {
		const s = structuredClone(sampleSnapshot());
		s.decisions = [go];
		s.decision = {...summary};
		edit(s);
		s.digest = snapshotDigest(s);
		return s;
	};

	it('accepts a standing one and a void one with its reason', () => {
		expect(ruleProblems(withSummary(() => {}))).toEqual([]);
		expect(
			ruleProblems(
				withSummary((s) => (s.decision = {...summary, state: 'void', reason: 'launch date moved'})),
			),
		).toEqual([]);
	});

	it('finds one that is not the last decision, void without a reason, standing with one, or without decisions', () => {
		expect(ruleProblems(withSummary((s) => (s.decision!.by = 'Eve')))).toEqual([
			"decision.by is Eve, the last decision's Dana",
		]);
		expect(ruleProblems(withSummary((s) => (s.decision!.state = 'void')))).toEqual([
			'decision is void but says not why',
		]);
		expect(ruleProblems(withSummary((s) => (s.decision!.reason = 'moved')))).toEqual([
			'decision stands but gives a reason it is void',
		]);
		expect(ruleProblems(withSummary((s) => delete s.decisions))).toEqual([
			'decision says where the last decision stands, but there are no decisions',
		]);
	});

	it('finds a snapshot with decisions and no summary, but in format 1 or from 0.1.0 (before it existed)', () => {
		const missing = 'the snapshot has decisions but no decision (where the last one stands)';
		expect(ruleProblems(withSummary((s) => delete s.decision))).toEqual([missing]);
		expect(
			ruleProblems(
				withSummary((s) => {
					delete s.decision;
					s.tool.version = '0.1.0';
				}),
			),
		).toEqual([]);
		expect(
			ruleProblems(
				withSummary((s) => {
					delete s.decision;
					s.formatVersion = 1;
				}),
			),
		).toEqual([]);
		expect(ruleProblems(withSummary((s) => delete s.decisions))).toEqual([
			'decision says where the last decision stands, but there are no decisions',
		]);
	});

	it('finds a standing one the snapshot shows a later change of (signed off, approved, action item)', () => {
		const later = '2026-02-28T11:00:00.000Z';
		const signed = withSummary(
			(s) => (item(s, 'security.secrets').signedOff = {by: 'Bob', at: later}),
		);
		expect(ruleProblems(signed)).toEqual([
			`decision stands, but the snapshot shows a change after it (security.secrets signed off at ${later}), which voids it`,
		]);
		const action = withSummary(
			(s) =>
				(item(s, 'security.secrets').actions = [
					{what: 'x', owner: 'Bo', due: '2026-04-01', state: 'open', addedAt: later, addedBy: 'Bo'},
				]),
		);
		expect(ruleProblems(action)).toEqual([
			`decision stands, but the snapshot shows a change after it (security.secrets action item added at ${later}), which voids it`,
		]);
		// Void, it is what the snapshot says; and a change after the moment judged is none of its business.
		expect(
			ruleProblems(
				withSummary((s) => {
					item(s, 'security.secrets').signedOff = {by: 'Bob', at: later};
					s.decision = {...summary, state: 'void', reason: 'security.secrets changed'};
				}),
			),
		).toEqual([]);
		expect(
			ruleProblems(
				withSummary((s) => {
					s.asOf = '2026-02-28T10:30:00.000Z';
					item(s, 'security.secrets').signedOff = {by: 'Bob', at: later};
				}),
			).filter((p) => p.startsWith('decision')),
		).toEqual([]);
	});

	it("finds a standing one judged at its own moment whose digest is not the snapshot's decision digest", () => {
		const atDecision = (digest: (s: Snapshot) => string) =>
			withSummary((s) => {
				s.generatedAt = go.at;
				const d = digest(s);
				s.decisions = [{...go, digest: d}];
				s.decision = {...summary, digest: d};
			});
		const own = atDecision((s) => decisionDigestOf(s));
		expect(ruleProblems(own).filter((p) => p.startsWith('decision'))).toEqual([]);
		const other = atDecision(() => go.digest);
		expect(ruleProblems(other).filter((p) => p.startsWith('decision'))).toEqual([
			`decision stands, but judged at its moment the snapshot's decision digest is ${decisionDigestOf(other)}, not the decision's ${go.digest}`,
		]);
		// Void, it says what verify finds.
		const voided = atDecision(() => go.digest);
		voided.decision = {...voided.decision!, state: 'void', reason: 'changed'};
		expect(ruleProblems(voided).filter((p) => p.startsWith('decision'))).toEqual([]);
	});
});
