import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {beforeAll, describe, expect, it} from 'vitest';
import {sanitize, sanitizeLine} from '../../source/terminal/sanitize.js';
import {keys, launch, type Session} from '../e2e/pty.js';
import {privateCliPath, runCli, stackLine, tempDir} from '../store/private-cli.js';

/** Hostile strings: escape sequences of every kind, control characters, Markdown and XML tricks. */
export const catalogue: Record<string, string> = {
	clearScreen: 'a\u001b[2Jb',
	sgr: '\u001b[31mred\u001b[0m',
	cursor: 'x\u001b[10;10Hy\u001b[1A\u001b[K',
	altScreen: 'alt\u001b[?1049hscreen\u001b[?25l',
	privateCsi: '\u001b[>0c\u001b[6n',
	osc0Title: '\u001b]0;pwned title\u0007after',
	osc2TitleSt: '\u001b]2;pwned\u001b\\after',
	osc8Link: '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\',
	osc52Bel: '\u001b]52;c;cm0gLXJmIH4=\u0007copied',
	osc52St: '\u001b]52;c;cm0gLXJmIH4=\u001b\\copied',
	dcs: '\u001bP1$r0m\u001b\\dcs',
	sos: '\u001bXsos text\u001b\\',
	pm: '\u001b^pm text\u001b\\',
	apc: '\u001b_apc text\u001b\\',
	c1Csi: 'c1\u009b2Jcsi\u009b31m',
	c1Osc: '\u009d0;c1 title\u0007done',
	c1OscSt: '\u009d0;c1 title\u009cdone',
	c1Dcs: '\u0090dcs\u009c',
	bareEsc: 'bare\u001b',
	escLetter: 'reset\u001bc\u001b7\u001b8',
	c0: 'bell\u0007back\u0008cr\rvt\u000bff\u000c',
	del: 'del\u007fete',
	unterminatedOsc: 'tail\u001b]0;never ends',
	unterminatedC1Osc: 'tail\u009d0;never ends',
	jsLink: '[click](javascript:alert(1)) ](javascript:alert(1))',
	html: '<script>alert(1)</script><img src=x onerror=alert(1)>',
	pipes: 'a | b || c',
	backticks: '```js\ncode\n``` and `x`',
	markdown: '# heading *bold* _it_ ~~s~~ [x]: http://e.example',
	xml: 'a & b < c > d "q" \'s\' ]]> <![CDATA[x]]>',
	unicode: 'ünï 部署 🚀 \u202eevil\u202c',
	newlines: 'one\ntwo\r\nthree\ttab',
};

const hostileAll = Object.values(catalogue).join(' ');
// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const forbidden = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertTerminalSafe(text: string): void {
	expect(text).not.toContain('\u001b');
	const bad = forbidden.exec(text);
	expect(
		bad,
		bad ? `control U+${bad[0].charCodeAt(0).toString(16)} in ${JSON.stringify(text)}` : '',
	).toBeNull();
}

describe('sanitize', () => {
	it.each(Object.entries(catalogue))(
		'%s: no ESC, no C0 but newline and tab, no C1, no bidi control',
		(_, text) => {
			const out = sanitize(text);
			assertTerminalSafe(out);
			assertTerminalSafe(sanitizeLine(text).replace(/\n/g, ''));
			expect(sanitizeLine(text)).not.toMatch(/[\n\t]/);
		},
	);

	it('drops whole sequences, not just the ESC byte', () => {
		expect(sanitize(catalogue.clearScreen!)).toBe('ab');
		expect(sanitize(catalogue.osc0Title!)).toBe('after');
		expect(sanitize(catalogue.osc2TitleSt!)).toBe('after');
		expect(sanitize(catalogue.osc8Link!)).toBe('click');
		expect(sanitize(catalogue.osc52Bel!)).toBe('copied');
		expect(sanitize(catalogue.osc52St!)).toBe('copied');
		expect(sanitize(catalogue.dcs!)).toBe('dcs');
		expect(sanitize(catalogue.c1Csi!)).toBe('c1csi');
		expect(sanitize(catalogue.c1Osc!)).toBe('done');
		expect(sanitize(catalogue.c1OscSt!)).toBe('done');
		expect(sanitize(catalogue.altScreen!)).toBe('altscreen');
		expect(sanitize(catalogue.unterminatedOsc!)).toBe('tail');
		expect(sanitize('keep\nlines\tand tabs')).toBe('keep\nlines\tand tabs');
		expect(sanitize('部署 🚀 ünï')).toBe('部署 🚀 ünï');
		expect(sanitize('evil\u202etxt.exe \u2066iso\u2069')).toBe('eviltxt.exe iso');
	});

	it('the whole catalogue at once, and every prefix of it', () => {
		assertTerminalSafe(sanitize(hostileAll));
		for (let i = 0; i <= hostileAll.length; i++)
			assertTerminalSafe(sanitize(hostileAll.slice(0, i)));
	});
});

/** Text that can travel in argv (no NUL) and in a checklist JSON file. */
const argText = (s: string) => s.split('\u0000').join('');

describe('hostile text through every output', () => {
	let dir: string;
	let db: string;
	let checklist: string;
	const note = argText(`note ${hostileAll}`);
	const justification = argText(`why ${catalogue.osc52Bel} ${catalogue.html} ${catalogue.jsLink}`);
	const reason = argText(`reason ${catalogue.osc8Link} ${catalogue.pipes}`);
	const owner = argText(`owner ${catalogue.c1Osc} ${catalogue.backticks}`);
	const system = argText(`sys ${catalogue.osc0Title} ${catalogue.clearScreen} ${catalogue.html}`);
	const run = (args: string[]) => runCli([...args, '--db', db, '--checklist', checklist], dir);

	beforeAll(() => {
		privateCliPath();
		dir = tempDir('preflight-hostile-');
		db = join(dir, 'db.json');
		checklist = join(dir, 'hostile-checklist.json');
		writeFileSync(
			checklist,
			JSON.stringify({
				id: 'hostile',
				title: `Hostile ${catalogue.osc0Title} ${catalogue.html}`,
				version: '1',
				sections: [
					{
						id: 'sec',
						title: `Section ${catalogue.altScreen} ${catalogue.pipes}`,
						items: [
							{
								id: 'sec.one',
								title: `One ${catalogue.osc52St} ${catalogue.jsLink}`,
								guidance: `Guide ${hostileAll}`,
							},
							{
								id: 'sec.two',
								title: `Two ${catalogue.c1Csi} ${catalogue.xml}`,
								guidance: hostileAll,
							},
							{id: 'sec.three', title: `Three ${catalogue.dcs} ${catalogue.backticks}`},
							{id: 'sec.four', title: `Four ${catalogue.unterminatedOsc}`},
						],
					},
				],
			}),
		);
		const sets = [
			['set', 'sec.one', 'fail', '--note', note, '--system', 'plain'],
			['set', 'sec.two', 'na', '--justification', justification],
			[
				'set',
				'sec.three',
				'waived',
				'--waiver-reason',
				reason,
				'--waiver-owner',
				'carol',
				'--waiver-expires',
				'2027-01-01',
			],
		];
		for (const args of sets) {
			const r = run(args);
			expect(r.stderr).toBe('');
			expect(r.code).toBe(0);
			assertTerminalSafe(r.stdout);
		}
		// An owner is a name: refused with control characters, as a system name is.
		const refused = run([...sets[2]!.slice(0, 6), owner, '--waiver-expires', '2027-01-01']);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('a waiver owner must not contain control characters');
		// Flags refuse such names; a database edited by hand can still hold them.
		const data = JSON.parse(readFileSync(db, 'utf8')) as {
			reviews: Array<{
				system: string;
				items: Record<string, {answer?: {waiver?: {owner: string}}}>;
			}>;
		};
		data.reviews[0]!.system = system;
		data.reviews[0]!.items['sec.three']!.answer!.waiver!.owner = owner;
		writeFileSync(db, JSON.stringify(data, null, 2));
	});

	it.each([['status'], ['gate'], ['reviews'], ['status', '--as-of', '2028-01-01']])(
		'%s prints no escape or control characters',
		(...args) => {
			const r = run(args);
			expect(r.code === 0 || r.code === 1).toBe(true);
			assertTerminalSafe(r.stdout);
			assertTerminalSafe(r.stderr);
			expect(r.stdout).toContain('sys');
		},
	);

	it('errors that quote hostile input are one clean line', () => {
		for (const args of [
			['set', 'sec.one', catalogue.osc0Title!],
			['set', `sec.${catalogue.clearScreen}`, 'fail'],
			['set', 'sec.four', 'pass', '--evidence', `javascript:${catalogue.osc52Bel}`],
			['status', '--system', catalogue.osc8Link!],
		]) {
			const r = run(args);
			expect(r.code).toBe(2);
			const err = r.stderr.replace(/\n$/, '');
			expect(err.split('\n')).toHaveLength(1);
			expect(err).not.toMatch(stackLine);
			assertTerminalSafe(err);
		}
	});

	it('JSON snapshot and status --json keep the text exactly', () => {
		const out = join(dir, 'snap.json');
		expect(run(['snapshot', '--out', out]).code).toBe(0);
		const snap = JSON.parse(readFileSync(out, 'utf8')) as {
			review: {system: string};
			checklist: {title: string};
			sections: Array<{
				title: string;
				items: Array<{
					id: string;
					title: string;
					note?: string;
					justification?: string;
					waiver?: {reason: string; owner: string};
				}>;
			}>;
		};
		expect(snap.review.system).toBe(system);
		expect(snap.checklist.title).toBe(`Hostile ${catalogue.osc0Title} ${catalogue.html}`);
		const items = snap.sections[0]!.items;
		expect(snap.sections[0]!.title).toBe(`Section ${catalogue.altScreen} ${catalogue.pipes}`);
		expect(items[0]!.title).toBe(`One ${catalogue.osc52St} ${catalogue.jsLink}`);
		expect(items[0]!.note).toBe(note);
		expect(items[1]!.justification).toBe(justification);
		expect(items[2]!.waiver).toMatchObject({reason, owner});
		// the database keeps it exactly too
		expect(readFileSync(db, 'utf8')).toContain(JSON.stringify(note));
		const verify = runCli(['verify', out], dir);
		expect(verify.code).toBe(0);
		assertTerminalSafe(verify.stdout);
	});

	it('Markdown escapes it: no raw HTML, no javascript: links, no broken tables', () => {
		const out = join(dir, 'snap.md');
		expect(run(['snapshot', '--format', 'md', '--out', out]).code).toBe(0);
		const md = readFileSync(out, 'utf8');
		expect(md).not.toContain('\u001b');
		expect(md).not.toMatch(forbidden);
		expect(md).not.toContain('<script>');
		expect(md).not.toContain('<img');
		// an escaped bracket (\\]) does not close a link text
		expect(md).not.toMatch(/(?<!\\)\]\(javascript:/i);
		expect(md).not.toContain('](https://evil.example');
		// every table row has the header's number of cells
		const rows = md.split('\n').filter((l) => l.startsWith('|'));
		expect(rows.length).toBeGreaterThan(0);
		const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
		const tables: string[][] = [];
		for (const l of md.split('\n')) {
			if (!l.startsWith('|')) continue;
			const prev = md.split('\n')[md.split('\n').indexOf(l) - 1] ?? '';
			if (!prev.startsWith('|') || tables.length === 0) tables.push([]);
			tables.at(-1)!.push(l);
		}
		for (const t of tables) for (const row of t) expect(cells(row)).toBe(cells(t[0]!));
	});

	it('JUnit XML parses and carries the text escaped', () => {
		const out = join(dir, 'snap.xml');
		expect(run(['snapshot', '--format', 'junit', '--out', out]).code).toBe(0);
		const xml = readFileSync(out, 'utf8');
		expect(XMLValidator.validate(xml)).toBe(true);
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('\u001b');
		const parsed = new XMLParser({ignoreAttributes: false}).parse(xml) as unknown;
		const text = JSON.stringify(parsed);
		expect(text).toContain('<script>alert(1)</script>');
		expect(text).toContain('sec.one');
	});

	it('the app in a pty shows the text without a title change or injected sequences', async () => {
		// The name cannot be given as --system (refused): the review is opened from home.
		const app: Session = launch(['--db', db, '--checklist', checklist], {
			cwd: dir,
			env: {PREFLIGHT_REVIEWER: 'Alice', HOME: dir},
		});
		const titles: string[] = [];
		app.xterm.onTitleChange((t) => titles.push(t));
		try {
			await app.waitFor('sys', 15_000);
			app.type(keys.enter);
			await app.waitFor('sec.four', 15_000); // the first pending item
			// walk every item so that each title and guidance is drawn, then the summary and help
			for (const key of ['j', 'j', 'j', 'k', 's', '?'] as const) {
				app.type(key);
				await app.waitUntil(() => true, 'a frame');
			}
			app.type('?');
			await app.waitUntil((s) => !s.includes('Keys —'), 'help to close');
			app.type('q');
			expect(await app.exit).toBe(0);
		} finally {
			app.kill();
		}
		expect(titles).toEqual([]);
		const raw = app.raw();
		expect(raw).not.toContain('\u001b]');
		expect(raw).not.toContain('\u001bP');
		expect(raw).not.toContain('\u001b_');
		expect(raw).not.toContain('\u001b^');
		expect(raw).not.toContain('\u001bX');
		expect(raw).not.toContain('\u001b[2J');
		// The app's own switch to the alternate screen, first thing, and no other.
		expect(raw.indexOf('\u001b[?1049h')).toBe(0);
		expect(raw.lastIndexOf('\u001b[?1049h')).toBe(0);
		expect(raw).not.toContain('\u001b[6n');
		expect(raw).not.toMatch(/[\u0080-\u009f]/);
		expect(raw).not.toContain('\u0007');
		expect(app.xterm.buffer.active.type).toBe('normal');
	});
});
