"""Random junk arguments never crash the interpreter and never leak a panic.

Every public method is called with junk in every argument; the only
exceptions allowed are clientcare errors (mostly InvalidInputError) and the
TypeError Python itself raises for a wrong number of arguments. The fuzz runs
in a child interpreter so that a crash is reported, not fatal to the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

FUZZ = textwrap.dedent(
    r'''
    import inspect, random, sys
    from datetime import date, datetime, timezone
    import clientcare

    AT = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)

    class Evil:
        def __repr__(self): raise RuntimeError("repr")
        def __str__(self): raise RuntimeError("str")
        def __iter__(self): raise RuntimeError("iter")
        def __len__(self): return sys.maxsize

    class LyingLen:
        def __len__(self): return sys.maxsize
        def __iter__(self): return iter([{"full_name": "x"}])

    class StrSub(str): pass

    deep = []
    cur = deep
    for _ in range(100_000):
        nxt = []
        cur.append(nxt)
        cur = nxt
    loop = []
    loop.append(loop)
    loop_dict = {}
    loop_dict["self"] = loop_dict

    def gen_raises():
        yield {"full_name": "ok"}
        raise ValueError("boom")

    JUNK = [
        None, True, 0, -1, 2**64, 2**200, 1.5, float("nan"), float("inf"), "", "x" * 100_000,
        "\ud800", StrSub("phone"), b"bytes", bytearray(b"x"), [], [None], [1, [2, [3]]], (), {},
        {"kind": "email"}, {"type": "register_customer"}, {1: 2}, {"a": object()}, object(),
        Evil(), LyingLen(), deep, loop, loop_dict, datetime(2026, 1, 1), AT, date(2026, 1, 1),
        datetime.min.replace(tzinfo=timezone.utc), set(["a"]), frozenset(), range(3),
        iter([1, 2]), gen_raises(), int, clientcare.Workspace, lambda: 1, 1j,
        "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", "email", "social", "zalo", "lead",
    ]

    rng = random.Random(int(sys.argv[1]))
    ws = clientcare.Workspace(default_region="VN", seed=1, at=AT)
    c = ws.register_customer("Seed", emails=["seed@example.vn"], at=AT)
    methods = [m for m in dir(clientcare.Workspace) if not m.startswith("_") and callable(getattr(clientcare.Workspace, m))]
    calls = 0
    for name in methods:
        fn = getattr(ws, name)
        params = [p for p in inspect.signature(fn).parameters.values()]
        for _ in range(60):
            args, kwargs = [], {}
            for p in params:
                v = rng.choice(JUNK + [c, AT, None])
                if p.kind is p.KEYWORD_ONLY:
                    if p.default is p.empty or rng.random() < 0.5:
                        kwargs[p.name] = v
                elif p.default is p.empty or rng.random() < 0.5:
                    args.append(v)
            try:
                fn(*args, **kwargs)
            except clientcare.Error as e:
                assert isinstance(e.code, str) and isinstance(e.details, dict), e
                str(e)
            except TypeError as e:
                # Only Python's own arity checks may raise TypeError.
                assert "argument" in str(e), (name, repr(e))
            except (RuntimeError, ValueError) as e:
                # Raised by the junk itself (Evil, gen_raises), passed through.
                assert str(e) in ("repr", "str", "iter", "boom") or "borrow" in str(e), (name, repr(e))
            calls += 1
    for v in JUNK:
        for f in (lambda v: ws.register_customers([v]), lambda v: ws.execute({"type": "register_customer", "full_name": v}),
                  lambda v: ws.register_customers(v), lambda v: clientcare.Workspace(v, v),
                  lambda v: clientcare.Workspace.import_log(v), lambda v: ws.update_customer(c, attributes={"k": v}),
                  lambda v: ws.register_customer("J", contacts=[v], at=AT), lambda v: ws == v):
            try:
                f(v)
            except clientcare.Error:
                pass
            except TypeError as e:
                assert "argument" in str(e), repr(e)
            except (RuntimeError, ValueError) as e:
                assert str(e) in ("repr", "str", "iter", "boom"), repr(e)
            calls += 1
    # The workspace is still consistent after all that.
    assert clientcare.Workspace.import_log(ws.export_log()) == ws
    print("ok", calls)
    '''
)


def test_junk_inputs_never_crash() -> None:
    for seed in (1, 2):
        proc = subprocess.run(
            [sys.executable, "-c", FUZZ, str(seed)], capture_output=True, text=True, timeout=300
        )
        assert proc.returncode == 0, proc.stderr[-4000:]
        assert proc.stdout.startswith("ok "), proc.stdout
