// A leaf like errors.ts: every layer may import it, the model included (new
// review ids), so it lives below them all rather than under system/.
/**
 * `bytes` random bytes as hex, from the platform's secure generator
 * (globalThis.crypto, loaded on first use). Importing node:crypto at the top
 * would cost every command that loads this module milliseconds, even the ones
 * that never call it.
 */
export function randomHex(bytes: number): string {
	return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/**
 * `bytes` (at most 6) random bytes as hex, for a temp file's name: unique, not
 * secret (such a file is created exclusively and private). Math.random needs no
 * module: the secure generator's first use loads node's crypto modules, several
 * milliseconds of a command's start, for a name.
 */
export function uniqueHex(bytes: number): string {
	return Math.floor(Math.random() * 2 ** (8 * bytes))
		.toString(16)
		.padStart(2 * bytes, '0');
}
