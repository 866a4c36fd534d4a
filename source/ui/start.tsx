import {statSync} from 'node:fs';
import type {Invocation} from '../cli/args.js';
import {commands} from '../cli/commands.js';
import {PreflightError} from '../errors.js';
import {LARGE_INPUT} from '../model/large.js';
import {newReview} from '../model/review.js';
import {attendeeNames} from '../model/session.js';
import {checklistFor, lookupReview, openStore} from '../session.js';
import {now} from '../system/clock.js';
import {resolveDbPath} from '../store/database.js';
import {gitHead} from '../system/git.js';
import {resolveIdentityAsync} from '../system/identity.js';
import {actorFrom} from './state/context.js';
import type {Action} from './state/types.js';

/** Whether a file the app reads is large enough for its memory to matter (see LARGE_INPUT). */
function isLargeFile(path: string | undefined): boolean {
	if (path === undefined) return false;
	try {
		return statSync(path).size >= LARGE_INPUT;
	} catch {
		return false; // missing or unreadable: the read itself will say so
	}
}

/** Opens the interactive app; refuses without a terminal. */
export async function startApp(inv: Invocation): Promise<number> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		// The commands that need no terminal, named from the command table.
		const names = Object.keys(commands).filter((name) => name !== 'help');
		throw new PreflightError(
			`the app needs an interactive terminal; without one use preflight ${names.slice(0, -1).join(', ')} or ${names.at(-1)} (see preflight --help)`,
		);
	}
	// The app stays open for a whole review, so its memory counts more than a
	// command's: V8's young generation otherwise grows to 16 MB semi-spaces while
	// a large checklist or database loads, and the pages stay (about 30 MB of
	// peak RSS on 10,000 items, no measurable change in key latency). Only then:
	// on small files it would cost the first frame about 25 ms of extra
	// scavenges (docs/benchmarks.md). Set before anything large is read; a flag
	// V8 does not know is ignored. node:v8 is loaded only then (~3 ms at start).
	if (isLargeFile(inv.flags.checklist) || isLargeFile(resolveDbPath(inv.flags.db)))
		process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
	now(); // a bad PREFLIGHT_NOW is refused here, not at the first key press
	// chalk ignores NO_COLOR; it honours FORCE_COLOR=0, read when Ink loads below.
	if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
	// Loading Ink and React is most of the start: begin it (and asking git who
	// the reviewer is) now, and read the checklist and database meanwhile.
	const ui = import('./run.js');
	ui.catch(() => undefined);
	const identity = resolveIdentityAsync(inv.flags.reviewer);
	const loaded = await checklistFor(inv.flags);
	const store = await openStore(inv.flags, {what: 'preflight app', waitMs: 0});
	try {
		const cwd = process.cwd();
		const {runApp} = await ui;
		const reviewer = await identity;
		const services = {
			cwd,
			dbPath: store.path,
			now: () => now(),
			reviewer: () => reviewer.name,
			reviewerSource: () => reviewer.source,
			reviewerEmail: () => reviewer.email,
			commit: () => gitHead(cwd),
		};
		const startup: Action[] = [];
		if (inv.flags.system) {
			const found = lookupReview(store.data.reviews, inv.flags.system, inv.flags.release);
			const actor = actorFrom(services);
			startup.push(
				found
					? {type: 'open-review', reviewId: found.id, actor}
					: {
							type: 'add-review',
							review: newReview(
								loaded.checklist,
								loaded.digest,
								inv.flags.system,
								inv.flags.release || undefined,
								actor.at,
							),
							actor,
						},
			);
		}
		return await runApp({
			store,
			loaded,
			startup,
			services,
			...(inv.flags.attendees === undefined ? {} : {attendees: attendeeNames(inv.flags.attendees)}),
		});
	} finally {
		await store.close();
	}
}
