import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {diffSnapshots, renderDiffText} from '../report/diff.js';
import {readValidSnapshot} from '../report/read.js';
import {snapshotDigest} from '../report/snapshot.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {printError, printJson, printText} from '../terminal/print.js';

/** `preflight diff OLD NEW`: status, evidence, sign-off and verdict changes. Exit 0. */
export async function run(inv: Invocation): Promise<number> {
	// The parser gave the two arguments the command table declares.
	const [oldFile = '', newFile = ''] = inv.positionals;
	const older = readValidSnapshot(oldFile);
	const newer = readValidSnapshot(newFile);
	const a = older.snapshot.review;
	const b = newer.snapshot.review;
	if (a.system !== b.system || (a.release ?? '') !== (b.release ?? ''))
		throw new PreflightError(
			`${sanitizeLine(oldFile)} and ${sanitizeLine(newFile)} are snapshots of different reviews (${sanitizeLine(a.system)} ${sanitizeLine(a.release ?? '')} vs ${sanitizeLine(b.system)} ${sanitizeLine(b.release ?? '')})`.replace(
				/ \)/g,
				')',
			),
		);
	// A diff of altered files would mislead: say so, but still show it.
	for (const r of [older, newer])
		if (snapshotDigest(r.raw) !== r.snapshot.digest)
			printError(`warning: ${r.path} does not match its digest; run preflight verify`);
	const diff = diffSnapshots(older.snapshot, newer.snapshot);
	if (inv.flags.json) printJson(diff);
	else printText(renderDiffText(diff, {from: older.snapshot.verdict, to: newer.snapshot.verdict}));
	return 0;
}
