import {itemIndex} from '../model/orphans.js';
import {asOfDate, type Flags} from '../cli/args.js';
import type {LoadedChecklist} from '../checklist/load.js';
import {evaluate, type Evaluation, type ItemResult} from '../model/evaluate.js';
import {PreflightError} from '../errors.js';
import {ownValue} from '../model/records.js';
import type {Answer, Checklist, Evidence, Proposal, Review, SignOff} from '../model/schemas.js';
import {
	orphanCount,
	orphansLine,
	orphansOf,
	pendingProposals,
	proposalsLine,
	type UpgradeReport,
	upgradeReview,
} from '../model/upgrade.js';
import {lookupItem, lookupProblem} from '../model/item-lookup.js';
import {now} from '../system/clock.js';
import {gitHead} from '../system/git.js';
import {resolveIdentity} from '../system/identity.js';
import {checklistFor, chooseReview} from '../session.js';
import {resolveDbPath} from '../store/database.js';
import {realTarget} from '../store/files.js';
import {readOneReview} from '../store/large-database.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {statusLabel, statusLooks} from '../model/vocabulary.js';
import {cells, fitColumns} from '../terminal/width.js';

/**
 * Text as a table cell of `width` columns: cut with "…" when wider, padded
 * with spaces by display width, so rows line up with wide characters too.
 */
export function cell(text: string, width: number): string {
	const fitted = fitColumns(text, width);
	return `${fitted}${' '.repeat(Math.max(0, width - cells(fitted)))}`;
}

/** The review a read-only command acts on, with its checklist; the store is closed again. */
async function loadReview(flags: Flags): Promise<{
	review: Review;
	loaded: LoadedChecklist;
	dbPath: string;
	upgrade?: UpgradeReport;
	/** Renames waiting for a person: never taken by a command that only reads. */
	proposals: Proposal[];
}> {
	const loaded = await checklistFor(flags);
	// The real file (a symbolic link followed), as the store and the app use it:
	// snapshots go beside it.
	const dbPath = realTarget(resolveDbPath(flags.db));
	const selected = await readOneReview(dbPath, (reviews) => chooseReview(reviews, flags, dbPath));
	// Judged against the checklist as it is now; a read-only command upgrades
	// in memory only, the app or `set` saves the upgrade.
	// Nothing is saved here, so nothing is logged either (the tool is no reviewer).
	const {review, report} = upgradeReview(
		selected,
		loaded.checklist,
		loaded.digest,
		{by: 'preflight', at: now()},
		false,
	);
	const proposals = pendingProposals(review, loaded.checklist);
	return {review, loaded, dbPath, proposals, ...(report ? {upgrade: report} : {})};
}

/** A title as quoted in a line: sanitised, in curly quotes. */
export function quoted(title: string): string {
	return `“${sanitizeLine(title)}”`;
}

/** A rename's titles as printed: “old” → “new” (the old one when the review remembers it). */
export function renameTitles(
	review: Review,
	items: ReturnType<typeof itemIndex>,
	p: Proposal,
): string {
	const before = ownValue(review.orphans, p.from)?.item?.title;
	const after = items.get(p.to)?.item.title ?? p.to;
	return `${before ? `${quoted(before)} → ` : ''}${quoted(after)}`;
}

/** One line per proposed rename: the ids, the titles and the score. */
export function proposalLines(
	review: Review,
	checklist: Checklist,
	proposals: readonly Proposal[],
): string[] {
	const items = itemIndex(checklist);
	return proposals.map(
		(p) =>
			`  ${sanitizeLine(p.from)} → ${sanitizeLine(p.to)}  ${renameTitles(review, items, p)}  score ${p.score.toFixed(2)}`,
	);
}

/** One line per orphan: its answer, its old id and title, and the version that removed it. */
export function orphanLines(review: Review): string[] {
	return orphansOf(review).map(([id, o]) => {
		const title = o.item?.title;
		return `  ${statusLabel(o.answer.status)}  ${sanitizeLine(id)}${title ? `  ${quoted(title)}` : ''}  removed in ${sanitizeLine(o.removedIn)}`;
	});
}

/**
 * The short notes a command prints about answers waiting to be re-attached:
 * renames proposed, then orphans; none when there are neither.
 */
export function renameNotes(review: Review, proposals: readonly Proposal[]): string[] {
	const orphans = orphanCount(review);
	return [
		...(proposals.length ? [`note: ${proposalsLine(proposals.length)}`] : []),
		...(orphans ? [`note: ${orphansLine(orphans)}`] : []),
	];
}

/** Orphans and proposals as status and gate print them in JSON. */
export function renamesJson(review: Review, proposals: readonly Proposal[]) {
	return {
		orphans: orphansOf(review).map(([id, o]) => ({
			id,
			...(o.item?.title !== undefined ? {title: o.item.title} : {}),
			status: o.answer.status,
			removedIn: o.removedIn,
			removedAt: o.removedAt,
		})),
		proposedRenames: proposals.map((p) => ({from: p.from, to: p.to, score: p.score})),
	};
}

export {reviewName} from '../model/review.js';

/** Who may settle a blocker, when its owners are not already in its reason: " · owners security, sre". */
function ownersNote(b: ItemResult): string {
	const {owners} = b.signing.rule;
	if (!owners.length || b.blocker === b.signing.problem) return '';
	return ` · owners ${owners.map(sanitizeLine).join(', ')}`;
}

/** One blocker per line, for terminals: all user text sanitised. A conflict is marked ⚠, as in the app. */
export function blockerLines(evaluation: Evaluation, blockers = evaluation.blockers): string[] {
	return blockers.map(
		(b) =>
			`  ${(b.conflict ? statusLooks.conflict : statusLooks.fail).glyph} ${sanitizeLine(b.item.id)}  ${sanitizeLine(b.item.title)}: ${sanitizeLine(b.blocker ?? '')}${ownersNote(b)}`,
	);
}

/** A sign-off as the JSON output gives it: optional members only when present. */
function signOffJson(o: SignOff): SignOff {
	return {
		by: o.by,
		...(o.email ? {email: o.email} : {}),
		at: o.at,
		...(o.commit ? {commit: o.commit} : {}),
	};
}

/** One answer of a conflict, as `status --json` and `gate --json` give it: what it said and who signed it. */
export type ConflictAnswerJson = {
	status: Answer['status'];
	signedOff?: SignOff;
	approvals?: SignOff[];
	note?: string;
	justification?: string;
	waiver?: {reason: string; owner: string; expires: string};
	evidence: Array<{kind: Evidence['kind']; ref: string; sha256?: string}>;
};

function conflictAnswerJson(a: Answer): ConflictAnswerJson {
	return {
		status: a.status,
		...(a.signedOff ? {signedOff: signOffJson(a.signedOff)} : {}),
		...(a.approvals?.length ? {approvals: a.approvals.map(signOffJson)} : {}),
		...(a.note ? {note: a.note} : {}),
		...(a.status === 'na' && a.justification ? {justification: a.justification} : {}),
		...(a.status === 'waived' && a.waiver
			? {waiver: {reason: a.waiver.reason, owner: a.waiver.owner, expires: a.waiver.expires}}
			: {}),
		evidence: a.evidence.map((e) =>
			e.sha256 ? {kind: e.kind, ref: e.ref, sha256: e.sha256} : {kind: e.kind, ref: e.ref},
		),
	};
}

/** How a conflict is settled, said once under the conflicts listed (docs/team.md#conflicts). */
export const CONFLICT_HOW =
	'keep one answer in the app (1–9 on the item), or answer afresh: preflight set ITEM STATUS';

/** When a sign-off was given, for a line a person reads: `2026-11-02 14:00 UTC`. */
function whenText(at: string): string {
	return `${at.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The conflicts of a review, for `status`: each item, then each answer
 * numbered as the app's keys keep them, with who signed it, its note and
 * evidence. All user text sanitised.
 */
export function conflictLines(evaluation: Evaluation): string[] {
	const out: string[] = [];
	for (const s of evaluation.sections)
		for (const r of s.items) {
			if (!r.conflict) continue;
			out.push(
				`  ${statusLooks.conflict.glyph} ${sanitizeLine(r.item.id)}  ${sanitizeLine(r.item.title)}`,
			);
			r.conflict.answers.forEach((a, i) => {
				const look = statusLooks[a.status];
				const parts = [
					`${look.glyph} ${look.word}${a.status === 'pending' ? ' (cleared)' : ''}`,
					a.signedOff ? `by ${sanitizeLine(a.signedOff.by)} at ${whenText(a.signedOff.at)}` : '',
				].filter(Boolean);
				const more = [
					a.note ? `note: ${sanitizeLine(a.note)}` : '',
					a.status === 'na' && a.justification
						? `justification: ${sanitizeLine(a.justification)}`
						: '',
					a.status === 'waived' && a.waiver
						? `waived until ${a.waiver.expires}, owner ${sanitizeLine(a.waiver.owner)}: ${sanitizeLine(a.waiver.reason)}`
						: '',
					a.evidence.length
						? `evidence: ${a.evidence.map((e) => sanitizeLine(e.ref)).join(', ')}`
						: '',
				].filter(Boolean);
				out.push(
					`      ${i + 1}. ${parts.join(' ')}${more.length ? ` — ${more.join(' · ')}` : ''}`,
				);
			});
		}
	return out;
}

/** Each blocker with its reason and its owners (the roles that may settle it; none: anyone), so a pipeline can tell the right people. */
export function blockersJson(
	evaluation: Evaluation,
	blockers = evaluation.blockers,
): Array<{
	itemId: string;
	title: string;
	reason: string;
	owners: string[];
	approvals?: {have: number; need: number};
	conflict?: {answers: ConflictAnswerJson[]};
}> {
	return blockers.map((b) => ({
		itemId: b.item.id,
		title: b.item.title,
		reason: b.blocker ?? '',
		owners: b.signing.rule.owners,
		...(b.conflict ? {conflict: {answers: b.conflict.answers.map(conflictAnswerJson)}} : {}),
		...(b.signing.rule.approvals > 1
			? {
					approvals: {
						have: b.answer.status === 'pass' ? b.signing.counted.length : 0,
						need: b.signing.rule.approvals,
					},
				}
			: {}),
	}));
}

/**
 * The blockers `--owner ROLE` asks for: those the role may settle. A role the
 * team file does not define is refused (a typo would show nothing to do).
 */
export function blockersFor(
	evaluation: Evaluation,
	role: string | undefined,
	loaded: LoadedChecklist,
): ItemResult[] {
	if (role === undefined) return evaluation.blockers;
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(role))
		throw new PreflightError(
			'--owner needs a role name: a letter or digit, then letters, digits and . _ -',
		);
	if (loaded.team && !ownValue(loaded.team.roles, role))
		throw new PreflightError(
			`--owner ${sanitizeLine(role)}: the team file defines no such role (it has ${Object.keys(loaded.team.roles).map(sanitizeLine).join(', ')})`,
		);
	return evaluation.blockers.filter((b) => b.signing.rule.owners.includes(role));
}

/**
 * What status, gate and snapshot share: the review (upgraded in memory to the
 * checklist) judged at `--as-of`, else at `now`.
 */
export async function judgeReview(flags: Flags, at: Date) {
	const asOf = asOfDate(flags['as-of'], at);
	const loadedReview = await loadReview(flags);
	const evaluation = evaluate(
		loadedReview.loaded.checklist,
		loadedReview.review,
		asOf,
		loadedReview.loaded.team,
	);
	return {...loadedReview, asOf, evaluation};
}

/** The checklist item ITEM names (its id, a unique start or part of it), or one line saying why none. */
export function itemOf(loaded: LoadedChecklist, itemId: string) {
	const found = lookupItem(loaded.checklist, itemId);
	if (!('item' in found))
		throw new PreflightError(
			lookupProblem(
				found,
				itemId,
				`checklist ${sanitizeLine(loaded.checklist.id)} ${sanitizeLine(loaded.checklist.version)}`,
				sanitizeLine,
			),
		);
	return found.item;
}

/**
 * Who a command signs as, at `at`: the reviewer (--reviewer, else the
 * environment, git or the OS user), their email, and git's HEAD. Settled (and
 * a bad name or email refused) before anything is written.
 */
export function actorFor(reviewer: string | undefined, at: Date) {
	const commit = gitHead(process.cwd());
	const {name, email} = resolveIdentity(reviewer);
	return {
		by: name,
		...(email ? {email} : {}),
		at,
		...(commit ? {commit} : {}),
	};
}
