// JSON text to data, plus a locator that maps a data path back to a line and
// column. The locator scans the text only when a problem needs a position, so
// valid files pay for JSON.parse alone.
import {lineIndex, type Locator, type Position} from './problems.js';

/** A JSON syntax error with its position, when the engine reports one. */
export type JsonSyntaxError = {position?: Position; message: string};

export function parseJson(text: string): {data: unknown} | {error: JsonSyntaxError} {
	try {
		return {data: JSON.parse(text) as unknown};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const offset = /position (\d+)/.exec(message);
		if (offset) return {error: {position: lineIndex(text)(Number(offset[1])), message}};
		// "Unexpected end of JSON input" names no position: the end is the place.
		if (/end of JSON/.test(message))
			return {error: {position: lineIndex(text)(text.length), message}};
		return {error: {message}};
	}
}

const maxDepth = 200;

type Spot = {value: number; key?: number};

/** Records the offset of every value (and its member key) by path. */
function scan(text: string): Map<string, Spot> {
	const spots = new Map<string, Spot>();
	const n = text.length;
	let i = 0;
	const space = () => {
		for (;;) {
			const c = text.charCodeAt(i);
			if (c === 32 || c === 9 || c === 10 || c === 13) i++;
			else return;
		}
	};
	const string = () => {
		i++;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === 92) i += 2;
			else if (c === 34) {
				i++;
				return;
			} else i++;
		}
	};
	const value = (path: string, depth: number) => {
		space();
		const c = text[i];
		if (c === '{') {
			i++;
			for (;;) {
				space();
				if (text[i] === '}' || i >= n) {
					i++;
					return;
				}
				const keyAt = i;
				string();
				let key: string;
				try {
					key = JSON.parse(text.slice(keyAt, i)) as string;
				} catch {
					return;
				}
				space();
				i++; // colon
				space();
				const child = `${path}\u0000${key}`;
				if (depth < maxDepth) spots.set(child, {value: i, key: keyAt});
				value(child, depth + 1);
				space();
				if (text[i] === ',') i++;
			}
		} else if (c === '[') {
			i++;
			for (let index = 0; ; index++) {
				space();
				if (text[i] === ']' || i >= n) {
					i++;
					return;
				}
				const child = `${path}\u0000${index}`;
				if (depth < maxDepth) spots.set(child, {value: i});
				value(child, depth + 1);
				space();
				if (text[i] === ',') i++;
			}
		} else if (c === '"') string();
		else while (i < n && !/[\s,\]}]/.test(text[i] ?? '')) i++;
	};
	space();
	spots.set('', {value: i});
	value('', 0);
	return spots;
}

const keyOf = (path: readonly PropertyKey[]) => path.map((p) => `\u0000${String(p)}`).join('');

/** A locator over valid JSON text; builds its index on first use. */
export function jsonLocator(text: string): Locator {
	let spots: Map<string, Spot> | undefined;
	let position: ((offset: number) => Position) | undefined;
	return (path, key) => {
		spots ??= scan(text);
		position ??= lineIndex(text);
		if (key !== undefined) {
			const spot = spots.get(keyOf([...path, key]));
			return spot?.key === undefined ? undefined : position(spot.key);
		}
		const spot = spots.get(keyOf(path));
		return spot ? position(spot.value) : undefined;
	};
}
