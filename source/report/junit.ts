import {statusLooks} from '../model/vocabulary.js';
import {sanitize} from '../terminal/sanitize.js';
import type {Snapshot, SnapshotItem} from './snapshot.js';

// Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an XML attribute or element: escape sequences and forbidden characters gone. */
export function xmlEscape(text: string): string {
	return sanitize(text)
		.replace(notXml, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;')
		.replace(/\t/g, '&#9;');
}

function firstLine(text: string): string {
	return text.split('\n')[0] ?? '';
}

type Outcome = {kind: 'pass'} | {kind: 'failure' | 'skipped'; type: string; message: string};

function outcomeOf(item: SnapshotItem, blocker: string | undefined): Outcome {
	const suffix = item.level === 'recommended' ? ' (recommended: does not block)' : '';
	if (blocker) return {kind: 'failure', type: 'blocker', message: blocker};
	if (item.status === 'fail')
		return {
			kind: 'failure',
			type: 'fail',
			message: `${item.note ? `failed: ${firstLine(item.note)}` : 'failed'}${suffix}`,
		};
	if (item.status === 'pending')
		return {kind: 'failure', type: 'pending', message: `not answered yet${suffix}`};
	if (item.stale)
		return {
			kind: 'failure',
			type: 'stale',
			message: `${statusLooks.stale.word}: signed off ${item.signedOff?.at.slice(0, 10) ?? '?'}${suffix}`,
		};
	if (item.status === 'na')
		return {
			kind: 'skipped',
			type: 'na',
			message: `${statusLooks.na.word}: ${item.justification ?? ''}`,
		};
	if (item.status === 'waived') {
		const w = item.waiver;
		return {
			kind: 'skipped',
			type: 'waived',
			message: w
				? `${statusLooks.waived.word}: ${w.reason} (owner ${w.owner}, expires ${w.expires})`
				: statusLooks.waived.word,
		};
	}
	return {kind: 'pass'};
}

/**
 * JUnit XML: one testsuite per section, one testcase per item. Blockers, fail,
 * pending and stale items are failures (with the reason); n/a and waived are skipped.
 * `asOf`, when the review was judged at another moment than `generatedAt`
 * (`--as-of`), is a property of every suite.
 */
export function renderJunit(snapshot: Snapshot, asOf?: Date): string {
	const blockers = new Map(snapshot.blockers.map((b) => [b.itemId, b.reason]));
	const name = snapshot.review.release
		? `${snapshot.review.system} ${snapshot.review.release}`
		: snapshot.review.system;
	const suites: string[] = [];
	let tests = 0;
	let failures = 0;
	let skipped = 0;
	for (const section of snapshot.sections) {
		const cases: string[] = [];
		let sFailures = 0;
		let sSkipped = 0;
		for (const item of section.items) {
			const outcome = outcomeOf(item, blockers.get(item.id));
			const open = `    <testcase classname="${xmlEscape(section.id)}" name="${xmlEscape(`${item.id}: ${item.title}`)}" time="0"`;
			if (outcome.kind === 'pass') cases.push(`${open}/>`);
			else {
				if (outcome.kind === 'failure') sFailures++;
				else sSkipped++;
				const typeAttr = outcome.kind === 'failure' ? ` type="${outcome.type}"` : '';
				cases.push(
					`${open}>`,
					`      <${outcome.kind} message="${xmlEscape(outcome.message)}"${typeAttr}/>`,
					'    </testcase>',
				);
			}
		}
		tests += section.items.length;
		failures += sFailures;
		skipped += sSkipped;
		suites.push(
			`  <testsuite name="${xmlEscape(section.title)}" id="${xmlEscape(section.id)}" tests="${section.items.length}" failures="${sFailures}" errors="0" skipped="${sSkipped}" time="0" timestamp="${xmlEscape(snapshot.generatedAt.replace(/Z$/, ''))}">`,
			...(asOf
				? [
						'    <properties>',
						`      <property name="preflight.asOf" value="${asOf.toISOString()}"/>`,
						'    </properties>',
					]
				: []),
			...cases,
			'  </testsuite>',
		);
	}
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="${xmlEscape(`preflight: ${name}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
		...suites,
		'</testsuites>',
		'',
	].join('\n');
}
