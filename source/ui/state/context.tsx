import React, {createContext, useContext, useMemo, type Dispatch, type ReactNode} from 'react';
import {evaluate, type Evaluation} from '../../model/evaluate.js';
import type {Actor} from '../../model/actor.js';
import type {Review} from '../../model/schemas.js';
import type {ReviewerSource} from '../../system/identity.js';
import type {OpenOutcome} from '../../system/open-link.js';
import {currentReview} from './selectors.js';
import type {Action, State, WrittenSnapshot} from './types.js';

/** What screens may ask of the world outside the reducer. */
export type Services = {
	cwd: string;
	dbPath: string;
	now: () => Date;
	reviewer: () => string;
	/** Where the reviewer's name came from; `os`: nobody named one (the header says so). */
	reviewerSource?: () => ReviewerSource;
	/** The reviewer's email when known (git user.email or PREFLIGHT_REVIEWER_EMAIL). */
	reviewerEmail?: () => string | undefined;
	commit: () => string | undefined;
	/** Writes the snapshot pair, signed when a signing key is configured (PREFLIGHT_SIGNING_KEY, git). */
	writeSnapshot: (review: Review) => Promise<WrittenSnapshot>;
	/**
	 * Shows a file in the user's $PAGER (else less), the app set aside until it
	 * ends; absent where there is no terminal to lend (tests).
	 */
	openPager?: (path: string) => Promise<void>;
	/**
	 * Opens an http(s) link in the browser (system/open-link.ts); absent where
	 * none may be opened (tests pass their own): the link is then shown.
	 */
	openLink?: (url: string) => Promise<OpenOutcome>;
	/** How many checks run at once (default: the CPUs, as `preflight check --jobs`). */
	checkJobs?: number;
	/** Ends the app; a non-zero code when changes could not be saved. */
	quit: (code?: number) => void;
};

export type Actions = {dispatch: Dispatch<Action>; services: Services};

const StateContext = createContext<State | undefined>(undefined);
const ActionsContext = createContext<Actions | undefined>(undefined);

export function AppProviders({
	state,
	actions,
	children,
}: {
	state: State;
	actions: Actions;
	children: ReactNode;
}) {
	return (
		<ActionsContext.Provider value={actions}>
			<StateContext.Provider value={state}>{children}</StateContext.Provider>
		</ActionsContext.Provider>
	);
}

export function useAppState(): State {
	const state = useContext(StateContext);
	if (!state) throw new Error('useAppState must be used inside AppProviders');
	return state;
}

export function useAppActions(): Actions {
	const actions = useContext(ActionsContext);
	if (!actions) throw new Error('useAppActions must be used inside AppProviders');
	return actions;
}

/** Who is acting now, for sign-offs and the audit log. */
export function actorFrom(
	services: Pick<Services, 'reviewer' | 'reviewerEmail' | 'now' | 'commit'>,
): Actor {
	const commit = services.commit();
	const email = services.reviewerEmail?.();
	return {
		by: services.reviewer(),
		...(email ? {email} : {}),
		at: services.now(),
		...(commit ? {commit} : {}),
	};
}

/**
 * The open review judged now, recomputed only when the review or checklist
 * changes (not on every key that just moves the focus).
 */
export function useEvaluation(): {review: Review | undefined; evaluation: Evaluation | undefined} {
	const state = useAppState();
	const {services} = useAppActions();
	const review = currentReview(state);
	const {checklist, team} = state.loaded;
	const evaluation = useMemo(
		() => (review ? evaluate(checklist, review, services.now(), team) : undefined),
		[review, checklist, team, services],
	);
	return {review, evaluation};
}
