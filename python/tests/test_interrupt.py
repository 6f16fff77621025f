"""Ctrl-C during a long scenario run raises KeyboardInterrupt promptly (the cancel token)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import aisov

SCRIPT = textwrap.dedent("""
    import sys, time
    import aisov
    eng = aisov.open()
    print("ready", flush=True)
    t0 = time.monotonic()
    try:
        eng.scenario_run("taiwan-foundry", draws=3_000_000, threads=1, economies="TWN",
                         years=2030)
    except KeyboardInterrupt:
        print("interrupted %.3f" % (time.monotonic() - t0), flush=True)
        sys.exit(7)
    print("finished", flush=True)
""")


def test_sigint_stops_a_long_run():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(aisov.__file__)))
    p = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert p.stdout.readline().strip() == "ready"
        time.sleep(1.0)  # well inside the run (3·10^6 draws take about 40 s)
        sent = time.monotonic()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
        elapsed = time.monotonic() - sent
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 7, (out, err)
    assert out.startswith("interrupted"), (out, err)
    assert elapsed < 2.0, elapsed


def test_calls_release_the_gil():
    # While one thread runs a scenario, another Python thread keeps running: it could not if the
    # call held the GIL.
    import threading

    eng = aisov.open()
    done = threading.Event()

    def work():
        eng.scenario_run("taiwan-foundry", draws=20000, threads=1, economies="TWN", years=2030)
        eng.census(weight="h100e")
        done.set()

    t = threading.Thread(target=work)
    ticks = 0
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    assert ticks >= 20, ticks
