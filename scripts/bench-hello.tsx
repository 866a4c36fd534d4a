// The benchmark's Ink baseline (scripts/bench.mjs): the least an Ink app shows —
// a few lines of text, with the footer's keys the bench waits for — built as
// preflight is (scripts/build.mjs, buildInkHello), then gone.
import {Box, render, Text} from 'ink';

const app = render(
	<Box flexDirection="column">
		<Text bold>preflight · hello</Text>
		<Text color="green">✔ READY · the least an Ink app draws</Text>
		<Text dimColor>? help q/ctrl+c quit</Text>
	</Box>,
);
setTimeout(() => app.unmount(), 50);
