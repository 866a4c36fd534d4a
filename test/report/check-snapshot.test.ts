import {describe, expect, it} from 'vitest';
import {checklistFromData} from '../../source/checklist/load.js';
import {newReview} from '../../source/model/review.js';
import {checkSnapshot, type Snapshot} from '../../source/report/snapshot.js';
import {hostileSnapshot, NOW, sampleSnapshot, snapshotOf} from './fixtures.js';

/** A snapshot of a checklist with `n` items, past the size checked by the compiled schema. */
function largeSnapshot(n: number): Snapshot {
	const items = Array.from({length: n}, (_, i) => ({id: `item-${i}`, title: `Item ${i}`}));
	const loaded = checklistFromData(
		{id: 'big', title: 'Big', version: '1', sections: [{id: 's', title: 'S', items}]},
		'big.json',
	);
	return snapshotOf(loaded, newReview(loaded.checklist, loaded.digest, 'big', undefined, NOW));
}

describe('snapshots are held to their format before they are written', () => {
	it('accepts what buildSnapshot makes, small and large', async () => {
		await expect(checkSnapshot(sampleSnapshot())).resolves.toBeUndefined();
		await expect(checkSnapshot(hostileSnapshot())).resolves.toBeUndefined();
		await expect(checkSnapshot(largeSnapshot(1500))).resolves.toBeUndefined();
	});

	it('refuses a snapshot that does not match the format, with the place', async () => {
		const bad = {...sampleSnapshot(), verdict: 'maybe'} as unknown as Snapshot;
		await expect(checkSnapshot(bad)).rejects.toThrow(/at verdict/);
		const big = largeSnapshot(1500);
		big.sections[0]!.items[7]!.stale = 'no' as unknown as boolean;
		await expect(checkSnapshot(big)).rejects.toThrow(/at sections\.0\.items\.7\.stale/);
	});
});
