import type {ParseArgsConfig} from 'node:util';
import type {ChecklistFormat} from '../checklist/load.js';
import * as z from '../model/zod.js';
import {attendeesProblem} from '../model/session.js';
import {MAX_NAME, MAX_NOTE, tooLong} from '../model/text-limits.js';
import {hasUnsafeName} from '../terminal/sanitize.js';

/** One command-line flag: how it is read, checked and explained. */
export type FlagSpec = {
	/** How node:util parseArgs reads it: a switch, or a flag followed by its value. */
	type: 'string' | 'boolean';
	/** Given more than once, its values are kept in order; any other flag given twice is refused. */
	multiple?: boolean;
	short?: string;
	/** The value's placeholder in usage lines (`--db PATH`); without one, `values` joined by `|`. */
	value?: string;
	/** The only values accepted, shown in help. */
	values?: readonly string[];
	/** One line for help, starting in lower case. */
	description: string;
	/** Checks (and trims) what parseArgs read; its first issue is the user's error line. */
	schema: z.core.$ZodType;
};

/**
 * Names are shown everywhere and typed back to pick a review: one with control
 * or bidirectional characters would show as something else (the terminal gets
 * them stripped) and could not be typed again. (Names typed in different
 * Unicode forms are one name: see sameName.)
 */
function plainName(flag: string) {
	return z.refine<string>(
		(s) => !hasUnsafeName(s),
		`${flag} must not contain control characters, escape sequences, or invisible or direction marks`,
	);
}

/** At most `max` characters, leading and trailing spaces aside (they are not kept), said as preflight says it elsewhere. */
function atMost(max: number, flag: string) {
	return z.superRefine<string>((s, ctx) => {
		const problem = tooLong(s.trim(), max, flag);
		if (problem) ctx.addIssue({code: 'custom', message: problem, input: s});
	});
}

/** Free text recorded with an answer (a note, a justification, a waiver's reason): trimmed, as the app's prompts trim it. */
function textOf(flag: string) {
	return z.optional(z.string().check(z.trim(), atMost(MAX_NOTE, flag)));
}

/** The NAME of `--subject NAME=sha256:HEX` (what comes before the last `=sha256:`). */
function subjectName(flag: string): string {
	const at = flag.lastIndexOf('=sha256:');
	return at < 0 ? flag : flag.slice(0, at);
}

function oneOf<const T extends readonly [string, ...string[]]>(flag: string, values: T) {
	return z.optional(z.enum(values, {error: `${flag} must be one of ${values.join(', ')}`}));
}

/** `--attendees "Ann, Bo Li"`: comma-separated plain names, none empty and none twice. */
const attendeesSchema = z.string().check(
	z.trim(),
	z.superRefine((s, ctx) => {
		const problem = attendeesProblem(s, '--attendees');
		if (problem) ctx.addIssue({code: 'custom', message: problem, input: s});
	}),
);

const optionalText = z.optional(z.string());
const optionalSwitch = z.optional(z.boolean());
const checklistFormats = ['json', 'yaml', 'markdown', 'aws-lens', 'azure'] as const;
/** What `snapshot --format` writes; `checklist show` reads the same flag for json or yaml. */
export const snapshotFormats = ['json', 'md', 'junit', 'intoto'] as const;
const outputFormats = [...snapshotFormats, 'yaml', 'csv'] as const;

// The checklist loader is not imported here (it would load with every command):
// this fails to compile when its formats and the flag's part ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _FormatsAgree = Assert<Same<ChecklistFormat, (typeof checklistFormats)[number]>>;

/** Every flag preflight reads. Which command takes which is the command table's business. */
export const flagTable = {
	db: {
		type: 'string',
		value: 'PATH',
		description: 'the database (default .preflight/db.json, or PREFLIGHT_DB)',
		schema: z.optional(z.string().check(z.minLength(1, '--db needs a path'))),
	},
	checklist: {
		type: 'string',
		value: 'FILE',
		description: 'the checklist (default: the AI Infrastructure Checklist)',
		schema: z.optional(z.string().check(z.minLength(1, '--checklist needs a path'))),
	},
	'checklist-format': {
		type: 'string',
		value: 'FORMAT',
		values: checklistFormats,
		description: "the checklist's format, when its file name does not tell",
		schema: oneOf('--checklist-format', checklistFormats),
	},
	system: {
		type: 'string',
		value: 'NAME',
		description: 'the review to act on (not needed when the database holds one)',
		schema: z.optional(
			z
				.string()
				.check(
					z.trim(),
					z.minLength(1, '--system needs a name'),
					atMost(MAX_NAME, '--system'),
					plainName('--system'),
				),
		),
	},
	release: {
		type: 'string',
		value: 'R',
		description: "the review's release, when the system has several",
		schema: z.optional(
			z.string().check(z.trim(), atMost(MAX_NAME, '--release'), plainName('--release')),
		),
	},
	reviewer: {
		type: 'string',
		value: 'NAME',
		description: 'who signs off (else PREFLIGHT_REVIEWER, git user.name, OS user)',
		schema: z.optional(
			z
				.string()
				.check(
					z.trim(),
					z.minLength(1, '--reviewer needs a name'),
					atMost(MAX_NAME, '--reviewer'),
					plainName('--reviewer'),
				),
		),
	},
	attendees: {
		type: 'string',
		value: 'NAMES',
		description:
			'who attends this session, comma-separated ("Ann, Bo Li"): recorded in the audit log and with each decision taken',
		schema: z.optional(attendeesSchema),
	},
	owner: {
		type: 'string',
		value: 'O',
		description:
			'status: only the blockers that role may sign (roles of the team file); actions: only that owner’s action items; action add: who owns it (a person or a role)',
		// A person's name ("Dana Smith") owns action items; status checks a role's shape itself.
		schema: z.optional(
			z
				.string()
				.check(
					z.trim(),
					z.minLength(1, '--owner needs a name'),
					atMost(MAX_NAME, '--owner'),
					plainName('--owner'),
				),
		),
	},
	due: {
		type: 'string',
		value: 'YYYY-MM-DD',
		description: 'when the action item is due',
		schema: optionalText,
	},
	url: {
		type: 'string',
		value: 'URL',
		description: "the action item's tracker URL (http or https)",
		schema: optionalText,
	},
	json: {
		type: 'boolean',
		description: 'print JSON instead of text',
		schema: optionalSwitch,
	},
	jobs: {
		type: 'string',
		value: 'N',
		description: 'how many checks run at once (default: the number of CPUs)',
		schema: z.optional(
			z
				.string()
				.check(z.trim(), z.regex(/^[1-9]\d{0,2}$/, '--jobs must be a whole number from 1 to 999')),
		),
	},
	trust: {
		type: 'boolean',
		description:
			"trust this checklist's commands on this machine (its exact digest), then run them",
		schema: optionalSwitch,
	},
	'run-checks': {
		type: 'boolean',
		description: "run the review's checks first (as preflight check does), then judge",
		schema: optionalSwitch,
	},
	'as-of': {
		type: 'string',
		value: 'DATE',
		description:
			'judge staleness and waivers at the end of that UTC day (YYYY-MM-DD), or at an ISO time with a zone',
		schema: optionalText,
	},
	format: {
		type: 'string',
		values: outputFormats,
		// Each command that reads it names its own values and what they do (its
		// flagUses), and the parser checks the value against them, naming them:
		// here any text passes, so that `checklist show --format xml` is told
		// json or yaml, not every command's formats.
		description: 'the output format',
		schema: z.optional(
			z.custom<(typeof outputFormats)[number]>(
				(v) => typeof v === 'string',
				'--format takes a value',
			),
		),
	},
	out: {
		type: 'string',
		value: 'FILE',
		description:
			'write exactly this file (a snapshot: instead of into the snapshots folder; merge: the merged database)',
		schema: z.optional(z.string().check(z.minLength(1, '--out needs a file path'))),
	},
	sign: {
		type: 'string',
		value: 'KEY',
		description:
			"sign the JSON snapshot with this SSH key (a private key file, a .pub file whose key is in ssh-agent, or key::ssh-ed25519 …); else PREFLIGHT_SIGNING_KEY, else git's user.signingkey when gpg.format is ssh",
		schema: z.optional(z.string().check(z.minLength(1, '--sign needs a key file'))),
	},
	subject: {
		type: 'string',
		multiple: true,
		value: 'NAME=sha256:HEX',
		description:
			'a release artifact the in-toto attestation vouches for (--format intoto); repeat for several',
		schema: z.optional(
			z
				.array(
					z.string().check(
						z.regex(
							/^[^=]*=sha256:[0-9a-f]{64}$/,
							'--subject needs NAME=sha256:HEX (the 64 hex digits of the artifact’s sha256)',
						),
						z.refine<string>(
							(s) => subjectName(s).trim() !== '',
							'--subject needs a NAME before =sha256: (the artifact’s file name)',
						),
						plainName('--subject NAME'),
					),
				)
				.check(
					z.refine<string[]>(
						(all) => new Set(all.map(subjectName)).size === all.length,
						'--subject names one artifact twice: give each NAME once',
					),
				),
		),
	},
	launch: {
		type: 'string',
		value: 'DATE',
		description:
			"the review's launch date (YYYY-MM-DD, a year from 1970 to 9999; empty removes it; a day before today is kept with a warning): status and the summary judge it on that day too",
		schema: optionalText,
	},
	'require-decision': {
		type: 'boolean',
		description:
			'also require a go decision (preflight decide go) taken on the review as it is now: any change after it voids it',
		schema: optionalSwitch,
	},
	'no-sign': {
		type: 'boolean',
		description: 'do not sign, even when PREFLIGHT_SIGNING_KEY or git names a signing key',
		schema: optionalSwitch,
	},
	'allowed-signers': {
		type: 'string',
		value: 'FILE',
		description:
			"who may sign: git's allowed_signers format (principals [options] key), namespace preflight",
		schema: z.optional(z.string().check(z.minLength(1, '--allowed-signers needs a file'))),
	},
	'require-signature': {
		type: 'boolean',
		description:
			'fail unless FILE.sig (an attestation: its DSSE signature) verifies by a key in --allowed-signers',
		schema: optionalSwitch,
	},
	force: {
		type: 'boolean',
		description:
			'let --out replace a non-empty file that is not a snapshot (never the database, its lock or backups)',
		schema: optionalSwitch,
	},
	evidence: {
		type: 'string',
		multiple: true,
		value: 'REF',
		description: 'an http(s) URL or an existing file; repeat for several',
		schema: z.optional(z.array(z.string())),
	},
	note: {
		type: 'string',
		value: 'TEXT',
		description: "the item's note",
		schema: textOf('--note'),
	},
	justification: {
		type: 'string',
		value: 'TEXT',
		description: 'why the item does not apply (with status na)',
		schema: textOf('--justification'),
	},
	'waiver-reason': {
		type: 'string',
		value: 'TEXT',
		description: 'the accepted risk (with status waived)',
		schema: textOf('--waiver-reason'),
	},
	'waiver-owner': {
		type: 'string',
		value: 'NAME',
		description: 'who owns the risk (with status waived)',
		schema: z.optional(z.string().check(z.trim(), atMost(MAX_NAME, '--waiver-owner'))),
	},
	'waiver-expires': {
		type: 'string',
		value: 'YYYY-MM-DD',
		description: 'when the waiver ends (with status waived)',
		schema: optionalText,
	},
	'accept-renames': {
		type: 'boolean',
		description: 'take every rename proposed: each answer moves to its new item (marked ↻ recheck)',
		schema: optionalSwitch,
	},
	'no-renames': {
		type: 'boolean',
		description: 'take no rename proposed: the answers stay orphans, to re-attach later',
		schema: optionalSwitch,
	},
	attach: {
		type: 'string',
		multiple: true,
		value: 'OLD=NEW',
		description: 're-attach the orphaned answer of item OLD to item NEW; repeat for several',
		schema: z.optional(
			z.array(
				z
					.string()
					.check(
						z.regex(
							/^[^=\s]+=[^=\s]+$/,
							"--attach takes OLD=NEW: an orphan's old item id and the id of the item it belongs to",
						),
					),
			),
		),
	},
	git: {
		type: 'boolean',
		description:
			"merge the database where git stopped on it, from git's index (base, ours, theirs), in place",
		schema: optionalSwitch,
	},
	help: {
		type: 'boolean',
		short: 'h',
		description: "this help, or with a command that command's",
		schema: optionalSwitch,
	},
	version: {
		type: 'boolean',
		short: 'v',
		description: "preflight's version",
		schema: optionalSwitch,
	},
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof flagTable;

/** Flags every command takes, the app included. */
export const commonFlags: readonly FlagName[] = [
	'db',
	'checklist',
	'checklist-format',
	'help',
	'version',
];

/** The flags that pick the review a command acts on. */
export const reviewFlags = ['system', 'release'] as const satisfies readonly FlagName[];

/** True for a name of the table's (never one found on Object.prototype). */
export function isFlagName(name: string): name is FlagName {
	return Object.hasOwn(flagTable, name);
}

type FlagShape = {[K in FlagName]: (typeof flagTable)[K]['schema']};

function mapFlags<T>(f: (spec: FlagSpec) => T): Record<FlagName, T> {
	// Object.fromEntries cannot know that every name is there; the map over the table makes it so.
	return Object.fromEntries(
		Object.entries(flagTable).map(([name, spec]) => [name, f(spec)]),
	) as Record<FlagName, T>;
}

/** All flags validated at once: a flag's first issue is the user's error line. */
export const flagsSchema = z.object(mapFlags((spec) => spec.schema) as FlagShape);

/** Flags after zod validation. */
export type Flags = z.infer<typeof flagsSchema>;

/** The table as node:util parseArgs reads it. */
export const parseArgsOptions: NonNullable<ParseArgsConfig['options']> = mapFlags((spec) => ({
	type: spec.type,
	...(spec.multiple ? {multiple: true} : {}),
	...(spec.short ? {short: spec.short} : {}),
}));
