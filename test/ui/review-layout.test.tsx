import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {blankReview, cleanupApps, renderReview} from './helpers.js';

afterEach(() => cleanupApps());

// The lists are framed panels laid out by flexbox, with titles cut by our own
// measure of display width: whatever the titles, each part must stay in its
// column and no row may pass the width (ink-testing-library draws 100 columns).
const loaded = checklistFromData(
	{
		id: 'layout',
		title: 'Layout checklist',
		version: '1',
		sections: [
			{
				id: 's1',
				title: 'Short',
				items: [
					{id: 'a1', title: 'Plain title'},
					{
						id: 'a2',
						title:
							'A very long title with ✅ emoji ✅ and 設計レビュー that goes on and on past the list',
						level: 'recommended',
					},
					{
						id: 'a3',
						title: '設計レビュー設計レビュー設計レビュー設計レビュー設計レビュー設計レビュー',
					},
				],
			},
			{
				id: 's2',
				title: 'A section title far too long for its column ✅✅✅',
				items: [{id: 'b1', title: 'Beta'}],
			},
			{
				id: 's3',
				title: '設計レビュー設計レビュー設計レビュー',
				items: [{id: 'c1', title: 'Gamma'}],
			},
		],
	},
	'layout.json',
);

describe('review screen layout', () => {
	it('keeps section bars, status badges and item titles in their columns, within the width', async () => {
		const app = await renderReview({loaded, review: blankReview(loaded)});
		const frame = await app.waitForText('Plain title');
		const lines = frame.split('\n');
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(100);
		// line 0 is the header, line 1 the panels' top border
		const rows = lines.slice(2, 5);
		const column = (line: string, at: number) => stringWidth(line.slice(0, at));
		// the bars of the three sections start in one column, the counts end in one
		expect(new Set(rows.map((l) => column(l, l.search(/[█░]/)))).size).toBe(1);
		expect(new Set(rows.map((l) => column(l, l.indexOf('/') + 2))).size).toBe(1);
		// the items' badges and titles line up, and every panel's right border is in its column
		expect(new Set(rows.map((l) => column(l, l.indexOf('○')))).size).toBe(1);
		for (const line of rows) {
			expect(line.slice(line.indexOf('○'))).toMatch(/^○ pending \S/);
			expect(stringWidth(line)).toBe(100);
			expect(line.endsWith('│')).toBe(true);
		}
		expect(rows[1]).toMatch(/A very long title with ✅ emoji ✅ .*…\s*│$/);
		expect(rows[2]).toMatch(/設計レビュー.*…\s*│$/);
		expect(rows[1]).toMatch(/^│ {2}A section title far.*…/);
	});
});
