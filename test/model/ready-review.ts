// The shipped checklist and a review of it with every item passed: the model
// tests of decisions and sessions start from it.
import {defaultChecklistPath, loadChecklist} from '../../source/checklist/load.js';
import {newReview, recordAnswer, withEvidence, withStatus} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';

export const loaded = loadChecklist(defaultChecklistPath());
export const {checklist, digest} = loaded;
export const ids = checklist.sections.flatMap((s) => s.items.map((i) => i.id));
export const start = new Date('2026-03-01T10:00:00.000Z');
/** `minute` minutes after `start`. */
export const at = (minute: number) => new Date(start.getTime() + minute * 60_000);

/** A review (id r-api, system api) with every item passed with a link, by Ann a minute after `start`. */
export function readyReview(): Review {
	let review: Review = {...newReview(checklist, digest, 'api', undefined, start), id: 'r-api'};
	for (const id of ids)
		review = recordAnswer(
			review,
			id,
			withStatus(
				withEvidence(review.answers[id] ?? {status: 'pending', evidence: []}, {
					kind: 'url',
					ref: 'https://ci.example/ok',
				}),
				'pass',
			),
			{by: 'Ann', at: at(1)},
			undefined,
			{confirm: true},
		);
	return review;
}
