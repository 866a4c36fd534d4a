import {availableParallelism} from 'node:os';
import {useEffect, useRef} from 'react';
import {buildRun, itemsWithChecks, timeoutMs} from '../../model/checks.js';
import {findItem} from '../../model/review.js';
import {evidenceBase} from '../../system/evidence.js';
import {actorFrom, useAppActions, useAppState} from '../state/context.js';
import {currentReview} from '../state/selectors.js';
import type {CappedOutput} from '../../checks/capped-output.js';
import {throttle} from './throttle.js';

/** How often a running check's last lines are sent to the screen (ms): often enough to watch, rarely enough to type. */
const OUTPUT_EVERY_MS = 150;
/** Lines of output shown while a check runs. */
const LIVE_LINES = 6;

/**
 * Carries out the app's check requests (state.checks): asks once to trust an
 * untrusted checklist, runs each check in its own process group off the key
 * path (keys stay responsive), streams its last lines, records the result the
 * moment it ends, and kills every group on cancel or when the app ends. The
 * runner and the trust store are imported on first use: start-up never loads
 * node:child_process.
 */
export function useCheckRunner(): void {
	const state = useAppState();
	const {dispatch, services} = useAppActions();
	const controllers = useRef(new Map<string, AbortController>());
	const seenRequest = useRef(0);
	const seenCancel = useRef(0);
	/** Items waiting for a slot: at most `jobs` checks run at once. */
	const waiting = useRef<string[]>([]);
	const jobs = Math.max(1, services.checkJobs ?? availableParallelism());
	const latest = useRef(state);
	latest.current = state;

	const request = state.checks?.request;
	useEffect(() => {
		if (!request || request.seq === seenRequest.current) return;
		seenRequest.current = request.seq;
		const s = latest.current;
		const review = currentReview(s);
		if (!review) return;
		void (async () => {
			const {isTrusted, trust} = await import('../../checks/trust.js');
			const {digest, checklist} = s.loaded;
			if (!request.trust && !isTrusted(digest)) {
				// Nothing runs until the user trusts the checklist (the prompt asks again).
				dispatch({type: 'checks-unqueued', itemIds: request.itemIds});
				const [first] = request.itemIds;
				if (first) {
					if (s.screen !== 'review') dispatch({type: 'go', screen: 'review'});
					dispatch({
						type: 'open-prompt',
						prompt: {
							kind: 'trust-checks',
							itemId: first,
							itemIds: request.itemIds,
							commands: itemsWithChecks(checklist).length,
						},
					});
				}
				return;
			}
			if (request.trust) trust(digest, checklist.id, services.now());
			const [{runCommand}, {writeLog, logRef}] = await Promise.all([
				import('../../checks/run-check.js'),
				import('../../checks/evidence-log.js'),
			]);
			const base = evidenceBase(services.cwd);
			const start = (itemId: string) => {
				const item = findItem(checklist, itemId);
				const check = item?.check;
				if (!check || controllers.current.has(itemId)) return false;
				const abort = new AbortController();
				controllers.current.set(itemId, abort);
				const at = services.now();
				dispatch({type: 'check-started', itemId, startedAt: Date.now()});
				// At most one screen update per OUTPUT_EVERY_MS, the last always shown.
				let latestOutput: CappedOutput | undefined;
				const show = throttle(() => {
					if (latestOutput)
						dispatch({type: 'check-output', itemId, lines: latestOutput.lastLines(LIVE_LINES)});
				}, OUTPUT_EVERY_MS);
				void runCommand(check.run, {
					cwd: base,
					timeoutMs: timeoutMs(check),
					signal: abort.signal,
					onOutput: (out) => {
						latestOutput = out;
						show.call();
					},
				}).then((result) => {
					show.cancel();
					controllers.current.delete(itemId);
					const log = writeLog(services.dbPath, result.output);
					const actor = actorFrom(services);
					const run = buildRun(check, {
						...result,
						output: result.output.toString('utf8'),
						at,
						actor,
						log: log.sha256,
					});
					dispatch({
						type: 'check-finished',
						reviewId: review.id,
						itemId,
						run,
						logRef: logRef(base, log.path),
					});
					pump();
				});
				return true;
			};
			// The slots free up as checks end: the next waiting one starts.
			const pump = () => {
				while (controllers.current.size < jobs && waiting.current.length > 0) {
					const next = waiting.current.shift()!;
					start(next);
				}
			};
			for (const id of request.itemIds)
				if (!waiting.current.includes(id) && !controllers.current.has(id)) waiting.current.push(id);
			pump();
		})().catch((error: unknown) => {
			dispatch({
				type: 'message',
				message: {
					kind: 'error',
					text: `Could not run the check: ${error instanceof Error ? error.message : String(error)}`,
				},
			});
		});
	}, [request, dispatch, services, jobs]);

	const cancelSeq = state.checks?.cancelSeq ?? 0;
	useEffect(() => {
		if (cancelSeq === seenCancel.current) return;
		seenCancel.current = cancelSeq;
		// Those still waiting never start.
		waiting.current = [];
		for (const c of controllers.current.values()) c.abort();
	}, [cancelSeq]);

	// The app ending kills whatever still runs.
	useEffect(() => {
		const running = controllers.current;
		return () => {
			for (const c of running.values()) c.abort();
		};
	}, []);
}
