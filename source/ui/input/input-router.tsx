import {useStdin, type Key} from 'ink';
import React, {
	createContext,
	useContext,
	useCallback,
	useEffect,
	useLayoutEffect,
	useMemo,
	useRef,
	useState,
	type ReactNode,
} from 'react';
import {createKeyDecoder, isTextPress, SEQUENCE_TIMEOUT_MS, type Press} from './key-decoder.js';
import {blankKey} from './blank-key.js';

/**
 * Handles one key press. Returning 'pass' gives the key, once this handler's
 * changes are rendered, to the newest handler that has not had it yet (a prompt
 * that closed itself on ctrl+c hands the key to the screen behind it, which quits).
 */
export type Handler = (input: string, key: Key, paste?: true) => 'pass' | void;
type Slot = {current: Handler; text: boolean};
type Router = {push: (slot: Slot) => () => void};
/** A key waiting for its turn, and the handlers that passed it on already. */
type Entry = {press: Press; asked: Slot[]};

const RouterContext = createContext<Router | undefined>(undefined);

/** The newest handler not yet asked about a key. */
function newest(stack: readonly Slot[], asked: readonly Slot[]): Slot | undefined {
	for (let i = stack.length - 1; i >= 0; i--) if (!asked.includes(stack[i]!)) return stack[i];
	return undefined;
}

/**
 * One keyboard listener for the whole app, delivering each key to the handler
 * registered last (a prompt over a screen, an overlay over both).
 *
 * Why not Ink's useInput: it throws on some escape sequences it half-knows
 * (ctrl+F1, or ESC [31m in pasted colour text, killed the app), and it hands all
 * the keys of one read (typeahead, a paste, SSH batching) to one handler as one
 * string, so "cfine⏎" reached the review screen as five commands instead of
 * opening the note prompt and typing into it. Here our own decoder (which never
 * throws) splits what is read into presses, and the keys wait in a queue: each
 * goes to whoever has the keyboard once the key before it has been handled and
 * its render committed. Handlers are registered in layout effects, so by the
 * time this router's own layout effect runs, a prompt opened by the last key is
 * in place to receive the next.
 */
export function InputRouter({children}: {children: ReactNode}) {
	const stack = useRef<Slot[]>([]);
	const queue = useRef<Entry[]>([]);
	// A key has been handed over and the render it caused has not committed yet.
	const waiting = useRef(false);
	const [turn, setTurn] = useState(0);
	const {internal_eventEmitter: events, setRawMode} = useStdin();

	const step = useCallback(() => {
		if (waiting.current) return;
		for (let entry = queue.current.shift(); entry; entry = queue.current.shift()) {
			const slot = newest(stack.current, entry.asked);
			if (!slot) continue; // nobody (left) to take it
			let {press} = entry;
			if (press.paste) {
				// Pasted lines must never run as commands: a text field takes the paste
				// as one line of text, a screen takes none of it.
				const line = press.input
					.replace(/^[\r\n]+|[\r\n]+$/g, '') // a copied line's own line break
					.replace(/\s*[\r\n]+\s*/g, ' ');
				// A screen hears only that a paste came (to say it does nothing there).
				if (slot.text && line) slot.current(line, blankKey);
				else if (line) slot.current('', blankKey, true);
				waiting.current = true;
				setTurn((t) => t + 1);
				return;
			}
			// Typing never changes who has the keyboard in a text field: give it a run
			// of typed characters at once (one render for a paste, not one per character).
			if (slot.text && entry.asked.length === 0 && isTextPress(press)) {
				let {input} = press;
				const typed = (e: Entry | undefined) => e && e.asked.length === 0 && isTextPress(e.press);
				while (typed(queue.current[0])) input += queue.current.shift()!.press.input;
				press = {input, key: blankKey};
			}
			if (slot.current(press.input, press.key) === 'pass')
				queue.current.unshift({press, asked: [...entry.asked, slot]});
			// Batched with whatever the handler changed, so this costs no render of its
			// own when the key did something; it makes sure a commit follows in any case.
			waiting.current = true;
			setTurn((t) => t + 1);
			return;
		}
	}, []);

	useLayoutEffect(() => {
		if (!waiting.current) return;
		// The next key runs once this commit is over rather than inside it: updates
		// made inside a commit render synchronously and nest, and React gives up
		// after 50 nested renders (a long paste on a screen would stop the app).
		queueMicrotask(() => {
			waiting.current = false;
			step();
		});
	}, [turn, step]);

	useEffect(() => {
		const decoder = createKeyDecoder();
		// Ink splits each read into pieces (escape sequences apart from text) and
		// emits them one after another at once; the decoder wants the read whole,
		// as the terminal wrote it: a paste's end bracket followed by more text in
		// the same read is pasted text, not the end (see createKeyDecoder).
		let read: string | undefined;
		const onInput = (data: unknown) => {
			const piece = typeof data === 'string' ? data : String(data);
			if (read !== undefined) {
				read += piece;
				return;
			}
			read = piece;
			queueMicrotask(() => decodeRead());
		};
		let flush: NodeJS.Timeout | undefined;
		const decodeRead = () => {
			const whole = read ?? '';
			read = undefined;
			clearTimeout(flush);
			for (const press of decoder.decode(whole)) queue.current.push({press, asked: []});
			// A paste that may have ended is given to its reader once all is quiet.
			if (decoder.waiting()) flush = setTimeout(decodeRead, SEQUENCE_TIMEOUT_MS + 10);
			step();
		};
		setRawMode(true);
		events.on('input', onInput);
		return () => {
			clearTimeout(flush);
			events.off('input', onInput);
			setRawMode(false);
			queue.current = [];
		};
	}, [events, setRawMode, step]);

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

/** Options of an input handler. */
export type InputHandlerOptions = {
	/** Takes runs of typed characters as one input (a text field); single presses otherwise. */
	text?: boolean;
};

/** Receives keys while active and the most recently registered handler. */
export function useInputHandler(
	handler: Handler,
	isActive = true,
	{text = false}: InputHandlerOptions = {},
): void {
	const router = useContext(RouterContext);
	if (!router) throw new Error('useInputHandler must be used inside InputRouter');
	const slot = useRef<Slot>({current: handler, text});
	useLayoutEffect(() => {
		slot.current.current = handler;
		slot.current.text = text;
	});
	useLayoutEffect(() => {
		if (!isActive) return;
		return router.push(slot.current);
	}, [isActive, router]);
}
