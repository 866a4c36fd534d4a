// The SSH wire encoding (RFC 4251 §5) that SSHSIG, public keys and the agent
// protocol are written in: uint32 lengths, strings, mpints. Pure; no I/O.

/** Thrown for a blob that does not decode: callers turn it into "not a signature". */
export class WireError extends Error {}

/** Reads SSH wire values in order from a buffer, refusing to read past its end. */
export class WireReader {
	private at = 0;
	constructor(private readonly buf: Uint8Array) {}

	bytes(n: number): Buffer {
		if (n < 0 || this.at + n > this.buf.length) throw new WireError('truncated');
		const out = Buffer.from(this.buf.subarray(this.at, this.at + n));
		this.at += n;
		return out;
	}

	u32(): number {
		return this.bytes(4).readUInt32BE(0);
	}

	/** A length-prefixed byte string. */
	string(): Buffer {
		return this.bytes(this.u32());
	}

	/** A length-prefixed string that must be printable ASCII (names, namespaces, algorithms). */
	name(): string {
		const b = this.string();
		if (!b.every((c) => c >= 0x20 && c < 0x7f)) throw new WireError('a name is not ASCII');
		return b.toString('latin1');
	}

	/** An mpint's magnitude, unsigned big-endian without leading zeros (negative ones refused). */
	mpint(): Buffer {
		const b = this.string();
		if (b.length > 0 && (b[0]! & 0x80) !== 0) throw new WireError('negative mpint');
		let i = 0;
		while (i < b.length && b[i] === 0) i++;
		return b.subarray(i);
	}

	done(): boolean {
		return this.at === this.buf.length;
	}

	/** Everything read so far must be all there is. */
	end(): void {
		if (!this.done()) throw new WireError('trailing bytes');
	}
}

/** A length-prefixed string. */
export function wireString(data: Uint8Array | string): Buffer {
	const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
	const len = Buffer.alloc(4);
	len.writeUInt32BE(body.length);
	return Buffer.concat([len, body]);
}

export function wireU32(n: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(n);
	return b;
}

/** An unsigned magnitude as an mpint (a zero byte first when its top bit is set). */
export function wireMpint(magnitude: Uint8Array): Buffer {
	let i = 0;
	while (i < magnitude.length && magnitude[i] === 0) i++;
	const m = Buffer.from(magnitude.subarray(i));
	return wireString(
		m.length > 0 && (m[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), m]) : m,
	);
}
