import {describe, expect, it} from 'vitest';
import {durationText} from '../../source/model/duration.js';

describe('durationText', () => {
	it('says a duration in words, one unit', () => {
		expect(durationText('P90D')).toBe('90 days');
		expect(durationText('P1D')).toBe('1 day');
		expect(durationText('P6M')).toBe('6 months');
		expect(durationText('P1Y')).toBe('1 year');
		expect(durationText('P2W')).toBe('2 weeks');
		expect(durationText('PT12H')).toBe('12 hours');
		expect(durationText('PT1M')).toBe('1 minute');
		expect(durationText('PT30S')).toBe('30 seconds');
	});

	it('joins several units, largest first, with "and" before the last', () => {
		expect(durationText('P1Y6M')).toBe('1 year and 6 months');
		expect(durationText('P1DT12H')).toBe('1 day and 12 hours');
		expect(durationText('P1Y2M3W4DT5H6M7S')).toBe(
			'1 year, 2 months, 3 weeks, 4 days, 5 hours, 6 minutes and 7 seconds',
		);
	});

	it('keeps the units as written: months are calendar months, so 90 days is not 3 months', () => {
		expect(durationText('P90D')).not.toMatch(/month/);
		expect(durationText('P3M')).toBe('3 months');
		expect(durationText('P14D')).toBe('14 days');
	});

	it('leaves out units written as zero, and says a zero duration plainly', () => {
		expect(durationText('P0Y6M')).toBe('6 months');
		expect(durationText('P0D')).toBe('0 days');
		expect(durationText('PT0S')).toBe('0 seconds');
	});

	it('returns text that is not a duration unchanged, so nothing is hidden', () => {
		for (const text of ['', 'P', 'PT', '90 days', 'P1.5D', 'p90d', 'P-1D'])
			expect(durationText(text)).toBe(text);
	});
});
