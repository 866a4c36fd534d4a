import {parseArgs} from 'node:util';
import {PreflightError} from '../errors.js';
import {isoDate} from '../model/schemas.js';
import * as z from '../model/zod.js';
import {sanitizeLine} from '../terminal/sanitize.js';

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
const optionalFlag = z.optional(z.boolean());

const flagsSchema = z.object({
	db: z.optional(z.string().check(z.minLength(1, '--db needs a path'))),
	checklist: z.optional(z.string().check(z.minLength(1, '--checklist needs a path'))),
	'checklist-format': z.optional(
		z.enum(['json', 'yaml', 'markdown', 'aws-lens', 'azure'], {
			error: '--checklist-format must be one of json, yaml, markdown, aws-lens, azure',
		}),
	),
	system: z.optional(z.string().check(z.trim(), z.minLength(1, '--system needs a name'))),
	release: z.optional(z.string().check(z.trim())),
	reviewer: z.optional(z.string().check(z.trim(), z.minLength(1, '--reviewer needs a name'))),
	json: optionalFlag,
	'as-of': optionalText,
	format: z.optional(
		z.enum(['json', 'md', 'junit'], {error: '--format must be one of json, md, junit'}),
	),
	out: z.optional(z.string().check(z.minLength(1, '--out needs a file path'))),
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

export function parseInvocation(argv: string[]): Invocation {
	let parsed: ReturnType<
		typeof parseArgs<{options: typeof options; allowPositionals: true; strict: true}>
	>;
	try {
		parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
	} catch (error) {
		const message = (error as Error).message.split('\n')[0] ?? 'bad arguments';
		throw new PreflightError(
			`${sanitizeLine(message.replace(/\. To specify a positional.*$/, ''))}; see preflight --help`,
		);
	}
	const result = z.safeParse(flagsSchema, parsed.values);
	if (!result.success)
		throw new PreflightError(sanitizeLine(result.error.issues[0]?.message ?? 'bad flags'));
	const [command, ...positionals] = parsed.positionals;
	return {command, positionals, flags: result.data};
}

/**
 * `--as-of`: an ISO time, or a date, judged at the last moment of that UTC day so
 * that "ready on launch day" means ready for the whole day. Defaults to now.
 */
export function asOfDate(flag: string | undefined, now: Date): Date {
	if (flag === undefined) return now;
	if (z.safeParse(isoDate, flag).success) return new Date(`${flag}T23:59:59.999Z`);
	const t = Date.parse(flag);
	if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(flag))
		throw new PreflightError(
			`--as-of "${sanitizeLine(flag)}" is not a date (YYYY-MM-DD) or ISO time`,
		);
	return new Date(t);
}
