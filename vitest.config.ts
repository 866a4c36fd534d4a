import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Tests wait for conditions, never for fixed times; these limits only end a
		// test that hangs, and are far above what a busy two-core machine needs.
		testTimeout: 180_000,
		hookTimeout: 60_000,
		// pty tests spawn the built CLI; two cores, so keep parallelism modest.
		maxWorkers: 2,
		// A developer's own signing key (git's user.signingkey with gpg.format ssh)
		// is never used by tests that write snapshots; signing tests name their keys.
		env: {PREFLIGHT_SIGNING_KEY: ''},
	},
});
