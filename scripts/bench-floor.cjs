// The floor: the least bare node can do with the bench's files, so that each data
// figure is read against what this machine needs for the same bytes. A CommonJS
// script (an ES module entry costs the ESM loader's start-up); no validation, no
// error handling, no durable write, nothing of preflight loaded. The checklist is
// hashed as the bytes read, and the snapshot is written as the very text its
// digest was taken over (compact: nothing is serialised twice). Usage:
//   node scripts/bench-floor.cjs snapshot DB CHECKLIST SYSTEM OUT
//   node scripts/bench-floor.cjs status DB CHECKLIST SYSTEM
'use strict';
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, as bare node runs one */
const {createHash} = require('node:crypto');
const {readFileSync, writeFileSync, writeSync} = require('node:fs');

const [mode, dbPath, checklistPath, system, out] = process.argv.slice(2);
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

const checklistBytes = readFileSync(checklistPath);
const checklistDigest = sha256(checklistBytes);
const checklist = JSON.parse(checklistBytes.toString('utf8'));
const db = JSON.parse(readFileSync(dbPath).toString('utf8'));
const review = db.reviews.find((r) => r.system === system);
const pending = {status: 'pending', evidence: []};
// Each item's answer sits in its entry (source/store/layout.ts).
const answerOf = (id) => review.items[id]?.answer;

if (mode === 'snapshot') {
	const sections = checklist.sections.map((s) => ({
		id: s.id,
		title: s.title,
		items: s.items.map((item) => {
			const a = answerOf(item.id) ?? pending;
			return {
				id: item.id,
				title: item.title,
				level: item.level,
				status: a.status,
				evidence: a.evidence.map((e) => ({kind: e.kind, ref: e.ref})),
				signedOff: a.signedOff,
				stale: false,
			};
		}),
	}));
	const text = JSON.stringify({
		review: {id: review.id, system},
		checklist: {digest: checklistDigest},
		sections,
	});
	writeFileSync(out, `${text.slice(0, -1)},"digest":"sha256:${sha256(text)}"}\n`);
} else {
	let pass = 0;
	for (const s of checklist.sections)
		for (const item of s.items) if (answerOf(item.id)?.status === 'pass') pass++;
	writeSync(1, `${review.system}: ${pass} pass (${checklistDigest.slice(0, 8)})\n`);
}
