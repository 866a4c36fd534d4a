import type {LoadedChecklist} from '../../checklist/load.js';
import type {Actor} from '../../model/actor.js';
import type {Answer, CheckRun, Conflict, Database, Proposal, Review} from '../../model/schemas.js';

/**
 * `renames`: the renames proposed when the checklist changed, asked before the
 * review opens; `orphans`: the answers whose items left the checklist, to
 * re-attach one to the item focused on the review screen.
 */
export type Screen = 'home' | 'new-review' | 'review' | 'summary' | 'renames' | 'orphans';

/** A text prompt open over the review screen; it captures all keys until enter or esc. */
export type Prompt =
	| {kind: 'evidence'; itemId: string; thenPass: boolean}
	| {kind: 'note'; itemId: string}
	| {kind: 'justification'; itemId: string}
	| {
			kind: 'waiver';
			itemId: string;
			step: 'reason' | 'owner' | 'expires';
			reason?: string;
			owner?: string;
	  }
	| {kind: 'remove-evidence'; itemId: string}
	/** A on an item with several open action items: which one is done. */
	| {kind: 'action-done'; itemId: string}
	/** An action item's form (model/actions.ts): what, then owner, then due date. */
	| {
			kind: 'action';
			itemId: string;
			step: 'what' | 'owner' | 'due';
			what?: string;
			owner?: string;
	  }
	/** x on an untrusted checklist: every command is shown, `yes` trusts its digest and runs `itemIds`. */
	| {
			kind: 'trust-checks';
			itemId: string;
			itemIds: string[];
			/** How many commands the checklist holds: yes trusts them all. */
			commands?: number;
	  }
	/**
	 * `previous` and `from`: the filter and the focus before the prompt opened,
	 * put back by esc (the filter is live while typing, and moves the focus).
	 */
	| {kind: 'filter'; previous: string; from?: Focus}
	/**
	 * Asked when a review that had attendees recorded is opened without
	 * --attendees: `offered` are the attendees last recorded, `then` the screen the
	 * review opens on once answered.
	 */
	| {kind: 'attendees'; offered: string[]; then: Screen};

/** A check running in the app: when it started and the last lines of its output. */
export type RunningCheck = {itemId: string; startedAt: number; lines: string[]};

/**
 * The app's checks: those running, and the requests the check runner
 * (ui/checks/use-check-runner.ts) carries out; each bump of a `seq` is one
 * request, so the reducer stays pure.
 */
export type ChecksState = {
	running: RunningCheck[];
	/** Items asked for and waiting for a free slot (at most --jobs run at once), in order. */
	queued?: string[];
	request?: {seq: number; itemIds: string[]; trust: boolean};
	cancelSeq: number;
};

/** Where the focus is: a section and an item in it. */
export type Focus = {sectionIndex: number; itemId?: string};

/** `link`: an http(s) URL shown after the text, as a terminal hyperlink when it fits. */
export type Message = {kind: 'error' | 'info'; text: string; link?: string};

/**
 * One change that `u` can take back: the item's answer before it, and its
 * conflict when the change settled one (kept an answer or answered afresh):
 * undo then brings the conflict back.
 */
export type AnswerUndo = {reviewId: string; itemId: string; answer: Answer; conflict?: Conflict};

/**
 * A go/no-go recorded with D (item `*`, the review as a whole). It is the last
 * change, so `u` must not reach past it to an older one (that would void the
 * decision without a word), and a decision is not taken back: `u` says so.
 */
export type DecisionUndo = {reviewId: string; itemId: '*'; decided: 'go' | 'no-go'};

/** What `u` takes back, newest last. */
export type UndoEntry = AnswerUndo | DecisionUndo;

/** Everything the app shows; the database itself is part of it, the store mirrors it. */
export type State = {
	loaded: LoadedChecklist;
	db: Database;
	screen: Screen;
	reviewId?: string;
	sectionIndex: number;
	/** Focused item id in the current section. */
	itemId?: string;
	/**
	 * How far the focused item's details are scrolled (lines from the top).
	 * Set by the scroll keys, for `itemId` only: it is dropped when the focus
	 * moves, so every item opens at its top. The screen keeps it within the
	 * lines it shows (they change with the terminal's size).
	 */
	detailScroll?: {itemId: string; offset: number};
	homeIndex: number;
	summaryIndex: number;
	/** The focused row of the renames screen and of the orphans screen. */
	renameIndex: number;
	orphanIndex: number;
	prompt?: Prompt;
	filter: string;
	/**
	 * Who opened the review (set by open-review): the `mine` filter and the
	 * first item shown follow the roles they hold in the team file.
	 */
	reviewer?: {by: string; email?: string};
	help: boolean;
	message?: Message;
	undo: UndoEntry[];
	/** Bumped on every database change; the store reports back which version is on disk. */
	version: number;
	savedVersion: number;
	saveError?: string;
	/**
	 * Set by q. 'when-saved': the app ends once every change is on disk (App
	 * watches this). After a failed save, 'confirm' asks for a second q, and
	 * 'anyway' ends the app with a non-zero exit code.
	 */
	quitting?: 'when-saved' | 'confirm' | 'anyway';
	/** Snapshot files written from the summary. */
	written?: WrittenSnapshot;
	/**
	 * The item failed by the last key when the guided flow moved on from it:
	 * `c` as the very next key edits its note ("f fails at once; c adds a
	 * note"), not the note of the item the focus moved to. Lasts one key.
	 */
	justFailed?: string;
	/**
	 * esc on the review screen with nothing to cancel asks first: a second esc
	 * leaves for the list of reviews. So esc pressed twice to leave a prompt
	 * never takes the user off the screen. Lasts one key.
	 */
	backArmed?: boolean;
	/** Checks running or asked for (x); absent until the first. */
	checks?: ChecksState;
	/**
	 * Who attends this session (--attendees, or the answer to "Who is here?"):
	 * recorded on each review opened, and with each decision taken.
	 */
	attendees?: string[];
	/** The reviews this session was recorded on or asked about: never twice in one run. */
	sessionOn?: string[];
};

export type Action =
	| {
			type: 'open-review';
			reviewId: string;
			itemId?: string;
			actor: Actor;
			/** Shown once the review is open (before any checklist-upgrade message). */
			notice?: string;
	  }
	| {type: 'add-review'; review: Review; actor: Actor}
	| {type: 'go'; screen: Screen}
	| {type: 'move-item'; delta: number}
	| {type: 'move-section'; delta: number}
	| {type: 'scroll-detail'; itemId: string; offset: number}
	| {type: 'focus-item'; itemId: string}
	| {type: 'home-move'; delta: number; count: number}
	| {type: 'summary-move'; delta: number; count: number}
	| {type: 'rename-move'; delta: number; count: number}
	| {type: 'orphan-move'; delta: number; count: number}
	/** y or a on the renames screen: each answer moves to its new item. */
	| {type: 'accept-renames'; proposals: Proposal[]; actor: Actor}
	/** n or x on the renames screen: the answers stay orphans. */
	| {type: 'decline-renames'; proposals: Proposal[]; actor: Actor}
	/** esc on the renames screen: the review opens, the proposals wait for the next open. */
	| {type: 'renames-later'}
	/** enter on the orphans screen: the orphan's answer becomes the item's. */
	| {type: 'attach-orphan'; from: string; to: string; actor: Actor}
	| {
			type: 'record';
			itemId: string;
			answer: Answer;
			actor: Actor;
			advance: boolean;
			detail?: string;
			/** A status chosen again renews the sign-off (see recordAnswer). */
			confirm?: boolean;
	  }
	/** 1–9 on a conflicted item: answer `index` (from 0) becomes the item's, as it was. */
	| {type: 'resolve-conflict'; itemId: string; index: number; actor: Actor}
	| {type: 'undo'; actor: Actor}
	| {type: 'open-prompt'; prompt: Prompt}
	/** c: the note of the item just failed, else of the selected item. */
	| {type: 'edit-note'}
	| {type: 'close-prompt'}
	/** `keepPrompt`: the filter changes as it is typed, with its prompt still open. */
	| {type: 'set-filter'; text: string; keepPrompt?: boolean; focus?: Focus}
	/** esc on the review screen: clears the filter, else asks, else goes home. */
	| {type: 'back-from-review'}
	| {type: 'toggle-help'}
	| {type: 'message'; message?: Message}
	| {type: 'saved'; version: number; notice?: string}
	| {type: 'save-failed'; error: string}
	| {type: 'written'; files: WrittenSnapshot}
	| {type: 'quit'}
	/** A go/no-go recorded on the open review (report/decision.ts); refused with a message. */
	| {type: 'decide'; decision: 'go' | 'no-go'; note?: string; actor: Actor}
	/** enter on "Who is here?" (attendees given) or esc (none: nothing recorded). */
	| {type: 'attend'; attendees?: string[]; actor: Actor}
	/** x: run these items' checks; `trust`: the user has just trusted the checklist. */
	| {type: 'run-checks'; itemIds: string[]; trust?: boolean}
	| {type: 'check-started'; itemId: string; startedAt: number}
	/** Asked for but not run (the checklist must be trusted first): no longer waiting. */
	| {type: 'checks-unqueued'; itemIds: string[]}
	| {type: 'check-output'; itemId: string; lines: string[]}
	/** A run ended: recorded at once in its review (see model/check-runs.ts). */
	| {type: 'check-finished'; reviewId: string; itemId: string; run: CheckRun; logRef: string}
	/** esc or ctrl+c while checks run: every process group is killed. */
	| {type: 'cancel-checks'};

/** The action of a given type. */
export type ActionOf<T extends Action['type']> = Extract<Action, {type: T}>;

/** The files `w` wrote: the JSON and Markdown, and the signature with its key's fingerprint when signed. */
export type WrittenSnapshot = {
	json: string;
	markdown: string;
	signature?: string;
	fingerprint?: string;
};
