// The least a command can do with the bench's files, in bare node: read and parse
// them, pick the review, build the output and hash it, write it. No validation,
// no error handling, no durable write, nothing of preflight loaded. The bench runs
// it beside preflight so that each figure can be read against what this machine
// needs for the same bytes. Usage:
//   node scripts/bench-floor.mjs snapshot DB CHECKLIST SYSTEM OUT
//   node scripts/bench-floor.mjs status DB CHECKLIST SYSTEM
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';

const [mode, dbPath, checklistPath, system, out] = process.argv.slice(2);
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

const db = JSON.parse(readFileSync(dbPath).toString('utf8'));
const checklist = JSON.parse(readFileSync(checklistPath).toString('utf8'));
const checklistDigest = sha256(JSON.stringify(checklist));
const review = db.reviews.find((r) => r.system === system);
const pending = {status: 'pending', evidence: []};

if (mode === 'snapshot') {
	const sections = checklist.sections.map((s) => ({
		id: s.id,
		title: s.title,
		items: s.items.map((item) => {
			const a = review.answers[item.id] ?? pending;
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
	const snapshot = {
		review: {id: review.id, system},
		checklist: {digest: checklistDigest},
		sections,
	};
	snapshot.digest = sha256(JSON.stringify(snapshot));
	writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
} else {
	let pass = 0;
	for (const s of checklist.sections)
		for (const item of s.items) if (review.answers[item.id]?.status === 'pass') pass++;
	process.stdout.write(`${review.system}: ${pass} pass (${checklistDigest.slice(0, 8)})\n`);
}
