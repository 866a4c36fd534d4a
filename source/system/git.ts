import {existsSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';

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
		const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
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
		const head = readFileSync(join(gd, 'HEAD'), 'utf8').trim();
		if (/^[0-9a-f]{40,64}$/.test(head)) return head;
		const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
		if (!ref) return undefined;
		// Worktrees keep refs in the common dir.
		const common = existsSync(join(gd, 'commondir'))
			? resolve(gd, readFileSync(join(gd, 'commondir'), 'utf8').trim())
			: gd;
		for (const base of [gd, common]) {
			const p = join(base, ref);
			if (existsSync(p)) return readFileSync(p, 'utf8').trim();
		}
		for (const base of [gd, common]) {
			const packed = join(base, 'packed-refs');
			if (!existsSync(packed)) continue;
			for (const line of readFileSync(packed, 'utf8').split('\n')) {
				const [sha, name] = line.split(' ');
				if (name === ref && sha) return sha;
			}
		}
		return undefined;
	} catch {
		return undefined;
	}
}
