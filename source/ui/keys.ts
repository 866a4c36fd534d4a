import type {Key} from 'ink';
import {filterWordsText} from './state/filter.js';

/**
 * Where a key can work: a screen, every screen ('global'), or an open text
 * prompt ('prompt': it takes every key, so no global key works there).
 */
export type Scope =
	'home' | 'review' | 'summary' | 'renames' | 'orphans' | 'global' | 'prompt' | 'help';

/** Scopes a key press is looked up in. */
export type KeyScope = Exclude<Scope, 'global'>;

/** Every action a key can trigger. */
export type ActionId =
	| 'prev-item'
	| 'next-item'
	| 'prev-section'
	| 'next-section'
	| 'detail-line-up'
	| 'detail-line-down'
	| 'detail-page-up'
	| 'detail-page-down'
	| 'pass'
	| 'fail'
	| 'na'
	| 'waive'
	| 'add-action'
	| 'action-done'
	| 'reset'
	| 'keep-answer'
	| 'add-evidence'
	| 'remove-evidence'
	| 'edit-note'
	| 'undo'
	| 'filter'
	| 'summary'
	| 'help'
	| 'back'
	| 'quit'
	| 'new-review'
	| 'open'
	| 'write-snapshot'
	| 'decide'
	| 'jump'
	| 'accept-rename'
	| 'keep-orphan'
	| 'accept-all-renames'
	| 'keep-all-orphans'
	| 'orphans'
	| 'attach'
	| 'prompt-confirm'
	| 'prompt-cancel'
	| 'prompt-complete'
	| 'prompt-pick'
	| 'prompt-clear'
	| 'page-up'
	| 'page-down'
	| 'scroll-top'
	| 'scroll-bottom'
	| 'run-check'
	| 'view-log'
	| 'discuss-later'
	| 'open-link';

type Named =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'return'
	| 'escape'
	| 'tab'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end';

/** One way to press a key: a named key (with shift/ctrl) or a typed character. */
export type Chord = {name?: Named; input?: string; shift?: boolean; ctrl?: boolean};

/** One row of THE key table: handlers, footer hints and the help overlay all read it. */
export type Binding = {
	action: ActionId;
	scopes: Scope[];
	chords: Chord[];
	/** How the keys are shown, e.g. "↑/k". */
	keys: string;
	label: string;
	/** The label on screens where the key means something more specific. */
	labels?: Partial<Record<Scope, string>>;
	group:
		| 'Move'
		| 'Answer'
		| 'Conflicts'
		| 'Renames'
		| 'Evidence and notes'
		| 'Screens'
		| 'Typing'
		| 'Scrolling';
	/** Short label for the footer; bindings without one appear only in help. */
	hint?: string;
	/** The footer's label on screens where the key means something more specific. */
	hints?: Partial<Record<Scope, string>>;
	/** Keys as shown in the footer when shorter than `keys`. */
	hintKeys?: string;
	/**
	 * Listed in the footer after every other key of its screen (before esc).
	 */
	spare?: true;
	/**
	 * When the footer's two rows cannot hold every hint of a screen, hints
	 * with a rank are left out first, the highest first, until the rest fit
	 * (only then are the last ones cut): keys anyone guesses (the arrows) or
	 * seldom needed give way to the ones a reviewer would not find otherwise.
	 */
	givesWay?: number;
	/**
	 * Screens where the key still reaches the handler but does nothing worth
	 * offering (esc on home: nothing to go back to), so the footer and the help
	 * overlay leave it out there.
	 */
	notListedOn?: KeyScope[];
};

export const bindings: Binding[] = [
	{
		action: 'prev-item',
		scopes: ['review', 'home', 'summary', 'renames', 'orphans', 'help'],
		chords: [{name: 'upArrow'}, {input: 'k'}],
		keys: '↑/k',
		label: 'previous item',
		labels: {
			home: 'previous review',
			summary: 'previous blocker',
			renames: 'previous rename',
			orphans: 'previous orphan',
			help: 'scroll up',
		},
		group: 'Move',
		hint: 'move',
		hintKeys: '↑↓',
		givesWay: 3,
	},
	{
		action: 'next-item',
		scopes: ['review', 'home', 'summary', 'renames', 'orphans', 'help'],
		chords: [{name: 'downArrow'}, {input: 'j'}],
		keys: '↓/j',
		label: 'next item',
		labels: {
			home: 'next review',
			summary: 'next blocker',
			renames: 'next rename',
			orphans: 'next orphan',
			help: 'scroll down',
		},
		group: 'Move',
	},
	{
		action: 'prev-section',
		scopes: ['review'],
		chords: [{name: 'leftArrow'}, {input: 'h'}, {name: 'tab', shift: true}],
		keys: '←/h/shift+tab',
		label: 'previous section',
		group: 'Move',
		hint: 'section',
		hintKeys: '←→',
		givesWay: 2,
	},
	{
		action: 'next-section',
		scopes: ['review'],
		chords: [{name: 'rightArrow'}, {input: 'l'}, {name: 'tab'}],
		keys: '→/l/tab',
		label: 'next section',
		group: 'Move',
	},
	// The item's details scroll when they do not fit their pane; ↑/↓ stay the
	// list's. [ and ] for keyboards without page keys.
	{
		action: 'detail-page-up',
		scopes: ['review'],
		chords: [{name: 'pageUp'}, {input: '['}],
		keys: 'pgup/[',
		label: 'scroll details up a page',
		group: 'Move',
	},
	{
		action: 'detail-page-down',
		scopes: ['review'],
		chords: [{name: 'pageDown'}, {input: ']'}],
		keys: 'pgdn/]',
		label: 'scroll details down a page',
		group: 'Move',
	},
	{
		action: 'detail-line-up',
		scopes: ['review'],
		chords: [{name: 'upArrow', shift: true}],
		keys: 'shift+↑',
		label: 'scroll details up a line',
		group: 'Move',
	},
	{
		action: 'detail-line-down',
		scopes: ['review'],
		chords: [{name: 'downArrow', shift: true}],
		keys: 'shift+↓',
		label: 'scroll details down a line',
		group: 'Move',
	},
	{
		action: 'pass',
		scopes: ['review'],
		chords: [{input: 'p'}],
		keys: 'p',
		label: 'pass (asks for evidence)',
		group: 'Answer',
		hint: 'pass',
	},
	{
		action: 'fail',
		scopes: ['review'],
		chords: [{input: 'f'}],
		keys: 'f',
		label: 'fail',
		group: 'Answer',
		hint: 'fail',
	},
	{
		action: 'na',
		scopes: ['review'],
		chords: [{input: 'n'}],
		keys: 'n',
		label: 'n/a (asks justification)',
		group: 'Answer',
		hint: 'n/a',
	},
	{
		action: 'waive',
		scopes: ['review'],
		chords: [{input: 'w'}],
		keys: 'w',
		label: 'waive (accepted risk)',
		group: 'Answer',
		hint: 'waive',
	},
	{
		action: 'decide',
		scopes: ['summary'],
		chords: [{input: 'D'}],
		keys: 'D',
		label: 'record the go/no-go decision',
		group: 'Answer',
		hint: 'decide',
	},
	{
		action: 'reset',
		scopes: ['review'],
		chords: [{input: 'r'}],
		keys: 'r',
		label: 'reset to pending',
		group: 'Answer',
		hint: 'reset',
	},
	// A conflict (two merged branches answered the item differently) is settled
	// by keeping one of its answers, numbered as the detail pane numbers them;
	// p/f/n/w answer it afresh and r clears both.
	{
		action: 'keep-answer',
		scopes: ['review'],
		chords: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((input) => ({input})),
		keys: '1–9',
		label: 'keep answer N as it was',
		group: 'Conflicts',
		// In the footer only on a conflict (the review screen leaves it out elsewhere).
		hint: 'keep answer',
		hintKeys: '1–9',
	},
	{
		action: 'add-evidence',
		scopes: ['review'],
		chords: [{input: 'e'}],
		keys: 'e',
		label: 'add evidence (URL/file)',
		group: 'Evidence and notes',
		hint: 'evidence',
	},
	{
		action: 'remove-evidence',
		scopes: ['review'],
		chords: [{input: 'd'}],
		keys: 'd',
		label: 'remove evidence',
		group: 'Evidence and notes',
	},
	{
		action: 'edit-note',
		scopes: ['review'],
		chords: [{input: 'c'}],
		keys: 'c',
		label: 'edit the note',
		group: 'Evidence and notes',
		hint: 'note',
	},
	{
		action: 'run-check',
		scopes: ['review', 'summary'],
		chords: [{input: 'x'}],
		keys: 'x',
		label: "run the item's check",
		labels: {summary: 'run every check'},
		group: 'Evidence and notes',
		hint: 'check',
		hints: {summary: 'run checks'},
	},
	{
		action: 'view-log',
		scopes: ['review'],
		chords: [{input: 'v'}],
		keys: 'v',
		label: "view the check's log",
		group: 'Evidence and notes',
	},
	// Meeting aids: park an item for later, open its link for the room.
	{
		action: 'discuss-later',
		scopes: ['review'],
		chords: [{input: 'm'}],
		keys: 'm',
		label: 'mark to discuss later',
		group: 'Evidence and notes',
		hint: 'later',
	},
	{
		action: 'open-link',
		scopes: ['review'],
		chords: [{input: 'o'}],
		keys: 'o',
		label: 'open the evidence link',
		group: 'Evidence and notes',
		hint: 'link',
		givesWay: 1,
	},
	{
		action: 'undo',
		scopes: ['review'],
		chords: [{input: 'u'}],
		keys: 'u',
		label: 'undo the last change',
		group: 'Answer',
		hint: 'undo',
	},
	{
		action: 'filter',
		scopes: ['review'],
		chords: [{input: '/'}],
		keys: '/',
		label: `filter: ${filterWordsText}`,
		group: 'Screens',
		hint: 'filter',
	},
	{
		action: 'summary',
		scopes: ['review'],
		chords: [{input: 's'}],
		keys: 's',
		label: 'summary and verdict',
		group: 'Screens',
		hint: 'summary',
	},
	// After s; a and O (while there are orphans) fit at 80 columns: esc, A,
	// the arrows and o give way to them (givesWay).
	{
		action: 'add-action',
		scopes: ['review'],
		chords: [{input: 'a'}],
		keys: 'a',
		label: 'add an action item',
		group: 'Answer',
		hint: 'action',
	},
	{
		action: 'action-done',
		scopes: ['review'],
		chords: [{input: 'A'}],
		keys: 'A',
		label: 'mark an action item done',
		group: 'Answer',
		hint: 'done',
		spare: true,
		givesWay: 4,
	},
	{
		action: 'new-review',
		scopes: ['home'],
		chords: [{input: 'n'}],
		keys: 'n',
		label: 'new review',
		group: 'Screens',
		hint: 'new',
	},
	{
		action: 'open',
		scopes: ['home'],
		chords: [{name: 'return'}],
		keys: 'enter',
		label: 'open the review',
		group: 'Screens',
		hint: 'open',
	},
	{
		action: 'jump',
		scopes: ['summary'],
		chords: [{name: 'return'}],
		keys: 'enter',
		label: 'jump to the blocker',
		group: 'Screens',
		hint: 'jump',
	},
	{
		action: 'accept-rename',
		scopes: ['renames'],
		chords: [{input: 'y'}],
		keys: 'y',
		label: 'accept: the answer moves to the new item (↻ recheck)',
		group: 'Renames',
		hint: 'accept',
	},
	{
		action: 'keep-orphan',
		scopes: ['renames'],
		chords: [{input: 'n'}],
		keys: 'n',
		label: 'decline: the answer stays an orphan',
		group: 'Renames',
		hint: 'decline',
	},
	{
		action: 'accept-all-renames',
		scopes: ['renames'],
		chords: [{input: 'a'}],
		keys: 'a',
		label: 'accept every rename listed',
		group: 'Renames',
		hint: 'accept all',
	},
	{
		action: 'keep-all-orphans',
		scopes: ['renames'],
		chords: [{input: 'x'}],
		keys: 'x',
		label: 'decline every rename listed (none)',
		group: 'Renames',
		hint: 'none',
	},
	{
		action: 'orphans',
		scopes: ['review'],
		chords: [{input: 'O'}],
		keys: 'O',
		label: 'orphaned answers',
		group: 'Screens',
		// In the footer only while the review has orphans (the review screen leaves it out otherwise).
		hint: 'orphans',
		spare: true,
	},
	{
		action: 'attach',
		scopes: ['orphans'],
		chords: [{name: 'return'}],
		keys: 'enter',
		label: 'attach the answer to the item focused in the review',
		group: 'Renames',
		hint: 'attach',
	},
	{
		action: 'write-snapshot',
		scopes: ['summary'],
		chords: [{input: 'w'}],
		keys: 'w',
		label: 'write the snapshot files',
		hint: 'write snapshot',
		group: 'Screens',
	},
	{
		action: 'help',
		scopes: ['global'],
		chords: [{input: '?'}],
		keys: '?',
		label: 'help',
		group: 'Screens',
		hint: 'help',
	},
	{
		action: 'back',
		scopes: ['global'],
		chords: [{name: 'escape'}],
		keys: 'esc',
		label: 'cancel / back',
		labels: {renames: 'decide later: open the review (asked again next time)'},
		group: 'Screens',
		hint: 'back',
		hints: {renames: 'later'},
		notListedOn: ['home'],
		givesWay: 5,
	},
	{
		action: 'quit',
		scopes: ['global'],
		chords: [{input: 'q'}, {input: 'c', ctrl: true}],
		keys: 'q/ctrl+c',
		label: 'quit (all is saved)',
		group: 'Screens',
		hint: 'quit',
	},
	{
		action: 'prompt-confirm',
		scopes: ['prompt'],
		chords: [{name: 'return'}],
		keys: 'enter',
		label: 'confirm what is typed',
		group: 'Typing',
		hint: 'confirm',
	},
	{
		action: 'prompt-cancel',
		scopes: ['prompt'],
		chords: [{name: 'escape'}],
		keys: 'esc',
		label: 'cancel the prompt (or step back)',
		group: 'Typing',
		hint: 'cancel',
	},
	{
		action: 'prompt-complete',
		scopes: ['prompt'],
		chords: [{name: 'tab'}, {name: 'tab', shift: true}],
		keys: 'tab/shift+tab',
		label: 'complete a file path; again: next / previous (evidence)',
		hintKeys: 'tab',
		group: 'Typing',
		hint: 'complete path',
	},
	{
		action: 'prompt-pick',
		scopes: ['prompt'],
		chords: [{name: 'upArrow'}, {name: 'downArrow'}],
		keys: '↑/↓',
		label: 'evidence used on other items',
		group: 'Typing',
		hint: 'used before',
		hintKeys: '↑↓',
	},
	{
		action: 'prompt-clear',
		scopes: ['prompt'],
		chords: [{input: 'u', ctrl: true}],
		keys: 'ctrl+u',
		label: 'clear the text',
		group: 'Typing',
		hint: 'clear',
	},
	{
		action: 'page-up',
		scopes: ['help'],
		chords: [{name: 'pageUp'}],
		keys: 'pgup',
		label: 'a page up',
		group: 'Scrolling',
		hint: 'page',
		hintKeys: 'pgup/pgdn',
	},
	{
		action: 'page-down',
		scopes: ['help'],
		chords: [{name: 'pageDown'}],
		keys: 'pgdn',
		label: 'a page down',
		group: 'Scrolling',
	},
	{
		action: 'scroll-top',
		scopes: ['help'],
		chords: [{name: 'home'}],
		keys: 'home',
		label: 'to the top',
		group: 'Scrolling',
	},
	{
		action: 'scroll-bottom',
		scopes: ['help'],
		chords: [{name: 'end'}],
		keys: 'end',
		label: 'to the end',
		group: 'Scrolling',
	},
];

function matches(chord: Chord, input: string, key: Key): boolean {
	if (chord.ctrl) return key.ctrl && input === chord.input;
	// Ink reports a lone escape with meta set as well.
	if (chord.name === 'escape') return key.escape;
	if (key.ctrl || key.meta) return false;
	if (chord.name) {
		if (!key[chord.name]) return false;
		return Boolean(chord.shift) === Boolean(key.shift);
	}
	return input === chord.input;
}

/** The action a key press means on a screen, from the key table. */
export function actionFor(scope: KeyScope, input: string, key: Key): ActionId | undefined {
	for (const b of bindings) {
		if (!worksIn(b, scope)) continue;
		if (b.chords.some((c) => matches(c, input, key))) return b.action;
	}
	return undefined;
}

/** Whether a binding works in a scope: its own, or every screen for a global one (not a prompt). */
function worksIn(b: Binding, scope: KeyScope): boolean {
	return b.scopes.includes(scope) || (scope !== 'prompt' && b.scopes.includes('global'));
}

/** The bindings that work on a screen (or in a prompt), for the footer and the help overlay. */
export function bindingsFor(scope: KeyScope): Binding[] {
	return bindings.filter((b) => worksIn(b, scope) && !b.notListedOn?.includes(scope));
}
