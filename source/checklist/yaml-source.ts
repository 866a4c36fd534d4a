// YAML text to data, plus a locator over the document's node ranges. This is
// the only module that imports `yaml`; load.ts reaches it through a dynamic
// import() so that starting the app never parses the YAML library.
import {isMap, isScalar, LineCounter, parseDocument, type Node} from 'yaml';
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
