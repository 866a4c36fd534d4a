// The part of markdown-it 14 that the Markdown reader uses. markdown-it 14
// ships no types; its line 15 does, but runs about a third slower (its class
// fields compile to a property-defining helper called for every token).
declare module 'markdown-it' {
	/** One token of markdown-it's flat stream. */
	export class Token {
		type: string;
		tag: string;
		attrs: Array<[string, string]> | null;
		/** Source lines, 0-based: [first, after last]. */
		map: [number, number] | null;
		/** 1 opens, -1 closes, 0 is a leaf. */
		nesting: 1 | 0 | -1;
		level: number;
		children: Token[] | null;
		content: string;
		markup: string;
		info: string;
		attrGet(name: string): string | null;
	}

	type Rules = {disable(names: string | string[]): Rules};

	export default class MarkdownIt {
		constructor(
			preset: 'commonmark' | 'default' | 'zero',
			options?: {html?: boolean; maxNesting?: number},
		);
		core: {ruler: Rules};
		enable(names: string | string[]): this;
		normalizeLink: (url: string) => string;
		normalizeLinkText: (url: string) => string;
		parse(src: string, env: object): Token[];
		parseInline(src: string, env: object): Token[];
	}
}
