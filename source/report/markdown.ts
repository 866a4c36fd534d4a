import type {HistoryDay} from '../model/history.js';
import {reviewName} from '../model/review.js';
import {
	blockersText,
	everyText,
	progressText,
	shownStatus,
	statusLabel,
	statusLooks,
	totalsLine,
	verdictLabel,
} from '../model/vocabulary.js';
import {sanitize} from '../terminal/sanitize.js';
import type {Snapshot, SnapshotItem} from './snapshot.js';

/**
 * Escapes user text for Markdown (GitHub-flavoured, inside or outside a table):
 * control characters and escape sequences removed, Markdown punctuation
 * backslash-escaped, HTML metacharacters as entities, newlines as `<br>`.
 * Nothing in it may become a link: only http(s) evidence is a link (see
 * evidenceCell). GFM autolinks `http://`, `https://`, `www.` and e-mail
 * addresses in plain text: a `:` before `/` is escaped (no `scheme://` is seen), the `.`
 * after `www` is escaped (no www link), and an empty HTML comment goes before
 * every `@`: cmark-gfm, GitHub's renderer, finds e-mail addresses after
 * escapes and entities are decoded, so only a node between the parts breaks
 * one (the comment shows as nothing). Checked with cmark-gfm in
 * test/report/autolink.test.ts.
 */
export function mdText(text: string): string {
	return (
		sanitize(text)
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			// Inline punctuation only: block markers (#, -, 1.) cannot start a line here,
			// as every piece of text sits inside a heading, a table cell or after a label.
			.replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
			.replace(/:(?=\/)/g, '\\:')
			.replace(/(www)\./gi, '$1\\.')
			.replace(/@/g, '<!-- -->\\@')
			.replace(/\t/g, ' ')
			.replace(/\r?\n|\r/g, '<br>')
	);
}

/** An http(s) URL made safe as a Markdown link destination, or undefined. */
export function safeHref(ref: string): string | undefined {
	let url: URL;
	try {
		url = new URL(ref);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	// The WHATWG serialiser already encodes spaces, quotes and angle brackets; encode
	// the few characters that would still end a link or split a table cell.
	return url.href.replace(
		/[|()[\]`\\*_]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
	);
}

function evidenceCell(item: SnapshotItem): string {
	if (item.evidence.length === 0) return '—';
	return item.evidence
		.map((e) => {
			const href = e.kind === 'url' ? safeHref(e.ref) : undefined;
			if (href) return `[${mdText(e.ref)}](${href})`;
			const hash = e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)}…)` : '';
			return `file ${mdText(e.ref)}${hash}`;
		})
		.join('<br>');
}

function signOffCell(item: SnapshotItem): string {
	const one = (s: NonNullable<SnapshotItem['signedOff']>) =>
		`${mdText(s.by)}, ${mdText(s.at)}${s.commit ? ` @ ${mdText(s.commit.slice(0, 12))}` : ''}`;
	// Every approver when the item lists them (docs/team.md), else the one sign-off.
	if (item.approvals?.length) {
		const rule = [
			...(item.owners?.length ? [`owners ${item.owners.map(mdText).join(', ')}`] : []),
			...(item.approvalsNeeded ? [`${item.approvalsNeeded} approvals needed`] : []),
		];
		return [...item.approvals.map(one), ...(rule.length ? [rule.join(' · ')] : [])].join('<br>');
	}
	return item.signedOff ? one(item.signedOff) : '—';
}

function detailCell(item: SnapshotItem): string {
	const parts: string[] = [];
	if (item.justification) parts.push(`Justification: ${mdText(item.justification)}`);
	if (item.waiver)
		parts.push(
			`Waiver: ${mdText(item.waiver.reason)} (owner ${mdText(item.waiver.owner)}, expires ${mdText(item.waiver.expires)})`,
		);
	if (item.note) parts.push(`Note: ${mdText(item.note)}`);
	// A conflict has no answer of its own: each merged branch's answer, numbered as the app keeps them.
	item.conflict?.answers.forEach((a, i) => {
		const said = [
			a.signedOff ? `by ${mdText(a.signedOff.by)}, ${mdText(a.signedOff.at)}` : '',
			a.justification ? `justification: ${mdText(a.justification)}` : '',
			a.waiver
				? `waiver: ${mdText(a.waiver.reason)} (owner ${mdText(a.waiver.owner)}, expires ${mdText(a.waiver.expires)})`
				: '',
			a.note ? `note: ${mdText(a.note)}` : '',
			a.evidence.length ? `evidence: ${a.evidence.map((e) => mdText(e.ref)).join(', ')}` : '',
		].filter(Boolean);
		parts.push(
			`Conflict answer ${i + 1}: ${statusLabel(a.status)}${said.length ? ` — ${said.join('; ')}` : ''}`,
		);
	});
	return parts.length ? parts.join('<br>') : '—';
}

/**
 * The status, and for an answer that reads as settled but still blocks (a pass
 * whose checklist item changed, one without its evidence, an expired waiver)
 * a mark that sends the reader to the blockers: "✔ pass" alone would mislead.
 */
function statusCell(item: SnapshotItem, blocks: boolean): string {
	const shown = shownStatus(item);
	const settled = shown === 'pass' || shown === 'na' || shown === 'waived';
	return blocks && settled
		? `${statusLabel(shown)} · ${statusLooks.fail.glyph} blocks`
		: statusLabel(shown);
}

/**
 * Readiness over time (model/history.ts): a Mermaid chart GitHub draws (the
 * blockers and passing items, day by day, the last 30 days with a change),
 * and the same as a table beside it for readers without Mermaid.
 */
function historyMarkdown(history: readonly HistoryDay[]): string[] {
	const days = history.slice(-30);
	const out = ['## Readiness over time', ''];
	const max = Math.max(1, ...days.map((d) => d.totals.blocking + d.totals.passing));
	out.push(
		'```mermaid',
		'xychart-beta',
		'    title "Blockers and passing items by day"',
		`    x-axis [${days.map((d) => `"${d.date.slice(5)}"`).join(', ')}]`,
		`    y-axis "items" 0 --> ${max}`,
		`    line [${days.map((d) => d.totals.blocking).join(', ')}]`,
		`    bar [${days.map((d) => d.totals.passing).join(', ')}]`,
		'```',
		'',
	);
	out.push(
		'| Day | Answered | Passing | Blocking | Decisions |',
		'| --- | --- | --- | --- | --- |',
	);
	for (const d of days)
		out.push(
			`| ${d.date} | ${d.totals.answered} | ${d.totals.passing} | ${d.totals.blocking} | ${d.decisions.map((x) => `${x.decision} (${mdText(x.by)}${x.attendees?.length ? `; attended by ${mdText(x.attendees.join(', '))}` : ''})`).join(', ') || '—'} |`,
		);
	out.push('');
	return out;
}

/**
 * The Markdown snapshot: verdict banner, a table per section, blockers, evidence
 * as links. `asOf`: the moment the review was judged at when it is not
 * `generatedAt` (`--as-of`), so that a stale item in a fresh file is explained.
 */
export function renderMarkdown(
	snapshot: Snapshot,
	asOf?: Date,
	history?: readonly HistoryDay[],
): string {
	const {review, checklist} = snapshot;
	const name = reviewName(review);
	const ready = snapshot.verdict === 'ready';
	const out: string[] = [];
	out.push(`# Readiness review: ${mdText(name)}`, '');
	out.push(
		ready
			? `> **${verdictLabel('ready')}** — every required item checks out.`
			: `> **${verdictLabel('not-ready')}** — ${blockersText(snapshot.blockers.length)}.`,
		'',
	);
	out.push('| | |', '| --- | --- |');
	out.push(`| System | ${mdText(review.system)} |`);
	if (review.release) out.push(`| Release | ${mdText(review.release)} |`);
	out.push(
		`| Checklist | ${mdText(checklist.title)} (${mdText(checklist.id)}, version ${mdText(checklist.version)}) |`,
	);
	out.push(`| Reviewers | ${review.reviewers.map(mdText).join(', ') || '—'} |`);
	out.push(`| Generated | ${mdText(snapshot.generatedAt)} |`);
	if (asOf)
		out.push(`| Judged as of | ${asOf.toISOString()} (staleness and waiver expiry; --as-of) |`);
	// The breakdown adds up to the items (a stale pass is stale, not pass); the JSON keeps both counts.
	out.push(
		`| Totals | ${totalsLine(snapshot.totals)} · ${blockersText(snapshot.totals.blockers)} |`,
	);
	if (snapshot.launchDate) out.push(`| Launch date | ${mdText(snapshot.launchDate)} |`);
	const due = snapshot.reviewDue;
	if (due)
		out.push(
			`| Review due again | ${due.overdue ? '**past due** since ' : ''}${mdText(due.due.slice(0, 10))} (${mdText(everyText(due.every))}, from the ${due.from === 'decision' ? 'last decision' : 'start'} ${mdText(due.since.slice(0, 10))}) |`,
		);
	const decision = snapshot.decisions?.at(-1);
	if (decision) {
		// Whether it stands, when the snapshot says (snapshots before the summary do not).
		const summary = snapshot.decision;
		const word = decision.decision === 'go' ? 'GO' : 'NO-GO';
		const head =
			summary?.state === 'void'
				? `**VOID** (${word}) by`
				: `**${word}**${summary?.state === 'standing' ? ' (stands)' : ''} by`;
		const voided =
			summary?.state === 'void'
				? `. Void: the review changed after it${summary.reason ? ` (${mdText(summary.reason)})` : ''}`
				: '';
		out.push(
			`| Decision | ${head} ${mdText(decision.by)} at ${mdText(decision.at)}${decision.commit ? ` (commit ${mdText(decision.commit.slice(0, 7))})` : ''}, on snapshot ${mdText(decision.digest)}${decision.note ? ` — ${mdText(decision.note)}` : ''}${decision.attendees?.length ? `; attended by ${mdText(decision.attendees.join(', '))}` : ''}${voided} |`,
		);
	}
	out.push(`| Digest | ${mdText(snapshot.digest)} |`);
	if (snapshot.signer)
		out.push(
			`| Signed by | ${mdText(snapshot.signer.fingerprint)} (the JSON snapshot's signature, its .json.sig; this Markdown is not signed) |`,
		);
	out.push('');
	const blocking = new Set(snapshot.blockers.map((b) => b.itemId));
	for (const section of snapshot.sections) {
		out.push(`## ${mdText(section.title)} (${progressText(section.totals)})`, '');
		out.push('| Item | Status | Level | Evidence | Sign-off | Details |');
		out.push('| --- | --- | --- | --- | --- | --- |');
		for (const item of section.items)
			out.push(
				`| ${mdText(item.title)}<br>${mdText(item.id)} | ${statusCell(item, blocking.has(item.id))} | ${item.level} | ${evidenceCell(item)} | ${signOffCell(item)} | ${detailCell(item)} |`,
			);
		out.push('');
	}
	out.push('## Blockers', '');
	if (snapshot.blockers.length === 0) out.push('None.');
	else {
		out.push('| Item | Reason |', '| --- | --- |');
		for (const b of snapshot.blockers)
			out.push(`| ${mdText(b.title)}<br>${mdText(b.itemId)} | ${mdText(b.reason)} |`);
	}
	out.push('');
	if (history && history.length > 1) out.push(...historyMarkdown(history));
	// Only when there are any, as action items below: marked in the app to discuss later.
	const later = snapshot.sections.flatMap((s) => s.items.filter((item) => item.later));
	if (later.length) {
		out.push('## To discuss later', '');
		out.push('| Item | Marked by | At |', '| --- | --- | --- |');
		for (const item of later)
			out.push(
				`| ${mdText(item.title)}<br>${mdText(item.id)} | ${mdText(item.later!.by)} | ${mdText(item.later!.at)} |`,
			);
		out.push('');
	}
	// Only when there are any: snapshots of reviews without action items read as before.
	const actions = snapshot.sections.flatMap((s) =>
		s.items.flatMap((item) => (item.actions ?? []).map((a) => ({item, a}))),
	);
	if (actions.length) {
		out.push('## Action items', '');
		out.push('| Item | Action | Owner | Due | State |', '| --- | --- | --- | --- | --- |');
		for (const {item, a} of actions) {
			const href = a.url ? safeHref(a.url) : undefined;
			const what = href ? `[${mdText(a.what)}](${href})` : mdText(a.what);
			out.push(
				`| ${mdText(item.title)}<br>${mdText(item.id)} | ${what} | ${mdText(a.owner)} | ${mdText(a.due)} | ${a.state === 'done' ? `done${a.done ? ` (${mdText(a.done.by)})` : ''}` : 'open'} |`,
			);
		}
		out.push('');
	}
	return out.join('\n');
}
