import {useEffect, useState} from 'react';

/** Spinner frames for a running check (braille dots; `NO_COLOR` keeps them readable). */
export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A counter that moves every `ms` while `active`: redraws a spinner and an elapsed time. */
export function useTick(active: boolean, ms = 100): number {
	const [tick, setTick] = useState(0);
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => setTick((t) => t + 1), ms);
		return () => clearInterval(timer);
	}, [active, ms]);
	return tick;
}
