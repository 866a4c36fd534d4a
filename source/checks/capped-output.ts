// A check's output as it arrives, stdout and stderr interleaved in arrival
// order, capped while it streams: the first HEAD bytes are kept, then a
// rolling window of the last TAIL bytes, so a command that floods never holds
// more than HEAD + TAIL in memory and the log shows where it was cut.

/** Bytes kept from the start of the output. */
const HEAD_BYTES = 512 * 1024;
/** Bytes kept from the end of the output. */
const TAIL_BYTES = 512 * 1024;

/**
 * A line as a terminal would leave it: a carriage return (progress output,
 * `p1\rp2\rp3`) starts the line over, so the last text written after one
 * is what shows (a trailing return keeps the text before it).
 */
function overwritten(line: string): string {
	if (!line.includes('\r')) return line;
	const parts = line.split('\r').filter((p) => p !== '');
	return parts.at(-1) ?? '';
}

export class CappedOutput {
	private readonly head: Buffer;
	private headUsed = 0;
	private readonly tail: Buffer;
	/** Where the next tail byte goes (the window is a ring once full). */
	private tailAt = 0;
	private tailUsed = 0;
	/** Every byte seen, kept or not. */
	total = 0;

	constructor(
		private readonly headBytes = HEAD_BYTES,
		private readonly tailBytes = TAIL_BYTES,
	) {
		this.head = Buffer.alloc(headBytes);
		this.tail = Buffer.alloc(tailBytes);
	}

	/** True once bytes have been dropped between head and tail. */
	get cut(): boolean {
		return this.total > this.headBytes + this.tailBytes;
	}

	push(chunk: Buffer): void {
		this.total += chunk.length;
		let from = 0;
		if (this.headUsed < this.headBytes) {
			const n = Math.min(chunk.length, this.headBytes - this.headUsed);
			chunk.copy(this.head, this.headUsed, 0, n);
			this.headUsed += n;
			from = n;
		}
		if (from >= chunk.length || this.tailBytes === 0) return;
		// Only the last tailBytes of the chunk can survive.
		const rest = chunk.subarray(Math.max(from, chunk.length - this.tailBytes));
		for (let i = 0; i < rest.length;) {
			const n = Math.min(rest.length - i, this.tailBytes - this.tailAt);
			rest.copy(this.tail, this.tailAt, i, i + n);
			this.tailAt = (this.tailAt + n) % this.tailBytes;
			i += n;
		}
		this.tailUsed = Math.min(this.tailBytes, this.tailUsed + rest.length);
	}

	private tailBuffer(): Buffer {
		if (this.tailUsed < this.tailBytes) return Buffer.from(this.tail.subarray(0, this.tailUsed));
		return Buffer.concat([this.tail.subarray(this.tailAt), this.tail.subarray(0, this.tailAt)]);
	}

	/** The output as kept; when cut, a marked line says how many bytes were left out. */
	bytes(): Buffer {
		const head = this.head.subarray(0, this.headUsed);
		if (!this.cut) return Buffer.concat([head, this.tailBuffer()]);
		const dropped = this.total - this.headBytes - this.tailBytes;
		const mark = Buffer.from(`\n[… preflight cut ${dropped} bytes of output here …]\n`);
		return Buffer.concat([head, mark, this.tailBuffer()]);
	}

	/**
	 * The last `n` bytes of what is kept (of the tail alone once cut), copying
	 * only those: the live view asks for them several times a second.
	 */
	private lastBytes(n: number): Buffer {
		const parts: Buffer[] = [];
		let need = n;
		// Oldest first: the ring from its write position once full, the head before it while uncut.
		const pieces =
			this.tailUsed < this.tailBytes
				? [this.tail.subarray(0, this.tailUsed)]
				: [this.tail.subarray(this.tailAt), this.tail.subarray(0, this.tailAt)];
		if (!this.cut) pieces.unshift(this.head.subarray(0, this.headUsed));
		for (let i = pieces.length - 1; i >= 0 && need > 0; i--) {
			const piece = pieces[i]!;
			const taken = piece.subarray(Math.max(0, piece.length - need));
			parts.unshift(taken);
			need -= taken.length;
		}
		return Buffer.concat(parts);
	}

	/** The last `lines` lines of what is kept, for a live view. */
	lastLines(lines: number): string[] {
		const slice = this.lastBytes(8192).toString('utf8');
		const all = slice.split(/\r?\n/).map(overwritten);
		if (all.at(-1) === '') all.pop();
		return all.slice(-lines);
	}
}
