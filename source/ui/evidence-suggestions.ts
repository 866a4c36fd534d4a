import {isAbsolute, relative, sep} from 'node:path';
import type {Review} from '../model/schemas.js';
import {evidencePath} from '../system/evidence.js';

/**
 * The evidence prompt's pick list: links and files already given on the
 * review's other items, the most recently added first, each once (and none
 * already on `itemId`). A file is offered as a path from `cwd`, which is how
 * the prompt reads what is typed, so picking it always finds the same file.
 */
export function evidenceUsedElsewhere(review: Review, itemId: string, cwd: string): string[] {
	const here = new Set(
		(Object.hasOwn(review.answers, itemId) ? review.answers[itemId]!.evidence : []).map(
			(e) => `${e.kind}:${e.ref}`,
		),
	);
	const found: {text: string; at: string; order: number}[] = [];
	let order = 0;
	for (const [id, answer] of Object.entries(review.answers)) {
		if (id === itemId) continue;
		for (const e of answer.evidence) {
			if (here.has(`${e.kind}:${e.ref}`)) continue;
			const text =
				e.kind === 'url' || isAbsolute(e.ref)
					? e.ref
					: relative(cwd, evidencePath(e.ref, cwd)).split(sep).join('/');
			found.push({text, at: e.addedAt ?? '', order: order++});
		}
	}
	// Newest first; entries without a time (older databases) after, in review order.
	found.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? 1 : -1));
	return [...new Set(found.map((f) => f.text))];
}
