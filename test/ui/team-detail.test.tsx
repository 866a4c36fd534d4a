import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {answerFor} from '../../source/model/evaluate.js';
import {approversOf} from '../../source/model/team.js';
import {blankReview, cleanupApps, detailPane, fakeServices, NOW, renderReview} from './helpers.js';

afterEach(() => cleanupApps());

const loaded = {
	...checklistFromData(
		{
			id: 'team',
			title: 'Team checklist',
			version: '1',
			sections: [
				{
					id: 'sec',
					title: 'Security',
					owners: ['security'],
					items: [
						{id: 'sec.two', title: 'Rollback plan', evidenceRequired: false, approvals: 2},
						{id: 'sec.one', title: 'Scan', evidenceRequired: false},
					],
				},
			],
		},
		'team.json',
	),
	team: {roles: {security: ['ann@example.com', 'Ada']}},
};

function reviewApprovedByAnn() {
	const review = blankReview(loaded);
	review.answers['sec.two'] = {
		status: 'pass',
		evidence: [],
		signedOff: {by: 'Ann', email: 'ann@example.com', at: NOW.toISOString()},
	};
	return review;
}

describe('the detail pane shows owners and approvals', () => {
	it('says "needs security · 1 of 2 approvals" and who approved; p by a second owner settles it', async () => {
		const app = await renderReview({loaded, review: reviewApprovedByAnn()});
		await app.press('k');
		const before = await app.waitFor(
			(f) => f.includes('needs security · 1 of 2 approvals'),
			'the rule line',
		);
		expect(detailPane(before).join('\n')).toContain(
			'needs security · 1 of 2 approvals · approved by Ann',
		);
		await app.press('p');
		await app.waitFor((f) => f.includes('id: sec.one'), 'the guided flow on to the next item');
		await app.press('k');
		const after = await app.waitFor(
			(f) => f.includes('needs security · 2 of 2 approvals · approved by Ann, Ada'),
			'the second approval',
		);
		expect(after).not.toContain('blocker:');
	});

	it('u takes back only the undoer’s own approval', async () => {
		const app = await renderReview({loaded, review: reviewApprovedByAnn()});
		await app.press('k');
		await app.waitFor((f) => f.includes('1 of 2 approvals'), 'one approval');
		await app.press('p');
		await app.waitFor((f) => f.includes('id: sec.one'), 'the guided flow on to the next item');
		await app.press('k');
		await app.waitFor((f) => f.includes('2 of 2 approvals'), 'two approvals');
		await app.press('u');
		const frame = await app.waitFor((f) => f.includes('Undone'), 'the undo');
		expect(frame).toContain('needs security · 1 of 2 approvals · approved by Ann');
		await app.waitFor(() => app.persist.mock.calls.length >= 2, 'the undo saved');
		const review = app.persist.mock.calls.at(-1)![0].reviews[0]!;
		expect(approversOf(answerFor(review, 'sec.two')).map((s) => s.by)).toEqual(['Ann']);
	});

	it('shows an outsider’s pass as not settling the item', async () => {
		const services = fakeServices({reviewer: () => 'Eve', reviewerEmail: () => 'eve@example.com'});
		const app = await renderReview({loaded, services});
		await app.waitFor((f) => f.includes('id: sec.two'), 'the first item');
		await app.press('p');
		await app.waitFor((f) => f.includes('id: sec.one'), 'the guided flow on to the next item');
		await app.press('k');
		const frame = await app.waitFor((f) => /signed off by Eve/.test(f), 'the outsider’s pass');
		expect(detailPane(frame).join('\n')).toContain(
			'needs security · 0 of 2 approvals · approved by Eve',
		);
	});
});
