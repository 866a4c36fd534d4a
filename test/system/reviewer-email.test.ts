// Whose email a sign-off records (source/system/identity.ts): git's user.email
// only for git's own user.name, however that name was given.
import {afterEach, beforeEach, expect, test} from 'vitest';
import {resolveReviewerEmail, resolveReviewerEmailAsync} from '../../source/system/identity.js';

const saved = {...process.env};

beforeEach(() => {
	// Configuration given to git as if on its command line: it wins over every file.
	process.env.GIT_CONFIG_COUNT = '2';
	process.env.GIT_CONFIG_KEY_0 = 'user.name';
	process.env.GIT_CONFIG_VALUE_0 = 'Carol Smith';
	process.env.GIT_CONFIG_KEY_1 = 'user.email';
	process.env.GIT_CONFIG_VALUE_1 = 'carol@example.com';
	delete process.env.PREFLIGHT_REVIEWER_EMAIL;
});

afterEach(() => {
	process.env = {...saved};
});

test("git's own name, given by hand or not, takes git's email", async () => {
	const env = {...process.env};
	expect(resolveReviewerEmail(undefined, env)).toBe('carol@example.com');
	expect(resolveReviewerEmail('Carol Smith', env)).toBe('carol@example.com');
	expect(resolveReviewerEmail(undefined, {...env, PREFLIGHT_REVIEWER: 'Carol Smith'})).toBe(
		'carol@example.com',
	);
	expect(await resolveReviewerEmailAsync('Carol Smith', env)).toBe('carol@example.com');
});

test('another name given by hand takes no email from git', async () => {
	const env = {...process.env};
	expect(resolveReviewerEmail('Dave', env)).toBeUndefined();
	expect(await resolveReviewerEmailAsync(undefined, {...env, PREFLIGHT_REVIEWER: 'Dave'})).toBe(
		undefined,
	);
});

test('PREFLIGHT_REVIEWER_EMAIL wins; set blank, no email at all', async () => {
	const env = {...process.env, PREFLIGHT_REVIEWER_EMAIL: 'dave@example.com'};
	expect(resolveReviewerEmail('Dave', env)).toBe('dave@example.com');
	expect(
		await resolveReviewerEmailAsync('Carol Smith', {...env, PREFLIGHT_REVIEWER_EMAIL: ' '}),
	).toBe(undefined);
});
