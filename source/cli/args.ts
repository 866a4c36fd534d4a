import {parseArgs} from 'node:util';
import {PreflightError} from '../errors.js';
import {parseAsOf} from '../model/time.js';
import * as z from '../model/zod.js';
import {hasUnsafeName, sanitizeLine} from '../terminal/sanitize.js';

const options = {
	db: {type: 'string'},
	checklist: {type: 'string'},
	'checklist-format': {type: 'string'},
	system: {type: 'string'},
	release: {type: 'string'},
	reviewer: {type: 'string'},
	json: {type: 'boolean'},
	'as-of': {type: 'string'},
	format: {type: 'string'},
	out: {type: 'string'},
	force: {type: 'boolean'},
	evidence: {type: 'string', multiple: true},
	note: {type: 'string'},
	justification: {type: 'string'},
	'waiver-reason': {type: 'string'},
	'waiver-owner': {type: 'string'},
	'waiver-expires': {type: 'string'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

const optionalText = z.optional(z.string());

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
const optionalFlag = z.optional(z.boolean());

const flagsSchema = z.object({
	db: z.optional(z.string().check(z.minLength(1, '--db needs a path'))),
	checklist: z.optional(z.string().check(z.minLength(1, '--checklist needs a path'))),
	'checklist-format': z.optional(
		z.enum(['json', 'yaml', 'markdown', 'aws-lens', 'azure'], {
			error: '--checklist-format must be one of json, yaml, markdown, aws-lens, azure',
		}),
	),
	system: z.optional(
		z.string().check(z.trim(), z.minLength(1, '--system needs a name'), plainName('--system')),
	),
	release: z.optional(z.string().check(z.trim(), plainName('--release'))),
	reviewer: z.optional(
		z.string().check(z.trim(), z.minLength(1, '--reviewer needs a name'), plainName('--reviewer')),
	),
	json: optionalFlag,
	'as-of': optionalText,
	format: z.optional(
		z.enum(['json', 'md', 'junit'], {error: '--format must be one of json, md, junit'}),
	),
	out: z.optional(z.string().check(z.minLength(1, '--out needs a file path'))),
	force: optionalFlag,
	evidence: z.optional(z.array(z.string())),
	note: optionalText,
	justification: optionalText,
	'waiver-reason': optionalText,
	'waiver-owner': optionalText,
	'waiver-expires': optionalText,
	help: optionalFlag,
	version: optionalFlag,
});

/** Flags after zod validation. */
export type Flags = z.infer<typeof flagsSchema>;

/** The command line after parsing: the command words, positional arguments, flags. */
export type Invocation = {command: string | undefined; positionals: string[]; flags: Flags};

type FlagName = keyof typeof options;

/** Flags every command takes (PRODUCT.md: all take --db and --checklist). */
const everywhere: readonly FlagName[] = ['db', 'checklist', 'checklist-format', 'help', 'version'];
const oneReview: readonly FlagName[] = ['system', 'release'];

/**
 * The flags each command reads, beside `everywhere`; the app is the entry
 * without a command. A flag a command does not read is refused rather than
 * ignored: `gate --out x` or `set … --as-of D` would otherwise look as if they
 * had done something.
 */
const commandFlags: Readonly<Record<string, readonly FlagName[]>> = {
	'': [...oneReview, 'reviewer'],
	reviews: ['json'],
	status: [...oneReview, 'json', 'as-of'],
	gate: [...oneReview, 'json', 'as-of'],
	snapshot: [...oneReview, 'format', 'out', 'force', 'as-of'],
	set: [
		...oneReview,
		'reviewer',
		'evidence',
		'note',
		'justification',
		'waiver-reason',
		'waiver-owner',
		'waiver-expires',
	],
	verify: ['json'],
	diff: ['json'],
	checklist: [],
};

export function parseInvocation(argv: string[]): Invocation {
	let parsed: ReturnType<
		typeof parseArgs<{
			options: typeof options;
			allowPositionals: true;
			strict: true;
			tokens: true;
		}>
	>;
	try {
		parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true, tokens: true});
	} catch (error) {
		const message = (error as Error).message.split('\n')[0] ?? 'bad arguments';
		throw new PreflightError(
			`${sanitizeLine(message.replace(/\. To specify a positional.*$/, ''))}; see preflight --help`,
		);
	}
	// parseArgs keeps the last of a repeated flag: `--system a --system b` would
	// quietly act on b. Only --evidence is meant to repeat.
	const seen = new Set<string>();
	for (const token of parsed.tokens) {
		if (token.kind !== 'option' || options[token.name as FlagName]?.type !== 'string') continue;
		if (token.name !== 'evidence' && seen.has(token.name))
			throw new PreflightError(`--${token.name} given twice; give it once`);
		seen.add(token.name);
	}
	const result = z.safeParse(flagsSchema, parsed.values);
	if (!result.success)
		throw new PreflightError(sanitizeLine(result.error.issues[0]?.message ?? 'bad flags'));
	const [command, ...positionals] = parsed.positionals;
	refuseForeignFlags(command, result.data);
	return {command, positionals, flags: result.data};
}

/** Refuses a flag the command does not read (after --help: help takes any). */
function refuseForeignFlags(command: string | undefined, flags: Flags): void {
	if (flags.help || flags.version) return;
	// Own members only: a command word such as `toString` is not a command.
	const own = Object.hasOwn(commandFlags, command ?? '') ? commandFlags[command ?? ''] : undefined;
	if (!own) return; // an unknown command is reported as such
	for (const name of Object.keys(flags) as FlagName[]) {
		if (flags[name] === undefined || everywhere.includes(name) || own.includes(name)) continue;
		throw new PreflightError(
			`--${name} does not apply to ${command ? `preflight ${command}` : 'the app'}; see preflight --help`,
		);
	}
}

/** `--as-of`: see parseAsOf (a date is the end of that UTC day; a time needs a zone). Defaults to now. */
export function asOfDate(flag: string | undefined, now: Date): Date {
	if (flag === undefined) return now;
	const parsed = parseAsOf(flag);
	if (!parsed.ok)
		throw new PreflightError(
			`--as-of "${sanitizeLine(flag)}" ${parsed.problem} (or give a date, YYYY-MM-DD, judged at the end of that UTC day)`,
		);
	return parsed.date;
}
