/**
 * `bytes` random bytes as hex, from the platform's secure generator
 * (globalThis.crypto, loaded on first use). Importing node:crypto at the top
 * would cost every command that loads this module milliseconds, even the ones
 * that never call it.
 */
export function randomHex(bytes: number): string {
	return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}
