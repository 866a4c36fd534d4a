import {reviewHistory} from '../model/history.js';
import {signalExitCode} from '../system/signals.js';
import {render} from 'ink';
import React from 'react';
import type {LoadedChecklist} from '../checklist/load.js';
import {writeSnapshotPair} from '../report/write.js';
import {writeMilestone} from '../report/milestone.js';
import {sanitizeLine} from '../terminal/sanitize.js';
import {withUpgradeNote} from '../model/upgrade.js';
import {keepChecklistCopy} from '../store/checklist-copies.js';
import {pastChecklists} from '../store/past-checklists.js';
import {buildSnapshot} from '../report/snapshot.js';
import {decisionSummary} from '../report/decision.js';
import {evaluate} from '../model/evaluate.js';
import {configuredSigningKey} from '../signing/config.js';
import {snapshotsDir, type Store} from '../store/database.js';
import {App} from './app.js';
import {exitSummary} from './exit-summary.js';
import {BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON} from './input/key-decoder.js';
import type {Services} from './state/context.js';
import {initialState} from './state/reducer.js';
import type {Action, State} from './state/types.js';
import {ALTERNATE_SCREEN_OFF, ALTERNATE_SCREEN_ON} from './terminal-screen.js';
import {launchDetached, openLink} from '../system/open-link.js';
/** Signals that end the app as q does: frames gone, the exit line printed, the lock released. */
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];

/** Writes to the terminal, which may be gone already (after SIGHUP). */
function tryWrite(text: string): void {
	try {
		process.stdout.write(text);
	} catch {
		// Nobody is there to read it.
	}
}

/** Renders the app on the real terminal until the user quits; resolves with the exit code. */
export async function runApp(options: {
	store: Store;
	loaded: LoadedChecklist;
	startup: Action[];
	services: Omit<Services, 'quit' | 'writeSnapshot'>;
	/** Who attends this session (--attendees): recorded on each review opened. */
	attendees?: string[];
}): Promise<number> {
	const {store, loaded} = options;
	let quit = (_code?: number) => {};
	let exitCode = 0;
	const services: Services = {
		...options.services,
		quit: (code?: number) => quit(code),
		writeSnapshot: async (review) => {
			const at = options.services.now();
			// Signed as `preflight snapshot` signs, with the key configured in the
			// environment or git. ssh-keygen runs without the terminal (Ink holds
			// it): a passphrase-protected key must be in ssh-agent.
			const source = configuredSigningKey(undefined, process.env, options.services.cwd);
			const signing = source
				? (await import('../signing/sign-snapshot.js')).prepareSnapshotSigning(
						source,
						process.env,
						// The app's own handlers answer signals (see below).
						{interactive: false, handleSignals: false, inApp: true},
					)
				: undefined;
			try {
				const snapshot = buildSnapshot(
					evaluate(loaded.checklist, review, at, loaded.team),
					review,
					loaded,
					at,
					{
						...(signing ? {signer: signing.signer} : {}),
						decision: decisionSummary(review, loaded),
					},
				);
				const paths = await writeSnapshotPair(
					snapshot,
					snapshotsDir(store.path),
					undefined,
					signing?.sign,
					reviewHistory(loaded.checklist, review, pastChecklists(store.path, loaded.digest)),
				);
				return signing ? {...paths, fingerprint: signing.signer.fingerprint} : paths;
			} finally {
				signing?.dispose();
			}
		},
	};
	// Why the last save failed, if it did: the exit line must not say "saved".
	let unsaved: string | undefined;
	// Milestones (report/milestone.ts): a review whose checklist differs from the
	// one it had in the last database handed here took a new version (opening it
	// upgrades it); its milestone is written before that database is saved, and
	// its upgrade's audit entry names it in this and every later save.
	let handed = store.data;
	const upgradeNotes = new Map<string, {digest: string; note: string}>();
	let milestones: Promise<string[]> = Promise.resolve([]);
	let copyKept = false;
	const persist = (db: typeof store.data) => {
		const before = new Map(handed.reviews.map((r) => [r.id, r]));
		const upgraded = db.reviews.flatMap((r) => {
			const was = before.get(r.id);
			return was && was.checklist.digest !== r.checklist.digest ? [{was, now: r}] : [];
		});
		handed = db;
		if (upgraded.length)
			milestones = milestones.then(async () => {
				const lines: string[] = [];
				for (const {was, now} of upgraded) {
					const at = options.services.now();
					try {
						const m = await writeMilestone(store.path, was, now.checklist.version, at, loaded.team);
						upgradeNotes.set(now.id, {digest: now.checklist.digest, note: m.note});
						// Short on screen: the file, as the audit entry names it.
						lines.push(m.ok ? m.note : m.line);
					} catch (error) {
						// Never in the way of the saves that follow (writeMilestone says its own problems).
						lines.push(
							`no milestone snapshot: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`,
						);
					}
				}
				return lines;
			});
		const said = milestones;
		milestones = milestones.then(() => []);
		return said.then(async (lines) => {
			store.data = {
				...db,
				reviews: db.reviews.map((r) => {
					const n = upgradeNotes.get(r.id);
					return n ? withUpgradeNote(r, n.digest, n.note) : r;
				}),
			};
			await store.save();
			if (!copyKept) {
				copyKept = true;
				const problem = await keepChecklistCopy(store.path, loaded);
				if (problem) lines.push(problem);
			}
			return lines.length ? lines.join(' · ') : undefined;
		});
	};
	const save = (db: typeof store.data) => {
		return persist(db).then(
			(notice) => {
				unsaved = undefined;
				return notice;
			},
			(error: unknown) => {
				unsaved = error instanceof Error ? error.message : String(error);
				throw error;
			},
		);
	};
	const initial = initialState(loaded, store.data, options.attendees);
	let last: State = initial;

	// The app draws on the alternate screen, so that quitting gives the user's
	// terminal back as it was (not the last frame) with one line saying where the
	// review stands. Pasted text arrives marked, so that its line breaks are not
	// read as enter (a multi-line paste into a prompt would otherwise run its
	// later lines as commands). Both are undone however the app ends.
	const tty = process.stdout.isTTY === true;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		tryWrite(BRACKETED_PASTE_OFF);
		if (tty) tryWrite(ALTERNATE_SCREEN_OFF);
	};
	let summarised = false;
	const summarise = () => {
		if (summarised || !tty) return;
		summarised = true;
		const line = exitSummary(last, {
			dbPath: store.path,
			cwd: options.services.cwd,
			now: options.services.now(),
			unsaved,
		});
		tryWrite(`${line}\n`);
	};
	if (tty) process.stdout.write(ALTERNATE_SCREEN_ON);
	process.stdout.write(BRACKETED_PASTE_ON);

	const instance = render(
		<App
			initial={initial}
			services={services}
			persist={save}
			startup={options.startup}
			onStateChange={(state) => {
				last = state;
			}}
		/>,
		{exitOnCtrlC: false, maxFps: 1000},
	);
	quit = (code = 0) => {
		exitCode = code;
		instance.unmount();
	};
	// The pager gets the terminal as it is outside the app (cooked mode, the
	// main screen); the app takes it back and draws its frame afresh.
	services.openLink = (url) => openLink(url, process.platform, process.env, launchDetached);
	services.openPager = async (path: string) => {
		const {spawnSync} = await import('node:child_process');
		const stdin = process.stdin;
		const raw = stdin.isTTY ? stdin.isRaw : false;
		if (stdin.isTTY) stdin.setRawMode(false);
		tryWrite(BRACKETED_PASTE_OFF);
		if (tty) tryWrite(ALTERNATE_SCREEN_OFF);
		try {
			spawnSync('sh', ['-c', `\${PAGER:-less} "$1"`, 'pager', path], {stdio: 'inherit'});
		} finally {
			if (tty) tryWrite(ALTERNATE_SCREEN_ON);
			tryWrite(BRACKETED_PASTE_ON);
			if (stdin.isTTY) stdin.setRawMode(raw);
			instance.clear();
		}
	};

	// A crash outside React, or process.exit anywhere: the last frame goes with
	// the alternate screen (Ink draws it first), and the line still says where
	// the data is. Output to a terminal is synchronous, so it is written in time.
	const onExit = () => {
		instance.unmount();
		restore();
		summarise();
	};
	process.once('exit', onExit);
	// An uncaught error is printed by Node before 'exit': leave the alternate
	// screen first, so that the message stays on the screen the user gets back.
	const onCrash = () => {
		instance.unmount();
		restore();
	};
	process.on('uncaughtExceptionMonitor', onCrash);

	// SIGTERM (a supervisor, kill), SIGHUP (the terminal closed), SIGINT (kill -INT;
	// ctrl+c is a key here): end as q does, waiting for a save under way, with the
	// shell's code for the signal. A second signal does not wait.
	let signalled = false;
	const onSignal = (signal: NodeJS.Signals) => {
		const code = signalExitCode(signal);
		// The terminal may be gone: a failed write must not become an uncaught error.
		if (signal === 'SIGHUP') process.stdout.on('error', () => undefined);
		if (signalled) {
			onExit();
			process.exit(code);
		}
		signalled = true;
		quit(code);
	};
	for (const s of ENDING_SIGNALS) process.on(s, onSignal);

	let failure: {error: unknown} | undefined;
	try {
		await instance.waitUntilExit();
	} catch (error) {
		failure = {error};
	} finally {
		restore();
	}
	try {
		await store.close();
	} finally {
		summarise();
		process.off('exit', onExit);
		process.off('uncaughtExceptionMonitor', onCrash);
		for (const s of ENDING_SIGNALS) process.off(s, onSignal);
	}
	if (failure) throw failure.error;
	return exitCode;
}
