// The database file's bytes: read only when it is a regular file, written
// durably, and never written over when something else changed it meanwhile.
// Synchronous reads: node:fs/promises costs every command milliseconds to load.
import {closeSync, readFileSync, statSync, type Stats} from 'node:fs';
import {fileError, fileErrorCause} from '../errors.js';
import {openRegularFile} from '../system/regular-file.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {databaseError} from './codec.js';
import {writeFileDurably} from './durable-write.js';
import {targetProblem} from './files.js';

/**
 * The file's bytes and their stat, or undefined when it does not exist. A FIFO
 * would block the read and a device might never end: only a regular file is read.
 */
export function readDatabaseBytes(path: string): {bytes: Buffer; stats: Stats} | undefined {
	const problem = targetProblem(path);
	if (problem?.kind === 'folder' || problem?.kind === 'special')
		databaseError(path, problem.text, 'check the --db path and its permissions');
	// Checked again on the descriptor read (opened without blocking), so a FIFO
	// put in the file's place after the check above cannot hang the read; the
	// stat is the descriptor's, so it belongs to the bytes.
	const opened = openRegularFile(path);
	const todo = 'check the --db path and its permissions';
	const unreadable = (error: unknown) =>
		databaseError(
			path,
			`cannot be read (${fileErrorCause(error) ?? (error as NodeJS.ErrnoException).code})`,
			todo,
		);
	if (!opened.ok) {
		if ((opened.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
		return opened.kind === 'not-regular'
			? databaseError(path, opened.text, todo)
			: unreadable(opened.error);
	}
	try {
		return {bytes: readFileSync(opened.fd), stats: opened.stats};
	} catch (error) {
		return unreadable(error);
	} finally {
		closeSync(opened.fd);
	}
}

/**
 * How recent a change may be for a stamp not to show the next one. File times
 * tick in 1 s on ext2/ext3 and some network mounts, 2 s on FAT, a few ms
 * elsewhere; a network server's clock may also run a little apart from ours.
 */
const RACY_MS = 3000;

/** The file as this process last read or wrote it. */
type Known = {
	/** Inode, size, modification and change times: what a write or a replacement changes. */
	stamp: string;
	/**
	 * The bytes themselves (what the text was before, as bytes): compared with
	 * the file's only when the stamp cannot tell, a memcmp where a hash would
	 * cost hashing both sides and loading node:crypto into every `set`.
	 */
	bytes: Buffer;
	/**
	 * Whether any later write would change the stamp: false when the file's
	 * times were too close to the clock when the stamp was taken, for a write in
	 * the same tick of the file system's clock leaves the same stamp (same size,
	 * same second on ext3), and only the content can tell.
	 */
	trusted: boolean;
};

function stampOf(stats: Stats): string {
	return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

function known(stats: Stats, bytes: Buffer, takenAt: number): Known {
	const latest = Math.max(stats.mtimeMs, stats.ctimeMs);
	return {stamp: stampOf(stats), bytes, trusted: takenAt - latest >= RACY_MS};
}

/** The file's stat now, or undefined when it does not exist. */
function statNow(path: string): Stats | undefined {
	try {
		return statSync(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw fileError(error, `database ${sanitizeLine(path)}: cannot check it before saving`);
	}
}

/**
 * The database's text on disk. A save is refused when the file was changed,
 * created or deleted since this object read or wrote it: the lock keeps other
 * preflights out, but an editor, `git checkout` or `git pull` does not take it,
 * and the database must never be overwritten with a state its writer did not see.
 */
export class TextFile {
	readonly path: string;
	/** Whether this file is read to be written (a writer's): only then is what was read remembered. */
	private readonly writable: boolean;
	private known: Known | 'missing' | undefined;

	constructor(path: string, options: {writable: boolean}) {
		this.path = path;
		this.writable = options.writable;
	}

	/** The text (and the bytes it was decoded from), or null when the file does not exist. */
	read(): {text: string; bytes: Buffer} | null {
		const takenAt = Date.now();
		const read = readDatabaseBytes(this.path);
		if (!read) {
			this.known = 'missing';
			return null;
		}
		// Bytes, not the decoded text: comparing strings would encode them again.
		// Readers keep nothing: they never save.
		if (this.writable) this.known = known(read.stats, read.bytes, takenAt);
		// Decoded in one native call: readFile with an encoding goes through a
		// stream decoder, measurably slower on a 10 MB database.
		return {text: read.bytes.toString('utf8'), bytes: read.bytes};
	}

	/** Writes `text` durably (see writeFileDurably), unless the file changed since it was read. */
	async write(text: string): Promise<void> {
		// A bug, not bad input: a read-only open never remembered what it read.
		if (!this.writable) throw new Error(`database ${this.path} was opened to read only`);
		this.refuseIfChanged();
		const bytes = Buffer.from(text, 'utf8');
		await writeFileDurably(this.path, bytes);
		const takenAt = Date.now();
		let stats: Stats | undefined;
		try {
			stats = statSync(this.path);
		} catch {
			// Unknown stamp: the next save compares the content.
		}
		this.known = stats ? known(stats, bytes, takenAt) : {stamp: '', bytes, trusted: false};
	}

	/** A new stamp with the same content (a `touch`, a checkout of the same text) is no change. */
	private refuseIfChanged(): void {
		if (this.known === undefined) return;
		const takenAt = Date.now();
		const stats = statNow(this.path);
		const changed = (how: string): never =>
			databaseError(
				this.path,
				`${how} since preflight read it (edited by hand, or by git?); this change is not saved`,
				'quit and open it again to see what is there now',
			);
		if (this.known === 'missing') {
			if (stats) changed('was created by something else');
			return;
		}
		if (!stats) return changed('was deleted');
		if (this.known.trusted && stampOf(stats) === this.known.stamp) return;
		const now = readDatabaseBytes(this.path);
		if (!now) return changed('was deleted');
		if (!now.bytes.equals(this.known.bytes)) changed('was changed by something else');
		this.known = known(stats, this.known.bytes, takenAt);
	}
}
