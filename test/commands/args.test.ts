import {describe, expect, it} from 'vitest';
import {parseInvocation} from '../../source/cli/parse.js';

const refusal = (argv: string[]): string => {
	try {
		parseInvocation(argv);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('flags', () => {
	it('refuses a flag given twice, except --evidence', () => {
		expect(refusal(['status', '--system', 'a', '--system', 'b'])).toBe(
			'--system given twice; give it once',
		);
		expect(refusal(['set', 'x', 'fail', '--note', 'a', '--note=b'])).toBe(
			'--note given twice; give it once',
		);
		expect(refusal(['--db', 'a.json', 'gate', '--db', 'b.json'])).toContain('--db given twice');
		const twice = parseInvocation(['set', 'x', 'pass', '--evidence', 'a', '--evidence', 'b']);
		expect(twice.flags.evidence).toEqual(['a', 'b']);
	});

	it('refuses a flag the command does not read, naming both', () => {
		expect(refusal(['gate', '--out', 'x'])).toBe(
			'--out does not apply to preflight gate; see preflight gate --help',
		);
		expect(refusal(['set', 'x', 'fail', '--as-of', '2026-01-01'])).toContain(
			'--as-of does not apply to preflight set',
		);
		expect(refusal(['status', '--note', 'x'])).toContain('--note does not apply');
		expect(refusal(['reviews', '--system', 'd'])).toContain('--system does not apply');
		expect(refusal(['snapshot', '--json'])).toContain('--json does not apply');
		expect(refusal(['--json'])).toBe('--json does not apply to the app; see preflight --help');
		// a subcommand's own flag is its alone
		expect(refusal(['checklist', 'validate', 'c.yaml', '--format', 'json'])).toBe(
			'--format does not apply to preflight checklist validate; see preflight checklist --help',
		);
	});

	it('takes a shared flag with the values of the command that reads it', () => {
		expect(parseInvocation(['checklist', 'show', 'c.json', '--format', 'yaml']).flags.format).toBe(
			'yaml',
		);
		expect(parseInvocation(['snapshot', '--format', 'junit']).flags.format).toBe('junit');
		expect(refusal(['checklist', 'show', 'c.json', '--format', 'md'])).toBe(
			'--format must be one of json, yaml for preflight checklist show',
		);
		expect(refusal(['snapshot', '--format', 'yaml'])).toBe(
			'--format must be one of json, md, junit, intoto for preflight snapshot',
		);
		// A value no command takes: each names its own values, never the others'.
		expect(refusal(['snapshot', '--format', 'pdf'])).toBe(
			'--format must be one of json, md, junit, intoto for preflight snapshot',
		);
		expect(refusal(['checklist', 'show', 'c.json', '--format', 'xml'])).toBe(
			'--format must be one of json, yaml for preflight checklist show',
		);
	});

	it('takes each command own flags, --db and --checklist everywhere, anything with --help', () => {
		for (const argv of [
			['status', '--system', 's', '--release', 'r', '--json', '--as-of', '2026-01-01'],
			['gate', '--json', '--as-of', '2026-01-01', '--db', 'd.json', '--checklist', 'c.json'],
			['snapshot', '--format', 'md', '--out', 'x.md', '--as-of', '2026-01-01'],
			[
				'set',
				'x',
				'waived',
				'--waiver-reason',
				'r',
				'--waiver-owner',
				'o',
				'--waiver-expires',
				'2027-01-01',
			],
			['set', 'x', 'na', '--justification', 'j', '--reviewer', 'R', '--system', 's'],
			['verify', 'f.json', '--json', '--db', 'd.json'],
			['diff', 'a.json', 'b.json', '--json'],
			['checklist', 'validate', 'c.yaml', '--checklist-format', 'yaml'],
			['reviews', '--json', '--checklist', 'c.json'],
			['--system', 's', '--release', 'r', '--reviewer', 'R'],
			['gate', '--out', 'x', '--help'],
			['frobnicate', '--out', 'x'],
		])
			expect(() => parseInvocation(argv), argv.join(' ')).not.toThrow();
	});
});

describe('arguments', () => {
	it('takes what the command table declares, and refuses the rest with the usage line', () => {
		expect(parseInvocation(['diff', 'a.json', 'b.json'])).toMatchObject({
			command: 'diff',
			positionals: ['a.json', 'b.json'],
		});
		expect(refusal(['diff', 'a.json'])).toBe(
			'usage: preflight diff OLD NEW [--json]; see preflight diff --help',
		);
		expect(refusal(['verify', 'a.json', 'b.json'])).toContain('usage: preflight verify FILE');
		expect(refusal(['verify', ''])).toContain('usage: preflight verify FILE');
		// ITEM and STATUS go together (set --launch DATE takes neither): set refuses one alone.
		expect(parseInvocation(['set', 'security.secrets']).positionals).toEqual(['security.secrets']);
		// help takes a command and its subcommand (help checks the words themselves).
		expect(parseInvocation(['help', 'action', 'add']).positionals).toEqual(['action', 'add']);
		expect(parseInvocation(['help']).positionals).toEqual([]);
	});

	it('refuses a stray word where none is taken, pointing at --system where it picks a review', () => {
		expect(refusal(['gate', 'payments-api'])).toBe(
			'gate takes no arguments (got "payments-api"); name a review with --system S [--release R]',
		);
		expect(refusal(['reviews', 'x'])).toBe(
			'reviews takes no arguments (got "x"); see preflight reviews --help',
		);
	});

	it('reads a subcommand from the table, and lists them all when it is missing or unknown', () => {
		expect(parseInvocation(['checklist', 'validate', 'c.yaml'])).toMatchObject({
			command: 'checklist',
			subcommand: 'validate',
			positionals: ['c.yaml'],
		});
		expect(parseInvocation(['checklist', 'schema'])).toMatchObject({subcommand: 'schema'});
		const usage =
			'usage: preflight checklist validate FILE | preflight checklist show FILE [--format json|yaml] | preflight checklist schema; see preflight checklist --help';
		expect(refusal(['checklist'])).toBe(usage);
		expect(refusal(['checklist', 'lint', 'c.yaml'])).toBe(usage);
		// a word found on Object.prototype is no subcommand
		expect(refusal(['checklist', 'constructor'])).toBe(usage);
		expect(refusal(['checklist', 'schema', 'x'])).toContain('checklist schema takes no arguments');
	});

	it('leaves an unknown command (even one named like a prototype key) to the caller', () => {
		for (const word of ['frobnicate', 'constructor', 'toString', '__proto__'])
			expect(parseInvocation([word, 'x']).command).toBe(word);
	});

	it('checks nothing after --help or --version: they explain or answer whatever was typed', () => {
		expect(parseInvocation(['checklist', '--help']).command).toBe('checklist');
		expect(parseInvocation(['verify', '--help']).positionals).toEqual([]);
		expect(parseInvocation(['gate', 'x', '--json', '--version']).flags.version).toBe(true);
	});
});

describe('names', () => {
	it('may not hold control or bidirectional characters', () => {
		expect(refusal(['status', '--system', 'sys\u001b]0;pwned\u0007'])).toBe(
			'--system must not contain control characters, escape sequences, or invisible or direction marks',
		);
		expect(refusal(['set', 'x', 'fail', '--release', 'v1\u202e'])).toContain('--release must not');
		expect(refusal(['--system', 's', '--reviewer', 'a\nb'])).toContain('--reviewer must not');
	});
});

describe('--subject', () => {
	const hex = 'ab'.repeat(32);
	const subject = (...names: string[]) =>
		['snapshot', '--format', 'intoto'].concat(
			names.flatMap((n) => ['--subject', `${n}=sha256:${hex}`]),
		);
	const unsafe =
		'--subject NAME must not contain control characters, escape sequences, or invisible or direction marks';

	it('accepts a plain name, a name with spaces, and several artifacts', () => {
		expect(parseInvocation(subject('app.tar.gz', 'my app.zip')).flags.subject).toHaveLength(2);
	});

	it('refuses control characters, escape sequences, newlines, invisible and direction marks in NAME', () => {
		for (const name of [
			'a\u001b[31mb',
			'a\nb',
			'a\tb',
			'a\u0007b',
			'a\u200fb',
			'a\u202eexe.txt',
			'a\u200bb',
			'a\u00a0b',
		])
			expect(refusal(subject(name)), JSON.stringify(name)).toBe(unsafe);
	});

	it('refuses an empty NAME and a NAME given twice, with one line', () => {
		expect(refusal(subject(''))).toBe(
			'--subject needs a NAME before =sha256: (the artifact’s file name)',
		);
		expect(refusal(subject('  '))).toBe(
			'--subject needs a NAME before =sha256: (the artifact’s file name)',
		);
		expect(refusal(subject('app.tar.gz', 'other', 'app.tar.gz'))).toBe(
			'--subject names one artifact twice: give each NAME once',
		);
	});
});
