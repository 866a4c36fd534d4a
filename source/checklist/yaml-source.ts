// YAML text to data, plus a locator over the document's node ranges, and data
// back to YAML text that is safe on a terminal. This is the only module that
// imports `yaml`; it is reached through a dynamic import() so that starting
// the app never parses the YAML library.
import {
	Document,
	isMap,
	isScalar,
	LineCounter,
	parseDocument,
	Scalar,
	visit,
	type Node,
} from 'yaml';
import type {ChecklistProblem, Locator, Position} from './problems.js';
import {at} from './problems.js';

/** Guards against alias bombs ("billion laughs"). */
const maxAliasCount = 100;

export function parseYaml(
	text: string,
): {data: unknown; locate: Locator} | {problems: ChecklistProblem[]} {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true});
	const position = (offset: number): Position => {
		const {line, col} = lineCounter.linePos(offset);
		return {line, column: col};
	};
	if (doc.errors.length > 0)
		return {
			problems: doc.errors.map((e) => {
				const p = position(e.pos[0]);
				return {
					where: at(p),
					message: `not valid YAML: ${e.message.split('\n')[0] ?? e.code}`,
					...p,
				};
			}),
		};
	let data: unknown;
	try {
		data = doc.toJS({maxAliasCount});
	} catch (error) {
		return {
			problems: [
				{
					where: '',
					message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
				},
			],
		};
	}
	const locate: Locator = (path, key) => {
		const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
		if (!node || typeof node !== 'object') return undefined;
		if (key !== undefined) {
			if (!isMap(node)) return undefined;
			const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
			const range = (pair?.key as Node | undefined)?.range;
			return range ? position(range[0]) : undefined;
		}
		const range = (node as Node).range;
		return range ? position(range[0]) : undefined;
	};
	return {data, locate};
}

// What a terminal acts on or hides, and the YAML library writes raw even in a
// double-quoted string: C0 controls but newline and tab, DEL and the C1
// controls (0x9b starts a CSI sequence on many terminals), format characters
// (direction marks, zero-width characters, BOM) and line separators.
// eslint-disable-next-line no-control-regex -- these controls are what it looks for
const unsafeInYaml = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/u;

function escaped(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	return code > 0xffff
		? `\\U${code.toString(16).padStart(8, '0')}`
		: `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Data as YAML that is safe to print: a string holding any character of
 * unsafeInYaml is written double-quoted, where that character is then written
 * as an escape (`\u202e`), so that a YAML reader gets back exactly the same
 * text. Keys must be plain text (they are preflight's own field names and ids).
 */
export function stringifyYaml(value: unknown): string {
	const doc = new Document(value);
	visit(doc, {
		Scalar(_key, node) {
			if (typeof node.value === 'string' && unsafeInYaml.test(node.value))
				node.type = Scalar.QUOTE_DOUBLE;
		},
	});
	// Lines are not folded: a long guidance line stays one line, as it was written.
	return doc
		.toString({lineWidth: 0, blockQuote: 'literal'})
		.replace(new RegExp(unsafeInYaml.source, 'gu'), escaped);
}
