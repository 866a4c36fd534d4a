// Who records a change (source/system/identity.ts): the name, where it came
// from, and git's user.email only for git's own user.name, however that name
// was given; git asked once for both.
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
