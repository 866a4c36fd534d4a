import {describe, expect, it} from 'vitest';
import {mdText, renderMarkdown, safeHref} from '../../source/report/markdown.js';
import {expectGolden} from './golden.js';
import {hostile, hostileSnapshot, sampleSnapshot} from './fixtures.js';

/** Links Markdown would render: `](target)` not preceded by a backslash escape. */
function linkTargets(md: string): string[] {
	return [...md.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1] ?? '');
}

function tableRows(md: string): string[] {
	return md.split('\n').filter((l) => l.startsWith('|'));
}

function cells(row: string): number {
	return row.split(/(?<!\\)\|/).length - 2;
}

describe('renderMarkdown', () => {
	it('matches the golden file', () => {
		expectGolden('snapshot.md', renderMarkdown(sampleSnapshot()));
	});

	it('shows the verdict banner, glyph + word statuses and the blockers', () => {
		const md = renderMarkdown(sampleSnapshot());
		expect(md).toContain('**✖ NOT READY**');
		for (const word of ['✔ pass', '✖ fail', '○ pending', '– n/a', '⚑ waived', '⌛ stale'])
			expect(md).toContain(word);
		expect(md).toContain('## Blockers');
		expect(md).toContain(
			'[https\\://vault.example.com/rotation](https://vault.example.com/rotation)',
		);
		// A pipe in a URL would split the table cell: it is percent-encoded in the target.
		expect(md).toContain('(https://wiki.example.com/arch/boundaries?x=1%7C2)');
		expect(md).toContain('file docs/architecture.md');
	});

	it('gives totals that add up to the items (a stale pass is stale, not also pass)', () => {
		const snapshot = sampleSnapshot();
		const row = tableRows(renderMarkdown(snapshot)).find((r) => r.startsWith('| Totals |'))!;
		const [items, ...rest] = [
			...row.matchAll(/(\d+) (items|pass|stale|fail|n\/a|waived|pending)/g),
		];
		expect(Number(items?.[1])).toBe(snapshot.totals.items);
		expect(rest.map((m) => m[2])).toEqual(['pass', 'stale', 'fail', 'n/a', 'waived', 'pending']);
		expect(rest.reduce((n, m) => n + Number(m[1]), 0)).toBe(snapshot.totals.items);
		expect(snapshot.totals.stale).toBeGreaterThan(0);
	});

	it('marks an answer that reads as settled but blocks, and no other', () => {
		const snapshot = sampleSnapshot();
		const item = snapshot.sections[0]!.items.find((i) => i.status === 'pass' && !i.stale)!;
		const rowOf = (md: string) => tableRows(md).find((r) => r.includes(`<br>${item.id} |`));
		expect(rowOf(renderMarkdown(snapshot))).toContain('| ✔ pass |');
		snapshot.blockers.push({itemId: item.id, title: item.title, reason: 're-review it'});
		expect(rowOf(renderMarkdown(snapshot))).toContain('| ✔ pass · ✖ blocks |');
		const failed = snapshot.blockers.find((b) => b.reason.startsWith('failed'))!;
		expect(
			tableRows(renderMarkdown(snapshot)).find((r) => r.includes(`<br>${failed.itemId} |`)),
		).toContain('| ✖ fail |');
	});

	it('keeps hostile text inert', () => {
		const md = renderMarkdown(hostileSnapshot());
		// eslint-disable-next-line no-control-regex -- looking for control characters
		expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		expect(md).not.toContain('<script>');
		expect(md).toContain('&lt;script&gt;');
		expect(md).not.toMatch(/(?<!\\)`/);
		for (const target of linkTargets(md)) expect(target).toMatch(/^https?:\/\//);
		// Every table row keeps its column count: no pipe or newline escaped the cell.
		const rows = tableRows(md);
		expect(rows.length).toBeGreaterThan(5);
		for (const row of rows) {
			expect(row.endsWith('|')).toBe(true);
			expect([2, 6]).toContain(cells(row));
		}
		expect(md).toContain('line one<br>line two<br>line three');
	});

	it('escapes every Markdown metacharacter in text', () => {
		expect(mdText(hostile.pipe)).toBe('a \\| b \\|\\| c');
		expect(mdText('[x](javascript:y)')).toBe('\\[x\\](javascript:y)');
		expect(mdText('<b>&')).toBe('&lt;b&gt;&amp;');
		expect(mdText('*a* _b_ `c` ~d~ $e$ f@g.h')).toBe(
			'\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$ f<!-- -->\\@g.h',
		);
		expect(mdText('a\nb')).toBe('a<br>b');
		expect(mdText('\u001b[31mred\u001b[0m')).toBe('red');
	});

	it('links only http(s) URLs', () => {
		expect(safeHref('javascript:alert(1)')).toBeUndefined();
		expect(safeHref('data:text/html,x')).toBeUndefined();
		expect(safeHref('file:///etc/passwd')).toBeUndefined();
		expect(safeHref('docs/x.md')).toBeUndefined();
		expect(safeHref('https://a.example/(x)')).toBe('https://a.example/%28x%29');
	});
});
