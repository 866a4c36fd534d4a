/** How a key moves a view that shows part of a list. */
export type ScrollMove = 'line-up' | 'line-down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** The furthest a list of `total` lines shown `height` at a time can scroll. */
export function maxScroll(total: number, height: number): number {
	return Math.max(0, total - Math.max(1, height));
}

/**
 * The first line to show after `move`, of `total` lines shown `height` at a
 * time. A page keeps one line of the one before, so the eye finds its place.
 */
export function scrolled(offset: number, move: ScrollMove, total: number, height: number): number {
	const max = maxScroll(total, height);
	const page = Math.max(1, height - 1);
	const next =
		move === 'line-up'
			? offset - 1
			: move === 'line-down'
				? offset + 1
				: move === 'page-up'
					? offset - page
					: move === 'page-down'
						? offset + page
						: move === 'top'
							? 0
							: max;
	return Math.min(max, Math.max(0, next));
}
