import {useState} from 'react';
import {useInputHandler} from './input/input-router.js';
import {maxScroll, pageMoveFor, scrolled, type ScrollMove} from './scroll.js';

/** A scrolled view's place, and a way to move it. */
export type Scroll = {
	/** The first line shown, always within the list as it is now. */
	offset: number;
	move: (move: ScrollMove) => void;
};

/**
 * Scrolls `total` lines shown `height` at a time: pgup, pgdn, home and end
 * here, other moves through `move` (the caller's keys from the key table). A
 * list that shrinks, or a terminal that grows, never leaves it past the end.
 * While `isActive` is false the page keys go to whoever else has the keyboard.
 */
export function useScroll(total: number, height: number, isActive = true): Scroll {
	const [wanted, setWanted] = useState(0);
	const offset = Math.min(wanted, maxScroll(total, height));
	const move = (m: ScrollMove) => setWanted(scrolled(offset, m, total, height));
	useInputHandler((_input, key) => {
		const m = pageMoveFor(key);
		if (!m) return 'pass';
		move(m);
	}, isActive);
	return {offset, move};
}
