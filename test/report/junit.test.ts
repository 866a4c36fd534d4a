import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {renderJunit, xmlEscape} from '../../source/report/junit.js';
import {expectGolden} from './golden.js';
import {hostileSnapshot, sampleSnapshot} from './fixtures.js';

type Case = {
	'@_name': string;
	'@_classname': string;
	failure?: {'@_message': string; '@_type': string};
	skipped?: {'@_message': string};
};
type Suite = {
	'@_name': string;
	'@_tests': string;
	'@_failures': string;
	'@_skipped': string;
	testcase: Case[];
};

function parse(xml: string): {testsuites: {testsuite: Suite[]; '@_tests': string}} {
	expect(XMLValidator.validate(xml)).toBe(true);
	return new XMLParser({
		ignoreAttributes: false,
		isArray: (name) => name === 'testsuite' || name === 'testcase',
	}).parse(xml);
}

describe('renderJunit', () => {
	it('matches the golden file', () => {
		expectGolden('snapshot.junit.xml', renderJunit(sampleSnapshot()));
	});

	it('has one suite per section and one case per item, with failures and skips', () => {
		const snapshot = sampleSnapshot();
		const doc = parse(renderJunit(snapshot));
		const suites = doc.testsuites.testsuite;
		expect(suites.map((s) => s['@_name'])).toEqual(snapshot.sections.map((s) => s.title));
		expect(Number(doc.testsuites['@_tests'])).toBe(26);
		const cases = suites.flatMap((s) => s.testcase);
		expect(cases).toHaveLength(26);
		const byId = new Map(cases.map((c) => [c['@_name'].split(':')[0], c]));
		expect(byId.get('architecture.boundaries')?.failure).toBeUndefined();
		expect(byId.get('architecture.boundaries')?.skipped).toBeUndefined();
		expect(byId.get('architecture.failure-paths')?.failure?.['@_message']).toContain(
			'No circuit breaker',
		);
		expect(byId.get('architecture.data-contracts')?.skipped?.['@_message']).toContain(
			'No data pipelines',
		);
		expect(byId.get('architecture.horizontal-scaling')?.skipped).toBeDefined();
		expect(byId.get('security.secrets')?.failure?.['@_message']).toMatch(/^stale/);
		expect(byId.get('security.encryption')?.failure?.['@_message']).toContain('evidence');
		expect(byId.get('testing.manual-qa')?.failure?.['@_message']).toBe('not answered yet');
		const failures = suites.reduce((n, s) => n + Number(s['@_failures']), 0);
		expect(failures).toBe(snapshot.totals.blockers);
	});

	it('stays well-formed with hostile text, which round-trips minus forbidden characters', () => {
		const snapshot = hostileSnapshot();
		const xml = renderJunit(snapshot);
		expect(xml).not.toContain('\u001b');
		expect(xml).not.toContain('<script>');
		// eslint-disable-next-line no-control-regex -- looking for characters XML 1.0 forbids
		expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
		const doc = parse(xml);
		const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
		expect(cases).toHaveLength(3);
		expect(cases[0]?.['@_name']).toContain('```code```');
		expect(cases[1]?.failure?.['@_message']).toContain('recommended');
		expect(cases[2]?.skipped?.['@_message']).toContain('<script>');
	});

	it('escapes attribute values completely', () => {
		expect(xmlEscape(`a&b<c>d"e'f\ng`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;g');
		expect(xmlEscape('x\u0000\u0001\ufffe\ud800y')).toBe('xy');
		expect(xmlEscape('emoji 🚀')).toBe('emoji 🚀');
	});
});
