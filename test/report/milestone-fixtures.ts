import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import type {Review} from '../../source/model/schemas.js';

/** Version 1: three required items. */
export const v1Data = {
	id: 'pay',
	title: 'Pay',
	version: '1.0.0',
	sections: [
		{
			id: 'ops',
			title: 'Ops',
			items: [
				{id: 'ops.a', title: 'Alpha', guidance: 'alpha guidance', level: 'required'},
				{id: 'ops.b', title: 'Beta', guidance: 'beta guidance', level: 'required'},
				{id: 'ops.gone', title: 'Gone soon', guidance: 'gone guidance', level: 'required'},
			],
		},
	],
};

/** Version 2: ops.a is only recommended now, ops.gone is removed, ops.new is added. */
export const v2Data = {
	...v1Data,
	version: '2.0.0',
	sections: [
		{
			id: 'ops',
			title: 'Ops',
			items: [
				{id: 'ops.a', title: 'Alpha', guidance: 'alpha guidance', level: 'recommended'},
				{id: 'ops.b', title: 'Beta', guidance: 'beta guidance', level: 'required'},
				{id: 'ops.new', title: 'Brand new', guidance: 'new guidance', level: 'required'},
			],
		},
	],
};

export function loaded(data: unknown): LoadedChecklist {
	return checklistFromData(data, 'checklist.json');
}

/** A review on v1 with ops.a failed and ops.gone marked n/a. */
export function answeredReview(v1: LoadedChecklist, at: Date): Review {
	const review = newReview(v1.checklist, v1.digest, 'pay', 'r1', at);
	return {
		...review,
		answers: {
			'ops.a': {status: 'fail', note: 'no rota', evidence: []},
			'ops.gone': {status: 'na', justification: 'not here', evidence: []},
		},
	};
}
