import {describe, expect, it, vi} from 'vitest';
import {
	isOpenableUrl,
	openerFor,
	openLink,
	terminalHyperlink,
	type Launch,
} from '../../source/system/open-link.js';

const url = 'https://example.com/a?b=1&c=$(id)';

describe('which program opens a link', () => {
	it('BROWSER first (its first entry, split at spaces, the URL one argument last)', () => {
		expect(openerFor(url, 'linux', {BROWSER: 'firefox --new-tab:chromium'})).toEqual({
			command: 'firefox',
			args: ['--new-tab', url],
		});
		// BROWSER is the user's own choice: it works over SSH and without a display.
		expect(openerFor(url, 'linux', {BROWSER: 'w3m', SSH_CONNECTION: '1 2 3 4'})).toEqual({
			command: 'w3m',
			args: [url],
		});
	});

	it('else the platform opener, never a shell', () => {
		expect(openerFor(url, 'linux', {DISPLAY: ':0'})).toEqual({command: 'xdg-open', args: [url]});
		expect(openerFor(url, 'linux', {WAYLAND_DISPLAY: 'wayland-0'})).toEqual({
			command: 'xdg-open',
			args: [url],
		});
		expect(openerFor(url, 'darwin', {})).toEqual({command: 'open', args: [url]});
		expect(openerFor(url, 'win32', {})).toEqual({
			command: 'rundll32',
			args: ['url.dll,FileProtocolHandler', url],
		});
	});

	it('none on Linux without a display, nor over SSH', () => {
		expect(openerFor(url, 'linux', {})).toEqual({reason: expect.stringContaining('no display')});
		expect(openerFor(url, 'darwin', {SSH_TTY: '/dev/pts/1'})).toEqual({
			reason: expect.stringContaining('SSH'),
		});
	});
});

describe('opening a link', () => {
	it('only http(s) URLs without whitespace or control characters', () => {
		expect(isOpenableUrl('https://example.com/x')).toBe(true);
		expect(isOpenableUrl('HTTP://example.com')).toBe(true);
		for (const bad of [
			'file:///etc/passwd',
			'javascript:alert(1)',
			'-https://x',
			'https://example.com/\u001b]8;;evil\u0007',
			'https://example.com/a b',
			'not a url',
		])
			expect(isOpenableUrl(bad)).toBe(false);
	});

	it('launches the opener once with the URL whole, and says by what', async () => {
		const launch = vi.fn<Launch>(async () => undefined);
		expect(await openLink(url, 'darwin', {}, launch)).toEqual({opened: true, by: 'open'});
		expect(launch).toHaveBeenCalledExactlyOnceWith('open', [url]);
	});

	it('reports an opener that cannot start, and launches nothing for a refused URL', async () => {
		const missing = Object.assign(new Error('spawn xdg-open ENOENT'), {code: 'ENOENT'});
		const failing = vi.fn<Launch>(async () => {
			throw missing;
		});
		expect(await openLink(url, 'linux', {DISPLAY: ':0'}, failing)).toEqual({
			opened: false,
			reason: 'xdg-open was not found',
		});
		const launch = vi.fn<Launch>(async () => undefined);
		expect(await openLink('file:///etc/passwd', 'linux', {DISPLAY: ':0'}, launch)).toEqual({
			opened: false,
			reason: 'only http(s) links are opened',
		});
		expect(await openLink(url, 'linux', {}, launch)).toMatchObject({opened: false});
		expect(launch).not.toHaveBeenCalled();
	});

	it('writes an OSC 8 hyperlink whose text is the URL', () => {
		expect(terminalHyperlink('https://x.example/')).toBe(
			'\u001B]8;;https://x.example/\u0007https://x.example/\u001B]8;;\u0007',
		);
	});
});
