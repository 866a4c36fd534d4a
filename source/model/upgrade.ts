import {PreflightError} from '../errors.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {sha256Hex} from './canonical.js';
import type {Actor} from './actor.js';
import {emptyRecord, mapOf, recordFrom} from './records.js';
import type {AuditEntry, Checklist, Review} from './schemas.js';

/** What taking a new checklist version did to a review. */
export type UpgradeReport = {
	from: {version: string; digest: string};
	to: {version: string; digest: string};
	added: string[];
	removed: string[];
	changed: string[];
	renamed: Array<[from: string, to: string]>;
};

/** Per item, a short digest of what a reviewer signed off against: title and guidance. */
export function itemFingerprints(checklist: Checklist): Record<string, string> {
	const out = emptyRecord<string>();
	for (const s of checklist.sections)
		for (const it of s.items)
			out[it.id] = sha256Hex(JSON.stringify([it.title, it.guidance])).slice(0, 16);
	return out;
}

export function describeUpgrade(r: UpgradeReport): string {
	const parts = [
		`${r.added.length} new`,
		`${r.removed.length} removed`,
		`${r.changed.length} changed`,
	];
	if (r.renamed.length) parts.push(`${r.renamed.length} renamed`);
	return `checklist updated ${sanitizeLine(r.from.version)} → ${sanitizeLine(r.to.version)}: ${parts.join(', ')}`;
}

/**
 * Brings a review onto the checklist it is opened with. Answers carry over by
 * item id (and through `renamed`); new items are pending; removed items leave
 * the answers but stay in the audit log with their last answer; items whose
 * title or guidance changed keep their answer, marked for re-review. Returns
 * the review unchanged and no report when the checklist is the same.
 */
export function upgradeReview(
	review: Review,
	checklist: Checklist,
	digest: string,
	actor: Actor,
	/** false when judging only, nothing will be saved: the audit log is left as it was. */
	log = true,
): {review: Review; report?: UpgradeReport} {
	if (review.checklist.id !== checklist.id)
		throw new PreflightError(
			`review of ${sanitizeLine(review.system)} uses checklist "${sanitizeLine(review.checklist.id)}", not "${sanitizeLine(checklist.id)}"; pass the matching --checklist`,
		);
	if (review.checklist.digest !== digest && isEarlier(review, checklist.version, digest))
		throw new PreflightError(
			`checklist ${sanitizeLine(checklist.id)} ${sanitizeLine(checklist.version)} is older than ${sanitizeLine(review.checklist.version)}, which the review of ${sanitizeLine(review.system)} already uses; pass the current checklist (going back would drop answers)`,
		);
	// Maps, not objects: every id here is text from a checklist or a database,
	// and an id such as `constructor` must not find Object.prototype's member.
	const before = mapOf(review.checklist.items);
	const known = before.size > 0;
	if (review.checklist.digest === digest && known) return {review};
	const fingerprints = itemFingerprints(checklist);
	// A review from before fingerprints were kept: record them, nothing else changes.
	if (review.checklist.digest === digest)
		return {review: {...review, checklist: {...review.checklist, items: fingerprints}}};
	const now = mapOf(fingerprints);
	const at = actor.at.toISOString();
	const audit: AuditEntry[] = [];
	const answers = mapOf(review.answers);
	const report: UpgradeReport = {
		from: {version: review.checklist.version, digest: review.checklist.digest},
		to: {version: checklist.version, digest},
		added: [],
		removed: [],
		changed: [],
		renamed: [],
	};
	const previousPrint = new Map<string, string | undefined>(before);
	for (const [oldId, newId] of Object.entries(checklist.renamed ?? {})) {
		if (!now.has(newId) || now.has(oldId)) continue;
		const answer = answers.get(oldId);
		if (answer && !answers.get(newId)) {
			answers.set(newId, answer);
			answers.delete(oldId);
			audit.push({
				at,
				by: actor.by,
				item: newId,
				from: answer.status,
				to: answer.status,
				detail: `renamed from ${oldId}`,
			});
		}
		if (before.get(oldId) !== undefined || answer) {
			report.renamed.push([oldId, newId]);
			previousPrint.set(newId, before.get(oldId));
			previousPrint.delete(oldId);
		}
	}
	const gone = new Set([...previousPrint.keys(), ...answers.keys()].filter((id) => !now.has(id)));
	for (const id of gone) {
		report.removed.push(id);
		const answer = answers.get(id);
		audit.push({
			at,
			by: actor.by,
			item: id,
			from: answer?.status ?? 'pending',
			to: 'pending',
			detail: `removed from checklist ${checklist.version}; last answer: ${answer ? JSON.stringify(answer) : 'none'}`,
		});
		answers.delete(id);
	}
	for (const [id, print] of now) {
		const old = previousPrint.get(id);
		if (known && old === undefined && !report.renamed.some(([, n]) => n === id)) {
			report.added.push(id);
			continue;
		}
		if (old === undefined || old === print) continue;
		report.changed.push(id);
		const answer = answers.get(id);
		if (answer && answer.status !== 'pending') {
			answers.set(id, {...answer, reReview: true});
			audit.push({
				at,
				by: actor.by,
				item: id,
				from: answer.status,
				to: answer.status,
				detail: `title or guidance changed in checklist ${checklist.version}: needs re-review`,
			});
		}
	}
	audit.unshift({
		at,
		by: actor.by,
		item: '*',
		from: 'pending',
		to: 'pending',
		detail: `upgraded checklist ${review.checklist.version} (${review.checklist.digest}) → ${checklist.version} (${digest}): ${report.added.length} new, ${report.removed.length} removed, ${report.changed.length} changed, ${report.renamed.length} renamed`,
	});
	return {
		review: {
			...review,
			answers: recordFrom(answers),
			checklist: {id: checklist.id, version: checklist.version, digest, items: fingerprints},
			updatedAt: at,
			audit: log ? [...review.audit, ...audit] : review.audit,
		},
		report,
	};
}

/** Dotted numeric versions ("1.10.0") compared numerically; undefined when either is not one. */
function compareVersions(a: string, b: string): number | undefined {
	const pattern = /^v?\d+(\.\d+)*$/;
	if (!pattern.test(a) || !pattern.test(b)) return undefined;
	const pa = a.replace(/^v/, '').split('.').map(Number);
	const pb = b.replace(/^v/, '').split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

/**
 * True when the checklist is one the review has already moved on from: an
 * earlier upgrade started from this digest, or its version number is lower.
 */
function isEarlier(review: Review, version: string, digest: string): boolean {
	const fromThis = `(${digest}) →`;
	if (
		review.audit.some(
			(e) =>
				e.item === '*' && e.detail?.startsWith('upgraded checklist') && e.detail.includes(fromThis),
		)
	)
		return true;
	const order = compareVersions(version, review.checklist.version);
	return order !== undefined && order < 0;
}

/**
 * The review as it stands on this checklist, for judging only: upgraded in
 * memory with nothing added to its audit log. Undefined when it cannot be
 * judged on it (another checklist, or one older than the review's).
 */
export function onChecklist(
	review: Review,
	checklist: Checklist,
	digest: string,
	at: Date,
): Review | undefined {
	try {
		return upgradeReview(review, checklist, digest, {by: 'preflight', at}, false).review;
	} catch {
		return undefined;
	}
}
