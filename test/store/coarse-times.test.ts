// A file system whose clock ticks in whole seconds (ext3, some network mounts)
// gives an outside edit of the same size, made in the same second as the last
// save, the very stamp of that save. Emulated here by a file system whose
// every file shows the same times: whatever happens within one tick.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {isPreflightError} from '../../source/errors.js';
import {newReview} from '../../source/model/review.js';
import {Store} from '../../source/store/database.js';
import {tempDir} from './private-cli.js';

/** The one tick every file's times fall in. */
const TICK = Date.parse('2026-03-01T12:00:00Z');

vi.mock('node:fs', async (importOriginal) => {
	const fs = await importOriginal<typeof import('node:fs')>();
	// The store asks for plain (number) stats only.
	const inTick = <S>(stats: S): S => {
		if (stats) Object.assign(stats as object, {mtimeMs: TICK, ctimeMs: TICK});
		return stats;
	};
	const statSync = ((...args: Parameters<typeof fs.statSync>) =>
		inTick(fs.statSync(...args))) as typeof fs.statSync;
	const fstatSync = ((...args: Parameters<typeof fs.fstatSync>) =>
		inTick(fs.fstatSync(...args))) as typeof fs.fstatSync;
	return {...fs, default: {...fs, statSync, fstatSync}, statSync, fstatSync};
});

const loaded = loadChecklist(defaultChecklistPath());

async function refusal(store: Store): Promise<string | undefined> {
	return store.save().then(
		() => undefined,
		(error: unknown) => (isPreflightError(error) ? error.message : String(error)),
	);
}

function addReview(store: Store, system: string): void {
	const review = newReview(loaded.checklist, loaded.digest, system, undefined, new Date(TICK));
	store.data = {...store.data, reviews: [...store.data.reviews, review]};
}

describe('on a file system with coarse timestamps', () => {
	beforeEach(() => {
		// The clock in the same second as the files' times.
		vi.useFakeTimers({toFake: ['Date']});
		vi.setSystemTime(TICK + 400);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('an outside edit of the same size in the same second is seen by its content, not reverted', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		const store = await Store.open(db, {lock: {what: 'test', waitMs: 0}});
		try {
			addReview(store, 'alpha');
			expect(await refusal(store)).toBeUndefined();
			// Saves of its own go on: the content is what it wrote.
			addReview(store, 'beta');
			expect(await refusal(store)).toBeUndefined();
			const saved = readFileSync(db, 'utf8');
			// In place (same inode), same size: only the content tells.
			const edited = saved.replace('"system": "beta"', '"system": "zeta"');
			expect(edited).not.toBe(saved);
			expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(saved));
			writeFileSync(db, edited);
			addReview(store, 'delta');
			expect(await refusal(store)).toBe(
				`database ${db}: was changed by something else since preflight read it (edited by hand, or by git?); this change is not saved; quit and open it again to see what is there now`,
			);
			expect(readFileSync(db, 'utf8')).toBe(edited);
		} finally {
			await store.close();
		}
	});

	it('a file edited in the same second as it was opened is seen too', async () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		const first = await Store.open(db, {lock: {what: 'test', waitMs: 0}});
		addReview(first, 'alpha');
		await first.save();
		await first.close();
		const store = await Store.open(db, {lock: {what: 'test', waitMs: 0}});
		try {
			const text = readFileSync(db, 'utf8');
			writeFileSync(db, text.replace('"system": "alpha"', '"system": "omega"'));
			addReview(store, 'beta');
			expect(await refusal(store)).toMatch(/was changed by something else since preflight read it/);
		} finally {
			await store.close();
		}
	});
});
