#!/usr/bin/env python3
"""Mint an HS256 JWT the API accepts (issuer, audience, base64 key as configured): mint-token.py KEY ROLE [communes,...]."""
import base64, hashlib, hmac, json, sys, time

def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

key, role = sys.argv[1], sys.argv[2]
communes = [c for c in (sys.argv[3] if len(sys.argv) > 3 else "").split(",") if c]
now = int(time.time())
claims = {"iss": "eligibility", "aud": "eligibility-api", "sub": f"bench-{role}", "role": role, "communes": communes,
          "associations": [], "provinces": [], "iat": now, "nbf": now, "exp": now + 8 * 3600}
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps(claims, ensure_ascii=False).encode())
sig = b64(hmac.new(base64.b64decode(key), f"{head}.{body}".encode(), hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
