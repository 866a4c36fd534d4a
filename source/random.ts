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
