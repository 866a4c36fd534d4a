import type {Invocation} from '../cli/args.js';
import {PreflightError} from '../errors.js';
import {ownValue} from '../model/records.js';
import {lookupId, lookupProblem} from '../model/item-lookup.js';
import {itemIndex} from '../model/orphans.js';
import type {Proposal, Review} from '../model/schemas.js';
import {
	acceptProposals,
	attachOrphan,
	cannotAttach,
	declineProposals,
	describeUpgrade,
	orphanCount,
	orphansLine,
	pendingProposals,
	upgradeReview,
} from '../model/upgrade.js';
import {checklistFor, lockWaitMs, openStore, selectReview} from '../session.js';
import {keepChecklistCopy} from '../store/checklist-copies.js';
import {now} from '../system/clock.js';
import {gitHead} from '../system/git.js';
import {resolveReviewer} from '../system/identity.js';
import {print} from '../terminal/print.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {quoted, renameTitles, reviewName} from './common.js';
import {saveReview} from './save-review.js';

/** The id `typed` names among `ids`, or a PreflightError saying why it names none or several. */
function resolveId(
	ids: readonly string[],
	typed: string,
	what: string,
	where: string,
	flag: string,
): string {
	const found = lookupId(ids, typed);
	if ('id' in found) return found.id;
	throw new PreflightError(`${flag}: ${lookupProblem(found, typed, where, sanitizeLine, what)}`);
}

/** `--attach OLD=NEW`, each as a pair (the flag's schema has checked the shape). */
function attachments(values: readonly string[]): Array<[from: string, to: string]> {
	return values.map((v) => {
		const at = v.indexOf('=');
		return [v.slice(0, at), v.slice(at + 1)];
	});
}

/** How one accepted rename is printed: ids, titles, score. */
function renamedLine(review: Review, items: ReturnType<typeof itemIndex>, p: Proposal): string {
	return `renamed ${sanitizeLine(p.from)} → ${sanitizeLine(p.to)}: ${renameTitles(review, items, p)} (score ${p.score.toFixed(2)}; ↻ recheck)`;
}

/**
 * `preflight upgrade`: brings one review onto the checklist as it is now and
 * saves it, printing each rename it applies. Renames proposed by similarity
 * need `--accept-renames` or `--no-renames`: without either the command
 * refuses (exit 2) and writes nothing.
 */
export async function run(inv: Invocation): Promise<number> {
	const {flags} = inv;
	const accept = flags['accept-renames'] === true;
	const decline = flags['no-renames'] === true;
	if (accept && decline)
		throw new PreflightError('--accept-renames and --no-renames exclude each other: give one');
	const pairs = attachments(flags.attach ?? []);
	const loaded = await checklistFor(flags);
	const {checklist} = loaded;
	const at = now();
	const cwd = process.cwd();
	const commit = gitHead(cwd);
	const actor = {by: resolveReviewer(flags.reviewer), at, ...(commit ? {commit} : {})};
	const store = await openStore(flags, {what: 'preflight upgrade', waitMs: lockWaitMs()});
	try {
		const original = selectReview(store, flags);
		const name = sanitizeLine(reviewName(original));
		const {review: upgraded, report} = upgradeReview(original, checklist, loaded.digest, actor);
		let review = upgraded;
		const lines: string[] = [];
		if (report) {
			lines.push(`${name}: ${describeUpgrade(report)}`);
			for (const [from, to] of report.renamed)
				lines.push(
					`renamed ${sanitizeLine(from)} → ${sanitizeLine(to)}: by the checklist's renamed list`,
				);
			for (const [from, to] of report.matched)
				lines.push(`renamed ${sanitizeLine(from)} → ${sanitizeLine(to)}: same title and guidance`);
		}
		// By hand first: an orphan attached by hand leaves the proposals.
		const items = itemIndex(checklist);
		const itemIds = [...items.keys()];
		for (const [fromTyped, toTyped] of pairs) {
			// Either side may be given as enough of its id to name one (see item-lookup.ts).
			const flag = `--attach ${sanitizeLine(fromTyped)}=${sanitizeLine(toTyped)}`;
			const from = resolveId(
				Object.keys(review.orphans ?? {}),
				fromTyped,
				'orphaned answer',
				name,
				flag,
			);
			const to = resolveId(
				itemIds,
				toTyped,
				'item',
				`checklist ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)}`,
				flag,
			);
			const problem = cannotAttach(review, checklist, from, to);
			if (problem)
				throw new PreflightError(`--attach ${sanitizeLine(from)}=${sanitizeLine(to)}: ${problem}`);
			const title = items.get(to)?.item.title ?? to;
			review = attachOrphan(review, checklist, from, to, actor, 'by hand (preflight upgrade)');
			const marked = ownValue(review.answers, to)?.reReview ? ' (↻ recheck)' : '';
			lines.push(`attached ${sanitizeLine(from)} → ${sanitizeLine(to)}: ${quoted(title)}${marked}`);
		}
		const proposals = pendingProposals(review, checklist);
		if (proposals.length && accept) {
			const before = review;
			const taken = acceptProposals(review, checklist, proposals, actor);
			review = taken.review;
			for (const p of taken.accepted) lines.push(renamedLine(before, items, p));
		} else if (proposals.length && decline) {
			review = declineProposals(review, proposals, actor);
			for (const p of proposals)
				lines.push(
					`kept as an orphan: ${sanitizeLine(p.from)} (not renamed to ${sanitizeLine(p.to)})`,
				);
		} else if (proposals.length)
			throw new PreflightError(
				`${proposals.length === 1 ? '1 rename is' : `${proposals.length} renames are`} proposed for ${name}: pass --accept-renames to take them or --no-renames to keep the answers as orphans (preflight status lists them)`,
			);
		const orphans = orphanCount(review);
		const where = `checklist ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)}`;
		const left = orphans ? `; ${orphansLine(orphans)}: preflight status lists them` : '';
		if (review === original) {
			// Nothing to save; the checklist it is on is kept all the same, for its next upgrade.
			const problem = await keepChecklistCopy(store.path, loaded);
			print(
				`${name}: already on ${where}, nothing to change${left}`,
				...(problem ? [`note: ${sanitizeLine(problem)}`] : []),
			);
			return 0;
		}
		const notes = await saveReview(store, original, review, loaded, at);
		print(...lines, ...notes, `${name}: saved on ${where}${left}`);
		return 0;
	} finally {
		await store.close();
	}
}
