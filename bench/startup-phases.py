"""Splits one server start into phases from Liberty's messages.log (bench/startup-bench.sh).

Each phase ends at the first log line carrying its marker; times are seconds from the launch of
`server run` (LAUNCH_EPOCH_MS, taken by the bench just before it). Prints one line:
    jvm=1.9 kernel=1.2 features=3.1 app_scan=1.8 jpa=6.0 cdi_web=2.1 migrations=0.4 schema=0.9 quartz=0.3 rest=0.5 total=18.2

    python3 bench/startup-phases.py LAUNCH_EPOCH_MS MESSAGES_LOG

The phases, in the order Liberty and the application go through them:
    jvm         launch to the JVM's start (the `server` shell script, then the JVM itself; the JVM's
                start is the kernel's CWWKE0002I time minus the seconds it reports)
    kernel      the OSGi kernel (CWWKE0002I)
    features    feature bundles: security, metrics, health, sessions, up to the application's start (CWWKZ0018I)
    app_scan    the WAR opened, annotations scanned, data sources and transaction recovery, up to JPA (CWWJP0053I)
    jpa         Hibernate's boot: services, entity metadata, the session factory, and Weld's bean
                deployment, up to the web module (SRVE0169I "Workflow Orchestrator")
    cdi_web     web module and WebSocket endpoints, up to Flyway (FlywayExecutor)
    migrations  Flyway: validate (and migrate), up to the banner ("Workflow Orchestrator is starting")
    schema      Hibernate's schema validation and the other start observers, up to Quartz (StdSchedulerFactory)
    quartz      Quartz's scheduler up to "Scheduler started"
    rest        JAX-RS application and servlets, up to CWWKZ0001I (application started)
    total       launch to CWWKZ0001I (the HTTP port opens right after; the bench's health_ms adds its first answer)
"""
import re
import sys
from datetime import datetime, timezone

MARKERS = [
    ("kernel", "CWWKE0002I"),
    ("features", "CWWKZ0018I"),
    ("app_scan", "CWWJP0053I"),
    ("jpa", "Loading Web Module: Workflow Orchestrator"),
    ("cdi_web", "org.flywaydb.core.FlywayExecutor"),
    ("migrations", "Workflow Orchestrator is starting"),
    ("schema", "org.quartz.impl.StdSchedulerFactory"),
    ("quartz", "Scheduler started (Quartz"),
    ("rest", "CWWKZ0001I"),
]
STAMP = re.compile(r"^\[(\d+)/(\d+)/(\d+), (\d+):(\d+):(\d+):(\d+) (\w+)\]")


def epoch_ms(line):
    match = STAMP.match(line)
    if not match:
        return None
    month, day, year, hour, minute, second, millis, zone = match.groups()
    if zone != "UTC":
        raise SystemExit("messages.log must be in UTC (the bench runs the server with TZ unset)")
    moment = datetime(2000 + int(year), int(month), int(day), int(hour), int(minute), int(second),
                      int(millis) * 1000, tzinfo=timezone.utc)
    return moment.timestamp() * 1000


def main():
    launch_ms = float(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8", errors="replace") as log:
        lines = log.readlines()
    found = {}
    for line in lines:
        stamp = epoch_ms(line)
        if stamp is None:
            continue
        for name, marker in MARKERS:
            if name not in found and marker in line:
                found[name] = stamp
                if name == "kernel":
                    reported = re.search(r"after ([\d.]+) seconds", line)
                    if reported:
                        found["jvm"] = stamp - float(reported.group(1)) * 1000
    previous = launch_ms
    parts = []
    for name in ["jvm"] + [name for name, _ in MARKERS]:
        if name not in found:
            parts.append(f"{name}=-")
            continue
        parts.append(f"{name}={(found[name] - previous) / 1000:.1f}")
        previous = found[name]
    total = f"{(found['rest'] - launch_ms) / 1000:.1f}" if "rest" in found else "-"
    print(" ".join(parts) + f" total={total}")


if __name__ == "__main__":
    main()
