import {render} from 'ink';
import React from 'react';
import type {LoadedChecklist} from '../checklist/load.js';
import {writeSnapshotPair} from '../report/write.js';
import {buildSnapshot} from '../report/snapshot.js';
import {evaluate} from '../model/evaluate.js';
import {snapshotsDir, type Store} from '../store/database.js';
import {App} from './app.js';
import {BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON} from './input/key-decoder.js';
import type {Services} from './state/context.js';
import {initialState} from './state/reducer.js';
import type {Action} from './state/types.js';

/** Renders the app on the real terminal until the user quits; resolves with the exit code. */
export async function runApp(options: {
	store: Store;
	loaded: LoadedChecklist;
	startup: Action[];
	services: Omit<Services, 'quit' | 'writeSnapshot'>;
}): Promise<number> {
	const {store, loaded} = options;
	let quit = (_code?: number) => {};
	let exitCode = 0;
	const services: Services = {
		...options.services,
		quit: (code?: number) => quit(code),
		writeSnapshot: async (review) => {
			const at = options.services.now();
			const snapshot = buildSnapshot(evaluate(loaded.checklist, review, at), review, loaded, at);
			return writeSnapshotPair(snapshot, snapshotsDir(store.path));
		},
	};
	const persist = (db: typeof store.data) => {
		store.data = db;
		return store.save();
	};
	// Pasted text arrives marked, so that its line breaks are not read as enter
	// (a multi-line paste into a prompt would otherwise run its later lines as
	// commands); turned off again however the app ends.
	const pasteOff = () => process.stdout.write(BRACKETED_PASTE_OFF);
	process.stdout.write(BRACKETED_PASTE_ON);
	process.once('exit', pasteOff);
	const instance = render(
		<App
			initial={initialState(loaded, store.data)}
			services={services}
			persist={persist}
			startup={options.startup}
		/>,
		{exitOnCtrlC: false, maxFps: 1000},
	);
	quit = (code = 0) => {
		exitCode = code;
		instance.unmount();
	};
	try {
		await instance.waitUntilExit();
	} finally {
		pasteOff();
		process.off('exit', pasteOff);
	}
	await store.close();
	return exitCode;
}
