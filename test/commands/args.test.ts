import {describe, expect, it} from 'vitest';
import {parseInvocation} from '../../source/cli/args.js';

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
			'--out does not apply to preflight gate; see preflight --help',
		);
		expect(refusal(['set', 'x', 'fail', '--as-of', '2026-01-01'])).toContain(
			'--as-of does not apply to preflight set',
		);
		expect(refusal(['status', '--note', 'x'])).toContain('--note does not apply');
		expect(refusal(['reviews', '--system', 'd'])).toContain('--system does not apply');
		expect(refusal(['snapshot', '--json'])).toContain('--json does not apply');
		expect(refusal(['--json'])).toBe('--json does not apply to the app; see preflight --help');
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

describe('names', () => {
	it('may not hold control or bidirectional characters', () => {
		expect(refusal(['status', '--system', 'sys\u001b]0;pwned\u0007'])).toBe(
			'--system must not contain control characters, escape sequences, or invisible or direction marks',
		);
		expect(refusal(['set', 'x', 'fail', '--release', 'v1\u202e'])).toContain('--release must not');
		expect(refusal(['--system', 's', '--reviewer', 'a\nb'])).toContain('--reviewer must not');
	});
});
