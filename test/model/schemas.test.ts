import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isIsoInstant} from '../../source/model/schemas.js';

/** The check as first written: whatever Date.parse reads, with a zone. */
const byDateParse = (s: string) => !Number.isNaN(Date.parse(s)) && /Z$|[+-]\d{2}:\d{2}$/.test(s);
const p2 = (n: number) => String(n).padStart(2, '0');

describe('isIsoInstant', () => {
	it("agrees with Date.parse on every field range of toISOString's form", () => {
		const times = [
			[0, 0, 0],
			[23, 59, 59],
			[24, 0, 0],
			[24, 0, 1],
			[24, 1, 0],
			[25, 0, 0],
			[12, 60, 0],
			[12, 0, 60],
			[99, 99, 99],
		] as const;
		for (const year of ['0000', '1970', '2024', '2026', '9999'])
			for (let month = 0; month <= 13; month++)
				for (let day = 0; day <= 32; day++)
					for (const [h, m, s] of times)
						for (const ms of ['000', '001', '999']) {
							const text = `${year}-${p2(month)}-${p2(day)}T${p2(h)}:${p2(m)}:${p2(s)}.${ms}Z`;
							expect(isIsoInstant(text), text).toBe(byDateParse(text));
						}
	});

	it('agrees with Date.parse on other strings', () => {
		const near = fc
			.tuple(fc.date({noInvalidDate: true}), fc.nat({max: 23}), fc.string({maxLength: 2}))
			.map(([d, at, bit]) => {
				const iso = d.toISOString();
				return iso.slice(0, at) + bit + iso.slice(at + bit.length);
			});
		fc.assert(
			fc.property(fc.oneof(near, fc.string({maxLength: 30})), (text) => {
				expect(isIsoInstant(text)).toBe(byDateParse(text));
			}),
			{numRuns: 5000},
		);
		for (const text of [
			'2026-03-01T12:00:00Z',
			'2026-03-01T12:00:00.000+01:00',
			'+002026-03-01T12:00:00.000Z',
			'２026-03-01T12:00:00.000Z',
		])
			expect(isIsoInstant(text), text).toBe(byDateParse(text));
	});
});
