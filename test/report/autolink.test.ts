// Markdown snapshots: only http(s) evidence becomes a link. GitHub-flavoured
// Markdown also makes links of bare `https://…`, `www.…` and e-mail addresses
// in plain text; every such text a user wrote must render inert. Checked with a
// model of GFM's autolink rules here, and with cmark-gfm (GitHub's renderer)
// when it is installed.
import {spawnSync} from 'node:child_process';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {mdText, renderMarkdown} from '../../source/report/markdown.js';
import {snapshotDigest, type Snapshot} from '../../source/report/snapshot.js';
import {sampleSnapshot} from './fixtures.js';

const urlish = [
	'https://evil.example/login',
	'HTTP://EVIL.EXAMPLE',
	'http://x',
	'ftp://files.example',
	'www.evil.example',
	'WWW.Evil.Example/path',
	'user@evil.example',
	'first.last+tag@mail.evil.example',
	'mailto:user@evil.example',
	'xmpp:user@evil.example',
	'<https://evil.example>',
	'[x](https://evil.example)',
	'&#58;//',
	'\\',
	'_',
	'*',
	'~',
	'(',
	'\u200b',
	'\u200d',
	'\u001b[2J',
	' ',
	'\n',
	'|',
	'`',
];

/**
 * Where GFM would make a link of plain text in Markdown source. URL and www
 * autolinks are recognised on the source (cmark-gfm and micromark alike): a
 * backslash escape inside breaks them. E-mail autolinks are found by
 * cmark-gfm in text after escapes and entities are decoded, so only another
 * node (inline HTML: the comment, `<br>`) splits one. Link destinations of
 * `[label](href)` are links by design and left out.
 */
function autolinks(md: string): string[] {
	const text = md.replace(/\]\((https?:[^)\s]*)\)/g, ']');
	const found: string[] = [];
	for (const m of text.matchAll(/(?:https?|ftp):\/\/|(?<![\w.])www\./gi)) found.push(m[0]);
	for (const piece of text.split(/<!--[\s\S]*?-->|<br>/)) {
		const decoded = piece
			.replace(/\\([!-/:-@[-`{-~])/g, '$1')
			.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&amp;/g, '&');
		for (const m of decoded.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) found.push(m[0]);
	}
	return found;
}

function cmarkGfm(md: string): string | undefined {
	const r = spawnSync('cmark-gfm', ['-e', 'autolink', '-e', 'table'], {
		input: md,
		encoding: 'utf8',
	});
	return r.status === 0 ? r.stdout : undefined;
}

/** The sample snapshot with URL-like text in every field a person writes. */
function urlishSnapshot(text: string): Snapshot {
	const s = structuredClone(sampleSnapshot());
	s.review.system = `sys ${text}`;
	s.review.release = text;
	s.review.reviewers = [...s.review.reviewers, text];
	s.checklist.title = text;
	for (const section of s.sections) {
		section.title = `${section.title} ${text}`;
		for (const item of section.items) {
			item.title = `${item.title} ${text}`;
			item.note = text;
			if (item.justification) item.justification = text;
			if (item.waiver) item.waiver = {reason: text, owner: text, expires: item.waiver.expires};
			if (item.signedOff) item.signedOff.by = text;
			item.evidence = item.evidence.map((e) => (e.kind === 'file' ? {...e, ref: `${text}.md`} : e));
		}
	}
	for (const b of s.blockers) b.reason = text;
	s.digest = snapshotDigest(s);
	return s;
}

describe('URL-like text in Markdown snapshots', () => {
	it('the model of GFM finds what GFM links, and nothing in escaped text', () => {
		expect(autolinks('see https://evil.example and www.evil.example or a@b.example')).toEqual([
			'https://',
			'www.',
			'a@b.example',
		]);
		expect(autolinks('a\\@b.example')).toEqual(['a@b.example']);
		expect(autolinks('https\\://evil.example www\\.evil.example a<!-- -->\\@b.example')).toEqual(
			[],
		);
	});

	it('mdText leaves nothing GFM would link, whatever the text', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...urlish), {maxLength: 12}), (parts) => {
				expect(autolinks(mdText(parts.join('')))).toEqual([]);
			}),
			{numRuns: 500},
		);
	});

	it.each(urlish.slice(0, 12))(
		'a snapshot with %s everywhere links only its http(s) evidence',
		(text) => {
			const md = renderMarkdown(urlishSnapshot(text));
			expect(autolinks(md)).toEqual([]);
			const html = cmarkGfm(md);
			if (html === undefined) return; // cmark-gfm is not installed here
			const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
			expect(links).toEqual([
				'https://wiki.example.com/arch/boundaries?x=1%7C2',
				'https://vault.example.com/rotation',
			]);
		},
	);
});
