import {useState} from 'react';
import {maxScroll, scrolled, type ScrollMove} from './scroll.js';

/** A scrolled view's place, and a way to move it. */
export type Scroll = {
	/** The first line shown, always within the list as it is now. */
	offset: number;
	move: (move: ScrollMove) => void;
};

/**
 * Scrolls `total` lines shown `height` at a time; the caller's keys (from the
 * key table) move it. A list that shrinks, or a terminal that grows, never
 * leaves it past the end.
 */
export function useScroll(total: number, height: number): Scroll {
	const [wanted, setWanted] = useState(0);
	const offset = Math.min(wanted, maxScroll(total, height));
	const move = (m: ScrollMove) => setWanted(scrolled(offset, m, total, height));
	return {offset, move};
}
