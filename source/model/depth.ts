// How deep parsed data nests. JSON.parse reads a value nested thousands deep,
// but every recursive walk after it (canonical JSON, zod, JSON.stringify, key
// sorting) runs out of stack somewhere between a few thousand levels and tens
// of thousands: "Maximum call stack size exceeded" instead of one line naming
// the file. Readers measure the depth first, without recursion, and refuse.

/**
 * Deeper than any file preflight reads or writes needs (a database nests about
 * seven levels, a snapshot six), and far below what any walk can take.
 */
export const MAX_NESTING = 64;

/** Whether any value in `value` is nested deeper than `limit` levels: no recursion, no allocation per value. */
function exceeds(value: unknown, limit: number): boolean {
	const values: unknown[] = [value];
	const depths: number[] = [0];
	while (values.length > 0) {
		const v = values.pop();
		const depth = depths.pop()!;
		if (v === null || typeof v !== 'object') continue;
		if (depth >= limit) return true;
		for (const child of Array.isArray(v) ? v : Object.values(v)) {
			if (child === null || typeof child !== 'object') continue;
			values.push(child);
			depths.push(depth + 1);
		}
	}
	return false;
}

/** The path to a value nested deeper than `limit` levels, or undefined when none is. */
export function tooDeep(value: unknown, limit = MAX_NESTING): string | undefined {
	if (!exceeds(value, limit)) return undefined;
	// Found: walk again, this time keeping paths, to say where.
	const stack: Array<{value: unknown; depth: number; path: string}> = [{value, depth: 0, path: ''}];
	while (stack.length > 0) {
		const top = stack.pop()!;
		if (top.value === null || typeof top.value !== 'object') continue;
		if (top.depth >= limit) return top.path || '(top level)';
		const entries: Array<[string, unknown]> = Array.isArray(top.value)
			? top.value.map((v, i) => [`[${i}]`, v])
			: Object.entries(top.value).map(([k, v]) => [`.${k}`, v]);
		for (const [step, v] of entries)
			if (v !== null && typeof v === 'object')
				stack.push({value: v, depth: top.depth + 1, path: `${top.path}${step}`});
	}
	return '(top level)';
}

/** One line for a value nested too deeply: where, and the limit. */
export function tooDeepMessage(path: string, limit = MAX_NESTING): string {
	const plain = path.replace(/^\./, '');
	const shown = plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
	return `nested too deeply (more than ${limit} levels, at ${shown}; no preflight file nests so deep)`;
}
