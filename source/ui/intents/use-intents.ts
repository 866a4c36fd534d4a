import type {ActionId, Scope} from '../keys.js';
import {useKeys} from '../input/use-keys.js';
import {actorFrom, useAppActions} from '../state/context.js';
import {nothingHere, type Intent, type IntentEnv} from './intents.js';

/**
 * A screen's keys: each action from the key table goes through the screen's
 * pure `decide` to an intent; actions are dispatched and effects carried out
 * here, so the screen itself only renders. Keys without an action say so.
 */
export function useIntents(
	scope: Exclude<Scope, 'global'>,
	decide: (action: ActionId, env: IntentEnv) => Intent,
	isActive: boolean,
	effects: {
		writeSnapshot?: () => void;
		openDecision?: () => void;
		viewLog?: (ref: string) => void;
		openLink?: (url: string) => void;
	} = {},
): void {
	const {dispatch, services} = useAppActions();
	useKeys(
		scope,
		(action, typed) => {
			const intent = decide(action, {
				now: services.now(),
				actor: () => actorFrom(services),
				typed,
			});
			if (!intent) return;
			if (intent.type === 'write-snapshot') return effects.writeSnapshot?.();
			if (intent.type === 'open-decision') return effects.openDecision?.();
			if (intent.type === 'view-log') return effects.viewLog?.(intent.ref);
			if (intent.type === 'open-link') return effects.openLink?.(intent.url);
			dispatch(intent);
		},
		isActive,
		(name) => dispatch(nothingHere(name)),
	);
}
