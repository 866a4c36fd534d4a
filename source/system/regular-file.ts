// Reading a file someone else named (evidence, a checklist, a snapshot). A
// path can lead anywhere: a link to /dev/zero never ends, a FIFO blocks its
// reader until a writer comes, a huge file takes minutes and all memory. Only
// a regular file is read, and only up to a bound. The checks are made on the
// descriptor that is read (open, then fstat), so the file cannot be swapped
// between a check and the read; O_NONBLOCK makes opening a FIFO return at once.
import {
	closeSync,
	constants,
	fstatSync,
	openSync,
	readSync,
	realpathSync,
	type Stats,
} from 'node:fs';
import {resolve} from 'node:path';

/** Why a file could not be read: `missing` (nothing there) or anything else, in words. */
export type ReadProblem = {
	kind: 'missing' | 'not-regular' | 'too-large' | 'unreadable';
	text: string;
};

const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function whatItIs(stats: Stats): string {
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a FIFO (named pipe)';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	return 'not a regular file';
}

/** Where a path leads when it goes through a symbolic link, for messages: " (it leads to /dev/zero)". */
function leadsTo(path: string): string {
	try {
		const real = realpathSync.native(path);
		return real === resolve(path) ? '' : ` (it leads to ${real})`;
	} catch {
		return '';
	}
}

/**
 * A size limit in the largest binary unit that holds it as a whole or short
 * number: 64 KB, 1 MB, 256 MB, 1.5 GB; under 1 KB in bytes. Rounding to
 * megabytes alone said a 64 KB limit was "0 MB".
 */
export function sizeText(bytes: number): string {
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
	const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
	return `${shown} ${units[unit]}`;
}

function openProblem(error: unknown, path: string): ReadProblem {
	switch ((error as NodeJS.ErrnoException | null)?.code) {
		case 'ENOENT':
		case 'ENOTDIR':
			return {kind: 'missing', text: 'no such file'};
		case 'ENXIO': // a socket, or a FIFO opened for writing only
		case 'ENODEV':
			return {kind: 'not-regular', text: `is not a regular file${leadsTo(path)}`};
		case 'EACCES':
		case 'EPERM':
			return {kind: 'unreadable', text: 'cannot be read (permission denied)'};
		case 'ELOOP':
			return {kind: 'unreadable', text: 'cannot be read (too many levels of symbolic links)'};
		default:
			return {
				kind: 'unreadable',
				text: `cannot be read (${(error as NodeJS.ErrnoException | null)?.code ?? String(error)})`,
			};
	}
}

/**
 * Opens a regular file (links followed) for reading, checked on the descriptor
 * it returns; or says why not: missing, not a regular file (a folder, FIFO,
 * device or socket, with where a link leads), or unreadable. The caller closes
 * the descriptor.
 */
export function openRegularFile(
	path: string,
): {ok: true; fd: number; stats: Stats} | ({ok: false; error?: unknown} & ReadProblem) {
	let fd: number;
	try {
		fd = openSync(path, openFlags);
	} catch (error) {
		return {ok: false, error, ...openProblem(error, path)};
	}
	try {
		const stats = fstatSync(fd);
		if (stats.isFile()) return {ok: true, fd, stats};
		closeSync(fd);
		return {
			ok: false,
			kind: 'not-regular',
			text: `is ${whatItIs(stats)}, not a regular file${leadsTo(path)}`,
		};
	} catch (error) {
		closeSync(fd);
		return {ok: false, error, ...openProblem(error, path)};
	}
}

/**
 * Reads a regular file of at most `maxBytes` (see openRegularFile), handing
 * each chunk to `sink`; or says why not, `too-large` included. A file that
 * turns out too large midway has had part of it given to `sink`.
 */
export function readRegularFile(
	path: string,
	maxBytes: number,
	sink: (chunk: Uint8Array) => void,
): {ok: true; size: number} | ({ok: false} & ReadProblem) {
	const opened = openRegularFile(path);
	if (!opened.ok) return opened;
	const {fd, stats} = opened;
	try {
		const tooLarge = {
			ok: false as const,
			kind: 'too-large' as const,
			text: `is larger than ${sizeText(maxBytes)}`,
		};
		if (stats.size > maxBytes) return tooLarge;
		// Read to the end rather than to the size fstat gave: some files (in /proc)
		// say 0 and still have content, others grow while they are read. Never
		// past the bound either way.
		const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(stats.size + 1, 64 * 1024)));
		let total = 0;
		for (;;) {
			const n = readSync(fd, chunk, 0, chunk.length, null);
			if (n === 0) break;
			total += n;
			if (total > maxBytes) return tooLarge;
			sink(chunk.subarray(0, n));
		}
		return {ok: true, size: total};
	} catch (error) {
		return {ok: false, ...openProblem(error, path)};
	} finally {
		closeSync(fd);
	}
}

/**
 * A regular file of at most `maxBytes` read whole as UTF-8 text (see
 * readRegularFile), or why not.
 */
export function readRegularText(
	path: string,
	maxBytes: number,
): {ok: true; text: string} | ({ok: false} & ReadProblem) {
	const chunks: Buffer[] = [];
	const read = readRegularFile(path, maxBytes, (chunk) => chunks.push(Buffer.from(chunk)));
	return read.ok ? {ok: true, text: Buffer.concat(chunks).toString('utf8')} : read;
}

/**
 * The first `bytes` bytes of a regular file as text, to tell what it is;
 * undefined when it is not a regular file or cannot be read.
 */
export function readStart(path: string, bytes: number): string | undefined {
	const opened = openRegularFile(path);
	if (!opened.ok) return undefined;
	const {fd} = opened;
	try {
		const buffer = Buffer.alloc(bytes);
		let total = 0;
		while (total < bytes) {
			const n = readSync(fd, buffer, total, bytes - total, null);
			if (n === 0) break;
			total += n;
		}
		return buffer.subarray(0, total).toString('utf8');
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}
