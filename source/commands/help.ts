import type {Invocation} from '../cli/args.js';
import {writeOut} from '../terminal/output.js';

const text = `preflight — launch-readiness reviews in the terminal

Usage:
  preflight [--system NAME [--release R]]    open the app (home screen, or that review)
  preflight reviews [--json]                 list reviews
  preflight status [--json] [--as-of DATE]   totals, sections, verdict, blockers
  preflight set ITEM STATUS [options]        record a sign-off (pass, fail, na, waived, pending)
      --evidence REF (repeatable) --note T --justification T
      --waiver-reason T --waiver-owner O --waiver-expires YYYY-MM-DD
  preflight snapshot [--format json|md|junit] [--out FILE] [--as-of DATE]
  preflight gate [--json] [--as-of DATE]     exit 0 when ready, 1 when not
  preflight verify FILE [--json]             check a snapshot's digest and file evidence
  preflight diff OLD NEW [--json]            what changed between two snapshots
  preflight checklist validate FILE          validate a checklist file
  preflight checklist schema                 JSON Schema of the checklist format

Common options:
  --db PATH          database (default .preflight/db.json, or PREFLIGHT_DB)
  --checklist FILE   checklist (default: the AI Infrastructure Checklist)
  --system S --release R   the review to act on (optional when there is only one)
  --reviewer NAME    who signs off (else PREFLIGHT_REVIEWER, git user.name, OS user)
  -h, --help         this help     -v, --version   the version

Exit codes: 0 ok, 1 not ready / changed, 2 bad usage or bad input.
`;

export async function run(_inv: Invocation): Promise<number> {
	writeOut(text);
	return 0;
}
