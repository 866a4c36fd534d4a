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
