// The app once crashed with a React stack trace when an item named like a
// member of Object.prototype was focused: its answer was Object.prototype's.
import {afterEach, describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import {reviewSchema, type Review} from '../../source/model/schemas.js';
import * as z from '../../source/model/zod.js';
import {cleanupApps, dbWith, keys, NOW, renderReview, waitUntil} from './helpers.js';

afterEach(() => cleanupApps());

const ids = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[a-z]/i.test(n));
const loaded = checklistFromData(
	{
		id: 'proto',
		title: 'Prototype names',
		version: '1',
		sections: [
			{
				id: 's',
				title: 'Names',
				items: ids.map((id) => ({id, title: `Item ${id}`, evidenceRequired: false})),
			},
		],
	},
	'proto.json',
);

/** How many answers the last save holds. */
function answered(app: {persist: {mock: {calls: Array<[{reviews: Review[]}]>}}}): number {
	const last = app.persist.mock.calls.at(-1)?.[0].reviews[0];
	return last ? Object.keys(last.answers).length : 0;
}

/** The review as the store hands it over: JSON text read back through zod. */
function fromDisk(review: Review): Review {
	const result = z.safeParse(reviewSchema, JSON.parse(JSON.stringify(review)));
	if (!result.success) throw new Error(result.error.message);
	return result.data;
}

describe('items named like members of Object.prototype', () => {
	it.each([
		['a new review', (r: Review) => r],
		['a review read from the database', fromDisk],
	])('%s: every one can be focused and answered', async (_, prepare) => {
		const review = prepare({
			...newReview(loaded.checklist, loaded.digest, 'sys', undefined, NOW),
			id: 'r-proto',
		});
		const app = await renderReview({loaded, review, db: dbWith(review)});
		await app.waitForText(`0/${ids.length} answered`);
		// Answered one by one (focus moves on to the next pending item each time).
		for (const [i, id] of ids.entries()) {
			const frame = await app.waitForText(`${id} · required`);
			expect(frame).toMatch(/›.*○ pending Item/);
			// n/a asks for a justification: the prompt starts from the item's answer.
			await app.press('n');
			await app.waitForText('is n/a because:');
			await app.press('not here');
			await app.press(keys.enter);
			await waitUntil(
				() => app.persist.mock.calls.length > 0 && answered(app) === i + 1,
				`${i + 1} answers saved`,
			);
		}
		const saved = app.persist.mock.calls.at(-1)![0].reviews[0]!;
		for (const id of ids) {
			expect(Object.hasOwn(saved.answers, id), id).toBe(true);
			expect(saved.answers[id]).toMatchObject({
				status: 'na',
				justification: 'not here',
				evidence: [],
			});
		}
		expect(app.frame()).not.toMatch(/TypeError|at .*\.tsx?:\d+/);
	});
});
