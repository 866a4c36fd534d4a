// Who records a change (source/system/identity.ts): the name, where it came
// from, and git's user.email only for git's own user.name, however that name
// was given; git asked once for both.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {resolveIdentity, resolveIdentityAsync} from '../../source/system/identity.js';

const saved = {...process.env};

beforeEach(() => {
	// Configuration given to git as if on its command line: it wins over every file.
	process.env.GIT_CONFIG_COUNT = '2';
	process.env.GIT_CONFIG_KEY_0 = 'user.name';
	process.env.GIT_CONFIG_VALUE_0 = 'Carol Smith';
	process.env.GIT_CONFIG_KEY_1 = 'user.email';
	process.env.GIT_CONFIG_VALUE_1 = 'carol@example.com';
	delete process.env.PREFLIGHT_REVIEWER_EMAIL;
	delete process.env.PREFLIGHT_REVIEWER;
});

afterEach(() => {
	process.env = {...saved};
});

test("nobody named: git's name and email, from one question", async () => {
	const carol = {name: 'Carol Smith', source: 'git', email: 'carol@example.com'};
	expect(resolveIdentity(undefined, {...process.env})).toEqual(carol);
	expect(await resolveIdentityAsync(undefined, {...process.env})).toEqual(carol);
});

test("git's own name, given by hand or not, takes git's email", async () => {
	const env = {...process.env};
	expect(resolveIdentity('Carol Smith', env)).toEqual({
		name: 'Carol Smith',
		source: 'flag',
		email: 'carol@example.com',
	});
	expect(resolveIdentity(undefined, {...env, PREFLIGHT_REVIEWER: 'Carol Smith'})).toEqual({
		name: 'Carol Smith',
		source: 'env',
		email: 'carol@example.com',
	});
	expect((await resolveIdentityAsync('Carol Smith', env)).email).toBe('carol@example.com');
	// The same name in another Unicode form is the same person.
	process.env.GIT_CONFIG_VALUE_0 = 'Jose\u0301';
	expect(resolveIdentity('Jos\u00e9', {...process.env}).email).toBe('carol@example.com');
});

test('another name given by hand takes no email from git', async () => {
	const env = {...process.env};
	expect(resolveIdentity('Dave', env)).toEqual({name: 'Dave', source: 'flag'});
	expect(await resolveIdentityAsync(undefined, {...env, PREFLIGHT_REVIEWER: 'Dave'})).toEqual({
		name: 'Dave',
		source: 'env',
	});
});

test('PREFLIGHT_REVIEWER_EMAIL wins; set blank, no email at all', async () => {
	const env = {...process.env, PREFLIGHT_REVIEWER_EMAIL: 'dave@example.com'};
	expect(resolveIdentity('Dave', env).email).toBe('dave@example.com');
	expect(resolveIdentity(undefined, env)).toEqual({
		name: 'Carol Smith',
		source: 'git',
		email: 'dave@example.com',
	});
	expect(
		await resolveIdentityAsync('Carol Smith', {...env, PREFLIGHT_REVIEWER_EMAIL: ' '}),
	).toEqual({name: 'Carol Smith', source: 'flag'});
});

test('no git user: the OS user name, no email; a bad name or email is refused', async () => {
	process.env.GIT_CONFIG_COUNT = '0';
	// No global or system configuration either.
	process.env.GIT_CONFIG_GLOBAL = '/dev/null';
	process.env.GIT_CONFIG_NOSYSTEM = '1';
	const os = resolveIdentity(undefined, {...process.env});
	expect(os.source).toBe('os');
	expect(os.email).toBeUndefined();
	expect((await resolveIdentityAsync(undefined, {...process.env})).source).toBe('os');
	expect(() => resolveIdentity('Eve\u001b[31m', {...process.env})).toThrow(/--reviewer/);
	expect(() =>
		resolveIdentityAsync('Eve', {...process.env, PREFLIGHT_REVIEWER_EMAIL: 'not an email'}),
	).toThrow(/PREFLIGHT_REVIEWER_EMAIL/);
});

test("git's values are read as git gives them: a newline inside one stays in it, a key without a value is empty", () => {
	const dir = mkdtempSync(join(tmpdir(), 'preflight-identity-'));
	const config = join(dir, 'gitconfig');
	process.env.GIT_CONFIG_COUNT = '0';
	process.env.GIT_CONFIG_GLOBAL = config;
	process.env.GIT_CONFIG_NOSYSTEM = '1';
	const env = () => ({...process.env});
	// A name holding a newline cannot pass for another line of git's answer.
	writeFileSync(config, '[user]\n\tname = "Bob\\nuser.name Alice"\n\temail = a@x.org\n');
	expect(() => resolveIdentity(undefined, env())).toThrow(/git's user.name .*control characters/);
	writeFileSync(config, '[user]\n\tname = "Alice\\nuser.email evil@x.org"\n\temail = a@x.org\n');
	expect(() => resolveIdentity(undefined, env())).toThrow(/git's user.name/);
	// An email holding a newline is no email.
	writeFileSync(config, '[user]\n\tname = Alice\n\temail = "a@x.org\\nmore"\n');
	expect(resolveIdentity(undefined, env())).toEqual({name: 'Alice', source: 'git'});
	// The last value wins, an empty one too (as `git config user.name` gives it).
	writeFileSync(config, '[user]\n\tname = Alice\n\temail = a@x.org\n[user]\n\tname\n');
	expect(resolveIdentity(undefined, env()).source).toBe('os');
	writeFileSync(
		config,
		'[user]\n\tname = Alice\n[user]\n\tname = "  Bo Li  "\n\temail = bo@x.org\n',
	);
	expect(resolveIdentity(undefined, env())).toEqual({
		name: 'Bo Li',
		source: 'git',
		email: 'bo@x.org',
	});
	rmSync(dir, {recursive: true, force: true});
});
