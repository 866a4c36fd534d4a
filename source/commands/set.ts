import type {Invocation} from '../cli/args.js';
import {conflictOf} from '../model/conflicts.js';
import {PreflightError} from '../errors.js';
import {answerFor} from '../model/evaluate.js';
import {invalidAnswer, recordAnswer, withEvidence, withNote, withStatus} from '../model/review.js';
import {statuses, type Answer, type Review, type Status} from '../model/schemas.js';
import {checklistFor, findOrCreateReview, lockWaitMs, openStore, selectReview} from '../session.js';
import {now} from '../system/clock.js';
import {parseEvidence} from '../system/evidence.js';
import {fitColumns} from '../terminal/width.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {statusLabel} from '../model/vocabulary.js';
import {judgeSignOffs, ruleFor} from '../model/team.js';
import {describeUpgrade, pendingProposals, proposalsLine, upgradeReview} from '../model/upgrade.js';
import {actorFor, itemOf, reviewName} from './common.js';
import {print, printError} from '../terminal/print.js';
import {invalidLaunchDate, pastLaunchDate, withLaunchDate} from '../model/launch.js';
import {saveReview} from './save-review.js';
import type {LoadedChecklist} from '../checklist/load.js';
import type {Store} from '../store/database.js';

function isStatus(word: string): word is Status {
	return (statuses as readonly string[]).includes(word);
}

/**
 * `preflight set ITEM STATUS`: a scripted sign-off under the app's rules. Every
 * check runs before anything is written; invalid input exits 2 with one line.
 */
export async function run(inv: Invocation): Promise<number> {
	const {flags, positionals} = inv;
	if (positionals.length === 0 && flags.launch !== undefined) return setLaunchOnly(inv);
	if (positionals.length < 2)
		throw new PreflightError(
			'usage: preflight set ITEM STATUS [options], or preflight set --launch DATE alone; see preflight set --help',
		);
	const [itemId = '', word = ''] = positionals;
	const status = word.toLowerCase();
	if (!isStatus(status))
		throw new PreflightError(
			`unknown status "${sanitizeLine(word)}": use pending, pass, fail, na or waived`,
		);
	if (flags.justification !== undefined && status !== 'na')
		throw new PreflightError('--justification goes with status na');
	const waiverFlags = [flags['waiver-reason'], flags['waiver-owner'], flags['waiver-expires']];
	if (waiverFlags.some((f) => f !== undefined) && status !== 'waived')
		throw new PreflightError(
			'--waiver-reason, --waiver-owner and --waiver-expires go with status waived',
		);

	const launch = flags.launch?.trim();
	if (launch) {
		const invalid = invalidLaunchDate(launch);
		if (invalid) throw new PreflightError(sanitizeLine(invalid));
	}
	const loaded = await checklistFor(flags);
	const item = itemOf(loaded, itemId);

	const at = now();
	const cwd = process.cwd();
	const evidence = (flags.evidence ?? []).map((input) => {
		const result = parseEvidence(input, cwd, at);
		// (a reference too long to take is shown by its start)
		if (!result.ok)
			throw new PreflightError(
				`evidence "${fitColumns(sanitizeLine(input), 60)}": ${result.error}`,
			);
		return result.evidence;
	});

	// Who signs off is settled (and a name refused) before the database is touched.
	const actor = actorFor(flags.reviewer, at);
	const store = await openStore(flags, {what: 'preflight set', waitMs: lockWaitMs()});
	try {
		const {review: original, created} = reviewToSet(store, loaded, flags, at);
		// The review first takes the checklist it is being answered against.
		const upgrade = upgradeReview(original, loaded.checklist, loaded.digest, actor);
		const review = upgrade.review;
		if (upgrade.report) print(`note: ${describeUpgrade(upgrade.report)}`);
		// A rename by similarity is a person's call: kept waiting, and said.
		const proposals = pendingProposals(review, loaded.checklist).filter((p) => p.to !== item.id);
		if (proposals.length) print(`note: ${proposalsLine(proposals.length)}`);

		const previous = answerFor(review, item.id);
		// An answer given to a conflict settles it (docs/team.md#conflicts): said in the line printed.
		const conflicted = conflictOf(review, item.id) !== undefined;
		let next: Answer = previous;
		for (const e of evidence) next = withEvidence(next, e);
		if (flags.note !== undefined) next = withNote(next, flags.note);
		const waiver =
			status === 'waived'
				? {
						reason: flags['waiver-reason'] ?? previous.waiver?.reason ?? '',
						owner: flags['waiver-owner'] ?? previous.waiver?.owner ?? '',
						expires: flags['waiver-expires'] ?? previous.waiver?.expires ?? '',
					}
				: undefined;
		next = withStatus(next, status, {
			...(flags.justification !== undefined ? {justification: flags.justification} : {}),
			...(waiver ? {waiver} : {}),
		});
		if (waiver) {
			const missing = (['reason', 'owner', 'expires'] as const).filter((k) => !waiver[k].trim());
			if (missing.length)
				throw new PreflightError(
					`a waiver needs ${missing.map((k) => `--waiver-${k}`).join(', ')}`,
				);
		}
		const invalid = invalidAnswer(item, next, at);
		if (invalid) throw new PreflightError(invalid);

		// `set` is an explicit sign-off: the same status again renews it (a stale pass re-confirmed).
		let updated = recordAnswer(review, item.id, next, actor, undefined, {confirm: true});
		if (launch !== undefined) updated = withLaunchDate(updated, launch || undefined, actor);
		const name = sanitizeLine(reviewName(review));
		if (updated === original && !created) {
			print(`${name}: ${sanitizeLine(item.id)} unchanged (${statusLabel(status)})`);
			warnPastLaunch(launch, at);
			return 0;
		}
		const notes = await saveReview(store, created ? undefined : original, updated, loaded, at);
		if (notes.length) print(...notes);
		warnPastLaunch(launch, at);
		const count = next.evidence.length;
		// What the item still waits on under its owners and approvals (docs/team.md).
		const waiting = judgeSignOffs(
			loaded.team,
			ruleFor(loaded.checklist, item.id),
			answerFor(updated, item.id),
		).problem;
		print(
			`${name}: ${sanitizeLine(item.id)} ${statusLabel(conflicted ? 'conflict' : previous.status)} → ${statusLabel(status)}${conflicted ? ' (conflict answered afresh)' : ''}${count ? ` (${count} evidence)` : ''}${waiting ? ` — ${sanitizeLine(waiting)}` : ''}${created ? ' [review created]' : ''}`,
		);
		return 0;
	} finally {
		await store.close();
	}
}

/** The review `set` acts on: --system's, created when new; else the one the flags pick. */
function reviewToSet(
	store: Store,
	loaded: LoadedChecklist,
	flags: Invocation['flags'],
	at: Date,
): {review: Review; created: boolean} {
	if (flags.system) return findOrCreateReview(store, loaded, flags.system, flags.release, at);
	if (store.data.reviews.length === 0)
		throw new PreflightError(
			`no review in ${sanitizeLine(store.path)} yet: name one with --system NAME [--release R] to create it`,
		);
	return {review: selectReview(store, flags), created: false};
}

/** `preflight set --launch DATE` with no item: the review's launch date alone (`""` removes it). */
async function setLaunchOnly({flags}: Invocation): Promise<number> {
	const answerFlags = (
		[
			'evidence',
			'note',
			'justification',
			'waiver-reason',
			'waiver-owner',
			'waiver-expires',
		] as const
	).filter((f) => flags[f] !== undefined);
	if (answerFlags.length)
		throw new PreflightError(
			`--${answerFlags[0]} goes with ITEM STATUS: preflight set ITEM STATUS --${answerFlags[0]} …`,
		);
	const launch = flags.launch?.trim() ?? '';
	if (launch) {
		const invalid = invalidLaunchDate(launch);
		if (invalid) throw new PreflightError(sanitizeLine(invalid));
	}
	const loaded = await checklistFor(flags);
	const at = now();
	const actor = actorFor(flags.reviewer, at);
	const store = await openStore(flags, {what: 'preflight set', waitMs: lockWaitMs()});
	try {
		const {review, created} = reviewToSet(store, loaded, flags, at);
		const original = review;
		// As with an answer: the review first takes the checklist it is judged against.
		const upgrade = upgradeReview(review, loaded.checklist, loaded.digest, actor);
		if (upgrade.report) print(`note: ${describeUpgrade(upgrade.report)}`);
		const updated = withLaunchDate(upgrade.review, launch || undefined, actor);
		const name = sanitizeLine(reviewName(review));
		const said = launch ? `launch date ${launch}` : 'no launch date';
		if (updated === original && !created) {
			print(`${name}: ${said} (unchanged)`);
			warnPastLaunch(launch, at);
			return 0;
		}
		const notes = await saveReview(store, created ? undefined : original, updated, loaded, at);
		print(...notes, `${name}: ${said}${created ? ' [review created]' : ''}`);
		warnPastLaunch(launch, at);
		return 0;
	} finally {
		await store.close();
	}
}

/** A launch date before today is kept, and said on stderr (docs/decisions.md#the-launch-date). */
function warnPastLaunch(launch: string | undefined, at: Date): void {
	const past = launch ? pastLaunchDate(launch, at) : undefined;
	if (past) printError(`warning: ${past}`);
}
