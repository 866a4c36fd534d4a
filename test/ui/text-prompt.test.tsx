import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import React from 'react';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {completePath} from '../../source/system/complete-path.js';
import {TextPrompt, type TextPromptProps} from '../../source/ui/components/text-prompt.js';
import {InputRouter} from '../../source/ui/input/input-router.js';
import {keys, plain, tick, waitFor} from './helpers.js';

let base: string;

beforeEach(() => {
	base = mkdtempSync(join(tmpdir(), 'preflight-prompt-'));
	mkdirSync(join(base, 'docs'));
	writeFileSync(join(base, 'docs', 'failover.md'), '');
	writeFileSync(join(base, 'docs', 'fire-drill.md'), '');
	writeFileSync(join(base, 'docs', 'fire-alarm.md'), '');
	writeFileSync(join(base, 'RUNBOOK.md'), '');
});

afterEach(() => {
	cleanup();
	rmSync(base, {recursive: true, force: true});
});

const LABEL = 'Evidence to pass “Define clear sy…”:';
const URL70 = 'https://wiki.example.com/platform/architecture/boundaries-review-2026';

type Options = Partial<TextPromptProps>;

/** A prompt on its own, with the app's input router, and helpers to drive it. */
async function prompt(options: Options = {}) {
	const onSubmit = vi.fn<TextPromptProps['onSubmit']>(options.onSubmit ?? (() => undefined));
	const onCancel = vi.fn();
	const result = render(
		<InputRouter>
			<TextPrompt
				label={LABEL}
				width={60}
				complete={(text) => completePath(text, {base})}
				{...options}
				onSubmit={onSubmit}
				onCancel={onCancel}
			/>
		</InputRouter>,
	);
	await waitFor(result.lastFrame, (f) => f.trim() !== '', 'the prompt');
	await tick();
	const lines = () => plain(result.lastFrame()).split('\n');
	return {
		...result,
		onSubmit,
		onCancel,
		lines,
		frame: () => plain(result.lastFrame()),
		waitFor: (predicate: (frame: string) => boolean, what: string) =>
			waitFor(result.lastFrame, predicate, what),
		press: async (data: string) => {
			await tick();
			result.stdin.write(data);
			await tick();
		},
	};
}

describe('TextPrompt: tab completes paths', () => {
	it('completes a unique name at once', async () => {
		const p = await prompt();
		await p.press('RU');
		await p.waitFor((f) => f.includes(`${LABEL} RU`), 'typed text');
		await p.press(keys.tab);
		await p.waitFor((f) => f.includes('RUNBOOK.md'), 'completed');
		await p.press(keys.enter);
		expect(p.onSubmit).toHaveBeenCalledWith('RUNBOOK.md');
	});

	it('fills the common part, lists the candidates, and cycles through them on further tabs', async () => {
		const p = await prompt();
		await p.press('docs/fi');
		await p.press(keys.tab);
		let frame = await p.waitFor((f) => f.includes('tab cycles:'), 'the candidates');
		expect(frame).toContain(`${LABEL} docs/fire-`);
		expect(frame).toMatch(/tab cycles: fire-alarm\.md {2}fire-drill\.md/);
		await p.press(keys.tab);
		frame = await p.waitFor((f) => f.includes('docs/fire-alarm.md'), 'first candidate');
		expect(frame).toContain('›fire-alarm.md');
		await p.press(keys.tab);
		await p.waitFor((f) => f.includes('docs/fire-drill.md'), 'second candidate');
		// past the last: back to the common part
		await p.press(keys.tab);
		await p.waitFor((f) => f.startsWith(`${LABEL} docs/fire-\n`), 'the common part again');
		// shift+tab goes backwards
		await p.press(keys.shiftTab);
		await p.waitFor((f) => f.includes('docs/fire-drill.md'), 'the last candidate');
		// any other key closes the list and keeps the candidate
		await p.press('x');
		frame = await p.waitFor((f) => f.includes('docs/fire-drill.mdx'), 'typed after it');
		expect(frame).not.toContain('tab cycles');
		expect(frame).toContain('enter to confirm');
	});

	it('a folder completes with its slash; the next tab lists what is in it', async () => {
		const p = await prompt();
		await p.press('do');
		await p.press(keys.tab);
		await p.waitFor((f) => f.includes(`${LABEL} docs/`), 'the folder');
		await p.press(keys.tab);
		const frame = await p.waitFor((f) => f.includes('tab cycles:'), 'its files');
		expect(frame).toContain('failover.md');
	});

	it('says so when nothing matches, and the next key clears it', async () => {
		const p = await prompt();
		await p.press('zzz');
		await p.press(keys.tab);
		await p.waitFor((f) => f.includes('○ nothing to complete'), 'the notice');
		await p.press(keys.backspace);
		await p.waitFor((f) => !f.includes('nothing to complete'), 'the notice gone');
	});

	it('without a completer, tab does nothing', async () => {
		const p = await prompt({complete: undefined});
		await p.press('RU');
		await p.press(keys.tab);
		await p.press('N');
		await p.waitFor((f) => f.includes(`${LABEL} RUN`), 'typing goes on');
	});
});

describe('TextPrompt: suggestions', () => {
	const used = ['https://example.com/runbook', 'docs/failover.md', 'https://example.com/slo'];

	it('↑ and ↓ put them in the field in turn (↑ first: the newest, as a shell’s history), and come back to what was typed', async () => {
		const p = await prompt({suggestions: used, suggestionsTitle: 'used in this review', width: 80});
		let frame = await p.waitFor((f) => f.includes('↑↓ used in this review:'), 'the list');
		expect(frame).toContain('https://example.com/runbook');
		await p.press(keys.up);
		await p.waitFor((f) => f.includes(`${LABEL} https://example.com/runbook`), 'first');
		await p.press(keys.up);
		frame = await p.waitFor((f) => f.includes(`${LABEL} docs/failover.md`), 'second');
		expect(frame).toContain('›docs/failover.md');
		await p.press(keys.down);
		await p.press(keys.down);
		await p.waitFor((f) => (f.split('\n')[0] ?? '').trimEnd() === LABEL, 'back to empty');
		// ↓ from what was typed goes to the oldest
		await p.press(keys.down);
		await p.waitFor((f) => f.includes(`${LABEL} https://example.com/slo`), 'last');
		await p.press(keys.enter);
		expect(p.onSubmit).toHaveBeenCalledWith('https://example.com/slo');
	});

	it('typing narrows the list; ↑ then picks among what is left', async () => {
		const p = await prompt({suggestions: used, width: 80});
		await p.press('example');
		const frame = await p.waitFor((f) => f.includes(`${LABEL} example`), 'typed');
		expect(frame).not.toContain('failover');
		await p.press(keys.up);
		await p.press(keys.up);
		await p.waitFor((f) => f.includes(`${LABEL} https://example.com/slo`), 'second match');
		// editing a picked one makes it the filter
		await p.press(keys.backspace);
		await p.waitFor((f) => f.startsWith(`${LABEL} https://example.com/sl\n`), 'edited');
	});

	it('with spare rows, lists them one per row, the picked one marked', async () => {
		const p = await prompt({
			suggestions: used,
			rows: 6,
			suggestionsTitle: 'used in this review',
			width: 80,
		});
		await p.press(keys.up);
		const frame = await p.waitFor((f) => f.includes('› https://example.com/runbook'), 'marked');
		const lines = frame.split('\n');
		expect(lines[1]).toBe('↑↓ used in this review:');
		expect(lines[2]).toContain('› https://example.com/runbook');
		expect(lines[3]).toContain('  docs/failover.md');
		expect(lines.at(-1)).toContain('enter to confirm');
		expect(lines).toHaveLength(6);
	});

	it('no matching suggestion: the hint, and ↑/↓ do nothing', async () => {
		const p = await prompt({suggestions: used});
		await p.press('nothing like it');
		await p.press(keys.up);
		const frame = await p.waitFor((f) => f.includes('nothing like it'), 'typed');
		expect(frame).toContain('enter to confirm');
		expect(frame).toContain(`${LABEL} nothing like it\n`);
	});
});

describe('TextPrompt: long values', () => {
	it('a 70-character URL at 60 columns is shown whole, on two rows', async () => {
		const p = await prompt({complete: undefined});
		await p.press(URL70);
		const frame = await p.waitFor((f) => f.includes('2026'), 'the end of the URL');
		const [first, second] = frame.split('\n');
		expect(first!.startsWith(LABEL)).toBe(true);
		expect((first!.slice(LABEL.length + 1) + second!).trimEnd()).toBe(URL70);
		for (const l of frame.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(60);
	});

	it('with an error to show, the value keeps one row (its end, after …) and the error the other', async () => {
		const p = await prompt({complete: undefined, onSubmit: () => 'no such file: x'});
		await p.press(URL70);
		await p.press(keys.enter);
		const frame = await p.waitFor((f) => f.includes('✖ no such file'), 'the error');
		const [first] = frame.split('\n');
		expect(first).toContain(`${LABEL} …`);
		expect(first!.trimEnd().endsWith('2026')).toBe(true);
		expect(frame.split('\n')).toHaveLength(2);
	});

	it('with three rows, the value wraps under the label and the hint stays', async () => {
		const p = await prompt({complete: undefined, rows: 3, hint: 'a URL or a file path'});
		await p.press(URL70);
		const frame = await p.waitFor((f) => f.includes('2026'), 'the end of the URL');
		const lines = frame.split('\n');
		expect(lines[2]).toContain('a URL or a file path');
	});

	it('a label too long for the row moves above the value', async () => {
		const label = `Note for “${'a very long item title '.repeat(3).trim()}”:`;
		const p = await prompt({complete: undefined, rows: 3, label});
		await p.press('short');
		const frame = await p.waitFor((f) => f.includes('short'), 'typed');
		const lines = frame.split('\n');
		expect(lines[0]).toMatch(/^Note for “a very long/);
		expect(lines[0]).toContain('…');
		expect(lines[1]!.startsWith('short')).toBe(true);
		for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(60);
	});

	it('moving the cursor to the start of a long value shows the start again', async () => {
		const p = await prompt({complete: undefined, onSubmit: () => 'refused'});
		await p.press(`${URL70}/and/more/of/it`);
		await p.press(keys.enter);
		await p.waitFor((f) => f.includes('✖ refused'), 'the error');
		await p.press('\u0001'); // ctrl+a
		const frame = await p.waitFor((f) => f.includes(`${LABEL} https://`), 'the start');
		expect(frame).not.toContain('…https');
	});
});

describe('TextPrompt: keeps what it had', () => {
	it('esc cancels, enter submits, a refused value stays with its reason', async () => {
		const p = await prompt({onSubmit: (v) => (v === 'bad' ? 'not good' : undefined)});
		await p.press('bad');
		await p.press(keys.enter);
		await p.waitFor((f) => f.includes('✖ not good'), 'the error');
		expect(p.frame()).toContain(`${LABEL} bad`);
		await p.press(keys.escape);
		expect(p.onCancel).toHaveBeenCalledTimes(1);
	});
});
