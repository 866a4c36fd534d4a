import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {isPreflightError} from '../../source/errors.js';
import {LARGE_INPUT} from '../../source/model/large.js';
import {newReview} from '../../source/model/review.js';
import {emptyDatabase} from '../../source/store/database.js';
import {storedReview} from '../../source/store/layout.js';
import {serializeDatabase} from '../../source/store/validated-file.js';
import {listFiles, privateCliPath, runCli, stackLine, tempDir} from './private-cli.js';

beforeAll(() => {
	privateCliPath();
});

const loaded = loadChecklist(defaultChecklistPath());
const at = new Date('2026-03-01T12:00:00Z');

/** A database text of `count` reviews (system-0…), review `copy` given the id of review 0. */
function sharedIdDatabase(count: number, copy: number): {text: string; id: string} {
	const db = emptyDatabase();
	for (let i = 0; i < count; i++)
		db.reviews.push(newReview(loaded.checklist, loaded.digest, `system-${i}`, undefined, at));
	const id = db.reviews[0]!.id;
	db.reviews[copy] = {...db.reviews[copy]!, id};
	// Laid out as the file holds it, without serializeDatabase (which refuses it).
	return {text: JSON.stringify({...db, reviews: db.reviews.map(storedReview)}, null, 2), id};
}

/** Every command refuses the file in one line naming both reviews, and nothing on disk changes. */
function expectRefusedEverywhere(dir: string, db: string, copy: number, id: string): void {
	const before = readFileSync(db, 'utf8');
	const files = listFiles(dir);
	const named = `reviews[0] (system-0) and reviews[${copy}] (system-${copy}) have the same id "${id}"`;
	const commands = [
		['status', '--system', `system-${copy}`],
		['status', '--system', 'system-1', '--json'],
		['gate', '--system', `system-${copy}`],
		['snapshot', '--system', `system-${copy}`],
		['reviews'],
		['set', 'security.secrets', 'fail', '--system', `system-${copy}`],
		['set', 'security.secrets', 'fail', '--system', 'a-new-one'],
	];
	for (const args of commands) {
		const r = runCli([...args, '--db', db], dir);
		expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
		expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
		expect(r.stderr).toContain(named);
		expect(r.stderr).not.toMatch(stackLine);
		expect(r.stdout).toBe('');
	}
	expect(readFileSync(db, 'utf8')).toBe(before);
	expect(listFiles(dir)).toEqual(files);
}

describe('review ids are unique', () => {
	it('a small database with two reviews of one id: every command exits 2 naming both', () => {
		const dir = tempDir();
		const db = join(dir, 'db.json');
		const {text, id} = sharedIdDatabase(3, 2);
		writeFileSync(db, text);
		expectRefusedEverywhere(dir, db, 2, id);
	});

	it('a database over 256 KB (the fast path): the same refusal, whichever review is asked for', () => {
		const dir = tempDir();
		const db = join(dir, 'state', 'db.json');
		let count = 40;
		let built = sharedIdDatabase(count, count - 1);
		while (built.text.length < LARGE_INPUT * 1.1) {
			count *= 2;
			built = sharedIdDatabase(count, count - 1);
		}
		mkdirSync(dirname(db));
		writeFileSync(db, built.text);
		expectRefusedEverywhere(dir, db, count - 1, built.id);
	});

	it('a save with two reviews of one id is refused before anything is written', () => {
		const db = emptyDatabase();
		const a = newReview(loaded.checklist, loaded.digest, 'a', undefined, at);
		const b = {...newReview(loaded.checklist, loaded.digest, 'b', '2', at), id: a.id};
		db.reviews.push(a, b);
		let message = '';
		try {
			serializeDatabase(db);
		} catch (error) {
			if (!isPreflightError(error)) throw error;
			message = error.message;
		}
		expect(message).toBe(
			`refusing to save an invalid database (reviews[0] (a) and reviews[1] (b 2) have the same id "${a.id}")`,
		);
	});
});
