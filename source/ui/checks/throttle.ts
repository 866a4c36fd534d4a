/** The clock a throttle reads and sets timers on (tests pass fake ones). */
export type ThrottleClock = {
	now: () => number;
	setTimer: (fn: () => void, ms: number) => unknown;
	clearTimer: (timer: unknown) => void;
};

const realClock: ThrottleClock = {
	now: () => Date.now(),
	setTimer: (fn, ms) => setTimeout(fn, ms),
	clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** A throttled call: `call` asks for a run, `cancel` drops a pending one. */
export type Throttle = {call: () => void; cancel: () => void};

/**
 * Runs `run` at most once per `everyMs`, and never drops the last request: a
 * call inside the quiet period schedules one trailing run at its end (a burst
 * of calls shares it), so whatever arrived last is shown even once the calls
 * stop. `run` reads the latest state itself when it runs.
 */
export function throttle(run: () => void, everyMs: number, clock = realClock): Throttle {
	let last = Number.NEGATIVE_INFINITY;
	let timer: unknown;
	let pending = false;
	const fire = () => {
		pending = false;
		timer = undefined;
		last = clock.now();
		run();
	};
	return {
		call() {
			if (pending) return;
			const wait = last + everyMs - clock.now();
			if (wait <= 0) fire();
			else {
				pending = true;
				timer = clock.setTimer(fire, wait);
			}
		},
		cancel() {
			if (pending) clock.clearTimer(timer);
			pending = false;
			timer = undefined;
		},
	};
}
