import {writeSync} from 'node:fs';

let closed = false;

/**
 * Writes command output to stdout at once. Creating `process.stdout` (a stream,
 * and for a pipe a socket) costs a few milliseconds of every short command, so
 * commands write to the descriptor directly. A reader that went away (EPIPE, as
 * in `preflight gate | head -1`) ends the output quietly: the command still exits
 * with its own code. A non-blocking descriptor that is full hands the rest to
 * `process.stdout`, which waits.
 */
export function writeOut(text: string): void {
	if (closed) return;
	const bytes = Buffer.from(text);
	let offset = 0;
	try {
		while (offset < bytes.length) offset += writeSync(1, bytes, offset);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EPIPE') closed = true;
		else if (code === 'EAGAIN') process.stdout.write(bytes.subarray(offset));
		else throw error;
	}
}
