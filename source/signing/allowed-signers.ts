// git's and ssh-keygen's allowed_signers file (ssh-keygen(1), "ALLOWED
// SIGNERS"): who may sign, by key. Each line is
//   principals [options] keytype base64-key [comment]
// with options cert-authority, namespaces="…", valid-after="…", valid-before="…".
// Parsed by hand (quotes may hold spaces), each line's parts then held to a
// zod schema. Pure: the file is read by the caller.
import * as z from '../model/zod.js';
import {fingerprintOf, parseKeyLine} from './ssh-key.js';

/** One line of the file, validated. */
export type AllowedSigner = {
	line: number;
	principals: string[];
	certAuthority: boolean;
	/** Patterns of the namespaces the key may sign in; undefined: any. */
	namespaces?: string[];
	/** Milliseconds since the epoch. */
	validAfter?: number;
	validBefore?: number;
	keyType: string;
	keyBlob: Buffer;
};

/** A line that does not parse: its number and why. */
export class AllowedSignersError extends Error {
	constructor(
		readonly line: number,
		reason: string,
	) {
		super(`line ${line}: ${reason}`);
	}
}

const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z?)$/;

/** `YYYYMMDD[HHMM[SS]][Z]`: local time unless `Z`, as ssh-keygen reads it. */
export function parseSignerTime(text: string): number | undefined {
	const m = TIMESTAMP.exec(text);
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', zulu] = m;
	const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
	const at = zulu ? Date.UTC(...parts) : new Date(...parts).getTime();
	const back = new Date(at);
	const check = zulu
		? [
				back.getUTCFullYear(),
				back.getUTCMonth(),
				back.getUTCDate(),
				back.getUTCHours(),
				back.getUTCMinutes(),
				back.getUTCSeconds(),
			]
		: [
				back.getFullYear(),
				back.getMonth(),
				back.getDate(),
				back.getHours(),
				back.getMinutes(),
				back.getSeconds(),
			];
	return check.every((v, i) => v === parts[i]) ? at : undefined;
}

const timeOption = z.optional(
	z
		.string()
		.check(
			z.refine((s) => parseSignerTime(s) !== undefined, 'is not a time YYYYMMDD[HHMM[SS]][Z]'),
		),
);

const optionsSchema = z.strictObject({
	'cert-authority': z.optional(z.literal(true)),
	namespaces: z.optional(
		z.string().check(z.regex(/^[^,\s]+(,[^,\s]+)*$/, 'namespaces needs a comma-separated list')),
	),
	'valid-after': timeOption,
	'valid-before': timeOption,
});

/** The next field: up to unquoted whitespace (quotes kept, as ssh-keygen keeps them in options). */
function field(text: string): [string, string] {
	let i = 0;
	let quoted = false;
	for (; i < text.length; i++) {
		const c = text[i]!;
		if (c === '"') quoted = !quoted;
		else if (!quoted && /\s/.test(c)) break;
	}
	if (quoted) throw new Error('a quote is not closed');
	return [text.slice(0, i), text.slice(i).trimStart()];
}

/**
 * The principals field and what follows, as ssh-keygen reads them: a field
 * that starts with a quote ends at the next quote (`"a@x",b@x KEY` is the
 * principal a@x followed by options `,b@x`, which ssh-keygen refuses, and so
 * does preflight); any other ends at the first whitespace, quotes in it kept.
 */
function principalsOf(text: string): [string, string] {
	if (text.startsWith('"')) {
		const close = text.indexOf('"', 1);
		if (close < 0) throw new Error('a quote is not closed');
		return [text.slice(1, close), text.slice(close + 1).trimStart()];
	}
	const m = /^(\S*)\s*([\s\S]*)$/.exec(text);
	return [m?.[1] ?? '', m?.[2] ?? ''];
}

/** `a,b="x,y",c` → {a: true, b: 'x,y', c: true}; commas inside quotes stay. */
function optionRecord(text: string): Record<string, string | true> {
	const out: Record<string, string | true> = Object.create(null) as Record<string, string | true>;
	let rest = text;
	while (rest.length > 0) {
		const m = /^([A-Za-z-]+)(?:="([^"]*)")?(?:,|$)/.exec(rest);
		if (!m) throw new Error(`options "${text}" are not name or name="value" separated by commas`);
		// Option names are case-insensitive, as ssh-keygen reads them.
		const name = m[1]!.toLowerCase();
		if (Object.hasOwn(out, name)) throw new Error(`option ${name} is given twice`);
		out[name] = m[2] ?? true;
		rest = rest.slice(m[0].length);
	}
	return out;
}

function looksLikeKeyType(word: string): boolean {
	return /^(ssh-|ecdsa-|sk-|rsa-)/.test(word);
}

function parseLine(text: string, line: number): AllowedSigner {
	const [principalsField, afterPrincipals] = principalsOf(text.trim());
	let rest = afterPrincipals;
	const principals = principalsField.split(',');
	if (principals.some((p) => p === '')) throw new Error('an empty principal');
	let options: Record<string, string | true> = {};
	const [next = ''] = rest.split(/\s/, 1);
	if (!looksLikeKeyType(next)) {
		let optionsField: string;
		[optionsField, rest] = field(rest);
		options = optionRecord(optionsField);
	}
	const checked = z.safeParse(optionsSchema, options);
	if (!checked.success) {
		const issue = checked.error.issues[0];
		const name = issue?.path[0];
		throw new Error(
			issue?.code === 'unrecognized_keys'
				? `unknown option ${(issue.keys as string[]).join(', ')}`
				: `option ${String(name ?? '')} ${issue?.message ?? 'is invalid'}`,
		);
	}
	const key = parseKeyLine(rest);
	if ('problem' in key) throw new Error(key.problem);
	const o = checked.data;
	return {
		line,
		principals,
		certAuthority: o['cert-authority'] === true,
		...(o.namespaces !== undefined ? {namespaces: o.namespaces.split(',')} : {}),
		...(o['valid-after'] !== undefined ? {validAfter: parseSignerTime(o['valid-after'])!} : {}),
		...(o['valid-before'] !== undefined ? {validBefore: parseSignerTime(o['valid-before'])!} : {}),
		keyType: key.type,
		keyBlob: key.blob,
	};
}

/** Every signer line of the file's text; blank lines and `#` comments skipped. Throws AllowedSignersError. */
export function parseAllowedSigners(text: string): AllowedSigner[] {
	const out: AllowedSigner[] = [];
	for (const [i, raw] of text.split('\n').entries()) {
		const trimmed = raw.trim();
		if (trimmed === '' || trimmed.startsWith('#')) continue;
		try {
			out.push(parseLine(trimmed, i + 1));
		} catch (error) {
			throw new AllowedSignersError(i + 1, (error as Error).message);
		}
	}
	return out;
}

/** ssh's wildcard patterns: `*` any run, `?` one character. */
function matchPattern(text: string, pattern: string): boolean {
	const re = new RegExp(
		`^${pattern
			.replace(/[.+^${}()|[\]\\]/g, '\\$&')
			.replace(/\*/g, '.*')
			.replace(/\?/g, '.')}$`,
		's',
	);
	return re.test(text);
}

/** ssh's pattern lists: a match of a `!pattern` refuses, else any plain match accepts. */
export function matchPatternList(text: string, patterns: readonly string[]): boolean {
	let matched = false;
	for (const p of patterns) {
		if (p.startsWith('!')) {
			if (matchPattern(text, p.slice(1))) return false;
		} else if (matchPattern(text, p)) matched = true;
	}
	return matched;
}

/** Who a key signs as, or why the file does not let it sign here and now. */
export type SignerMatch =
	| {ok: true; principals: string[]; fingerprint: string}
	| {ok: false; problem: string; fingerprint: string};

/**
 * The principals the file lets `keyBlob` sign as, in `namespace` at `at`.
 * cert-authority lines name CAs for certificates, which preflight does not
 * verify; they never match a plain key.
 */
export function signersFor(
	signers: readonly AllowedSigner[],
	keyBlob: Uint8Array,
	namespace: string,
	at: Date,
): SignerMatch {
	const fingerprint = fingerprintOf(keyBlob);
	const same = signers.filter((s) => !s.certAuthority && Buffer.from(keyBlob).equals(s.keyBlob));
	if (same.length === 0)
		return {ok: false, fingerprint, problem: `key ${fingerprint} is not in the allowed signers`};
	const t = at.getTime();
	const reasons: string[] = [];
	const principals: string[] = [];
	for (const s of same) {
		if (s.namespaces && !matchPatternList(namespace, s.namespaces))
			reasons.push(`line ${s.line} allows namespaces ${s.namespaces.join(',')}, not ${namespace}`);
		else if (s.validAfter !== undefined && t < s.validAfter)
			reasons.push(`line ${s.line} is valid only after ${new Date(s.validAfter).toISOString()}`);
		else if (s.validBefore !== undefined && t > s.validBefore)
			reasons.push(`line ${s.line} was valid only before ${new Date(s.validBefore).toISOString()}`);
		else principals.push(...s.principals.filter((p) => !principals.includes(p)));
	}
	if (principals.length === 0)
		return {
			ok: false,
			fingerprint,
			problem: `key ${fingerprint} may not sign here: ${reasons.join('; ')}`,
		};
	return {ok: true, principals, fingerprint};
}
