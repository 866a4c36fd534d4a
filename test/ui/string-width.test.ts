import fastStringWidth from 'fast-string-width';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';

// The bundle replaces string-width (Ink's text measurer) with fast-string-width
// for start-up speed (scripts/build.mjs); they must agree on what we draw.
// (Tabs differ, and are never drawn: the UI turns them into spaces.)
const samples = [
	'✔ pass',
	'✖ fail',
	'○ pending',
	'– n/a',
	'⚑ waived',
	'⌛ stale',
	'↻ recheck',
	'█████░░░░░',
	'─'.repeat(79),
	'› ▸ · …',
	'Define clear system boundaries',
	'設計レビュー',
	'한국어 점검',
	'ＡＢＣ',
	'🚀 launch',
	'👩‍💻 on call',
	'🇯🇵',
	'e\u0301',
	'\u001b[31mred\u001b[39m',
];

describe('fast-string-width stands in for string-width', () => {
	it.each(samples)('%j has the same width', (text) => {
		expect(fastStringWidth(text)).toBe(stringWidth(text));
	});
});
