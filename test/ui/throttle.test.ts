import {describe, expect, it} from 'vitest';
import {throttle} from '../../source/ui/checks/throttle.js';

/** A clock the test moves by hand: timers fire only when it is advanced past them. */
function fakeClock() {
	let t = 0;
	let timers: Array<{at: number; fn: () => void; id: number}> = [];
	let ids = 0;
	return {
		now: () => t,
		setTimer: (fn: () => void, ms: number) => {
			const id = ++ids;
			timers.push({at: t + ms, fn, id});
			return id;
		},
		clearTimer: (id: unknown) => {
			timers = timers.filter((x) => x.id !== id);
		},
		advance(ms: number) {
			const end = t + ms;
			for (;;) {
				const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
				if (!due) break;
				timers = timers.filter((x) => x !== due);
				t = due.at;
				due.fn();
			}
			t = end;
		},
		pending: () => timers.length,
	};
}

describe('the live output throttle', () => {
	it('runs the first call at once and one trailing run after a burst, with the latest state', () => {
		const clock = fakeClock();
		let value = 0;
		const seen: number[] = [];
		const t = throttle(() => seen.push(value), 150, clock);
		value = 1;
		t.call();
		expect(seen).toEqual([1]);
		// A burst inside the quiet period: nothing yet, one trailing run scheduled.
		for (value = 2; value <= 5; value++) {
			clock.advance(10);
			t.call();
		}
		value = 5;
		expect(seen).toEqual([1]);
		expect(clock.pending()).toBe(1);
		// The command goes quiet: the trailing run still shows the last output.
		clock.advance(1000);
		expect(seen).toEqual([1, 5]);
		expect(clock.pending()).toBe(0);
	});

	it('a call just after a run is never lost', () => {
		const clock = fakeClock();
		let value = 'a';
		const seen: string[] = [];
		const t = throttle(() => seen.push(value), 150, clock);
		t.call();
		clock.advance(1);
		value = 'b';
		t.call();
		clock.advance(500);
		expect(seen).toEqual(['a', 'b']);
		// After the quiet period a call runs at once again.
		value = 'c';
		t.call();
		expect(seen).toEqual(['a', 'b', 'c']);
	});

	it('cancel drops the trailing run', () => {
		const clock = fakeClock();
		const seen: number[] = [];
		const t = throttle(() => seen.push(1), 150, clock);
		t.call();
		t.call();
		t.cancel();
		clock.advance(1000);
		expect(seen).toEqual([1]);
	});
});
