import {existsSync, realpathSync} from 'node:fs';
import {isAbsolute, relative, resolve, sep} from 'node:path';
import type {Evidence} from '../model/schemas.js';
import {MAX_URL, tooLong} from '../model/text-limits.js';
import {hashEvidenceFile} from './evidence-file.js';
import {gitRoot} from './git.js';

export type EvidenceResult = {ok: true; evidence: Evidence} | {ok: false; error: string};

const scheme = /^([a-z][a-z0-9+.-]*):/i;

/** The folder file evidence is relative to: the git root, else the current directory. */
export function evidenceBase(cwd: string): string {
	return gitRoot(cwd) ?? resolve(cwd);
}

/**
 * Turns what a reviewer typed into evidence: an http(s) URL, or a path to an
 * existing regular file inside the evidence base (stored relative to it, with
 * its sha256; see hashEvidenceFile for what is read). Any other URL scheme,
 * and a file outside the base, are refused with the reason.
 */
export function parseEvidence(input: string, cwd: string, now: Date): EvidenceResult {
	const text = input.trim();
	if (!text) return {ok: false, error: 'type a URL (http/https) or a file path'};
	const long = tooLong(text, MAX_URL, 'the reference');
	if (long) return {ok: false, error: long};
	const m = scheme.exec(text);
	// A single letter before ":" is a Windows drive, not a scheme.
	if (m?.[1] && m[1].length > 1) {
		const proto = m[1].toLowerCase();
		if (proto !== 'http' && proto !== 'https')
			return {ok: false, error: `only http and https links are evidence, not ${proto}:`};
		let url: URL;
		try {
			url = new URL(text);
		} catch {
			return {ok: false, error: 'not a valid URL'};
		}
		if (!url.hostname) return {ok: false, error: 'the URL has no host'};
		// The database is meant to be committed and snapshots handed to auditors.
		if (url.username || url.password)
			return {ok: false, error: 'a URL with a user name or password in it is not evidence'};
		if (/\s/.test(text)) return {ok: false, error: 'a URL cannot contain spaces'};
		return {ok: true, evidence: {kind: 'url', ref: url.href, addedAt: now.toISOString()}};
	}
	const base = evidenceBase(cwd);
	let absolute = resolve(cwd, text);
	// A path is also read from the repository root (as the app's tab completes it,
	// and as it is stored) when nothing is at it from the current folder.
	if (!isAbsolute(text) && !existsSync(absolute) && existsSync(resolve(base, text)))
		absolute = resolve(base, text);
	const ref = refWithin(base, absolute);
	if (ref === undefined) {
		if (!existsSync(absolute)) return {ok: false, error: `no such file: ${text}`};
		const real = realOr(absolute);
		// Stored as an absolute path it would name a file that no other machine
		// (nor the auditor reading a snapshot) has, and verify could never check it.
		return {
			ok: false,
			error: `${text}${real === absolute ? '' : ` leads to ${real}, which`} is outside ${base} (${gitRoot(cwd) ? 'the repository' : 'the current folder'}): evidence files are stored relative to it so that the database can move with it; copy the file in, or link to it by URL`,
		};
	}
	const hashed = hashEvidenceFile(absolute);
	if (!hashed.ok)
		return {
			ok: false,
			error: hashed.kind === 'missing' ? `no such file: ${text}` : `${text} ${hashed.text}`,
		};
	return {
		ok: true,
		evidence: {kind: 'file', ref, sha256: hashed.sha256, addedAt: now.toISOString()},
	};
}

function realOr(path: string): string {
	try {
		return realpathSync.native(path);
	} catch {
		return path;
	}
}

/** `path` relative to `base` with `/` separators when it lies inside it, else undefined. */
function inside(base: string, path: string): string | undefined {
	const rel = relative(base, path);
	if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
	return rel.split(sep).join('/');
}

/**
 * The ref of a file inside the evidence base, or undefined when it is outside:
 * judged by the path as given, and by where it really leads (a link inside
 * the repository to a file outside it is outside too; a repository reached
 * through a linked folder is still inside).
 */
function refWithin(base: string, absolute: string): string | undefined {
	const realBase = realOr(base);
	const real = realOr(absolute);
	if (inside(realBase, real) === undefined) return undefined;
	return inside(base, absolute) ?? inside(realBase, real);
}

/** Where a file evidence ref points now. */
export function evidencePath(ref: string, cwd: string): string {
	return isAbsolute(ref) ? ref : resolve(evidenceBase(cwd), ref);
}
