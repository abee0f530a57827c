"""The Markdown tables of bench/webinar_wire.py and the check of its targets."""

import os
import platform


def fmt(value, digits=1, scale=1.0) -> str:
    if value is None:
        return "–"
    return f"{value * scale:,.{digits}f}"


def report(results: dict, args) -> bool:
    ok = True
    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{args.processes} web processes, load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    if "fanout" in results:
        print()
        print("Fan-out, 2 messages a second (p50 / p99 ms from send to arrival):")
        print()
        print(
            "| N | bare p50 / p99 | room p50 / p99 | p99 ratio (≤ 2) | delivered "
            "(room) | lost / dup / reordered | DB connections per process |"
        )
        print("|---:|---:|---:|---:|---:|---:|---|")
        for row in results["fanout"]:
            bare, room = row["bare"], row["room"]
            ratio = (
                room["p99_ms"] / bare["p99_ms"]
                if room["p99_ms"] and bare["p99_ms"]
                else None
            )
            order = row["order"]
            good = (
                ratio is not None
                and ratio <= 2
                and room["delivered"] == room["expected"]
                and order["lost"] == order["duplicated"] == order["reordered"] == 0
            )
            ok &= good
            print(
                f"| {row['n']:,} | {fmt(bare['p50_ms'])} / {fmt(bare['p99_ms'])} "
                f"| {fmt(room['p50_ms'])} / {fmt(room['p99_ms'])} | {fmt(ratio, 2)} "
                f"| {room['delivered']:,} / {room['expected']:,} "
                f"| {order['lost']} / {order['duplicated']} / {order['reordered']} "
                f"| {sorted(row['db_connections'].values())} |"
            )
    if "storm" in results:
        print()
        print("Join storm (time from first attempt to welcome; 200 already inside):")
        print()
        print(
            "| N in | bare p50 / p99 s | room p50 / p99 / max s | target p99 "
            "| failed handshakes (room) | shed (4429) | inside: bare p99 / room p99 ms "
            "| ratio (≤ 2) | DB connections per process |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in results["storm"]:
            bare, room = row["bare"], row["room"]
            target = 1.0 if row["n"] <= 1000 else 3.0
            inside = (
                room["existing"]["p99_ms"] / bare["existing"]["p99_ms"]
                if room["existing"]["p99_ms"] and bare["existing"]["p99_ms"]
                else None
            )
            joins = room["joins"]
            good = (
                joins["failed_handshakes"] == 0
                and joins["welcomed"] == joins["n"]
                and joins["p99"] is not None
                and joins["p99"] <= target
                and inside is not None
                and inside <= 2
            )
            ok &= good
            print(
                f"| {row['n']:,} in {row['window']:.0f} s "
                f"| {fmt(bare['joins']['p50'], 2)} / {fmt(bare['joins']['p99'], 2)} "
                f"| {fmt(joins['p50'], 2)} / {fmt(joins['p99'], 2)} "
                f"/ {fmt(joins['max'], 2)} | {target:.0f} "
                f"| {joins['failed_handshakes']} {joins['failures'] or ''} "
                f"| {joins['shed']} "
                f"| {fmt(bare['existing']['p99_ms'])} / "
                f"{fmt(room['existing']['p99_ms'])} | {fmt(inside, 2)} "
                f"| {sorted(row['db_connections'].values())} |"
            )
    if "redis" in results:
        row = results["redis"]
        good = (
            row["behind_at_end"] == 0
            and row["missing_at_back"] == 0
            and row["catch_up_max"] is not None
            and row["catch_up_max"] <= 2
            and row["lost"] == row["duplicated"] == row["reordered"] == 0
            and row["http_5xx"] == 0
        )
        ok &= good
        print()
        print(
            f"Redis killed for {row['outage_s']} s and restarted empty, {row['n']} "
            f"in the room: caught up after it returned p50 "
            f"{fmt(row['catch_up_p50'], 2)} s, max {fmt(row['catch_up_max'], 2)} s "
            f"(target ≤ 2); lost {row['lost']}, duplicated {row['duplicated']}, "
            f"reordered {row['reordered']}; HTTP 5xx {row['http_5xx']}; "
            f"reconnects {row['reconnects']}; behind at the end {row['behind_at_end']}"
            f"; failures {row['failures'] or 0}. {'pass' if good else 'FAIL'}"
        )
    if "kill" in results:
        row = results["kill"]
        good = (
            row["behind_at_end"] == 0
            and row["back_max"] is not None
            and row["back_p99"] <= 2
            and row["lost"] == row["duplicated"] == row["reordered"] == 0
        )
        ok &= good
        print()
        print(
            f"kill -9 of one web process, {row['n']} in the room: {row['affected']} "
            f"clients reconnected; back and caught up p50 {fmt(row['back_p50'], 2)} s"
            f", p99 {fmt(row['back_p99'], 2)} s, max {fmt(row['back_max'], 2)} s "
            f"(target ≤ 2); lost {row['lost']}, duplicated {row['duplicated']}, "
            f"reordered {row['reordered']}; HTTP 5xx {row['http_5xx']}; failures "
            f"{row['failures'] or 0}. {'pass' if good else 'FAIL'}"
        )
    print()
    print("targets met" if ok else "TARGETS NOT MET")
    return ok
