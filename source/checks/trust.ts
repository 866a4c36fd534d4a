// Which checklists' commands this machine runs: a checklist's checks run only
// once its exact digest has been trusted here (the app asks once, showing every
// command; `preflight check --trust`; PREFLIGHT_TRUST_CHECKS=<digest>). A
// changed checklist has another digest and must be trusted again. The file is
// the user's, 0600, validated on read; one that cannot be read trusts nothing.
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import * as z from '../model/zod.js';

const trustFileSchema = z.strictObject({
	version: z.literal(1),
	trusted: z.array(
		z.strictObject({
			digest: z.string(),
			checklist: z.string(),
			at: z.string(),
		}),
	),
});
type TrustFile = z.infer<typeof trustFileSchema>;

/** Where the trusted digests are kept: $XDG_CONFIG_HOME/preflight/trusted-checks.json (else ~/.config). */
function trustFilePath(env = process.env): string {
	const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
	return join(base, 'preflight', 'trusted-checks.json');
}

function readTrust(path: string): TrustFile {
	try {
		const parsed = z.safeParse(trustFileSchema, JSON.parse(readFileSync(path, 'utf8')));
		if (parsed.success) return parsed.data;
	} catch {
		// Missing or unreadable: nothing is trusted.
	}
	return {version: 1, trusted: []};
}

/** True when this checklist digest may run its commands here. */
export function isTrusted(digest: string, env = process.env): boolean {
	if (env.PREFLIGHT_TRUST_CHECKS?.split(/[\s,]+/).includes(digest)) return true;
	return readTrust(trustFilePath(env)).trusted.some((t) => t.digest === digest);
}

/** Records the digest as trusted (0600, written whole then renamed). */
export function trust(digest: string, checklist: string, at: Date, env = process.env): void {
	const path = trustFilePath(env);
	const file = readTrust(path);
	if (file.trusted.some((t) => t.digest === digest)) return;
	file.trusted.push({digest, checklist, at: at.toISOString()});
	mkdirSync(dirname(path), {recursive: true, mode: 0o700});
	const tmp = `${path}.${process.pid}.tmp`;
	writeFileSync(tmp, `${JSON.stringify(file, null, '\t')}\n`, {mode: 0o600});
	renameSync(tmp, path);
}
