import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCommand} from '../../source/checks/run-check.js';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('runCommand', () => {
	const cwd = mkdtempSync(join(tmpdir(), 'preflight-run-'));

	it('interleaves stdout and stderr and reports the exit code', async () => {
		const r = await runCommand('echo one; echo two >&2; echo three; exit 3', {
			cwd,
			timeoutMs: 60_000,
		});
		expect(r.exit).toBe(3);
		expect(r.stopped).toBeUndefined();
		expect(r.output.toString()).toBe('one\ntwo\nthree\n');
	}, 30_000);

	it('runs in the given folder with no terminal input', async () => {
		const r = await runCommand('pwd; cat; echo read-nothing', {cwd, timeoutMs: 60_000});
		expect(r.output.toString()).toContain(cwd);
		expect(r.output.toString()).toContain('read-nothing');
		expect(r.exit).toBe(0);
	}, 30_000);

	it('kills the whole process group on timeout, a grandchild sleep included', async () => {
		const pidFile = join(cwd, 'grandchild.pid');
		const r = await runCommand(`sleep 300 & echo $! > ${pidFile}; wait`, {cwd, timeoutMs: 500});
		expect(r.exit).toBeUndefined();
		expect(r.stopped).toBe('timeout');
		const pid = Number(readFileSync(pidFile, 'utf8').trim());
		// The kill is sent before the run resolves; the zombie is reaped by init.
		await expect.poll(() => alive(pid), {timeout: 20_000}).toBe(false);
	}, 30_000);

	it('kills the group when cancelled', async () => {
		const abort = new AbortController();
		const running = runCommand('sleep 300', {cwd, timeoutMs: 60_000, signal: abort.signal});
		abort.abort();
		const r = await running;
		expect(r.stopped).toBe('cancelled');
	}, 30_000);

	it('caps output while it streams', async () => {
		const r = await runCommand('head -c 300000 /dev/zero | tr "\\0" x; echo; echo LAST', {
			cwd,
			timeoutMs: 60_000,
			caps: {head: 1000, tail: 1000},
		});
		expect(r.cut).toBe(true);
		expect(r.total).toBe(300_000 + 1 + 5);
		expect(r.output.length).toBeLessThan(2100);
		expect(r.output.toString().endsWith('LAST\n')).toBe(true);
	}, 30_000);

	it('leaves no background child behind when the shell exits', async () => {
		const pidFile = join(cwd, 'bg.pid');
		const r = await runCommand(`sleep 300 > /dev/null 2>&1 & echo $! > ${pidFile}`, {
			cwd,
			timeoutMs: 60_000,
		});
		expect(r.exit).toBe(0);
		const pid = Number(readFileSync(pidFile, 'utf8').trim());
		await expect.poll(() => alive(pid), {timeout: 20_000}).toBe(false);
		expect(spawnSync('true').status).toBe(0);
	}, 30_000);
});
