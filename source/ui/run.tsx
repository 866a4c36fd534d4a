import {render} from 'ink';
import React from 'react';
import type {LoadedChecklist} from '../checklist/load.js';
import {writeSnapshotPair} from '../report/write.js';
import {buildSnapshot} from '../report/snapshot.js';
import {evaluate} from '../model/evaluate.js';
import {snapshotsDir, type Store} from '../store/database.js';
import {App} from './app.js';
import type {Services} from './state/context.js';
import {initialState, type Action} from './state/reducer.js';

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
	await instance.waitUntilExit();
	await store.close();
	return exitCode;
}
