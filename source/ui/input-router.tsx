import {useInput, useStdin, type Key} from 'ink';
import React, {
	createContext,
	useContext,
	useEffect,
	useLayoutEffect,
	useMemo,
	useRef,
	type ReactNode,
} from 'react';

/** `raw` is the key's bytes as read, escape sequences intact (Ink strips their ESC from `input`). */
type Handler = (input: string, key: Key, raw: string) => void;
type Slot = {current: Handler};
type Router = {push: (slot: Slot) => () => void};

const RouterContext = createContext<Router | undefined>(undefined);

/**
 * One keyboard listener for the whole app, delivering each key to the handler
 * registered last (a prompt over a screen, an overlay over both).
 *
 * Why not one `useInput` per component: Ink attaches and detaches those in
 * passive effects, which run after the frame is written, so a key arriving just
 * after a prompt appears still reached the screen behind it (a URL typed at
 * once became section and summary commands). Handlers here are registered in
 * layout effects, which run with the commit, before the next key can be read.
 */
export function InputRouter({children}: {children: ReactNode}) {
	const stack = useRef<Slot[]>([]);
	const raw = useRef('');
	const {internal_eventEmitter: events} = useStdin();
	// Registered before useInput's listener (effects run in order), so the raw
	// bytes of each key are known when its parsed form arrives.
	useEffect(() => {
		const record = (data: string) => {
			raw.current = data;
		};
		events.on('input', record);
		return () => {
			events.off('input', record);
		};
	}, [events]);
	useInput((input, key) => {
		stack.current.at(-1)?.current(input, key, raw.current);
	});
	const router = useMemo<Router>(
		() => ({
			push(slot) {
				stack.current.push(slot);
				return () => {
					stack.current = stack.current.filter((s) => s !== slot);
				};
			},
		}),
		[],
	);
	return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/** Receives keys while active and the most recently registered handler. */
export function useInputHandler(handler: Handler, isActive = true): void {
	const router = useContext(RouterContext);
	if (!router) throw new Error('useInputHandler must be used inside InputRouter');
	const slot = useRef<Handler>(handler);
	useLayoutEffect(() => {
		slot.current = handler;
	});
	useLayoutEffect(() => {
		if (!isActive) return;
		return router.push(slot);
	}, [isActive, router]);
}
