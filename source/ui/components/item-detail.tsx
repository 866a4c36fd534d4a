import fastStringWidth from 'fast-string-width';
import {Box, Text} from 'ink';
import React from 'react';
import type {ItemResult} from '../../model/evaluate.js';
import type {AuditEntry} from '../../model/schemas.js';
import {reviewEveryText} from '../../model/vocabulary.js';
import {sanitize, sanitizeLine} from '../../terminal/sanitize.js';
import {historyLine} from './item-history.js';
import {StatusBadge} from './status.js';
import {clipLines, fitColumns} from './wrap.js';

/** Rows each part of the detail pane wants: wrapped lines, or evidence links. */
export type DetailWants = {guidance: number; evidence: number; extras: number[]};

/**
 * Shares the rows under the title, id, status and blocker lines among the
 * guidance, the evidence links and the extras (justification, waiver, note).
 * Each part first gets one row (evidence always: it says "none yet" when there
 * is none), in the order evidence, extras, a second evidence row when there
 * are several links, guidance, as far as the rows go;
 * what is left goes to the evidence links, then the extras, then the
 * guidance: the answer's own content comes before the item's explanation.
 * With `evidenceFirst` (d is asking which link to remove) the links take what
 * they need before anything else.
 */
export function allotRows(
	room: number,
	wants: DetailWants,
	evidenceFirst = false,
): {guidance: number; evidence: number; extras: number[]} {
	let left = Math.max(0, room);
	const take = (n: number) => {
		const got = Math.min(n, left);
		left -= got;
		return got;
	};
	const evidenceWant = Math.max(1, wants.evidence);
	let evidence = take(evidenceFirst ? evidenceWant : 1);
	const extras = wants.extras.map((n) => take(Math.min(1, n)));
	// A second evidence row before the guidance's first: with several links,
	// one row can only count them, two show the first and how many more.
	evidence += take(Math.min(2, evidenceWant) - evidence);
	let guidance = evidenceFirst ? 0 : take(Math.min(1, wants.guidance));
	evidence += take(evidenceWant - evidence);
	wants.extras.forEach((n, i) => (extras[i]! += take(n - extras[i]!)));
	guidance += take(wants.guidance - guidance);
	return {guidance, evidence, extras};
}

/** Wrapped to `width`; lines after the first are indented under the text after the label. */
function hanging(label: string, text: string, width: number, rows: number): string[] {
	const indent = fastStringWidth(label) <= 16 ? fastStringWidth(label) : 2;
	const lines = clipLines(text, Math.max(10, width - indent), rows);
	return lines.map((l, i) => (i === 0 ? `${label}${l}` : `${' '.repeat(indent)}${l}`));
}

/**
 * The focused item: title, id and tags, status and sign-off, blocker, then the
 * guidance, the evidence links (numbered as d numbers them) and the extras,
 * sharing the pane's rows (see allotRows). Lines are wrapped by hand and each
 * drawn as one Text: a Box around each cost as much again on every frame.
 */
export function ItemDetail({
	result,
	height,
	width,
	evidenceFirst = false,
	history = [],
}: {
	/** Undefined when no item is selected: the pane stays empty. */
	result: ItemResult | undefined;
	/** The item's audit entries, oldest first: shown, newest first, in the rows left over. */
	history?: readonly AuditEntry[];
	height: number;
	width: number;
	/** The links matter most now (d is asking which one to remove): they come before all but the title and status. */
	evidenceFirst?: boolean;
}) {
	if (!result) return <Box height={height} />;
	const {item, answer} = result;
	const tags = [
		item.level,
		item.evidenceRequired ? 'evidence required' : 'evidence optional',
		item.reviewEvery ? reviewEveryText(item.reviewEvery) : undefined,
	]
		.filter(Boolean)
		.join(' · ');
	const signed = answer.signedOff;
	const blocker = result.blocker && answer.status !== 'pending' ? result.blocker : undefined;
	// The text is wrapped at one column less than the pane, as the guidance always was.
	const textW = width - 1;
	// Tabs would be drawn as one column but take several.
	const clean = (text: string) => sanitize(text).replace(/\t/g, '  ');
	const extras: Array<{key: string; label: string; text: string}> = [];
	if (answer.status === 'na' && answer.justification)
		extras.push({
			key: 'justification',
			label: 'justification: ',
			text: clean(answer.justification),
		});
	if (answer.status === 'waived' && answer.waiver)
		extras.push({
			key: 'waiver',
			label: '',
			text: `waived until ${answer.waiver.expires} · owner ${sanitizeLine(answer.waiver.owner)} · ${clean(answer.waiver.reason)}`,
		});
	if (answer.note) extras.push({key: 'note', label: 'note: ', text: clean(answer.note)});
	const guidanceText = item.guidance ? clean(item.guidance) : '';
	// While d asks which link to remove, the id and blocker lines make way for
	// the links (they come back with the prompt's end).
	const compact = evidenceFirst;
	const room = height - (compact ? 2 : 3 + (blocker ? 1 : 0));
	// What each part would take in full, up to the room there is: no part can have
	// more, and a long note is not wrapped whole on every frame just to be counted.
	const most = Math.max(1, room);
	const rows = allotRows(
		room,
		{
			guidance: guidanceText ? clipLines(guidanceText, textW, most).length : 0,
			evidence: answer.evidence.length,
			extras: extras.map((x) => hanging(x.label, x.text, textW, most).length),
		},
		evidenceFirst,
	);
	const guidance = guidanceText ? clipLines(guidanceText, textW, rows.guidance) : [];
	// When not every link fits, the last evidence row says how many more there are.
	const linksShown =
		answer.evidence.length > rows.evidence
			? Math.max(0, rows.evidence - 1)
			: answer.evidence.length;
	const hiddenEvidence = answer.evidence.length - linksShown;

	const lines = [
		<Text key="title" bold wrap="truncate-end">
			{fitColumns(sanitizeLine(item.title), width) || ' '}
		</Text>,
	];
	if (!compact)
		lines.push(
			<Text key="id" dimColor wrap="truncate-end">
				{fitColumns(`${sanitizeLine(item.id)} · ${tags}`, width)}
			</Text>,
		);
	lines.push(
		<Text key="status" wrap="truncate-end">
			<StatusBadge status={answer.status} stale={result.stale} recheck={answer.reReview} />
			{signed ? (
				<Text
					dimColor
				>{`  signed off by ${sanitizeLine(signed.by)} at ${signed.at.slice(0, 16).replace('T', ' ')} UTC${signed.commit ? ` (commit ${signed.commit.slice(0, 7)})` : ''}`}</Text>
			) : null}
		</Text>,
	);
	if (blocker && !compact)
		lines.push(
			<Text
				key="blocker"
				color="red"
				wrap="truncate-end"
			>{`blocker: ${sanitizeLine(blocker)}`}</Text>,
		);
	// An empty Text would take no row, so empty lines are a space.
	guidance.forEach((line, i) =>
		lines.push(
			line ? (
				<Text key={`g${i}`} dimColor wrap="truncate-end">
					{line}
				</Text>
			) : (
				<Text key={`g${i}`}> </Text>
			),
		),
	);
	answer.evidence.slice(0, linksShown).forEach((e, i) =>
		lines.push(
			<Text key={`e${i}`} wrap="truncate-end">
				<Text color="cyan">{`evidence ${i + 1}: `}</Text>
				{e.kind === 'file'
					? `file ${sanitizeLine(e.ref)}${e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)}…)` : ''}`
					: sanitizeLine(e.ref)}
			</Text>,
		),
	);
	if (answer.evidence.length === 0)
		lines.push(
			<Text key="no-evidence" dimColor wrap="truncate-end">
				{item.evidenceRequired ? 'evidence: none yet (e adds a URL or file)' : 'evidence: none'}
			</Text>,
		);
	else if (hiddenEvidence > 0)
		lines.push(
			<Text key="more" dimColor wrap="truncate-end">
				{linksShown === 0
					? `evidence: ${answer.evidence.length} links (too few rows to list them)`
					: `… and ${hiddenEvidence} more evidence link${hiddenEvidence === 1 ? '' : 's'}`}
			</Text>,
		);
	extras.forEach((x, i) =>
		hanging(x.label, x.text, textW, rows.extras[i] ?? 0).forEach((line, k) =>
			lines.push(
				<Text key={`${x.key}${k}`} wrap="truncate-end">
					{line || ' '}
				</Text>,
			),
		),
	);
	// Rows left over show the item's history (a fail's note set aside by a pass is there).
	const spare = height - lines.length;
	if (spare >= 2 && !compact) {
		lines.push(
			<Text key="history" dimColor wrap="truncate-end">
				{history.length
					? `history (${history.length} change${history.length === 1 ? '' : 's'}, newest first):`
					: 'history: no change yet'}
			</Text>,
		);
		history
			.slice(-(spare - 1))
			.reverse()
			.forEach((e, i) =>
				lines.push(
					<Text key={`h${i}`} dimColor wrap="truncate-end">
						{`  ${sanitizeLine(historyLine(e))}`}
					</Text>,
				),
			);
	}
	// Rows never shrink: past the pane's height they are left out, as its clip did.
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{lines.slice(0, height)}
		</Box>
	);
}
