import {readFileSync} from 'node:fs';
import type {Database} from '../source/model/schemas.js';
import {parseDatabase} from '../source/store/validated-file.js';

/**
 * A database file as preflight reads it: the reviews in memory. The file lays
 * each review out by item (source/store/layout.ts), so tests read answers and
 * audit logs through this rather than from the JSON.
 */
export function readDatabaseFile(path: string): Database {
	return parseDatabase(readFileSync(path, 'utf8'), path).data;
}
