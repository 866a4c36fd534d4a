import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useReducer} from 'react';
import {useCheckRunner} from './checks/use-check-runner.js';
import {InputRouter, useInputHandler} from './input/input-router.js';
import {PromptDrafts, type DraftScope} from './prompt-drafts.js';
import {AppProviders, type Services} from './state/context.js';
import {reducer} from './state/reducer.js';
import type {Action, State} from './state/types.js';
import {HelpOverlay} from './screens/help.js';
import {HomeScreen} from './screens/home.js';
import {NewReviewScreen} from './screens/new-review.js';
import {OrphansScreen} from './screens/orphans.js';
import {RenamesScreen} from './screens/renames.js';
import {ReviewScreen} from './screens/review.js';
import {SummaryScreen} from './screens/summary.js';
import {useTerminalSize} from './use-terminal-size.js';
import type {Database} from '../model/schemas.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/** Props of the app root: the first state, the services and where changes go. */
export type AppProps = {
	initial: State;
	services: Services;
	/** Called with each new database; resolves once that version is on disk. */
	persist: (db: Database) => Promise<void | string>;
	/** Actions to run once at start (for example opening a review named by --system). */
	startup?: Action[];
	/** Told each state once it is on screen (the exit line summarises the last one). */
	onStateChange?: (state: State) => void;
};

/**
 * Names the prompt the state has open, exactly: its text survives the screens
 * being unmounted (below the size limit) and is dropped once it closes.
 */
function draftScope(state: State): DraftScope {
	const {prompt} = state;
	if (!prompt) return {screen: state.screen};
	const parts: string[] = [prompt.kind];
	if ('itemId' in prompt) parts.push(prompt.itemId);
	if ('step' in prompt) parts.push(prompt.step);
	if ('thenPass' in prompt) parts.push(String(prompt.thenPass));
	return {screen: state.screen, prompt: parts.join('\u0000')};
}

function initState({initial, startup}: Pick<AppProps, 'initial' | 'startup'>): State {
	return (startup ?? []).reduce(reducer, initial);
}

export function App({initial, services, persist, startup, onStateChange}: AppProps) {
	const [state, dispatch] = useReducer(reducer, {initial, startup}, initState);
	useEffect(() => onStateChange?.(state), [state, onStateChange]);
	const size = useTerminalSize();
	const actions = useMemo(() => ({dispatch, services}), [services]);

	// Every change to the database is saved at once; the store coalesces writes.
	useEffect(() => {
		if (state.version === state.savedVersion) return;
		const version = state.version;
		persist(state.db).then(
			(notice) =>
				dispatch({type: 'saved', version, ...(typeof notice === 'string' ? {notice} : {})}),
			(error: unknown) =>
				dispatch({
					type: 'save-failed',
					error: error instanceof Error ? error.message : String(error),
				}),
		);
		// eslint-disable-next-line react-hooks/exhaustive-deps -- save when the data changes, not on every ack
	}, [state.db]);

	// q ends the app only once every change is on disk (a key typed with q in
	// the same read is saved first); after a failed save, only when confirmed.
	useEffect(() => {
		if (state.quitting === 'anyway') services.quit(1);
		else if (state.quitting === 'when-saved') {
			if (state.saveError) dispatch({type: 'quit'});
			else if (state.savedVersion >= state.version) services.quit(0);
		}
	}, [state.quitting, state.saveError, state.savedVersion, state.version, services]);

	const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
	const scope = state.screen === 'new-review' ? 'home' : state.screen;
	const drafts = draftScope(state);
	// One input router whatever is shown, so that crossing the size limit keeps
	// the keys waiting their turn and the decoder's place in a sequence.
	return (
		<AppProviders state={state} actions={actions}>
			<CheckRunner />
			<InputRouter>
				<PromptDrafts scope={drafts}>
					{tooSmall ? (
						<Box flexDirection="column">
							<Text color="yellow">{`The terminal is too small (${size.columns}×${size.rows}).`}</Text>
							<Text>{`preflight needs at least ${MIN_COLUMNS}×${MIN_ROWS}: enlarge the window (q quits).`}</Text>
							<TooSmallKeys quit={services.quit} />
						</Box>
					) : state.help ? (
						<HelpOverlay scope={scope} size={size} />
					) : state.screen === 'home' ? (
						<HomeScreen size={size} />
					) : state.screen === 'new-review' ? (
						<NewReviewScreen size={size} />
					) : state.screen === 'summary' ? (
						<SummaryScreen size={size} />
					) : state.screen === 'renames' ? (
						<RenamesScreen size={size} />
					) : state.screen === 'orphans' ? (
						<OrphansScreen size={size} />
					) : (
						<ReviewScreen size={size} />
					)}
				</PromptDrafts>
			</InputRouter>
		</AppProviders>
	);
}

/** Runs the checks x asks for, whatever screen is shown (ui/checks/use-check-runner.ts). */
function CheckRunner() {
	useCheckRunner();
	return null;
}

function TooSmallKeys({quit}: {quit: () => void}) {
	useInputHandler((input, key) => {
		if (input === 'q' || (key.ctrl && input === 'c')) quit();
	});
	return null;
}
