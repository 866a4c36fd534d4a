import React, {
	createContext,
	useContext,
	useLayoutEffect,
	useMemo,
	useRef,
	type ReactNode,
} from 'react';

/**
 * Where drafts live: which prompt is open, as the app's state names it. Each
 * text is kept under it while its prompt is unmounted (the too-small message
 * replaces every screen) and forgotten once the app is somewhere else.
 */
export type DraftScope = {
	/**
	 * Names the one prompt open, exactly (its kind, item and step), so that the
	 * text prompt under it keeps its draft without a key of its own.
	 */
	prompt?: string;
	/** The screen shown; prompts with an explicit draft key keep their drafts per screen. */
	screen: string;
};

type Drafts = {store: Map<string, unknown>; scope: DraftScope};

const DraftsContext = createContext<Drafts | undefined>(undefined);

const promptKey = (prompt: string) => `prompt\u0000${prompt}`;
const screenKey = (screen: string, key: string) => `screen\u0000${screen}\u0000${key}`;

/**
 * Keeps the drafts of the app's prompts across a remount. Held by the app
 * above the size check, so that a terminal crossing the size limit and back
 * gets each open prompt back with the text typed so far. Drafts of any other
 * prompt or screen are dropped once the scope changes, so a prompt opened
 * again later starts from its own initial text.
 */
export function PromptDrafts({scope, children}: {scope: DraftScope; children: ReactNode}) {
	const store = useRef(new Map<string, unknown>()).current;
	const {prompt, screen} = scope;
	useLayoutEffect(() => {
		const keep = prompt === undefined ? undefined : promptKey(prompt);
		const screenPrefix = screenKey(screen, '');
		for (const key of store.keys())
			if (key !== keep && !key.startsWith(screenPrefix)) store.delete(key);
	}, [store, prompt, screen]);
	const value = useMemo(() => ({store, scope: {prompt, screen}}), [store, prompt, screen]);
	return <DraftsContext.Provider value={value}>{children}</DraftsContext.Provider>;
}

/**
 * A mutable object that survives its component's unmount when the app keeps
 * drafts: under `draftKey` on the current screen, else under the open prompt
 * of the app's state. Outside PromptDrafts, or with nothing to key it by, it
 * is the component's own (as useRef).
 */
export function useDraft<T extends object>(draftKey: string | undefined, make: () => T): T {
	const drafts = useContext(DraftsContext);
	const key =
		drafts === undefined
			? undefined
			: draftKey !== undefined
				? screenKey(drafts.scope.screen, draftKey)
				: drafts.scope.prompt !== undefined
					? promptKey(drafts.scope.prompt)
					: undefined;
	const own = useRef<{key: string | undefined; value: T} | undefined>(undefined);
	if (!own.current || own.current.key !== key) {
		let value = key === undefined ? undefined : (drafts!.store.get(key) as T | undefined);
		if (!value) {
			value = make();
			if (key !== undefined) drafts!.store.set(key, value);
		}
		own.current = {key, value};
	}
	return own.current.value;
}

/** Forgets a draft (a prompt that was answered or cancelled), keeping the component's object. */
export function useForgetDraft(draftKey: string | undefined): () => void {
	const drafts = useContext(DraftsContext);
	return () => {
		if (!drafts) return;
		if (draftKey !== undefined) drafts.store.delete(screenKey(drafts.scope.screen, draftKey));
		else if (drafts.scope.prompt !== undefined) drafts.store.delete(promptKey(drafts.scope.prompt));
	};
}
