import {readFileSync, statSync} from 'node:fs';
import {isAbsolute, relative, resolve, sep} from 'node:path';
import {sha256Hex} from '../model/canonical.js';
import type {Evidence} from '../model/schemas.js';
import {gitRoot} from './git.js';

export type EvidenceResult = {ok: true; evidence: Evidence} | {ok: false; error: string};

const scheme = /^([a-z][a-z0-9+.-]*):/i;

/** The folder file evidence is relative to: the git root, else the current directory. */
export function evidenceBase(cwd: string): string {
	return gitRoot(cwd) ?? resolve(cwd);
}

/**
 * Turns what a reviewer typed into evidence: an http(s) URL, or a path to an
 * existing file (stored relative to the evidence base, with its sha256).
 * Any other URL scheme is refused.
 */
export function parseEvidence(input: string, cwd: string, now: Date): EvidenceResult {
	const text = input.trim();
	if (!text) return {ok: false, error: 'type a URL (http/https) or a file path'};
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
	const absolute = resolve(cwd, text);
	let isFile = false;
	try {
		isFile = statSync(absolute).isFile();
	} catch {
		return {ok: false, error: `no such file: ${text}`};
	}
	if (!isFile) return {ok: false, error: `not a file: ${text}`};
	const base = evidenceBase(cwd);
	const rel = relative(base, absolute);
	const ref = rel.startsWith('..') || isAbsolute(rel) ? absolute : rel.split(sep).join('/');
	let sha256: string;
	try {
		sha256 = sha256Hex(readFileSync(absolute));
	} catch {
		return {ok: false, error: `cannot read ${text}`};
	}
	return {ok: true, evidence: {kind: 'file', ref, sha256, addedAt: now.toISOString()}};
}

/** Where a file evidence ref points now. */
export function evidencePath(ref: string, cwd: string): string {
	return isAbsolute(ref) ? ref : resolve(evidenceBase(cwd), ref);
}
