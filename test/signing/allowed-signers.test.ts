import {describe, expect, it} from 'vitest';
import {
	AllowedSignersError,
	matchPatternList,
	parseAllowedSigners,
	parseSignerTime,
	signersFor,
} from '../../source/signing/allowed-signers.js';
import {fingerprintOf} from '../../source/signing/ssh-key.js';
import {wireString} from '../../source/signing/ssh-wire.js';

const keyA = Buffer.concat([wireString('ssh-ed25519'), wireString(Buffer.alloc(32, 1))]);
const keyB = Buffer.concat([wireString('ssh-ed25519'), wireString(Buffer.alloc(32, 2))]);
const a = `ssh-ed25519 ${keyA.toString('base64')}`;
const b = `ssh-ed25519 ${keyB.toString('base64')}`;
const at = new Date('2026-03-01T12:00:00Z');

describe('allowed_signers', () => {
	it('reads principals, options, keys and comments; skips blanks and # lines', () => {
		const signers = parseAllowedSigners(
			[
				'# who may sign',
				'',
				`alice@example.com,alice ${a} laptop`,
				`"bob@example.com" namespaces="git,preflight",valid-after="20260101",valid-before="20270101Z" ${b}`,
				`*@example.com cert-authority ${b}`,
			].join('\n'),
		);
		expect(signers).toHaveLength(3);
		expect(signers[0]).toMatchObject({line: 3, principals: ['alice@example.com', 'alice']});
		expect(signers[1]).toMatchObject({
			line: 4,
			principals: ['bob@example.com'],
			namespaces: ['git', 'preflight'],
			validBefore: Date.UTC(2027, 0, 1),
		});
		expect(signers[2]?.certAuthority).toBe(true);
		expect(parseAllowedSigners(`a Namespaces="preflight" ${a}`)[0]?.namespaces).toEqual([
			'preflight',
		]);
	});

	it('reads a quoted principal list as ssh-keygen does: the quotes end the field', () => {
		expect(parseAllowedSigners(`"a@x,b@x" ${a}`)[0]?.principals).toEqual(['a@x', 'b@x']);
		expect(parseAllowedSigners(`"a@x b" ${a}`)[0]?.principals).toEqual(['a@x b']);
		// ssh-keygen -Y verify: "bad options" for the text after the closing quote.
		expect(() => parseAllowedSigners(`"a@x",b@x ${a}`)).toThrow(/^line 1: options ",b@x"/);
		// Quotes inside an unquoted field are kept, as ssh-keygen keeps them.
		expect(parseAllowedSigners(`a@x,"b" ${a}`)[0]?.principals).toEqual(['a@x', '"b"']);
	});

	it('names the line and the problem of a bad entry', () => {
		const bad = (text: string) => {
			try {
				parseAllowedSigners(text);
			} catch (error) {
				expect(error).toBeInstanceOf(AllowedSignersError);
				return (error as Error).message;
			}
			return 'parsed';
		};
		expect(bad(`ok ${a}\nalice nonsense ${a}`)).toBe('line 2: unknown option nonsense');
		expect(bad(`alice valid-after="yesterday" ${a}`)).toMatch(
			/^line 1: option valid-after is not a time/,
		);
		expect(bad(`alice valid-after="20260230" ${a}`)).toMatch(/^line 1: option valid-after/);
		expect(bad('alice')).toMatch(/^line 1: not a public key/);
		expect(bad(`alice ssh-ed25519 AAAA`)).toMatch(/^line 1: the ssh-ed25519 key does not decode/);
		expect(bad(`"alice ${a}`)).toBe('line 1: a quote is not closed');
		expect(bad(`,alice ${a}`)).toBe('line 1: an empty principal');
	});

	it('names the principals a key may sign as in namespace preflight, now', () => {
		const signers = parseAllowedSigners(
			[
				`alice ${a}`,
				`alice2 namespaces="preflight" ${a}`,
				`bob namespaces="git" ${b}`,
				`carol valid-before="20260101Z" ${b}`,
			].join('\n'),
		);
		expect(signersFor(signers, keyA, 'preflight', at)).toEqual({
			ok: true,
			principals: ['alice', 'alice2'],
			fingerprint: fingerprintOf(keyA),
		});
		const refused = signersFor(signers, keyB, 'preflight', at);
		expect(refused.ok).toBe(false);
		expect(!refused.ok && refused.problem).toMatch(/line 3 allows namespaces git, not preflight/);
		expect(!refused.ok && refused.problem).toMatch(/line 4 was valid only before 2026-01-01/);
		const unknown = signersFor(parseAllowedSigners(`alice ${a}`), keyB, 'preflight', at);
		expect(unknown).toMatchObject({
			ok: false,
			problem: `key ${fingerprintOf(keyB)} is not in the allowed signers`,
		});
	});

	it('never lets a cert-authority line vouch for a plain key', () => {
		const signers = parseAllowedSigners(`*@example.com cert-authority ${a}`);
		expect(signersFor(signers, keyA, 'preflight', at).ok).toBe(false);
	});

	it("matches ssh's pattern lists and reads its times", () => {
		expect(matchPatternList('preflight', ['git', 'pre*'])).toBe(true);
		expect(matchPatternList('preflight', ['*', '!preflight'])).toBe(false);
		expect(matchPatternList('preflight', ['prefligh?'])).toBe(true);
		expect(matchPatternList('preflight', ['git'])).toBe(false);
		expect(parseSignerTime('20260301120000Z')).toBe(Date.UTC(2026, 2, 1, 12));
		expect(parseSignerTime('202603011200Z')).toBe(Date.UTC(2026, 2, 1, 12));
		expect(parseSignerTime('20261301')).toBeUndefined();
	});
});
