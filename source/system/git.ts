import {existsSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {readRegularText} from './regular-file.js';

/**
 * A repository file's text, read only when it is a regular file of at most
 * `maxBytes` (a link to a device or a FIFO never hangs the read); else undefined.
 */
function readGitFile(path: string, maxBytes = 64 * 1024): string | undefined {
	const read = readRegularText(path, maxBytes);
	return read.ok ? read.text : undefined;
}

/** The git work tree that holds `dir` (the folder with `.git`), or undefined. */
export function gitRoot(dir: string): string | undefined {
	let current = resolve(dir);
	for (;;) {
		if (existsSync(join(current, '.git'))) return current;
		const parent = dirname(current);
		if (parent === current) return undefined;
		current = parent;
	}
}

function gitDir(root: string): string {
	const dotGit = join(root, '.git');
	// A worktree or submodule has a `.git` file pointing at the real folder.
	if (statSync(dotGit).isFile()) {
		const m = /^gitdir:\s*(.+)$/m.exec(readGitFile(dotGit) ?? '');
		if (m?.[1]) return resolve(root, m[1].trim());
	}
	return dotGit;
}

/**
 * HEAD's commit id, read from the repository files (no child process: this runs
 * on the key path when an item is signed off). Undefined outside a repository
 * or before the first commit.
 */
export function gitHead(dir: string): string | undefined {
	try {
		const root = gitRoot(dir);
		if (!root) return undefined;
		const gd = gitDir(root);
		const head = readGitFile(join(gd, 'HEAD'))?.trim() ?? '';
		if (/^[0-9a-f]{40,64}$/.test(head)) return head;
		const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
		if (!ref) return undefined;
		// Worktrees keep refs in the common dir.
		const commondir = readGitFile(join(gd, 'commondir'))?.trim();
		const common = commondir ? resolve(gd, commondir) : gd;
		for (const base of [gd, common]) {
			const sha = readGitFile(join(base, ref))?.trim();
			if (sha) return sha;
		}
		for (const base of [gd, common]) {
			const packed = readGitFile(join(base, 'packed-refs'), 64 * 1024 * 1024);
			if (packed === undefined) continue;
			for (const line of packed.split('\n')) {
				const [sha, name] = line.split(' ');
				if (name === ref && sha) return sha;
			}
		}
		return undefined;
	} catch {
		return undefined;
	}
}
