// The work of a review split by owner (docs/team.md, "Work split by owner"):
// what each role still has to settle, and the blockers grouped by their
// owners. Pure, like the rest of model/.
import type {ItemResult} from './evaluate.js';
import {ownValue} from './records.js';
import {rolesText} from './team.js';

/** How many blockers one role may settle; `role` undefined: the blockers open to anyone. */
export type RoleCount = {role?: string; count: number};

/**
 * How many blockers each owning role may settle, in the order the roles are
 * first named by a blocker, then those open to anyone. A blocker that two roles
 * may settle counts for each of them.
 */
export function waitingOn(blockers: readonly ItemResult[]): RoleCount[] {
	const counts = new Map<string, number>();
	let anyone = 0;
	for (const b of blockers) {
		const owners = b.signing.rule.owners;
		if (owners.length === 0) anyone++;
		for (const role of new Set(owners)) counts.set(role, (counts.get(role) ?? 0) + 1);
	}
	const out: RoleCount[] = [...counts].map(([role, count]) => ({role, count}));
	if (anyone) out.push({count: anyone});
	return out;
}

/** "security 3 · sre 2 · anyone 1"; empty when nothing blocks. */
export function waitingOnText(counts: readonly RoleCount[]): string {
	return counts.map((c) => `${c.role ?? 'anyone'} ${c.count}`).join(' · ');
}

/** Blockers that share their owners; `owners` empty: open to anyone. */
export type BlockerGroup = {owners: string[]; blockers: ItemResult[]};

/**
 * The blockers grouped by the roles that may settle them ("security",
 * "security or sre"), each blocker once, groups in the order of their first
 * blocker, the blockers open to anyone last.
 */
export function groupByOwners(blockers: readonly ItemResult[]): BlockerGroup[] {
	const groups: BlockerGroup[] = [];
	const byKey: Record<string, BlockerGroup> = Object.create(null) as Record<string, BlockerGroup>;
	let open: BlockerGroup | undefined;
	for (const b of blockers) {
		const owners = b.signing.rule.owners;
		if (owners.length === 0) {
			open ??= {owners: [], blockers: []};
			open.blockers.push(b);
			continue;
		}
		const key = JSON.stringify(owners);
		let group = ownValue(byKey, key);
		if (!group) {
			group = {owners: [...owners], blockers: []};
			byKey[key] = group;
			groups.push(group);
		}
		group.blockers.push(b);
	}
	return open ? [...groups, open] : groups;
}

/** A group's heading: "security (3)", "security or sre (1)", "open to anyone (2)". */
export function groupHeading(group: BlockerGroup): string {
	const who = group.owners.length ? rolesText(group.owners) : 'open to anyone';
	return `${who} (${group.blockers.length})`;
}
