#!/usr/bin/env python3
"""Independent check of a U-shield audit log: recomputes the RFC 9162 root over the first SIZE entries
straight from the SQLite file (format: docs/audit-format.md). Usage: independent_root.py DB SIZE"""
import hashlib, sqlite3, struct, sys, base64

def field(b):
    return struct.pack(">I", len(b)) + b

def leaf_data(row):
    seq, *cols = row
    out = bytes([1]) + struct.pack(">Q", seq)
    for c in cols:
        if c is None:
            c = b""
        elif isinstance(c, int):
            c = str(c).encode()
        elif isinstance(c, str):
            c = c.encode("utf-8")
        out += field(c)
    return out

def root(db, size):
    stack = []  # (level, hash)
    q = ("SELECT seq, at, workstation, actor, role, case_id, customer_ref, event_type, outcome, details "
         "FROM audit_entry WHERE seq < ? ORDER BY seq")
    for row in sqlite3.connect(db).execute(q, (size,)):
        h, level = hashlib.sha256(b"\x00" + leaf_data(row)).digest(), 0
        while stack and stack[-1][0] == level:
            h, level = hashlib.sha256(b"\x01" + stack.pop()[1] + h).digest(), level + 1
        stack.append((level, h))
    r = stack.pop()[1] if stack else hashlib.sha256(b"").digest()
    while stack:
        r = hashlib.sha256(b"\x01" + stack.pop()[1] + r).digest()
    return r

if __name__ == "__main__":
    db, size = sys.argv[1], int(sys.argv[2])
    print(size, root(db, size).hex(), base64.b64encode(root(db, size)).decode())
