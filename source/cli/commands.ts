// THE command table: each command once, with its arguments, flags, help and
// implementation. Parsing (source/cli/parse.ts), dispatch (source/cli.tsx),
// help (source/commands/help.ts) and the README's command table
// (scripts/docs.mjs) are all read from it. It is loaded by every start: data
// only here, the implementations stay behind `load`.
import {snapshotFormats} from './flags.js';
import type {Action, AppSpec, CommandSpec, CommandTable, Run} from './spec.js';

/** The interactive app, opened when no command is given. */
export const app: AppSpec = {
	summary: 'preflight opens the app: the home screen, or with --system that review',
	details:
		'Keyboard-driven: walk the sections, sign off each item with its evidence; every answer is saved at once. Needs a terminal.',
	flags: ['system', 'release', 'reviewer', 'attendees'],
	examples: [
		{line: 'preflight', description: 'the home screen: every review in the database'},
		{
			line: 'preflight --system checkout-api --release 2.4.0',
			description: 'open that review (created when new) at its first pending item',
		},
		{
			line: 'preflight --system checkout-api --attendees Ann,Bo,Dana',
			description:
				'a meeting: who attended is recorded in the audit log and with each decision taken',
		},
	],
};

const rows = {
	reviews: {
		summary: 'list reviews with progress and verdict',
		args: [],
		flags: ['json'],
		exit: '0',
		examples: [{line: 'preflight reviews --json', description: 'every review, as JSON'}],
		load: async () => (await import('../commands/reviews.js')).run,
	},
	status: {
		summary: 'totals, per section, verdict, blockers',
		args: [],
		flags: ['system', 'release', 'owner', 'json', 'as-of'],
		exit: '0',
		examples: [
			{line: 'preflight status --system checkout-api', description: 'where the review stands'},
			{
				line: 'preflight status --owner security',
				description: 'only what waits on the security role',
			},
			{
				line: 'preflight status --as-of 2026-06-01',
				description: 'the same, judged on launch day (stale sign-offs, expired waivers)',
			},
		],
		load: async () => (await import('../commands/status.js')).run,
	},
	set: {
		summary: "record a sign-off under the app's rules",
		details:
			'Every check runs before anything is written. With --system, the review is created when it does not exist yet, so a pipeline can record a whole review without a terminal.',
		args: [
			{
				name: 'ITEM',
				description:
					"the item's id, or enough of its start to name one item (secr for security.secrets); ITEM and STATUS are left out with --launch alone",
				optional: true,
			},
			{name: 'STATUS', description: 'pending, pass, fail, na or waived', optional: true},
		],
		flags: [
			'system',
			'release',
			'reviewer',
			'evidence',
			'note',
			'justification',
			'waiver-reason',
			'waiver-owner',
			'waiver-expires',
			'launch',
		],
		exit: '0, 2 on invalid input',
		examples: [
			{
				line: 'preflight set security.secrets pass --system payments-api --evidence https://vault.example.com/rotation --evidence docs/secrets.md',
				description: 'a pass backed by a link and a file (its sha256 is recorded)',
			},
			{
				line: 'preflight set testing.load-testing na --justification batch-only',
				description: 'not applicable, with the reason',
			},
			{
				line: 'preflight set security.data-retention waived --waiver-reason scheduled --waiver-owner Dana --waiver-expires 2030-09-30',
				description: 'an accepted risk, with its owner and end date',
			},
			{
				line: 'preflight set security.secrets pass --evidence https://vault.example.com/rotation --launch 2030-06-01',
				description: 'and the launch date: status judges the review on that day too',
			},
			{
				line: 'preflight set --launch 2030-06-01 --system payments-api',
				description: 'the launch date alone, no item answered',
			},
		],
		load: async () => (await import('../commands/set.js')).run,
	},
	snapshot: {
		summary: 'write a snapshot',
		details: 'Prints the path of each file written.',
		args: [],
		flags: ['system', 'release', 'format', 'out', 'force', 'as-of', 'sign', 'no-sign', 'subject'],
		flagUses: {
			format: {
				values: snapshotFormats,
				detail:
					'json (the default) writes the .json and .md pair; md, junit one file; intoto an in-toto Statement (.intoto.json), in a DSSE envelope (.dsse.json) when signed',
			},
		},
		exit: '0',
		examples: [
			{
				line: 'preflight snapshot',
				description: 'the .json and .md pair, into the snapshots folder beside the database',
			},
			{
				line: 'preflight snapshot --format junit --out reports/preflight.xml',
				description: 'a JUnit report for CI',
			},
			{
				line: 'preflight snapshot --format intoto --sign ~/.ssh/id_ed25519 --subject app.tar.gz=sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
				description:
					'an in-toto attestation that the review vouches for that artifact, signed (DSSE)',
			},
			{
				line: 'preflight snapshot --sign ~/.ssh/id_ed25519.pub',
				description:
					'and the signature, .json.sig, in SSHSIG format (namespace preflight) by a key in ssh-agent',
			},
		],
		load: async () => (await import('../commands/snapshot.js')).run,
	},
	check: {
		summary: "run the review's checks and record each result as evidence",
		details:
			"Each item's check (its command, run with sh -c from the repository root, without terminal input) runs at most --jobs at once, with a line per running check on a terminal. Its output (stdout and stderr interleaved, capped at 1 MiB keeping head and tail) is stored under evidence/ beside the database (0600, named by its sha256), and the run (command, exit code, duration, when, who, the git commit) is kept in the item's answer. A check in mode pass that meets its expectation passes the item, signed by whoever ran it. A checklist's commands run only once its exact digest is trusted on this machine: --trust, or PREFLIGHT_TRUST_CHECKS=<digest>.",
		args: [
			{
				name: 'ITEM',
				description: 'the items whose checks run (default: every item with a check)',
				optional: true,
				variadic: true,
			},
		],
		flags: ['system', 'release', 'reviewer', 'jobs', 'trust', 'json'],
		exit: '0 all checks met expectations, 1 not',
		examples: [
			{
				line: 'preflight check --system payments-api --trust',
				description: 'trust this checklist, then run every check',
			},
			{
				line: 'preflight check security.rate-limiting --jobs 1',
				description: "one item's check",
			},
		],
		load: async () => (await import('../commands/check.js')).run,
	},
	gate: {
		summary: 'the CI check: verdict and every blocker with its reason',
		args: [],
		flags: [
			'system',
			'release',
			'json',
			'as-of',
			'run-checks',
			'trust',
			'jobs',
			'reviewer',
			'require-decision',
		],
		exit: '0 ready, 1 not ready',
		examples: [
			{
				line: 'preflight gate --system payments-api --release 2.4.0',
				description: 'fails the pipeline until the review is ready',
			},
			{
				line: 'preflight gate --require-decision',
				description: 'and until a go was recorded on the review as it is now',
			},
			{
				line: 'preflight gate --run-checks --trust',
				description: 'run every check first: a pass a failed check contradicts blocks',
			},
		],
		load: async () => (await import('../commands/gate.js')).run,
	},
	actions: {
		summary: 'list the action items: open first, overdue first; or export them as CSV or Markdown',
		details:
			'Each action item is numbered within its item, as preflight action done takes it. --format md prints a task list ready to paste into an issue tracker; --format csv one row per action item.',
		args: [],
		flags: ['system', 'release', 'owner', 'json', 'format', 'as-of'],
		flagUses: {
			format: {
				values: ['csv', 'md'],
				detail: 'csv (one row per action item) or md (a Markdown task list)',
			},
		},
		exit: '0',
		examples: [
			{line: 'preflight actions --owner Dana', description: "Dana's action items"},
			{
				line: 'preflight actions --format md',
				description: 'a Markdown task list to paste into an issue',
			},
		],
		load: async () => (await import('../commands/actions.js')).list,
	},
	action: {
		summary: 'add an action item to an item, or mark one done',
		details:
			'Action items belong to the item: they stay whatever its status becomes. A fail without an open action item is shown as "no next step".',
		flags: ['system', 'release', 'reviewer'],
		examples: [
			{
				line: 'preflight action add security.secrets key-rotation --owner Dana --due 2030-06-01 --url https://tracker.example.com/SEC-12',
				description: 'a next step, its owner and due date, and where it is tracked',
			},
			{
				line: 'preflight action done security.secrets 1',
				description: "the item's first action item is done",
			},
		],
		subcommands: {
			add: {
				summary: 'add an open action item to an item',
				args: [
					{name: 'ITEM', description: "the item's id, or enough of its start to name one item"},
					{name: 'WHAT', description: 'what is to be done'},
				],
				flags: ['owner', 'due', 'url'],
				exit: '0, 2 on invalid input',
				load: async () => (await import('../commands/actions.js')).add,
			},
			done: {
				summary: 'mark an action item done',
				args: [
					{name: 'ITEM', description: "the item's id, or enough of its start to name one item"},
					{name: 'N', description: 'its number, as preflight actions shows it'},
				],
				exit: '0, 2 on invalid input',
				load: async () => (await import('../commands/actions.js')).done,
			},
		},
	},
	decide: {
		summary: 'record the go/no-go decision: who, when, the git commit, the snapshot digest',
		details:
			'The decision-maker is the reviewer (--reviewer, PREFLIGHT_REVIEWER, git user.name). A go is refused while the verdict is NOT READY: nothing ships until everything checks out, and accepted risks are waivers. It records the decision digest: that of the unsigned snapshot written at that moment, without its decisions, reviewDue, reviewers and discuss-later marks (verify prints it for any snapshot). Any change recorded after it voids the decision, even one changed back; sessions, other decisions and discuss-later marks do not (gate --require-decision says so).',
		args: [{name: 'DECISION', description: 'go or no-go'}],
		flags: ['system', 'release', 'reviewer', 'note', 'attendees'],
		flagUses: {note: {description: "the decision's note (why go or no-go)"}},
		exit: '0, 2 on invalid input or a go refused',
		examples: [
			{
				line: 'preflight decide go --note launch-approved --reviewer Dana',
				description: 'Dana records a go on the review as it is now',
			},
			{line: 'preflight decide no-go', description: 'and a no-go'},
			{
				line: 'preflight decide go --attendees Ann,Bo,Dana',
				description: 'a go taken in a meeting, recorded with who attended',
			},
		],
		load: async () => (await import('../commands/decide.js')).run,
	},
	history: {
		summary:
			'readiness over time: day by day, the answered, passing and blocking counts per section, and the decisions taken',
		details:
			'Replayed from the audit log, which keeps each change of status but not the evidence or waiver behind it: a day is judged by status alone (pass, n/a and waived pass; any other required item blocks).',
		args: [],
		flags: ['system', 'release', 'json'],
		exit: '0',
		examples: [{line: 'preflight history --json', description: 'every day with a change, as JSON'}],
		load: async () => (await import('../commands/history.js')).run,
	},
	upgrade: {
		summary: 'bring a review onto the checklist as it is now, deciding the renames proposed',
		details:
			"Answers carry over by id, through the checklist's renamed map, and to an item with the same title and guidance under a new id. The answer of any other item that left the checklist is kept as an orphan (not judged), and a rename to a new item is proposed when the two are alike: --accept-renames takes them, --no-renames keeps the orphans. Each rename applied is printed. Other commands never take a proposed rename. Before the upgrade is saved, a milestone snapshot of the review judged on the checklist it had is written beside the other snapshots (<system>-<release>-<time>-before-<version>.json and .md), from the copy kept in checklists/ beside the database; without a usable copy the upgrade is saved all the same and a note says why.",
		args: [],
		flags: ['system', 'release', 'reviewer', 'accept-renames', 'no-renames', 'attach'],
		exit: '0, 2 on invalid input or renames proposed without a choice',
		examples: [
			{
				line: 'preflight upgrade --checklist checklists/payments.md --system payments-api --accept-renames',
				description: 'take the new checklist and every rename proposed',
			},
			{
				line: 'preflight upgrade --no-renames --attach ops.pager=ops.paging',
				description: 'keep the orphans, but re-attach one by hand',
			},
		],
		load: async () => (await import('../commands/upgrade.js')).run,
	},
	verify: {
		summary: "check a JSON snapshot: its digest, preflight's rules and its file evidence",
		details:
			'The digest shows the file is as written; the rules recheck every answer, the totals, the blockers and the verdict; with --checklist (or the bundled checklist when the snapshot records its digest) items, titles and levels are compared with the checklist. FILE.sig, when there, is checked by preflight itself, and with --allowed-signers its key must be one listed for namespace preflight. A digest without a signature cannot prove who wrote the snapshot; a signature proves who vouched for these bytes, not that the answers are true.',
		args: [
			{
				name: 'FILE',
				description: 'a JSON snapshot, or an in-toto attestation of one (.intoto.json, .dsse.json)',
			},
		],
		flags: ['json', 'allowed-signers', 'require-signature'],
		exit: '0 intact, 1 changed or bad signature',
		examples: [
			{
				line: 'preflight verify .preflight/snapshots/payments-api-2.4.0-20260301T120000Z.json',
				description: 'is it what preflight wrote, and is its file evidence unchanged?',
			},
			{
				line: 'preflight verify snap.json --checklist checklists/payments.yaml',
				description: 'and does it agree with the checklist it was judged against?',
			},
			{
				line: 'preflight verify snap.json --allowed-signers .github/allowed_signers --require-signature',
				description: 'and was it signed (snap.json.sig) by someone allowed to?',
			},
		],
		load: async () => (await import('../commands/verify.js')).run,
	},
	diff: {
		summary: 'what changed between two snapshots of the same review',
		args: [
			{name: 'OLD', description: 'the earlier JSON snapshot'},
			{name: 'NEW', description: 'the later one'},
		],
		flags: ['json'],
		exit: '0',
		examples: [{line: 'preflight diff before.json after.json', description: 'regressions first'}],
		load: async () => (await import('../commands/diff.js')).run,
	},
	merge: {
		summary: 'merge two versions of the database item by item against their common base',
		details:
			'Changes to different items, different reviews, and approvals of one item by different people combine; audit logs are united. An item both sides changed differently becomes a conflict: both answers are kept, and it blocks the verdict until a reviewer picks one or answers afresh. The result is the same whichever side is ours. With --git, where git stopped on the database in a merge or rebase, its three versions are read from the index and the merged database is written in place and staged.',
		args: [
			{name: 'BASE', description: 'the common version (an empty file: none)', optional: true},
			{name: 'OURS', description: 'one side', optional: true},
			{name: 'THEIRS', description: 'the other side', optional: true},
		],
		flags: ['out', 'git'],
		exit: '0 merged (item conflicts included), 2 on invalid input',
		examples: [
			{
				line: 'preflight merge base.json ours.json theirs.json --out merged.json',
				description: 'by hand; prints each item that became a conflict',
			},
			{
				line: 'preflight merge --git',
				description: 'git stopped on .preflight/db.json: resolve it as the merge driver would have',
			},
		],
		load: async () => (await import('../commands/merge.js')).run,
	},
	'merge-driver': {
		summary: "git's merge driver for the database (preflight init installs it)",
		details:
			'Git runs it with the three versions (%O %A %B); the merged database is written into OURS (%A). Items in conflict are data, not a failed merge: it exits 0. A version that cannot be read or is not a valid database leaves OURS untouched and exits 2, and git shows its conflict.',
		args: [
			{name: 'BASE', description: "git's %O: the common version (empty when there is none)"},
			{name: 'OURS', description: "git's %A: our version, replaced by the merge"},
			{name: 'THEIRS', description: "git's %B: their version"},
		],
		flags: [],
		exit: '0 merged, 2 when a version cannot be read',
		examples: [
			{
				line: 'preflight merge-driver %O %A %B',
				description: "as merge.preflight.driver in git's config",
			},
		],
		load: async () => (await import('../commands/merge.js')).driver,
	},
	init: {
		summary: 'set up the repository to merge the database through git',
		details:
			"Writes '<database path> merge=preflight' into .gitattributes at the repository's root (commit it) and sets merge.preflight.name and merge.preflight.driver in the repository's git config, running this preflight by absolute path. Running it again changes nothing; each clone runs it once, as git does not copy its config.",
		args: [],
		flags: [],
		exit: '0, 2 outside a git repository',
		examples: [
			{line: 'preflight init', description: 'for .preflight/db.json'},
			{
				line: 'preflight init --db reviews/db.json',
				description: 'for a database elsewhere in the repository',
			},
		],
		load: async () => (await import('../commands/init.js')).run,
	},
	checklist: {
		summary:
			"validate a checklist file, print it in preflight's format, or print the checklist JSON Schema",
		flags: [],
		examples: [
			{
				line: 'preflight checklist validate checklists/payments.md',
				description: 'every problem, with its line',
			},
			{
				line: 'preflight checklist validate lens.json --checklist-format aws-lens',
				description: 'an AWS Well-Architected custom lens',
			},
			{
				line: 'preflight checklist show azure-review.json --format yaml',
				description:
					"how preflight reads the file: its sections, items, ids and levels, in preflight's own YAML (keep it to convert once)",
			},
			{line: 'preflight checklist schema', description: 'for an editor that checks JSON or YAML'},
		],
		subcommands: {
			validate: {
				summary: 'validate a checklist; every problem listed',
				args: [{name: 'FILE', description: 'a checklist in any format preflight reads'}],
				exit: '0, 2 on invalid',
				load: async () => (await import('../commands/checklist.js')).validate,
			},
			show: {
				summary: "print a checklist of any format in preflight's own",
				args: [{name: 'FILE', description: 'a checklist in any format preflight reads'}],
				flags: ['format'],
				flagUses: {format: {values: ['json', 'yaml'], detail: 'json (the default) or yaml'}},
				exit: '0, 2 on invalid',
				load: async () => (await import('../commands/checklist.js')).show,
			},
			schema: {
				summary: 'the checklist JSON Schema (also in data/schemas/)',
				args: [],
				exit: '0',
				load: async () => (await import('../commands/checklist.js')).schema,
			},
		},
	},
	help: {
		summary: "this help, or one command's: its arguments, flags and examples",
		args: [
			{
				name: 'COMMAND',
				description:
					"the command to explain; with one of its subcommands (action add), the command's help too",
				optional: true,
				variadic: true,
			},
		],
		flags: [],
		exit: '0',
		examples: [
			{line: 'preflight help set', description: 'the same as preflight set --help'},
			{line: 'preflight help action add', description: 'the same as preflight action add --help'},
		],
		// The help command reads this table; handed over rather than imported back.
		load: async (): Promise<Run> =>
			(await import('../commands/help.js')).helpCommand(commands, app),
	},
} satisfies Record<string, CommandSpec>;

/** A command's name: a key of the table, so a command without a row does not exist. */
export type CommandName = keyof typeof rows;

/** Every command, in the order help and the README list them; each row a CommandSpec. */
export const commands: Readonly<typeof rows> = rows;

/** The command's row, for a word someone typed (never one found on Object.prototype). */
export function commandNamed(word: string): CommandSpec | undefined {
	const table: CommandTable = commands;
	return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** What runs for a command's row and the subcommand typed after it (own members only). */
export function actionOf(spec: CommandSpec, subcommand: string | undefined): Action | undefined {
	if (!('subcommands' in spec)) return spec;
	const word = subcommand ?? '';
	return Object.hasOwn(spec.subcommands, word) ? spec.subcommands[word] : undefined;
}
