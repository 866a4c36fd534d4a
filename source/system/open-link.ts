// Opening an evidence link in the user's browser, from the app's `o`. The URL
// is always one argument of a program started without a shell, so nothing in
// it (quotes, `;`, `&`, `$(...)`) is ever interpreted.

/** How a link was opened, or why it could not be. */
export type OpenOutcome = {opened: true; by: string} | {opened: false; reason: string};

/** A program and its arguments, the URL last and whole. */
export type Opener = {command: string; args: string[]};

/** Starts a program detached; resolves once it has started, rejects when it cannot start. */
export type Launch = (command: string, args: string[]) => Promise<void>;

/**
 * Whether a URL may be handed to a browser: http(s), parsed by the WHATWG
 * parser, with no whitespace or control characters (a browser would read
 * them differently from what the app shows).
 */
export function isOpenableUrl(url: string): boolean {
	// eslint-disable-next-line no-control-regex
	if (/[\s\u0000-\u001F\u007F-\u009F]/.test(url)) return false;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * The program that opens a URL here: `$BROWSER` when set (its first entry
 * when a colon-separated list; split at spaces into a program and its
 * arguments, never through a shell), else the platform's opener. On Linux
 * without a display, or over SSH, there is no browser to show it in.
 * Windows uses `rundll32 url.dll,FileProtocolHandler`: `cmd /c start` would
 * let cmd read `&` and `^` in the URL.
 */
export function openerFor(
	url: string,
	platform: NodeJS.Platform,
	env: Readonly<Record<string, string | undefined>>,
): Opener | {reason: string} {
	const browser = env['BROWSER']
		?.split(':')
		.map((s) => s.trim())
		.find(Boolean);
	if (browser) {
		const [command, ...args] = browser.split(/\s+/);
		return {command: command!, args: [...args, url]};
	}
	if (env['SSH_CONNECTION'] || env['SSH_TTY']) return {reason: 'over SSH, with no BROWSER set'};
	switch (platform) {
		case 'darwin':
			return {command: 'open', args: [url]};
		case 'win32':
			return {command: 'rundll32', args: ['url.dll,FileProtocolHandler', url]};
		default:
			if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY'])
				return {reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset) and no BROWSER'};
			return {command: 'xdg-open', args: [url]};
	}
}

/** Opens `url` with the opener found for this platform and environment; never throws. */
export async function openLink(
	url: string,
	platform: NodeJS.Platform,
	env: Readonly<Record<string, string | undefined>>,
	launch: Launch,
): Promise<OpenOutcome> {
	if (!isOpenableUrl(url)) return {opened: false, reason: 'only http(s) links are opened'};
	const opener = openerFor(url, platform, env);
	if ('reason' in opener) return {opened: false, reason: opener.reason};
	try {
		await launch(opener.command, opener.args);
		return {opened: true, by: opener.command};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException | undefined)?.code;
		return {
			opened: false,
			reason:
				code === 'ENOENT'
					? `${opener.command} was not found`
					: `${opener.command} could not start (${code ?? String(error)})`,
		};
	}
}

/** Starts a program detached from the app, no shell, output ignored; the app never waits for it. */
export const launchDetached: Launch = async (command, args) => {
	const {spawn} = await import('node:child_process');
	await new Promise<void>((resolve, reject) => {
		const child = spawn(command, args, {
			detached: true,
			stdio: 'ignore',
			shell: false,
			windowsHide: true,
		});
		child.once('error', reject);
		child.once('spawn', () => {
			child.unref();
			resolve();
		});
	});
};

/**
 * The link as a terminal hyperlink (OSC 8), its text the URL itself, for a
 * terminal where it could not be opened: most terminals let it be clicked.
 * Only for a URL isOpenableUrl accepts (no control characters to break out).
 */
export function terminalHyperlink(url: string): string {
	return `\u001B]8;;${url}\u0007${url}\u001B]8;;\u0007`;
}
