// The launch date given to `set`: a year no one ships in is refused (one line,
// exit 2, nothing written); a day before today is kept, with a warning.
import {readFileSync} from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, workspace} from './cli.js';

beforeAll(() => ensureBuilt());

describe('set --launch: impossible and past dates', () => {
	it.each(['0000-01-01', '1969-12-31', '0999-06-01'])(
		'refuses %s, alone and beside an answer: one line, exit 2, nothing written',
		(date) => {
			const ws = workspace();
			ws.run(['set', 'security.secrets', 'fail', '--system', 'payments']);
			const before = readFileSync(ws.db);
			for (const args of [
				['set', '--launch', date],
				['set', 'security.secrets', 'pass', '--evidence', 'https://x.example', '--launch', date],
			]) {
				const r = ws.run(args);
				expect(r.code).toBe(2);
				expect(r.stdout).toBe('');
				expect(r.stderr.trim().split('\n')).toHaveLength(1);
				expect(r.stderr).toContain(`launch date ${date} is not a day to launch on`);
				expect(r.stderr).toContain('from 1970 to 9999');
				expect(readFileSync(ws.db)).toEqual(before);
			}
		},
	);

	it('keeps a date before today and warns on stderr; today and later say nothing', () => {
		const ws = workspace('2026-11-16T09:00:00.000Z');
		const past = ws.run(['set', '--launch', '2026-11-01', '--system', 'payments']);
		expect(past.code, past.stderr).toBe(0);
		expect(past.stdout.trim()).toBe('payments: launch date 2026-11-01 [review created]');
		expect(past.stderr.trim()).toBe(
			'preflight: warning: launch date 2026-11-01 is in the past: today is 2026-11-16 (UTC)',
		);
		const json = JSON.parse(ws.run(['status', '--json']).stdout) as {launch?: {date: string}};
		expect(json.launch?.date).toBe('2026-11-01');
		// beside an answer, and unchanged: said again
		const answer = ws.run(['set', 'security.secrets', 'fail', '--launch', '1999-01-01']);
		expect(answer.code, answer.stderr).toBe(0);
		expect(answer.stderr).toContain('warning: launch date 1999-01-01 is in the past');
		const same = ws.run(['set', '--launch', '1999-01-01']);
		expect(same.stdout).toContain('(unchanged)');
		expect(same.stderr).toContain('is in the past');
		for (const date of ['2026-11-16', '2027-01-01']) {
			const r = ws.run(['set', '--launch', date]);
			expect(r.code).toBe(0);
			expect(r.stderr).toBe('');
		}
	});
});
