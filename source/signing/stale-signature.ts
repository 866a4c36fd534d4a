// The signature an earlier signed snapshot left beside the file an unsigned
// one now replaces: `verify` would refuse it (it signs other bytes), so it is
// removed, but only when it is what preflight writes there.
import {lstatSync, unlinkSync} from 'node:fs';
import {readRegularText} from '../system/regular-file.js';
import {decodeSignature, dearmor, SIGNATURE_NAMESPACE} from './sshsig.js';

/**
 * Whether `sigPath` is a signature preflight wrote: a regular file (not a
 * link), at most 64 KB, holding one armoured SSHSIG signature in namespace
 * preflight. Anything else is someone else's file and is left alone.
 */
function isPreflightSignatureFile(sigPath: string): boolean {
	const stats = lstatSync(sigPath, {throwIfNoEntry: false});
	if (!stats?.isFile()) return false;
	const read = readRegularText(sigPath, 64 * 1024);
	if (!read.ok) return false;
	try {
		return decodeSignature(dearmor(read.text)).namespace === SIGNATURE_NAMESPACE;
	} catch {
		return false;
	}
}

/** Removes `sigPath` when isPreflightSignatureFile says it is preflight's; true when it did. */
export function removeStaleSignature(sigPath: string): boolean {
	if (!isPreflightSignatureFile(sigPath)) return false;
	try {
		unlinkSync(sigPath);
		return true;
	} catch {
		return false;
	}
}
