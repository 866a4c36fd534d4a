/**
 * First row to show so that `focus` stays in view in a list of `count` rows
 * shown `height` at a time, keeping the focus near the middle. Only these rows
 * are rendered, so a key press costs the same at 26 items or 10,000.
 */
export function windowStart(focus: number, count: number, height: number): number {
	if (count <= height) return 0;
	const start = focus - Math.floor(height / 2);
	return Math.max(0, Math.min(count - height, start));
}

/** The line that says what a list's window leaves out, above and below it. */
export function outOfViewLine(above: number, below: number): string {
	if (above && below) return `  … ${above} above, ${below} below (↑↓ scroll)`;
	return above ? `  … ${above} more above (↑ scrolls)` : `  … ${below} more below (↓ scrolls)`;
}

/**
 * The rows [start, end) to show of a list whose rows take `heights[i]` lines
 * each, in `height` lines, so that `focus` stays in view near the middle: the
 * rows above it take at most half the lines its own leaves, then the rows
 * below fill what remains, then the rows above again.
 */
export function windowByHeights(
	focus: number,
	heights: readonly number[],
	height: number,
): {start: number; end: number} {
	if (heights.length === 0) return {start: 0, end: 0};
	const f = Math.max(0, Math.min(heights.length - 1, focus));
	let start = f;
	let end = f + 1;
	let used = heights[f] ?? 1;
	const half = Math.floor((height - used) / 2);
	let above = 0;
	while (start > 0 && above + (heights[start - 1] ?? 1) <= half) {
		start--;
		above += heights[start] ?? 1;
	}
	used += above;
	while (end < heights.length && used + (heights[end] ?? 1) <= height) used += heights[end++] ?? 1;
	while (start > 0 && used + (heights[start - 1] ?? 1) <= height) used += heights[--start] ?? 1;
	return {start, end};
}
