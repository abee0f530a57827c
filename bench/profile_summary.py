"""Where a web process spends its time, from a py-spy raw profile.

    .venv/bin/python bench/profile_summary.py var/bench/profile-storm-1000.txt

py-spy's raw format is one line per distinct stack: ``frame;frame;...;frame count``
(outermost first). Prints, for the busiest threads, the share of samples whose stack
passes through each of a set of named stages of a join (the session, the user, the
room entry query, the presence row, the handshake, the catch-up, the live writes,
the database thread pool) and the top self-time functions.
"""

import argparse
import collections
import re
import sys

# (label, regular expression on a frame "function (file:line)").
STAGES = [
    # channels/sessions.py wraps every send of every consumer, so the session and
    # user stages name the loads themselves, not the wrappers around them.
    ("session load", r"_get_user_session_key|SessionStore.load"),
    ("user lookup", r"ModelBackend.get_user|get_user_model"),
    ("room entry query", r"room_entry"),
    ("presence row", r"presence_join"),
    ("presence leave", r"presence_leave"),
    ("catch-up (all)", r"_catch_up|events_after"),
    ("catch-up frame written", r"_catch_up.*_push"),
    ("live events written (hub to sockets)", r"RoomConsumer._write"),
    ("websocket handshake", r"WebSocketServerProtocol.handshake"),
    ("socket writes (any)", r"write_frame_sync"),
    ("database thread pool (any)", r"_WorkItem.run"),
    ("Django DB (any)", r"django/db/"),
    ("psycopg (any)", r"psycopg"),
    ("Redis client (any)", r"redis/"),
    ("daphne/autobahn/twisted", r"autobahn|twisted|daphne"),
    ("asgiref sync_to_async", r"asgiref/sync.py"),
    ("json", r"json"),
]


def frames_of(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rstrip("\n").rpartition(" ")
    return stack.split(";"), int(count)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    total = 0
    per_stage: collections.Counter = collections.Counter()
    self_time: collections.Counter = collections.Counter()
    per_thread: collections.Counter = collections.Counter()
    compiled = [(label, re.compile(rx)) for label, rx in STAGES]
    with open(args.path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            frames, count = frames_of(line)
            total += count
            per_thread[frames[0]] += count
            joined = ";".join(frames)
            for label, rx in compiled:
                if rx.search(joined):
                    per_stage[label] += count
            leaf = re.sub(r"\s+", " ", frames[-1])
            self_time[leaf] += count
    if not total:
        print("no samples")
        return 1
    print(f"{total} samples (active, all threads)\n")
    print("| thread | share |\n|---|---:|")
    for thread, count in per_thread.most_common(6):
        print(f"| {thread[:60]} | {100 * count / total:.1f} % |")
    print("\n| stage (stack passes through) | share of samples |\n|---|---:|")
    for label, _ in STAGES:
        print(f"| {label} | {100 * per_stage[label] / total:.1f} % |")
    print("\n| top self time | share |\n|---|---:|")
    for leaf, count in self_time.most_common(args.top):
        print(f"| `{leaf[:110]}` | {100 * count / total:.1f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
