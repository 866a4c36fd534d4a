import {opendirSync, realpathSync, statSync, type Dir} from 'node:fs';
import {join, resolve} from 'node:path';

/** What `tab` does to a typed path: the text to put in the field, and what it could become. */
export type PathCompletion = {
	/** The typed text with the candidates' longest common prefix filled in (a lone folder gains its `/`). */
	text: string;
	/** Whole texts that complete it, sorted; folders end in `/`. At most `limit` of them. */
	candidates: string[];
	/** Matches left out of `candidates` by the limit. */
	more: number;
	/** The folder was larger than `scanLimit` entries and was not read to its end. */
	partial: boolean;
};

/** Where and how much completePath may look. */
export type CompletePathOptions = {
	/** The folder a relative path is completed in: the git root, else the current directory. */
	base: string;
	/** Most candidates returned (default 50). */
	limit?: number;
	/** Most entries read from one folder (default 5,000), so a huge folder costs a few ms at most. */
	scanLimit?: number;
	/**
	 * Paths never offered, given as absolute paths in the folder as read (its
	 * links resolved): the database and its lock, which are not evidence.
	 */
	skip?: (path: string) => boolean;
};

type Entry = {name: string; kind: 'dir' | 'file' | 'link'};

const nothing = (text: string): PathCompletion => ({text, candidates: [], more: 0, partial: false});

// Pseudo file systems hold no evidence (devices, FIFOs and kernel files are
// never regular files worth hashing) and some folders there are enormous.
const pseudo = ['/dev', '/proc', '/sys'];
const isPseudo = (dir: string) => pseudo.some((p) => dir === p || dir.startsWith(`${p}/`));

// How many symbolic links among the matches are followed to tell a folder
// from a file; past that a link is offered as a file (stat can be slow on a
// network mount, and a key press must not wait for hundreds of them).
const LINK_STATS = 100;

/** Common prefix of two strings, never ending inside a surrogate pair. */
function commonPrefix(a: string, b: string, ignoreCase: boolean): number {
	const n = Math.min(a.length, b.length);
	let i = 0;
	if (ignoreCase) while (i < n && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
	else while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	const code = a.charCodeAt(i - 1);
	if (i > 0 && i < a.length && code >= 0xd800 && code <= 0xdbff) i--;
	return i;
}

/** Reads at most `scanLimit` entries of a folder; undefined when it cannot be read. */
function readEntries(
	dir: string,
	scanLimit: number,
): {entries: Entry[]; partial: boolean} | undefined {
	let handle: Dir;
	try {
		handle = opendirSync(dir);
	} catch {
		return undefined;
	}
	const entries: Entry[] = [];
	let partial = false;
	try {
		for (let read = 0; ; read++) {
			if (read >= scanLimit) {
				partial = true;
				break;
			}
			const dirent = handle.readSync();
			if (!dirent) break;
			// Only what can be evidence (a regular file) or lead to it (a folder);
			// sockets, FIFOs and devices are left out.
			if (dirent.isDirectory()) entries.push({name: dirent.name, kind: 'dir'});
			else if (dirent.isFile()) entries.push({name: dirent.name, kind: 'file'});
			else if (dirent.isSymbolicLink()) entries.push({name: dirent.name, kind: 'link'});
		}
	} catch {
		// A folder that fails part way: offer what was read.
		partial = true;
	} finally {
		handle.closeSync();
	}
	return {entries, partial};
}

/**
 * Completes a file path as a shell does on `tab`: relative paths in `base`,
 * absolute ones where they point. Hidden entries are offered only when the
 * typed name starts with a dot. Reads one folder, bounded, and never opens a
 * file; URLs (anything with a scheme) get no completion.
 */
export function completePath(typed: string, options: CompletePathOptions): PathCompletion {
	const limit = options.limit ?? 50;
	const scanLimit = options.scanLimit ?? 5000;
	const text = typed.trimStart();
	// http: and friends (a single letter before the colon is a Windows drive).
	if (/^[a-z][a-z0-9+.-]+:/i.test(text)) return nothing(typed);
	const slash = text.lastIndexOf('/');
	const folderPart = text.slice(0, slash + 1);
	const segment = text.slice(slash + 1);
	const folder = folderPart === '' ? options.base : resolve(options.base, folderPart);
	let real: string;
	try {
		real = realpathSync(folder);
	} catch {
		return nothing(typed);
	}
	if (isPseudo(real)) return nothing(typed);
	const read = readEntries(real, scanLimit);
	if (!read) return nothing(typed);

	const {skip} = options;
	const visible = read.entries.filter(
		(e) => (segment.startsWith('.') || !e.name.startsWith('.')) && !skip?.(join(real, e.name)),
	);
	let ignoreCase = false;
	let matches = visible.filter((e) => e.name.startsWith(segment));
	if (matches.length === 0 && segment !== '') {
		// readme finds README.md when nothing matches as typed.
		const lower = segment.toLowerCase();
		matches = visible.filter((e) => e.name.toLowerCase().startsWith(lower));
		ignoreCase = true;
	}
	if (segment === '..') matches.push({name: '..', kind: 'dir'});
	if (matches.length === 0) return {...nothing(typed), partial: read.partial};
	matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

	let stats = 0;
	const kinds = new Map<string, 'dir' | 'file'>();
	const kindOf = (e: Entry): 'dir' | 'file' => {
		if (e.kind !== 'link') return e.kind;
		let kind = kinds.get(e.name);
		if (kind) return kind;
		kind = 'file';
		if (stats++ < LINK_STATS)
			try {
				kind = statSync(join(real, e.name)).isDirectory() ? 'dir' : 'file';
			} catch {
				// A broken link: offered as what it names, and refused on enter.
			}
		kinds.set(e.name, kind);
		return kind;
	};
	const whole = (e: Entry) => `${folderPart}${e.name}${kindOf(e) === 'dir' ? '/' : ''}`;

	const first = matches[0]!;
	if (matches.length === 1 && !read.partial) {
		const completed = whole(first);
		return {text: completed, candidates: [completed], more: 0, partial: false};
	}
	let shared = first.name.length;
	for (const m of matches) shared = Math.min(shared, commonPrefix(first.name, m.name, ignoreCase));
	// A folder not read to its end may hold a name that shares less: keep what was typed.
	const filled = !read.partial && shared > segment.length ? first.name.slice(0, shared) : segment;
	return {
		text: `${folderPart}${filled}`,
		candidates: matches.slice(0, limit).map(whole),
		more: Math.max(0, matches.length - limit),
		partial: read.partial,
	};
}
