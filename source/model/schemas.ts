import {isAtLeastADay, parseDuration} from './duration.js';
import {CHECK_TIMEOUT_RULE, parseCheckTimeout} from './check-timeout.js';
import {hasOwnProtoKey, withoutPrototype} from './records.js';
import * as z from './zod.js';

// Checked, not trimmed: a transform here would make the saved review differ
// from the one in memory (a system named "x\n" saved as "x"). One instance of
// each, shared: building zod schemas is a visible part of every start.
const nonEmptyText = z.string().check(
	z.minLength(1, 'must not be empty'),
	z.refine((s) => s.length === 0 || s.trim().length > 0, 'must not be blank'),
);
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/;
const idText = z
	.string()
	.check(
		z.regex(
			idPattern,
			'must start with a letter or digit and use only letters, digits and . _ : - /',
		),
	);

/** ISO date `YYYY-MM-DD` that names a real calendar day. */
export const isoDate = z.string().check(
	z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
	z.refine(
		(s) =>
			!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
			new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
		'is not a real calendar date',
	),
);

/**
 * Date#toISOString's own form with every field in range: Date.parse reads all
 * of these. Tried first because Date.parse was a quarter of validating a large
 * database (every answer carries two times); anything else (other forms, V8's
 * 24:00:00.000, days like 02-31 that V8 also reads) goes to Date.parse.
 * test/model/schemas.test.ts holds the two to the same verdicts.
 */
const canonicalInstant =
	/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** What the isoInstant check accepts: a time Date.parse reads, with a zone. */
export function isIsoInstant(s: string): boolean {
	return (
		canonicalInstant.test(s) || (!Number.isNaN(Date.parse(s)) && /Z$|[+-]\d{2}:\d{2}$/.test(s))
	);
}

/** ISO instant as produced by Date#toISOString (UTC). */
export const isoInstant = z.string().check(z.refine(isIsoInstant, 'must be an ISO 8601 UTC time'));

export const levels = ['required', 'recommended'] as const;

/** A role named in a team file and in a checklist's `owners`. */
export const roleText = z
	.string()
	.check(
		z.regex(
			/^[A-Za-z0-9][A-Za-z0-9._-]*$/,
			'must be a role name: a letter or digit, then letters, digits and . _ -',
		),
	);
/** Who may sign an item: roles of the team file (docs/team.md). */
const ownersField = z.optional(
	z.array(roleText).check(z.minLength(1, 'owners needs at least one role')),
);
/** How many distinct owners must pass an item (the two-person rule). */
const approvalsField = z.optional(
	z
		.int()
		.check(z.gte(1, 'approvals must be at least 1'), z.lte(20, 'approvals must be at most 20')),
);

/** Why `s` is not a JavaScript regular expression (an `expect.match` of a check), as the parser says. */
function regexProblem(s: string): string | undefined {
	try {
		new RegExp(s);
		return undefined;
	} catch (error) {
		// "Invalid regular expression: /(/: Unterminated group": the reason, without the pattern again.
		const text = error instanceof Error ? error.message : String(error);
		return text.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
	}
}

export const checkModes = ['evidence', 'pass'] as const;

/**
 * A command whose result is evidence for the item (docs/checklist-formats.md):
 * run with `sh -c` from the repository root, only once the checklist is trusted.
 */
export const checkSchema = z.strictObject({
	run: nonEmptyText,
	/** An ISO 8601 duration; PT60S when absent. */
	timeout: z.optional(
		z.string().check(z.refine((t) => parseCheckTimeout(t) !== undefined, CHECK_TIMEOUT_RULE)),
	),
	expect: z.optional(
		z.strictObject({
			exit: z.optional(
				z.int().check(z.gte(0, 'exit must be 0 to 255'), z.lte(255, 'exit must be 0 to 255')),
			),
			match: z.optional(
				z.string().check(
					z.superRefine((s, ctx) => {
						const why = regexProblem(s);
						if (why)
							ctx.addIssue({
								code: 'custom',
								message: `must be a regular expression: ${why}`,
								input: s,
							});
					}),
				),
			),
		}),
	),
	/** evidence (the default): the result is attached and a person signs; pass: a success passes the item. */
	mode: z.optional(z.enum(checkModes)),
});
export type Check = z.infer<typeof checkSchema>;

/** How often something is looked at again: an item's sign-off, or the whole review. */
const reviewEveryField = z.optional(
	z.string().check(
		z.superRefine((text, ctx) => {
			const d = parseDuration(text);
			if (!d)
				ctx.addIssue({
					code: 'custom',
					message: 'must be an ISO 8601 duration such as P90D',
					input: text,
				});
			else if (!isAtLeastADay(d))
				ctx.addIssue({
					code: 'custom',
					message: 'must be at least one day (P1D, PT24H), such as P90D',
					input: text,
				});
		}),
	),
);

export const checklistItemSchema = z.strictObject({
	id: idText,
	title: nonEmptyText,
	guidance: z._default(z.string(), ''),
	level: z._default(z.enum(levels), 'required'),
	evidenceRequired: z._default(z.boolean(), true),
	reviewEvery: reviewEveryField,
	owners: ownersField,
	approvals: approvalsField,
	check: z.optional(checkSchema),
});

export const checklistSectionSchema = z.strictObject({
	id: idText,
	title: nonEmptyText,
	description: z.optional(z.string()),
	/** The default for the section's items; an item's own value overrides it. */
	owners: ownersField,
	approvals: approvalsField,
	items: z.array(checklistItemSchema).check(z.minLength(1, 'a section needs at least one item')),
});

export const checklistSchema = z
	.strictObject({
		$schema: z.optional(z.string()),
		id: idText,
		title: nonEmptyText,
		version: nonEmptyText,
		description: z.optional(z.string()),
		/** How often the whole review is due again, from its last decision (model/review-due.ts). */
		reviewEvery: reviewEveryField,
		sections: z
			.array(checklistSectionSchema)
			.check(z.minLength(1, 'a checklist needs at least one section')),
		renamed: z.optional(z.record(z.string(), z.string())),
	})
	.check(
		z.superRefine((c, ctx) => {
			const sectionIds = new Set<string>();
			const itemIds = new Set<string>();
			c.sections.forEach((s, si) => {
				if (sectionIds.has(s.id))
					ctx.addIssue({
						code: 'custom',
						message: `duplicate section id "${s.id}"`,
						path: ['sections', si, 'id'],
						input: s.id,
					});
				sectionIds.add(s.id);
				s.items.forEach((it, ii) => {
					if (itemIds.has(it.id))
						ctx.addIssue({
							code: 'custom',
							message: `duplicate item id "${it.id}"`,
							path: ['sections', si, 'items', ii, 'id'],
							input: it.id,
						});
					itemIds.add(it.id);
				});
			});
		}),
	);

export type Checklist = z.infer<typeof checklistSchema>;
export type ChecklistSection = z.infer<typeof checklistSectionSchema>;
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type Level = (typeof levels)[number];

export const statuses = ['pending', 'pass', 'fail', 'na', 'waived'] as const;
export type Status = (typeof statuses)[number];

export const evidenceSchema = z.strictObject({
	/** check: the log of a check run, stored under evidence/ beside the database (ref as for a file). */
	kind: z.enum(['url', 'file', 'check']),
	ref: nonEmptyText,
	sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be a hex sha256'))),
	addedAt: z.optional(isoInstant),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const waiverSchema = z.strictObject({
	reason: nonEmptyText,
	owner: nonEmptyText,
	expires: isoDate,
});
export type Waiver = z.infer<typeof waiverSchema>;

export const signOffSchema = z.strictObject({
	by: nonEmptyText,
	/** The reviewer's email (git user.email or PREFLIGHT_REVIEWER_EMAIL), when known. */
	email: z.optional(z.string()),
	at: isoInstant,
	commit: z.optional(z.string().check(z.regex(/^[0-9a-f]{7,64}$/, 'must be a git commit id'))),
});
export type SignOff = z.infer<typeof signOffSchema>;

/**
 * A next step recorded against an item (a fail above all, and every waiver):
 * what, who owns it (a person or a role), when it is due, where it is tracked.
 * Open until `done` records who closed it and when (model/actions.ts).
 */
export const actionItemSchema = z.strictObject({
	what: nonEmptyText,
	owner: nonEmptyText,
	due: isoDate,
	url: z.optional(z.string().check(z.regex(/^https?:\/\/\S+$/, 'must be an http(s) URL'))),
	addedAt: isoInstant,
	addedBy: nonEmptyText,
	done: z.optional(z.strictObject({at: isoInstant, by: nonEmptyText})),
});
export type ActionItem = z.infer<typeof actionItemSchema>;
const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be a hex sha256'));

/** One run of an item's check, as `preflight check` or the app recorded it. */
export const checkRunSchema = z.strictObject({
	/** The command as run. */
	run: z.string(),
	/** The exit code; absent when the process was killed (timeout, cancel) or could not start. */
	exit: z.optional(z.int()),
	/** Why there is no exit code: timeout, cancelled, signal NAME, or a start error. */
	stopped: z.optional(z.string()),
	/** Whether the run met the check's expectation. */
	ok: z.boolean(),
	durationMs: z.number().check(z.gte(0, 'must not be negative')),
	at: isoInstant,
	by: nonEmptyText,
	email: z.optional(z.string()),
	commit: z.optional(z.string().check(z.regex(/^[0-9a-f]{7,64}$/, 'must be a git commit id'))),
	/** sha256 of the output log (evidence/<sha256>.log beside the database). */
	log: sha256Hex,
	/** The output's size before any cut, in bytes. */
	bytes: z.int().check(z.gte(0, 'must not be negative')),
	/** True when the log keeps only the head and tail of the output. */
	cut: z.optional(z.boolean()),
});
export type CheckRun = z.infer<typeof checkRunSchema>;

export const answerSchema = z.strictObject({
	status: z.enum(statuses),
	note: z.optional(z.string()),
	justification: z.optional(z.string()),
	waiver: z.optional(waiverSchema),
	evidence: z._default(z.array(evidenceSchema), []),
	signedOff: z.optional(signOffSchema),
	/**
	 * Every distinct person whose pass stands, oldest first, when more than the
	 * one in signedOff: the two-person rule counts them (model/team.ts).
	 */
	approvals: z.optional(z.array(signOffSchema)),
	/** Set when the checklist item changed after this answer was given; cleared by a new answer. */
	reReview: z.optional(z.boolean()),
	/** Action items, in the order they were added; kept whatever the status becomes. */
	actions: z.optional(z.array(actionItemSchema)),
	/** The latest runs of the item's check, oldest first (a few only: see model/checks.ts). */
	checks: z.optional(z.array(checkRunSchema)),
	/** Marked to discuss later (at a review meeting): who marked it and when; never judged. */
	later: z.optional(z.strictObject({by: nonEmptyText, at: isoInstant})),
});
export type Answer = z.infer<typeof answerSchema>;

export const auditEntrySchema = z.strictObject({
	at: isoInstant,
	by: nonEmptyText,
	item: z.string(),
	from: z.enum(statuses),
	to: z.enum(statuses),
	detail: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * A JSON object keyed by item id (a review's answers, its fingerprints), read
 * into an object without a prototype so that every lookup by an id such as
 * `constructor` or `toString` finds only what is stored (see records.ts).
 * `__proto__` is refused: zod's record drops such a key without a word, and a
 * database is never rewritten without something it held.
 */
export function byItemId<T extends z.core.SomeType>(value: T) {
	return z.pipe(
		z.custom<unknown>((v) => !hasOwnProtoKey(v), '"__proto__" cannot be an item id'),
		z.record(z.string(), value).check(z.overwrite(withoutPrototype)),
	);
}

/**
 * What a review remembers of one checklist item, to tell later whether it
 * changed and, when its id has gone, which new item it may have become (see
 * model/renames.ts). Small on purpose: a review of 10,000 items holds 10,000.
 */
export const storedItemSchema = z.strictObject({
	/** A digest of the item's title and guidance (see itemFingerprint). */
	print: z.string(),
	/** The item's title, cut to 120 characters. */
	title: z.optional(z.string()),
	/** The id of the item's section; left out when the item's id is it, a dot and more (`ops.pager` in `ops`). */
	section: z.optional(z.string()),
	/** The first words of the item's guidance (at most 8 words, 48 characters); left out when it has none. */
	guidanceStart: z.optional(z.string()),
});
export type StoredItem = z.infer<typeof storedItemSchema>;

/**
 * An answer whose item is no longer in the checklist, kept until it is
 * re-attached to an item (by a rename accepted, or by hand). Not judged: it
 * counts toward nothing in the verdict.
 */
export const orphanSchema = z.strictObject({
	answer: answerSchema,
	/** What the review remembered of the item; absent for an answer recovered from the audit log. */
	item: z.optional(storedItemSchema),
	/** The checklist version that no longer had the item. */
	removedIn: z.string(),
	removedAt: isoInstant,
});
export type Orphan = z.infer<typeof orphanSchema>;

/** A rename preflight proposes and nobody has accepted or declined yet: an orphan's answer to a new item. */
export const proposalSchema = z.strictObject({
	from: z.string(),
	to: z.string(),
	/** How alike the two items are, from 0 to 1 (see model/renames.ts). */
	score: z.number().check(z.refine((n) => n >= 0 && n <= 1, 'must be from 0 to 1')),
});
export type Proposal = z.infer<typeof proposalSchema>;

/**
 * An item two merged branches changed in different ways (model/merge.ts):
 * both answers are kept, the item has no answer of its own, and it blocks the
 * verdict until a reviewer picks one of them or answers afresh.
 */
export const conflictSchema = z.strictObject({
	/**
	 * The answers, each side's (a side that cleared the item holds a pending
	 * answer), in a fixed order (their canonical JSON, ascending) so that a
	 * merge writes the same bytes whichever side is "ours".
	 */
	answers: z.array(answerSchema).check(z.minLength(2, 'a conflict holds at least two answers')),
	/** The answer both sides started from, when there was one. */
	base: z.optional(answerSchema),
});
export type Conflict = z.infer<typeof conflictSchema>;

/**
 * A go/no-go recorded after the review by a named decision-maker
 * (report/decision.ts): who, when, the git commit, and the decision digest of
 * the review as judged at that moment. Any change recorded after it (but
 * sessions, decisions and discuss-later marks) voids it, as does another
 * decision digest for that moment.
 */
export const decisionSchema = z.strictObject({
	decision: z.enum(['go', 'no-go']),
	by: nonEmptyText,
	email: z.optional(z.string()),
	at: isoInstant,
	commit: z.optional(z.string().check(z.regex(/^[0-9a-f]{7,64}$/, 'must be a git commit id'))),
	/** The verdict the decision was taken on. */
	verdict: z.enum(['ready', 'not-ready']),
	/** The decision digest (`sha256:…`) of the review judged at `at` (report/decision.ts). */
	digest: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, 'must be a sha256: digest')),
	note: z.optional(z.string()),
	/** Who attended the session it was taken in, when known (model/session.ts). */
	attendees: z.optional(z.array(nonEmptyText)),
});
export type Decision = z.infer<typeof decisionSchema>;

export const reviewSchema = z.strictObject({
	id: nonEmptyText,
	system: nonEmptyText,
	release: z.optional(z.string()),
	checklist: z.strictObject({
		id: z.string(),
		version: z.string(),
		digest: z.string(),
		/** Per item, what the review remembers of it from when it last took the checklist. */
		items: z.optional(byItemId(storedItemSchema)),
	}),
	createdAt: isoInstant,
	updatedAt: isoInstant,
	answers: byItemId(answerSchema),
	/** Answers whose items left the checklist, by the old item id. */
	orphans: z.optional(byItemId(orphanSchema)),
	/** Items whose answers conflict after a merge, by item id: they have no entry in `answers`. */
	conflicts: z.optional(byItemId(conflictSchema)),
	/** Renames proposed when the checklist changed, waiting for a person to accept or decline them. */
	proposals: z.optional(z.array(proposalSchema)),
	/** The planned launch day: status and the summary judge the review on it too. */
	launchDate: z.optional(isoDate),
	/** Go/no-go decisions, oldest first; the last one stands. */
	decisions: z.optional(z.array(decisionSchema)),
	audit: z._default(z.array(auditEntrySchema), []),
});
export type Review = z.infer<typeof reviewSchema>;

/** The version of the file's layout (store/layout.ts); the in-memory review above is the same in every version. */
export const SCHEMA_VERSION = 4;

/** The database in memory; the file holds its reviews laid out by item (store/layout.ts). */
export const databaseSchema = z.strictObject({
	schemaVersion: z.literal(SCHEMA_VERSION),
	reviews: z.array(reviewSchema),
});
export type Database = z.infer<typeof databaseSchema>;
