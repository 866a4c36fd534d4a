import type {Snapshot} from './snapshot.js';

// Placeholder being replaced by the full renderer (issue 3).
export function renderMarkdown(snapshot: Snapshot): string {
	return `# ${snapshot.review.system}: ${snapshot.verdict}\n`;
}
