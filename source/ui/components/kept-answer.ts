import type {Answer} from '../../model/schemas.js';
import {statusLabel} from '../../model/vocabulary.js';

/**
 * An answer in one line, for the renames and orphans screens: status, evidence,
 * note, sign-off (`✖ fail · 1 evidence · signed off by Ada on 2026-11-28`).
 * Not sanitised: the Text that shows it is.
 */
export function keptAnswerText(answer: Answer): string {
	const parts = [statusLabel(answer.status)];
	if (answer.evidence.length)
		parts.push(`${answer.evidence.length} evidence link${answer.evidence.length === 1 ? '' : 's'}`);
	if (answer.justification) parts.push(`n/a because: ${answer.justification}`);
	if (answer.waiver) parts.push(`waived until ${answer.waiver.expires}`);
	if (answer.note) parts.push(`note: ${answer.note}`);
	if (answer.signedOff)
		parts.push(`signed off by ${answer.signedOff.by} on ${answer.signedOff.at.slice(0, 10)}`);
	return parts.join(' · ');
}
