import type {Invocation} from '../cli/args.js';
import {readSnapshotFile} from '../report/read.js';
import {verifySnapshot} from '../report/verify.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {print, printJson} from './common.js';

/** `preflight verify FILE`: digest, bytes and file evidence. Exit 0 intact, 1 changed. */
export async function run(inv: Invocation): Promise<number> {
	// The parser gave the one argument the command table declares.
	const [file = ''] = inv.positionals;
	const read = readSnapshotFile(file);
	const result = verifySnapshot(read, process.cwd());
	if (inv.flags.json) {
		printJson({file, ...result});
		return result.intact ? 0 : 1;
	}
	const t = sanitizeLine;
	print(`${t(file)}: ${result.intact ? '✔ intact' : '✖ CHANGED'}`);
	if (result.formatProblem)
		print(`  ✖ does not fit the snapshot format: ${t(result.formatProblem)}`);
	print(
		result.digestOk
			? `  ✔ digest ${t(result.digest)} matches the content`
			: `  ✖ digest mismatch: the file says ${t(result.digest) || '(none)'}, its content hashes to ${result.recomputed}`,
	);
	for (const problem of result.inconsistencies) print(`  ✖ inconsistent: ${t(problem)}`);
	if (!result.formatProblem && result.inconsistencies.length === 0)
		print('  ✔ verdict, totals and blockers agree with the items');
	if (!result.bytesOk && result.digestOk && !result.formatProblem)
		print(
			'  ✖ the bytes differ from what preflight wrote (whitespace, escaping or key order edited)',
		);
	const hashed = result.files.length;
	if (result.formatProblem)
		print('  file evidence not checked: the snapshot is not readable as one');
	else if (hashed === 0) print('  no file evidence');
	for (const f of result.files) {
		const where = `${t(f.itemId)}: ${t(f.ref)}`;
		if (f.state === 'ok') print(`  ✔ ${where} unchanged`);
		else if (f.state === 'missing') print(`  ✖ ${where} is missing (${t(f.path)})`);
		else if (f.state === 'changed')
			print(
				`  ✖ ${where} changed since sign-off (sha256 now ${f.actual?.slice(0, 12)}…, was ${f.recorded?.slice(0, 12)}…)`,
			);
		else print(`  ? ${where} has no recorded sha256 to compare`);
	}
	return result.intact ? 0 : 1;
}
