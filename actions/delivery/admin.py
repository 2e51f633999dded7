"""The outbox for an administrator: what has not reached the intake, and a retry once fixed.

    make outbox                 (python -m actions.delivery.admin list)
    make outbox-retry ID=<id>   (python -m actions.delivery.admin retry <id>)
    python -m actions.delivery.admin prune   (delete delivered entries past SIGNAAL_OUTBOX_RETENTION_DAYS)

Shows ids, kind, state, age, attempts and the intake's last answer; never a
signal's content.
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import List, Optional

from actions.delivery.outbox import PENDING, REJECTED, OutboxItem, local_reference, outbox

LONG_PENDING_SECONDS = 15 * 60


def age(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{seconds // 86400} d {seconds % 86400 // 3600} h"


def listing(items: List[OutboxItem], now: Optional[float] = None) -> List[str]:
    now = time.time() if now is None else now
    if not items:
        return ["Outbox leeg: alles is bij de intake aangekomen. / Outbox empty: everything reached the intake."]
    lines = [f"{'id':36}  {'ref':12}  {'kind':8}  {'state':9}  {'age':>10}  {'tries':>5}  last answer"]
    for item in items:
        state = item.status
        if item.status == PENDING and now - item.created_at > LONG_PENDING_SECONDS:
            state = "pending!"  # waiting for long: the intake has been unreachable a while
        lines.append(f"{item.id:36}  {local_reference(item.id):12}  {item.kind:8}  {state:9}  "
                     f"{age(now - item.created_at):>10}  {item.attempts:>5}  {(item.last_error or '')[:80]}")
    rejected = sum(1 for item in items if item.status == REJECTED)
    lines.append(f"{len(items)} niet aangekomen, waarvan {rejected} geweigerd / {len(items)} not delivered, "
                 f"{rejected} refused. Herstel de oorzaak, dan: make outbox-retry ID=<id>")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Signaal outbox administration")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    retry = sub.add_parser("retry")
    retry.add_argument("id")
    sub.add_parser("prune")
    args = parser.parse_args(argv)
    if args.command == "list":
        print("\n".join(listing(outbox().unsent())))
        return 0
    if args.command == "retry":
        if outbox().retry(args.id):
            print(f"{args.id}: weer in de wachtrij; de verzender probeert het binnen enkele seconden / "
                  f"queued again; the sender tries within seconds")
            return 0
        print(f"{args.id}: geen onverzonden item met dit id / no unsent entry with this id", file=sys.stderr)
        return 1
    from actions.delivery.sender import retention_seconds

    print(f"{outbox().prune_sent(retention_seconds())} verzonden items verwijderd / delivered entries deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
