import type {Invocation} from '../cli/args.js';
import {defaultChecklistPath, loadChecklist, type LoadedChecklist} from '../checklist/load.js';
import {withinLimits} from '../errors.js';
import {readSnapshotFile, type ReadSnapshot} from '../report/read.js';
import {verifySnapshot} from '../report/verify.js';
import {checklistFor} from '../session.js';
import {print, printJson} from '../terminal/print.js';

/**
 * The checklist to compare the items with: `--checklist` when given (its digest
 * must be the snapshot's, or verify says so and fails), else the bundled
 * checklist when the snapshot was judged on it, else none.
 */
async function checklistToCompare(
	inv: Invocation,
	read: ReadSnapshot,
): Promise<LoadedChecklist | undefined> {
	if (inv.flags.checklist !== undefined) return checklistFor(inv.flags);
	if (!read.snapshot) return undefined;
	const bundled = loadChecklist(defaultChecklistPath());
	return bundled.digest === read.snapshot.checklist.digest ? bundled : undefined;
}

/**
 * `preflight verify FILE`: digest, bytes, preflight's rules, the checklist and
 * file evidence. Exit 0 intact, 1 changed. Every line is printed through the
 * sanitiser (terminal/print): all of it may come from an edited file.
 */
export async function run(inv: Invocation): Promise<number> {
	// The parser gave the one argument the command table declares.
	const [file = ''] = inv.positionals;
	const read = readSnapshotFile(file);
	const checklist = await checklistToCompare(inv, read);
	const result = withinLimits(file, () => verifySnapshot(read, process.cwd(), checklist));
	if (inv.flags.json) {
		printJson({file, ...result});
		return result.intact ? 0 : 1;
	}
	const lines: string[] = [`${file}: ${result.intact ? '✔ intact' : '✖ CHANGED'}`];
	const say = (line: string) => lines.push(`  ${line}`);
	if (result.formatProblem) say(`✖ does not fit the snapshot format: ${result.formatProblem}`);
	say(
		result.digestOk
			? `✔ digest ${result.digest} matches the content`
			: `✖ digest mismatch: the file says ${result.digest || '(none)'}, its content hashes to ${result.recomputed}`,
	);
	if (!result.bytesOk && result.digestOk && !result.formatProblem)
		say('✖ the bytes differ from what preflight wrote (whitespace, escaping or key order edited)');
	for (const problem of result.inconsistencies) say(`✖ inconsistent: ${problem}`);
	if (!result.formatProblem && result.inconsistencies.length === 0)
		say(
			result.checklist
				? `✔ answers, verdict, totals and blockers keep preflight's rules; items, levels and titles match checklist ${result.checklist}`
				: "✔ answers, verdict, totals and blockers keep preflight's rules",
		);
	if (!result.formatProblem && !result.checklist)
		say(
			'? levels, titles and evidence rules not compared with a checklist: pass --checklist FILE (the one the snapshot was judged on)',
		);
	if (result.formatProblem) say('file evidence not checked: the snapshot is not readable as one');
	else if (result.files.length === 0) say('no file evidence');
	for (const f of result.files) {
		const where = `${f.itemId}: ${f.ref}`;
		if (f.state === 'ok') say(`✔ ${where} unchanged`);
		else if (f.state === 'missing') say(`✖ ${where} is missing (${f.path})`);
		else if (f.state === 'unreadable') say(`✖ ${where} not checked: ${f.path} ${f.problem ?? ''}`);
		else if (f.state === 'changed')
			say(
				`✖ ${where} changed since sign-off (sha256 now ${f.actual?.slice(0, 12)}…, was ${f.recorded?.slice(0, 12)}…)`,
			);
		else say(`✖ ${where} has no recorded sha256 to compare`);
	}
	say(`note: ${result.limits}`);
	print(...lines);
	return result.intact ? 0 : 1;
}
